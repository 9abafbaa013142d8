from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from certification.models import CEOptionType, CertifyingBody, Credential, Webinar

# The section's own public pages (the section home is in portal's "sections" sitemap).
PAGES = [
    "certification:options",
    "certification:pace",
    "certification:faq",
    "certification:webinar_list",
]


class CertificationSitemap(Sitemap):
    """The guide pages of Certification & CE: every certifying body, credential and kind of CE
    option, plus the directory, P.A.C.E., FAQ and webinar list pages. All of them are public."""

    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return [
            *PAGES,
            *CertifyingBody.objects.only("slug").order_by("order", "pk"),
            *Credential.objects.only("slug").order_by("body__order", "order", "pk"),
            *CEOptionType.objects.only("slug").order_by("order", "pk"),
        ]

    def location(self, item):
        return reverse(item) if isinstance(item, str) else item.get_absolute_url()


class WebinarSitemap(Sitemap):
    """Published webinars, upcoming and past: each page is public (the join link and the
    recording are for members). Drafts stay out. Webinars keep no time of last change, so
    there is no lastmod."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return Webinar.objects.published().only("slug").order_by("-starts_at", "pk")


SITEMAPS = {"certification": CertificationSitemap, "webinars": WebinarSitemap}
