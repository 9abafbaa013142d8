from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from portal.access import Visibility
from resources.models import Resource


class NewResourcesFeed(Feed):
    """Newly published open resources. Member-only ones never appear, whoever asks: feeds are
    read by aggregators that have no login."""

    feed_type = Atom1Feed
    title = "ASCLS-Illinois: new laboratory resources"
    subtitle = "Documents, links and videos newly added to the ASCLS-Illinois resource library."
    link = reverse_lazy("resources:library")

    def items(self):
        return (
            Resource.objects.published()
            .filter(visibility=Visibility.PUBLIC)
            .defer("body")
            .order_by("-published_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
