from django.contrib.sitemaps import Sitemap
from django.urls import reverse

# The campaign's public pages. The campaign home (advocacy:index) is in portal's "sections"
# sitemap; the confirm, withdraw and thank-you pages belong to one person and are left out.
PAGES = ["advocacy:pledge", "advocacy:wall", "advocacy:letter", "advocacy:institutions"]


class AdvocacySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return PAGES

    def location(self, item):
        return reverse(item)


SITEMAPS = {"advocacy": AdvocacySitemap}
