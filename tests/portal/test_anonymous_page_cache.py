"""Whole pages kept for visitors who are not signed in (portal/pagecache.py)."""

import re

import pytest
from django.urls import reverse

from careers import job_views
from careers.models import Job
from portal.access import Visibility
from portal.pagecache import HEADER
from tests.careers.factories import JobFactory
from tests.factories import PageFactory, ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_a_second_anonymous_visit_is_the_same_page_without_touching_the_database(
    client, django_assert_num_queries
):
    PageFactory(title="Annual meeting", slug="annual-meeting", body="<p>Join us in Peoria.</p>")
    url = reverse("page_detail", args=["annual-meeting"])

    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)

    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert "Join us in Peoria." in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]


def test_a_kept_page_still_gets_the_security_headers_and_a_policy_without_a_stale_nonce(client):
    client.get(reverse("home"))
    hit = client.get(reverse("home"))

    policy = hit["Content-Security-Policy"]
    html = hit.content.decode()
    assert hit[HEADER] == "hit"
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    # The home page's JSON-LD keeps the first visitor's nonce; browsers never run a data block,
    # and that nonce is not in the policy a later visitor gets.
    for stale in re.findall(r'nonce="([^"]+)"', html):
        assert stale not in policy
    scripts = re.findall(r"<script\b([^>]*)>", html)
    assert scripts, "the home page has its JSON-LD data block"
    for attributes in scripts:
        assert "src=" in attributes or "application/ld+json" in attributes


@pytest.mark.parametrize(
    "url_name",
    ["home", "resources:library", "careers:index", "advocacy:index", "certification:index"],
)
def test_public_pages_run_no_inline_script(client, url_name):
    html = client.get(reverse(url_name)).content.decode()

    for attributes in re.findall(r"<script\b([^>]*)>", html):
        assert "src=" in attributes or "application/ld+json" in attributes


def test_a_staff_save_shows_on_the_next_anonymous_visit(client):
    page = PageFactory(title="Annual meeting", slug="annual-meeting", body="<p>In Peoria.</p>")
    resource = ResourceFactory(title="Hand hygiene poster", slug="hand-hygiene")
    job = JobFactory(title="Night shift MLS")
    page_url, resource_url = page.get_absolute_url(), resource.get_absolute_url()
    jobs_url = reverse("careers:index")
    for url in (page_url, resource_url, jobs_url):
        client.get(url)
        assert client.get(url)[HEADER] == "hit"

    page.body = "<p>Moved to Springfield.</p>"
    page.save()
    resource.title = "Hand hygiene poster, 2nd edition"
    resource.save()
    job.title = "Evening shift MLS"
    job.save()

    assert "Moved to Springfield." in client.get(page_url).content.decode()
    assert "Hand hygiene poster, 2nd edition" in client.get(resource_url).content.decode()
    jobs = client.get(jobs_url).content.decode()
    assert "Evening shift MLS" in jobs
    assert "Night shift MLS" not in jobs


def test_a_new_topic_on_a_resource_shows_on_the_next_anonymous_visit(client):
    resource = ResourceFactory(title="Hand hygiene poster", slug="hand-hygiene")
    client.get(resource.get_absolute_url())

    resource.topics.add(TopicFactory(name="Infection prevention", slug="infection-prevention"))

    response = client.get(resource.get_absolute_url())
    assert response[HEADER] == "miss"
    assert "Infection prevention" in response.content.decode()


def test_a_signed_in_member_never_gets_the_anonymous_copy_nor_leaves_theirs(client, member):
    url = reverse("home")
    client.get(url)
    assert client.get(url)[HEADER] == "hit"

    client.force_login(member)
    theirs = client.get(url)
    client.logout()
    anonymous = client.get(url)

    assert HEADER not in theirs
    assert "My account" in theirs.content.decode()
    assert "Create account" not in theirs.content.decode()
    assert "My account" not in anonymous.content.decode()
    assert "Create account" in anonymous.content.decode()


