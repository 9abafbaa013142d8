from django.contrib.sitemaps import Sitemap

from careers.models import Job


class JobSitemap(Sitemap):
    """Only live jobs: drafts, posts in review and closed or expired posts stay out."""

    changefreq = "daily"
    priority = 0.6
    limit = 5000

    def items(self):
        return Job.objects.live().only("slug", "updated_at").order_by("-published_at", "pk")

    def lastmod(self, job):
        return job.updated_at


SITEMAPS = {"jobs": JobSitemap}
