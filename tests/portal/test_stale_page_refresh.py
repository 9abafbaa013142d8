"""A shared kept page past its minute: sent once more while it is rebuilt after the answer."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from careers import job_views
from portal import pagecache
from portal.access import Visibility
from portal.models import Page
from portal.pagecache import HEADER
from tests.careers.factories import JobFactory
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(1_900_000_000.0)
    monkeypatch.setattr(pagecache, "_now", clock)
    return clock


@pytest.fixture
def annual_meeting():
    return PageFactory(
        title="Annual meeting", slug="annual-meeting", body="<p>Join us in Peoria.</p>"
    )


def test_a_copy_past_its_minute_is_sent_once_more_and_the_next_visitor_gets_the_new_page(
    client, clock, annual_meeting, django_assert_num_queries
):
    url = annual_meeting.get_absolute_url()
    client.get(url)
    # A change made without a save (no signal): only the minute brings it to visitors.
    Page.objects.filter(pk=annual_meeting.pk).update(body="<p>Join us in Springfield.</p>")

    clock.now += 30
    assert "Peoria" in client.get(url).content.decode()  # within its minute: kept as it was
    clock.now += 31
    stale = client.get(url)
    with django_assert_num_queries(0):
        after = client.get(url)

    assert stale[HEADER] == "stale"
    assert "Join us in Peoria." in stale.content.decode()
    assert after[HEADER] == "hit"
    assert "Join us in Springfield." in after.content.decode()


def test_a_staff_save_is_never_answered_with_the_old_copy_even_past_its_minute(
    client, clock, annual_meeting
):
    url = annual_meeting.get_absolute_url()
    client.get(url)
    clock.now += 61
    annual_meeting.body = "<p>Moved to Springfield.</p>"
    annual_meeting.save()

    response = client.get(url)

    assert response[HEADER] == "miss"
    assert "Moved to Springfield." in response.content.decode()


def test_while_a_copy_is_being_rebuilt_other_visitors_get_it_without_a_second_build(
    client, clock, annual_meeting, django_assert_num_queries
):
    url = annual_meeting.get_absolute_url()
    client.get(url)
    clock.now += 61
    key = pagecache.cache_key(RequestFactory().get(url))
    assert pagecache._claim_refresh(key)  # another worker is rebuilding it

    with django_assert_num_queries(0):
        meanwhile = [client.get(url) for _ in range(3)]

    assert [r[HEADER] for r in meanwhile] == ["stale"] * 3
    assert all("Join us in Peoria." in r.content.decode() for r in meanwhile)


def test_a_page_made_for_members_only_without_a_save_is_not_sent_again_after_its_rebuild(
    client, clock, annual_meeting
):
    url = annual_meeting.get_absolute_url()
    client.get(url)
    Page.objects.filter(pk=annual_meeting.pk).update(visibility=Visibility.MEMBERS)
    clock.now += 61

    last_old = client.get(url)
    next_visit = client.get(url)

    assert last_old[HEADER] == "stale"
    assert next_visit.status_code == 302
    assert next_visit["Location"].startswith(reverse("account_login"))
    assert next_visit.get(HEADER) is None


def test_a_stale_job_page_counts_its_visit_once(client, clock):
    job = JobFactory(title="Night shift MLS")
    url = job.get_absolute_url()
    client.get(url)
    clock.now += 61

    stale = client.get(url)
    hit = client.get(url)

    assert [stale[HEADER], hit[HEADER]] == ["stale", "hit"]
    assert job_views.visits(job) == 3


def test_a_session_copy_past_its_minute_is_built_while_the_person_waits(client, clock, member):
    client.get(reverse("account_login"))  # the CSRF cookie a browser has after the form
    client.force_login(member)
    url = reverse("certification:tracker")
    client.get(url)
    assert client.get(url)[HEADER] == "hit"
    clock.now += 61

    assert client.get(url)[HEADER] == "miss"