@pytest.mark.parametrize("url_name", ["advocacy:pledge", "account_login"])
def test_a_page_with_a_form_that_posts_is_never_kept(client, url_name):
    url = reverse(url_name)

    first = client.get(url)
    second = client.get(url)

    assert "csrfmiddlewaretoken" in second.content.decode()
    assert second.get(HEADER) != "hit"
    assert first.get(HEADER) != "miss"


def test_a_visitor_with_only_the_csrf_cookie_still_gets_the_kept_page(client):
    client.get(reverse("advocacy:pledge"))  # sets the csrftoken cookie
    assert list(client.cookies) == ["csrftoken"]

    client.get(reverse("home"))
    assert client.get(reverse("home"))[HEADER] == "hit"


def test_the_signed_out_message_is_never_served_from_the_cache(client, member):
    client.get(reverse("home"))
    client.force_login(member)

    after = client.post(reverse("account_logout"), follow=True)
    later = client.get(reverse("home"))

    assert "You have signed out." in after.content.decode()
    assert after.get(HEADER) != "hit"
    assert "You have signed out." not in later.content.decode()


def test_a_member_only_resource_redirect_to_log_in_is_not_kept(client, member):
    locked = ResourceFactory(
        title="Critical values template",
        slug="critical-values",
        body="<p>Call within 30 minutes.</p>",
        visibility=Visibility.MEMBERS,
    )
    client.get(locked.get_absolute_url())
    refused = client.get(locked.get_absolute_url())
    client.force_login(member)
    allowed = client.get(locked.get_absolute_url())

    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("account_login"))
    assert HEADER not in refused
    assert "Call within 30 minutes." in allowed.content.decode()


def test_a_kept_job_page_still_counts_every_visit(client, django_assert_num_queries):
    job = JobFactory(title="Night shift MLS")

    first = client.get(job.get_absolute_url())
    with django_assert_num_queries(0):
        kept = [client.get(job.get_absolute_url()) for _ in range(2)]

    assert [r[HEADER] for r in [first, *kept]] == ["miss", "hit", "hit"]
    assert all("Night shift MLS" in r.content.decode() for r in kept)
    assert job_views.visits(job) == 3
    job_views.move_all()
    assert Job.objects.get(pk=job.pk).view_count == 3


def test_a_missing_page_is_not_kept(client):
    url = reverse("page_detail", args=["no-such-page"])
    client.get(url)
    assert client.get(url).status_code == 404

    PageFactory(title="Now it exists", slug="no-such-page")

    assert "Now it exists" in client.get(url).content.decode()


def test_each_query_string_is_its_own_page_and_order_does_not_matter(client):
    ResourceFactory(title="Specimen labeling checklist", slug="labeling")
    ResourceFactory(title="Hand hygiene poster", slug="hand-hygiene")
    library = reverse("resources:library")

    specimen = client.get(library + "?q=specimen").content.decode()
    hygiene = client.get(library + "?q=hygiene").content.decode()

    assert "Specimen labeling checklist" in specimen
    assert "Hand hygiene poster" not in specimen
    assert "Hand hygiene poster" in hygiene
    assert "Specimen labeling checklist" not in hygiene
    client.get(library + "?q=specimen&page=1")
    assert client.get(library + "?page=1&q=specimen")[HEADER] == "hit"


def test_personal_areas_are_never_kept_even_for_anonymous_visitors(client):
    url = reverse("account_login")
    client.get(url)
    assert HEADER not in client.get(url)


def test_a_head_request_gets_the_kept_page_headers(client):
    client.get(reverse("home"))
    head = client.head(reverse("home"))

    assert head[HEADER] == "hit"
    assert head.content == b""


def test_with_no_seconds_set_nothing_is_kept(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(reverse("home"))
    assert HEADER not in client.get(reverse("home"))
