"""The site map: the portal's own pages plus what each app offers in its sitemaps.py."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.access import Visibility
from portal.contributions import app_modules
from portal.models import Page


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Page.objects.published().filter(visibility=Visibility.PUBLIC).order_by("pk")

    def lastmod(self, page):
        return page.updated_at


class SectionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return ["home", "membership", "resources:index", "careers:index", "certification:index",
                "advocacy:index"]  # fmt: skip

    def location(self, item):
        return reverse(item)


def collect_sitemaps():
    sitemaps = {"sections": SectionSitemap, "pages": PageSitemap}
    for module in app_modules("sitemaps"):
        sitemaps.update(module.SITEMAPS)
    return sitemaps
