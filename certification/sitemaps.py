from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from certification.models import CEOptionType, CertifyingBody, Credential

# The section's own public pages (the section home is in portal's "sections" sitemap).
PAGES = ["certification:options", "certification:pace", "certification:faq"]


class CertificationSitemap(Sitemap):
    """The guide pages of Certification & CE: every certifying body, credential and kind of CE
    option, plus the directory, P.A.C.E. and FAQ pages. All of them are public."""

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


SITEMAPS = {"certification": CertificationSitemap}
