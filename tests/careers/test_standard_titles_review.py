"""The standard-title check after review (issue 12): a post counts in the quarter it first went
live however often it is renewed, a change to the list re-checks only the posts it concerns,
rich-text descriptions keep their words apart, and the admin's labels and permissions."""

import html
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from careers.models import Job, OutdatedTitle, TitleStanding
from careers.services.jobs import job_approve, job_renew
from careers.standard_titles import (
    TitleMatcher,
    check_post,
    employers_switched,
    plain_text,
    quarter_start,
    quarterly_share,
)
from tests.careers.factories import EmployerFactory, JobFactory
from tests.careers.test_standard_titles import SOCIETY_LIST
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
TERMS = reverse("admin:careers_outdatedtitle_changelist")
JOBS = reverse("admin:careers_job_changelist")


def text(response) -> str:
    return html.unescape(response.content.decode())


def _last_quarter_noon():
    start = quarter_start(timezone.localdate())
    previous = quarter_start(start - timedelta(days=1))
    return datetime(previous.year, previous.month, 15, 12, tzinfo=CHICAGO)


# --- 1. The quarter a post counts in ------------------------------------------------------------


def test_a_renewed_post_stays_counted_in_the_quarter_it_first_went_live(superuser):
    first_live = _last_quarter_noon()
    job = JobFactory(
        title="Medical Laboratory Scientist, core lab",
        status=Job.Status.EXPIRED,
        published_at=first_live,
        closes_on=first_live.date() + timedelta(days=30),
    )
    before = [(q.label, q.posts, q.standard) for q in quarterly_share(2)]

    job_renew(job=job)
    job_approve(job=Job.objects.get(pk=job.pk), moderator=superuser)

    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    # The board shows it as new again, but the campaign page's quarters do not move.
    assert job.published_at > first_live
    assert [(q.label, q.posts, q.standard) for q in quarterly_share(2)] == before
    assert [(q.posts, q.standard) for q in quarterly_share(2)] == [(1, 1), (0, 0)]


def test_approval_notes_the_first_time_a_post_went_live_and_keeps_it(superuser):
    job = JobFactory(status=Job.Status.PENDING, published_at=None)
    assert job.first_published_at is None

    job_approve(job=job, moderator=superuser)
    job.refresh_from_db()
    first = job.first_published_at
    assert first == job.published_at

    job_renew(job=job)
    job_approve(job=Job.objects.get(pk=job.pk), moderator=superuser)
    job.refresh_from_db()
    assert job.first_published_at == first
    assert job.published_at > first


def test_renewing_an_old_outdated_post_does_not_undo_an_employers_switch(superuser):
    employer = EmployerFactory(name="Rock River Community Hospital")
    now = timezone.now()
    old = JobFactory(
        employer=employer,
        title="Medical Technologist",
        status=Job.Status.EXPIRED,
        published_at=now - timedelta(days=200),
        closes_on=(now - timedelta(days=140)).date(),
    )
    JobFactory(employer=employer, title="Medical Laboratory Scientist", published_at=now)
    assert list(employers_switched()) == [employer]

    job_renew(job=old)
    job_approve(job=Job.objects.get(pk=old.pk), moderator=superuser)

    # Its newest post is still the standard one: the renewal is not a new post.
    assert list(employers_switched()) == [employer]


# --- 2. A change to the list re-checks only the posts it concerns ---------------------------------


def _stale(job):
    """A post whose stored check is out of date (as after an upgrade of the rule): a full
    re-check would rewrite it, a narrowed one leaves it alone unless it mentions the change."""
    Job.objects.filter(pk=job.pk).update(
        title_standing=TitleStanding.OTHER, uses_outdated_title=False, outdated_terms=""
    )


def test_adding_a_title_rewrites_only_the_posts_that_mention_it(client, superuser):
    bench = JobFactory(title="Bench Scientist, chemistry")
    hyphenated = JobFactory(
        title="Phlebotomist", description="<p>Reports to the <b>bench-scientists</b>.</p>"
    )
    elsewhere = JobFactory(title="Medical Technologist, nights")
    _stale(elsewhere)
    client.force_login(superuser)

    response = client.post(
        reverse("admin:careers_outdatedtitle_add"),
        {"term": "Bench Scientist", "replacement": "MLS", "active": "on"},
        follow=True,
    )

    message = text(response)
    assert "Every job post was checked against the list again; 2 changed." in message
    assert "2 mention “Bench Scientist” and were read again" in message
    bench.refresh_from_db()
    hyphenated.refresh_from_db()
    elsewhere.refresh_from_db()
    assert (bench.title_standing, bench.outdated_terms) == (
        TitleStanding.OUTDATED,
        "Bench Scientist",
    )
    assert bench.uses_outdated_title
    assert (hyphenated.uses_outdated_title, hyphenated.outdated_terms) == (True, "bench-scientists")
    # Not mentioning the new title, it was not rewritten (the full check is the command's).
    assert (elsewhere.uses_outdated_title, elsewhere.outdated_terms) == (False, "")


