from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from careers.models import Job


class JobsFeed(Feed):
    """Live jobs only: never a draft, a post in review, a rejected, closed or expired one."""

    feed_type = Atom1Feed
    title = "ASCLS-Illinois Career Center: laboratory jobs"
    subtitle = "Laboratory positions newly posted on the ASCLS-Illinois Career Center."
    link = reverse_lazy("careers:index")

    def items(self):
        return (
            Job.objects.live()
            .select_related("employer")
            .defer("description")
            .order_by("-published_at")[:50]
        )

    def item_title(self, item):
        return f"{item.title} — {item.employer.name}, {item.city}"

    def item_description(self, item):
        return (
            f"{item.get_employment_type_display()}, {item.get_shift_display()} shift, "
            f"{item.get_credential_display()}. Apply by {item.closes_on:%B %-d, %Y}."
        )

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at
