"""The tracker dashboard: progress per credential in words and numbers, next steps, the list."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone

from certification.models import CEActivity
from certification.progress import cycle_window
from tests.certification.factories_tracker import (
    CEActivityFactory,
    CredentialHoldingFactory,
    WebinarFactory,
    cycle_end_in,
    make_amt_mt,
    make_categories,
    make_mls,
    make_mlt,
)

pytestmark = pytest.mark.django_db

TRACKER = reverse("certification:tracker")
# Session, user, membership, holdings, rule minimums, activities, webinars, reminder opt-out.
TRACKER_QUERIES = 8


@pytest.fixture
def cats(db):
    return make_categories()


@pytest.fixture
def me(client, member):
    client.force_login(member)
    return member


def _text(response) -> str:
    """The page's words, without tags and with spaces collapsed."""
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _log(user, cats, name, amount, days_ago=30, **extra):
    return CEActivityFactory(
        user=user,
        category=cats[name],
        amount=Decimal(str(amount)),
        completed_on=timezone.localdate() - timedelta(days=days_ago),
        **extra,
    )


def test_progress_shows_points_missing_categories_days_and_status_in_words(client, me, cats):
    # A three-year cycle ending in 400 days: about 23 of 36 points are expected by now.
    holding = CredentialHoldingFactory(
        user=me, credential=make_mls(cats), cycle_end=cycle_end_in(400)
    )
    for name, amount in [("Medical ethics", 1), ("Blood bank", 3), ("Chemistry", 8),
                         ("Hematology", 12)]:  # fmt: skip
        _log(me, cats, name, amount)
    _log(me, cats, "Microbiology", 5, days_ago=3 * 365)  # before this cycle: does not count
    gram = WebinarFactory(
        title="Gram stains revisited",
        category=cats["Microbiology"],
        starts_at=timezone.now() + timedelta(days=20),
    )

    response = client.get(TRACKER)

    text = _text(response)
    html = response.content.decode()
    assert response.status_code == 200
    assert "24 of 36 points (66%)" in text
    assert "12 points to go." in text
    assert "Status: On track" in text
    assert "400 days left." in text
    start = formats.date_format(cycle_window(holding.cycle_end, 3)[0], "j F Y")
    assert f"Cycle: {start} to {formats.date_format(holding.cycle_end, 'j F Y')}" in text
    assert (
        f'<progress id="progress-{holding.pk}" max="36" value="24">24 of 36 points</progress>'
        in html
    )
    assert "Laboratory safety 1 0 1 point missing" in text
    assert "Microbiology 2 0 2 points missing" in text
    assert "Chemistry 2 8 Met" in text
    day = formats.date_format(timezone.localtime(gram.starts_at).date(), "j F Y")
    assert (
        f"2 more points in Microbiology — upcoming webinar: Gram stains revisited on {day} "
        "(1 contact hour)"
    ) in text
    assert "1 more point in Laboratory safety — find a course in the CE options directory" in text
    assert 'href="/certification/ce-options/?topic=laboratory-safety"' in html
    assert f'href="/certification/tracker/credentials/{holding.pk}/transcript.pdf"' in html


def test_a_complete_cycle_says_so(client, me, cats):
    CredentialHoldingFactory(user=me, credential=make_mls(cats))
    for name, amount in [("Laboratory safety", 1), ("Medical ethics", 1), ("Blood bank", 2),
                         ("Chemistry", 2), ("Hematology", 2), ("Microbiology", 30)]:  # fmt: skip
        _log(me, cats, name, amount)

    text = _text(client.get(TRACKER))

    assert "Status: Complete — every point and category minimum is in." in text
    assert "38 of 36 points (100%). All the points are in." in text
    assert "You have everything this cycle asks for." in text


def test_behind_is_said_in_words(client, me, cats):
    CredentialHoldingFactory(user=me, credential=make_mls(cats), cycle_end=cycle_end_in(60))
    _log(me, cats, "Chemistry", 4)
    assert "Status: Behind — you are behind the pace this cycle needs." in _text(
        client.get(TRACKER)
    )


def test_one_activity_counts_for_every_credential_it_falls_in(client, me, cats):
    CredentialHoldingFactory(user=me, credential=make_mls(cats), cycle_end=cycle_end_in(300))
    CredentialHoldingFactory(user=me, credential=make_mlt(cats), cycle_end=cycle_end_in(700))
    _log(me, cats, "Chemistry", 5)

    text = _text(client.get(TRACKER))

    assert text.count("5 of 36 points (13%)") == 2


def test_empty_states_explain_what_to_do(client, me):
    response = client.get(TRACKER)
    text = _text(response)
    html = response.content.decode()
    assert "No credentials yet." in text
    assert 'href="/certification/tracker/credentials/add/"' in html
    assert "No activities yet." in text
    assert 'href="/certification/tracker/activities/add/"' in html


def test_activities_are_listed_newest_first_twenty_a_page(client, me, cats):
    for days_ago in range(1, 26):
        _log(me, cats, "Chemistry", 1, days_ago=days_ago, title=f"Course {days_ago:02d} days ago")

    first = _text(client.get(TRACKER))
    second = _text(client.get(TRACKER, {"page": 2}))

    assert first.index("Course 01 days ago") < first.index("Course 02 days ago")
    assert "Course 20 days ago" in first and "Course 21 days ago" not in first
    assert "Course 21 days ago" in second and "Course 25 days ago" in second
    assert "Page 1 of 2" in first
    assert "CE activities (25)" in first


def test_an_activity_from_a_webinar_says_where_it_came_from(client, me, cats):
    webinar = WebinarFactory(title="Sepsis update", category=cats["Microbiology"],
                             starts_at=timezone.now() - timedelta(days=5))  # fmt: skip
    _log(me, cats, "Microbiology", 1, webinar=webinar, title="Sepsis update")

    text = _text(client.get(TRACKER))

    assert "from the webinar “Sepsis update”" in text


def test_a_credential_with_a_college_course_over_the_academic_limit_says_what_is_not_counted(
    client, me, cats
):
    CredentialHoldingFactory(user=me, credential=make_mls(cats))
    _log(me, cats, "Molecular diagnostics", 3, unit=CEActivity.Unit.SEMESTER_HOURS)

    text = _text(client.get(TRACKER))

    assert "18 of 36 points" in text
    assert "27 points of it are not counted" in text
    assert "3 college semester hours" in text


# --- Query counts --------------------------------------------------------------------------------


def _count_queries(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(TRACKER)
    assert response.status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_activities_or_credentials(
    client, me, cats, django_assert_num_queries
):
    CredentialHoldingFactory(user=me, credential=make_mls(cats))
    WebinarFactory(category=cats["Microbiology"])
    for _ in range(5):
        _log(me, cats, "Chemistry", 1)
    with django_assert_num_queries(TRACKER_QUERIES):
        client.get(TRACKER)
    few = _count_queries(client)

    for i in range(55):
        _log(me, cats, list(cats)[i % len(cats)], 1, days_ago=i + 1)
    many_activities = _count_queries(client)

    CredentialHoldingFactory(user=me, credential=make_mlt(cats))
    CredentialHoldingFactory(user=me, credential=make_amt_mt(cats))
    with django_assert_num_queries(TRACKER_QUERIES):
        response = client.get(TRACKER)

    assert few == many_activities == TRACKER_QUERIES
    assert _text(response).count(" of 36 points (") == 2
    assert "of 45 points" in _text(response)