def test_editing_a_titles_wording_rechecks_the_posts_of_the_old_and_the_new(client, superuser):
    term = OutdatedTitle.objects.create(term="Bench Scientist", replacement="MLS")
    old_wording = JobFactory(title="Bench Scientist, chemistry")
    new_wording = JobFactory(title="Bench Analyst, chemistry")
    unrelated = JobFactory(title="Medical Technologist, nights")
    _stale(unrelated)
    assert old_wording.uses_outdated_title and not new_wording.uses_outdated_title
    client.force_login(superuser)

    response = client.post(
        reverse("admin:careers_outdatedtitle_change", args=[term.pk]),
        {"term": "Bench Analyst", "replacement": "MLS", "active": "on"},
        follow=True,
    )

    assert "2 mention “Bench Analyst”, “Bench Scientist” and were read again" in text(response)
    old_wording.refresh_from_db()
    new_wording.refresh_from_db()
    unrelated.refresh_from_db()
    assert (old_wording.uses_outdated_title, old_wording.outdated_terms) == (False, "")
    assert (new_wording.uses_outdated_title, new_wording.outdated_terms) == (True, "Bench Analyst")
    assert not unrelated.uses_outdated_title


def test_deleting_a_title_clears_it_from_the_posts_that_used_it(client, superuser):
    term = OutdatedTitle.objects.create(term="Bench Scientist", replacement="MLS")
    bench = JobFactory(title="Bench Scientist, chemistry")
    assert bench.uses_outdated_title
    client.force_login(superuser)

    client.post(
        reverse("admin:careers_outdatedtitle_delete", args=[term.pk]), {"post": "yes"}, follow=True
    )

    bench.refresh_from_db()
    assert (bench.uses_outdated_title, bench.outdated_terms) == (False, "")


def test_the_full_recheck_action_still_checks_every_post(client, superuser):
    stale = JobFactory(title="Medical Technologist, nights")
    _stale(stale)
    client.force_login(superuser)

    response = client.post(
        TERMS,
        {"action": "recheck_posts", "_selected_action": [OutdatedTitle.objects.first().pk]},
        follow=True,
    )

    assert "Every job post was checked against the list again; 1 changed." in text(response)
    stale.refresh_from_db()
    assert (stale.title_standing, stale.uses_outdated_title) == (TitleStanding.OUTDATED, True)


# --- 3. Rich-text descriptions keep neighbouring words apart --------------------------------------


@pytest.mark.parametrize(
    "description",
    [
        "<ul><li>BS degree</li><li>MT(ASCP)</li></ul>",
        "<p>MLS</p><p>MT</p>",
        "<p>Certified as</p><p>Medical Technologist</p>",
    ],
)
def test_a_title_in_its_own_element_of_the_description_is_found(description):
    check = check_post("Medical Laboratory Scientist", description, TitleMatcher(SOCIETY_LIST))

    assert [(f.found, f.where) for f in check.findings] in (
        [("MT", "description")],
        [("Medical Technologist", "description")],
    )
    # The standard title in the post's title is still the title's standing.
    assert check.standing == TitleStanding.STANDARD


def test_plain_text_keeps_words_of_neighbouring_elements_apart_and_reads_entities():
    words = plain_text("<ul><li>BS degree</li><li>MT(ASCP)</li></ul><p>Pay &amp; benefits</p>")

    assert words.split() == ["BS", "degree", "MT(ASCP)", "Pay", "&", "benefits"]


# --- 5. The admin's labels and permissions --------------------------------------------------------


def test_the_moderation_filter_and_the_job_page_name_the_standard_title_standing(client, superuser):
    job = JobFactory(title="Medical Laboratory Scientist")
    client.force_login(superuser)

    changelist = text(client.get(JOBS))
    change_form = text(client.get(reverse("admin:careers_job_change", args=[job.pk])))

    assert "By standard-title standing" in changelist
    assert "By title<" not in changelist
    assert "Standard-title standing:" in change_form
    assert "First published:" in change_form


def test_checking_every_post_again_needs_permission_to_change_the_list(client):
    viewer = UserFactory(email="viewer@example.org", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_outdatedtitle", content_type__app_label="careers")
    )
    stale = JobFactory(title="Medical Technologist, nights")
    _stale(stale)
    client.force_login(viewer)

    page = text(client.get(TERMS))
    client.post(
        TERMS,
        {"action": "recheck_posts", "_selected_action": [OutdatedTitle.objects.first().pk]},
    )

    assert "Medical Technologist" in page
    assert "Check every job post against the list again" not in page
    stale.refresh_from_db()
    assert not stale.uses_outdated_title
