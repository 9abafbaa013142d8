"""The site map: the portal's own pages plus what each app offers in its sitemaps.py."""

from importlib import import_module

from django.apps import apps
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils.module_loading import module_has_submodule

from portal.access import Visibility
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
    for config in apps.get_app_configs():
        if config.name.startswith(("django", "allauth")) or config.name == "portal":
            continue
        if module_has_submodule(config.module, "sitemaps"):
            sitemaps.update(import_module(f"{config.name}.sitemaps").SITEMAPS)
    return sitemaps
