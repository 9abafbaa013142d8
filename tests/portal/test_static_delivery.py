"""Static files as production serves them, and what a first visit to the home page downloads."""

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

FIRST_VISIT_BUDGET = 100 * 1024  # bytes, compressed: HTML, CSS, JS, fonts and images


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return WhiteNoiseMiddleware(get_response=lambda request: HttpResponseNotFound())


def test_hashed_stylesheet_is_served_gzipped_and_cached_for_a_decade(production_static):
    url = staticfiles_storage.url("css/site.css")
    assert url != "/static/css/site.css" and url.endswith(".css")  # the name carries a hash

    request = RequestFactory().get(url, HTTP_ACCEPT_ENCODING="gzip")
    response = production_static(request)

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "Accept-Encoding" in response["Vary"]
    body = gzip.decompress(b"".join(response.streaming_content))
    assert body == Path(finders.find("css/site.css")).read_bytes()


def test_unhashed_name_is_not_cached_forever(production_static):
    request = RequestFactory().get("/static/css/site.css", HTTP_ACCEPT_ENCODING="gzip")
    response = production_static(request)
    assert response.status_code == 200
    assert "immutable" not in response.get("Cache-Control", "")


class _Assets(HTMLParser):
    """The scripts, stylesheets, icons and images a page makes a browser fetch."""

    def __init__(self):
        super().__init__()
        self.scripts, self.fetched = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
            if attrs.get("src"):
                self.fetched.append(attrs["src"])
        elif tag == "link" and {"stylesheet", "icon", "preload"} & set(
            (attrs.get("rel") or "").split()
        ):
            self.fetched.append(attrs["href"])
        elif tag == "img" and attrs.get("src"):
            self.fetched.append(attrs["src"])


def _assets(html):
    parser = _Assets()
    parser.feed(html)
    return parser


@pytest.mark.django_db
def test_home_page_has_no_render_blocking_scripts(client, member):
    for who in (None, member):
        if who:
            client.force_login(who)
        page = _assets(client.get("/").content.decode())
        for script in page.scripts:
            if script.get("src"):
                assert "defer" in script or script.get("type") == "module", script
            else:
                # Inline code is refused by the Content Security Policy; only data is inline.
                assert script.get("type") == "application/ld+json", script


@pytest.mark.django_db
def test_first_visit_to_the_home_page_downloads_under_100_kb(client):
    html = client.get("/").content
    total = len(gzip.compress(html))
    for url in _assets(html.decode()).fetched:
        assert url.startswith("/static/"), f"{url}: assets come from our own static files"
        path = finders.find(url.removeprefix("/static/"))
        assert path, url
        total += len(gzip.compress(Path(path).read_bytes()))
    css = Path(finders.find("css/site.css")).read_text()
    for asset in _css_urls(css):
        total += len(gzip.compress(Path(finders.find(asset)).read_bytes()))
    assert total < FIRST_VISIT_BUDGET, f"{total:,} bytes"


def _css_urls(css):
    """Files the stylesheet itself pulls in (fonts, background images), relative to css/."""
    found = []
    for url in re.findall(r"url\(['\"]?([^'\")]+)['\"]?\)", css):
        if url.startswith("data:"):
            continue
        found.append(str(Path("css", url)).replace("css/../", ""))
    return found
