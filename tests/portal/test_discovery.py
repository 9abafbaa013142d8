"""How search engines and link previews see the portal: robots.txt, canonical addresses, Open
Graph and Twitter cards, noindex on private pages, feeds, schema.org data and the sitemap."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import Job
from portal.access import Visibility
from tests.careers.factories import JobFactory
from tests.certification.factories_catalog import (
    CEOptionTypeFactory,
    CertifyingBodyFactory,
    CredentialFactory,
)
from tests.certification.factories_webinars import WebinarFactory, WebinarRegistrationFactory
from tests.factories import PageFactory, ResourceFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


class _Head(HTMLParser):
    """The <meta> and <link> tags of a page's <head>, and its JSON-LD blocks."""

    def __init__(self):
        super().__init__()
        self.in_head = False
        self.meta = {}
        self.links = []
        self.json_ld = []
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif tag == "meta" and self.in_head:
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link" and self.in_head:
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = {"nonce": attrs.get("nonce"), "text": ""}

    def handle_data(self, data):
        if self._script is not None:
            self._script["text"] += data

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        elif tag == "script" and self._script is not None:
            self.json_ld.append(self._script)
            self._script = None


def _head(response) -> _Head:
    parser = _Head()
    parser.feed(response.content.decode())
    return parser


def _canonical(head: _Head) -> str | None:
    hrefs = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert len(hrefs) <= 1, hrefs
    return hrefs[0] if hrefs else None


# --- robots.txt ---------------------------------------------------------------------------------


def _disallowed(robots_text: str, path: str) -> bool:
    for line in robots_text.splitlines():
        if line.startswith("Disallow:"):
            rule = line.split(":", 1)[1].strip()
            pattern = "".join(".*" if char == "*" else re.escape(char) for char in rule)
            if rule and re.match(pattern, path):
                return True
    return False


