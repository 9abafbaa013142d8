"""The campaign's public pages in the site map (advocacy/sitemaps.py)."""

import re

import pytest
from django.urls import reverse

from tests.advocacy.factories import PledgeFactory

pytestmark = pytest.mark.django_db


def _locations(client, path):
    return re.findall(r"<loc>(.*?)</loc>", client.get(path).content.decode())


def test_sitemap_lists_the_public_campaign_pages(client):
    locations = _locations(client, "/sitemap-advocacy.xml")

    assert locations == [
        f"http://testserver{reverse(name)}"
        for name in ["advocacy:pledge", "advocacy:wall", "advocacy:letter", "advocacy:institutions"]
    ]
    assert "http://testserver/sitemap-advocacy.xml" in _locations(client, "/sitemap.xml")


def test_campaign_home_is_listed_once_across_the_site_map(client):
    index = f"http://testserver{reverse('advocacy:index')}"
    everywhere = [
        location
        for sitemap in _locations(client, "/sitemap.xml")
        for location in _locations(client, sitemap.removeprefix("http://testserver"))
    ]

    assert everywhere.count(index) == 1


def test_sitemap_has_no_personal_links(client):
    pledge = PledgeFactory()

    xml = client.get("/sitemap-advocacy.xml").content.decode()

    assert "confirm" not in xml
    assert "withdraw" not in xml
    assert "thank-you" not in xml
    assert str(pledge.token) not in xml
