from django.contrib.sitemaps import Sitemap

from portal.access import Visibility
from resources.models import Resource


class ResourceSitemap(Sitemap):
    """Published public resources; member-only ones are not advertised to crawlers."""

    changefreq = "weekly"
    priority = 0.5
    limit = 5000

    def items(self):
        return (
            Resource.objects.published()
            .filter(visibility=Visibility.PUBLIC)
            .only("slug", "updated_at")
            .order_by("-published_at", "pk")
        )

    def lastmod(self, resource):
        return resource.updated_at


SITEMAPS = {"resources": ResourceSitemap}