def test_robots_txt_keeps_crawlers_out_of_admin_accounts_and_private_areas(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    lines = text.splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    for path in (
        "/admin/",
        "/accounts/",
        "/careers/my/",
        "/careers/employer/",
        "/certification/tracker/",
        "/advocacy/pledge/confirm/",
        "/advocacy/pledge/withdraw/",
    ):
        assert f"Disallow: {path}" in lines, path


def test_robots_txt_names_the_sitemap_by_its_absolute_address(client, settings):
    settings.ALLOWED_HOSTS = ["portal.ascls-il.org"]
    text = client.get("/robots.txt", HTTP_HOST="portal.ascls-il.org").content.decode()

    assert "Sitemap: http://portal.ascls-il.org/sitemap.xml" in text.splitlines()


def test_robots_txt_covers_every_per_person_page_and_none_of_the_public_ones(client):
    text = client.get("/robots.txt").content.decode()
    job = JobFactory()
    webinar = WebinarFactory()
    resource = ResourceFactory()

    private = [
        reverse("admin:index"),
        reverse("account_login"),
        reverse("account_profile"),
        reverse("careers:seeker_dashboard"),
        reverse("careers:resume_edit", args=[1]),
        reverse("careers:application_detail", args=[1]),
        reverse("careers:employer_dashboard"),
        reverse("careers:applicants", args=[1]),
        reverse("careers:apply", args=[job.slug]),
        reverse("careers:alert_unsubscribe", args=["2b1c8f6e-6f7d-4d6a-9d3b-0c1f2e3a4b5c"]),
        reverse("certification:tracker"),
        reverse("certification:transcript_pdf", args=[1]),
        reverse("certification:certificate_download", args=[1]),
        reverse("certification:reminders_unsubscribe", args=["token"]),
        reverse("certification:webinar_register", args=[webinar.slug]),
        reverse("advocacy:pledge_confirm", args=["signed-token"]),
        reverse("advocacy:pledge_withdraw", args=["2b1c8f6e-6f7d-4d6a-9d3b-0c1f2e3a4b5c"]),
        reverse("advocacy:pledge_thanks"),
    ]
    public = [
        reverse("home"),
        reverse("membership"),
        resource.get_absolute_url(),
        reverse("resources:library"),
        job.get_absolute_url(),
        reverse("careers:index"),
        reverse("careers:services"),
        webinar.get_absolute_url(),
        reverse("certification:webinar_ics", args=[webinar.slug]),
        reverse("certification:faq"),
        reverse("advocacy:pledge"),
        reverse("advocacy:wall"),
        reverse("sitemap_index"),
    ]
    assert [path for path in private if not _disallowed(text, path)] == []
    assert [path for path in public if _disallowed(text, path)] == []


# --- Canonical address, Open Graph and Twitter cards --------------------------------------------


def _assert_preview(head: _Head, *, url: str, title: str, description: str):
    assert _canonical(head) == url
    assert head.meta["og:url"] == url
    assert head.meta["og:type"] == "website"
    assert head.meta["og:site_name"] == "ASCLS-Illinois"
    assert head.meta["og:title"] == title
    assert head.meta["og:description"] == description
    assert head.meta["description"] == description
    assert head.meta["og:image"] == "http://testserver/static/img/og-default.png"
    assert head.meta["og:image:alt"]
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:title"] == title
    assert head.meta["twitter:description"] == description


def test_home_page_carries_its_canonical_address_and_link_preview(client):
    head = _head(client.get("/"))

    _assert_preview(
        head,
        url="http://testserver/",
        title="Laboratory Professionals Portal",
        description="ASCLS-Illinois: resources, careers, certification and continuing education "
        "for Illinois clinical laboratory professionals.",
    )


def test_resource_page_previews_with_its_title_and_summary(client):
    resource = ResourceFactory(
        title="Blood smear review & criteria", summary="When to review a smear by hand."
    )

    head = _head(client.get(resource.get_absolute_url()))

    _assert_preview(
        head,
        url=f"http://testserver/resources/{resource.slug}/",
        title="Blood smear review & criteria",
        description="When to review a smear by hand.",
    )


def test_job_page_previews_with_the_job_title(client):
    job = JobFactory(title="Night shift MLT")

    response = client.get(job.get_absolute_url())
    head = _head(response)

    assert _canonical(head) == f"http://testserver/careers/jobs/{job.slug}/"
    assert head.meta["og:url"] == _canonical(head)
    assert "Night shift MLT" in head.meta["og:title"]
    assert head.meta["twitter:title"] == head.meta["og:title"]
    assert head.meta["og:description"]
    assert head.meta["og:image"] == "http://testserver/static/img/og-default.png"
    assert head.meta["twitter:card"] == "summary_large_image"
    # The job's JobPosting data is still there.
    assert json.loads(head.json_ld[0]["text"])["@type"] == "JobPosting"


def test_canonical_address_drops_tracking_and_filter_query_strings(client):
    resource = ResourceFactory()

    head = _head(
        client.get(resource.get_absolute_url(), {"utm_source": "newsletter", "fbclid": "x1"})
    )

    assert _canonical(head) == f"http://testserver{resource.get_absolute_url()}"
    assert head.meta["og:url"] == _canonical(head)


def test_canonical_address_keeps_the_page_number_of_a_later_page(client):
    ResourceFactory.create_batch(21)

    second = _head(client.get("/resources/library/", {"page": "2", "utm_medium": "email"}))
    first = _head(client.get("/resources/library/", {"page": "1", "kind": "document"}))

    assert _canonical(second) == "http://testserver/resources/library/?page=2"
    assert _canonical(first) == "http://testserver/resources/library/"


def test_private_pages_ask_not_to_be_indexed_and_public_ones_do_not(client, non_member):
    resource = ResourceFactory(visibility=Visibility.MEMBERS, title="Member salary survey")

    login_head = _head(client.get(reverse("account_login")))
    signup_head = _head(client.get(reverse("account_signup")))
    public_head = _head(client.get(reverse("membership")))
    client.force_login(non_member)
    response = client.get(resource.get_absolute_url())

    assert response.status_code == 403
    assert "Member salary survey" in response.content.decode()
    assert _head(response).meta.get("robots") == "noindex"
    assert login_head.meta.get("robots") == "noindex"
    assert signup_head.meta.get("robots") == "noindex"
    assert "robots" not in public_head.meta


# --- Feeds --------------------------------------------------------------------------------------


def _feeds(head: _Head) -> list[tuple[str, str]]:
    return [
        (link["title"], link["href"])
        for link in head.links
        if link.get("rel") == "alternate" and link.get("type") == "application/atom+xml"
    ]


@pytest.mark.parametrize(
    "path", ["/membership/", "/resources/", "/resources/library/", "/careers/"]
)
def test_every_page_links_the_two_site_feeds_once_in_its_head(client, path):
    head = _head(client.get(path))

    assert _feeds(head) == [
        ("New laboratory resources", "/resources/feed/"),
        ("Laboratory jobs", "/careers/feed/"),
    ]


# --- schema.org data ----------------------------------------------------------------------------


def _nonce(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return re.search(r"'nonce-([^']+)'", policy).group(1)


def test_home_page_describes_the_society_as_an_organization(client):
    response = client.get("/")
    blocks = _head(response).json_ld

    assert len(blocks) == 1
    assert blocks[0]["nonce"] == _nonce(response)
    data = json.loads(blocks[0]["text"])
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Organization"
    assert data["name"] == "ASCLS-Illinois"
    assert data["alternateName"] == "Illinois Society for Clinical Laboratory Science"
    assert data["url"] == "http://testserver/"
    assert data["email"] == "info@ascls-il.org"
    assert "https://www.facebook.com/ASCLSIllinois" in data["sameAs"]
    assert data["parentOrganization"]["alternateName"] == "ASCLS"


def test_webinar_page_describes_an_online_event_without_the_join_link(client, member):
    webinar = WebinarFactory(
        title="Coagulation case studies",
        description="<p>Abnormal PT &amp; aPTT results, one case at a time.</p>",
        starts_at=timezone.make_aware(timezone.datetime(2031, 3, 12, 18, 0)),
        duration_minutes=90,
    )
    WebinarRegistrationFactory(webinar=webinar, user=member)
    client.force_login(member)

    response = client.get(webinar.get_absolute_url())
    html = response.content.decode()
    blocks = _head(response).json_ld

    # The registered member sees the join link on the page, but not in the data for crawlers.
    assert webinar.join_url in html
    assert len(blocks) == 1
    assert blocks[0]["nonce"] == _nonce(response)
    assert "meet.example.org" not in blocks[0]["text"]
    data = json.loads(blocks[0]["text"])
    assert data["@type"] == "Event"
    assert data["name"] == "Coagulation case studies"
    assert data["description"] == "Abnormal PT & aPTT results, one case at a time."
    assert data["startDate"] == "2031-03-12T18:00:00-05:00"
    assert data["endDate"] == "2031-03-12T19:30:00-05:00"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    page_url = f"http://testserver{webinar.get_absolute_url()}"
    assert data["location"] == {"@type": "VirtualLocation", "url": page_url}
    assert data["organizer"]["name"] == "ASCLS-Illinois"
    assert "meet.example.org" not in json.dumps(data)


def test_unpublished_webinar_preview_carries_no_event_data(client, staff_user):
    webinar = WebinarFactory(is_published=False)
    client.force_login(staff_user)

    response = client.get(webinar.get_absolute_url())

    assert "only staff can see this page" in response.content.decode()
    assert _head(response).json_ld == []


# --- Sitemap ------------------------------------------------------------------------------------


def _sitemap(client) -> dict[str, str | None]:
    """Every URL in the sitemap (all sections), mapped to its lastmod."""
    index = ET.fromstring(client.get("/sitemap.xml").content)  # noqa: S314 - our own sitemap
    urls = {}
    for loc in index.findall("sm:sitemap/sm:loc", SITEMAP_NS):
        section = client.get(urlsplit(loc.text).path)
        assert section.status_code == 200, loc.text
        for url in ET.fromstring(section.content).findall("sm:url", SITEMAP_NS):  # noqa: S314
            lastmod = url.find("sm:lastmod", SITEMAP_NS)
            urls[urlsplit(url.find("sm:loc", SITEMAP_NS).text).path] = (
                lastmod.text if lastmod is not None else None
            )
    return urls


def test_sitemap_lists_public_published_resources_and_pages_with_their_last_change(client):
    resource = ResourceFactory()
    page = PageFactory()
    member_resource = ResourceFactory(visibility=Visibility.MEMBERS)
    draft_resource = ResourceFactory(is_published=False)
    member_page = PageFactory(visibility=Visibility.MEMBERS)
    draft_page = PageFactory(is_published=False)

    urls = _sitemap(client)

    resource.refresh_from_db()
    page.refresh_from_db()
    for item in (resource, page):
        # lastmod is the day of the last change in the site's time zone.
        assert urls[item.get_absolute_url()].startswith(
            timezone.localdate(item.updated_at).isoformat()
        )
    for hidden in (member_resource, draft_resource, member_page, draft_page):
        assert hidden.get_absolute_url() not in urls


def test_sitemap_lists_live_jobs_only(client):
    live = JobFactory()
    others = [
        JobFactory(status=Job.Status.DRAFT, published_at=None),
        JobFactory(status=Job.Status.PENDING, published_at=None),
        JobFactory(status=Job.Status.REJECTED, published_at=None),
        JobFactory(status=Job.Status.CLOSED),
        JobFactory(status=Job.Status.EXPIRED),
        # Still marked published, but its closing date has passed.
        JobFactory(closes_on=timezone.localdate() - timedelta(days=1)),
    ]

    urls = _sitemap(client)

    live.refresh_from_db()
    assert urls[live.get_absolute_url()].startswith(timezone.localdate(live.updated_at).isoformat())
    assert [job.status for job in others if job.get_absolute_url() in urls] == []


def test_sitemap_lists_the_certification_guide_pages(client):
    credential = CredentialFactory()
    option_type = CEOptionTypeFactory()
    body = CertifyingBodyFactory()

    urls = _sitemap(client)

    for path in (
        credential.get_absolute_url(),
        credential.body.get_absolute_url(),
        body.get_absolute_url(),
        option_type.get_absolute_url(),
        reverse("certification:options"),
        reverse("certification:pace"),
        reverse("certification:faq"),
        reverse("certification:index"),
    ):
        assert path in urls, path


def test_sitemap_lists_published_webinars_and_the_webinar_list(client):
    upcoming = WebinarFactory()
    past = WebinarFactory(starts_at=timezone.now() - timedelta(days=30))
    draft = WebinarFactory(is_published=False)

    urls = _sitemap(client)

    assert reverse("certification:webinar_list") in urls
    assert upcoming.get_absolute_url() in urls
    assert past.get_absolute_url() in urls
    assert draft.get_absolute_url() not in urls


def test_sitemap_lists_the_section_and_campaign_pages(client):
    urls = _sitemap(client)

    for path in ("/", "/membership/", "/resources/", "/careers/", "/certification/",
                 "/advocacy/", "/advocacy/pledge/", "/advocacy/wall/"):  # fmt: skip
        assert path in urls, path
    assert not any(path.startswith(("/accounts/", "/admin/", "/careers/my/")) for path in urls)


# --- The header search box ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/membership/", "/resources/", "/careers/", "/certification/", "/advocacy/",
     "/accounts/login/", "/no/such/page/"],
)  # fmt: skip
def test_every_page_has_the_site_search_box_in_its_header(client, path):
    html = client.get(path).content.decode()

    header = html.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    form = re.search(r'<form role="search" action="([^"]+)" method="get"[^>]*>(.*?)</form>',
                     header, re.S)  # fmt: skip
    assert form, "no search form in the header"
    assert form.group(1) == "/search/"
    body = form.group(2)
    assert '<label for="site-search-q" class="visually-hidden">Search the portal</label>' in body
    assert re.search(r'<input type="search" id="site-search-q" name="q"', body)
    assert '<button type="submit"' in body and ">Search</button>" in body
