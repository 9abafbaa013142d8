"""Pledge statistics (advocacy/stats.py) and the staff page that shows them."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Credential
from advocacy.stats import (
    Share,
    WeekCount,
    pledge_totals,
    pledges_by_credential,
    pledges_by_state,
    pledges_per_week,
    week_start,
)
from portal.groups import CONTENT_EDITORS
from tests.advocacy.factories import PledgeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STATISTICS = reverse("admin:advocacy_pledge_statistics")
TODAY = date(2026, 11, 11)  # a Wednesday; its week starts on Monday 9 November


def _chicago(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


@pytest.fixture
def editor(db):
    user = UserFactory(email="editor@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    return user


def test_pledges_per_week_counts_confirmed_pledges_in_chicago_weeks_with_empty_weeks_as_zero():
    this_week = date(2026, 11, 9)
    PledgeFactory(confirmed_at=_chicago(this_week, 0, 15))
    PledgeFactory(confirmed_at=_chicago(TODAY, 16))
    # Sunday 8 November, 23:30 in Chicago (Monday in UTC): the week before.
    PledgeFactory(confirmed_at=_chicago(date(2026, 11, 8), 23, 30))
    # Sunday 1 November is the day clocks go back; 23:30 that night is still its week.
    PledgeFactory(confirmed_at=_chicago(date(2026, 11, 1), 23, 30))
    PledgeFactory(confirmed_at=_chicago(date(2026, 10, 26), 9))
    PledgeFactory(confirmed_at=None, created_at=_chicago(TODAY, 9))  # pending: not counted
    PledgeFactory(confirmed_at=_chicago(this_week - timedelta(weeks=26), 12))  # too long ago
    PledgeFactory(confirmed_at=_chicago(date(2026, 11, 16), 8))  # after the week of TODAY

    weeks = pledges_per_week(weeks=26, today=TODAY)

    assert len(weeks) == 26
    assert weeks[0].week == this_week - timedelta(weeks=25)
    assert weeks[-3:] == [
        WeekCount(date(2026, 10, 26), 2),
        WeekCount(date(2026, 11, 2), 1),
        WeekCount(date(2026, 11, 9), 2),
    ]
    assert all(w.count == 0 for w in weeks[:-3])
    assert all(w.week.weekday() == 0 for w in weeks)
    assert weeks[-1].label == "Week of 9 Nov 2026"


def test_pledges_by_credential_and_state_are_confirmed_only_most_common_first():
    PledgeFactory.create_batch(3, credential=Credential.MLS, state="IL")
    PledgeFactory(credential=Credential.MLT, state="WI")
    PledgeFactory(credential=Credential.MT, state="WI", confirmed_at=None)

    assert pledges_by_credential() == [
        Share("MLS", "MLS – Medical Laboratory Scientist", 3, 75.0),
        Share("MLT", "MLT – Medical Laboratory Technician", 1, 25.0),
    ]
    assert pledges_by_state() == [
        Share("IL", "Illinois", 3, 75.0),
        Share("WI", "Wisconsin", 1, 25.0),
    ]


def test_no_pledges_gives_empty_statistics_not_an_error():
    assert pledges_by_credential() == []
    assert pledges_by_state() == []
    assert {w.count for w in pledges_per_week(weeks=4, today=TODAY)} == {0}
    assert pledge_totals().confirmed == 0


def test_totals_count_confirmed_pending_public_and_campaign_email():
    PledgeFactory(show_publicly=True, campaign_emails=True)
    PledgeFactory(show_publicly=False, campaign_emails=True)
    PledgeFactory(show_publicly=True, campaign_emails=False)
    PledgeFactory(confirmed_at=None, show_publicly=True, campaign_emails=True)

    totals = pledge_totals()

    assert (totals.confirmed, totals.pending, totals.public, totals.campaign_emails) == (3, 1, 2, 2)


def test_statistics_page_shows_the_totals_chart_and_tables(
    client, editor, django_assert_max_num_queries
):
    monday = week_start(timezone.localdate())
    PledgeFactory.create_batch(2, confirmed_at=_chicago(monday, 10), credential=Credential.MLT)
    PledgeFactory(confirmed_at=_chicago(monday - timedelta(weeks=1), 10), state="IN")
    PledgeFactory(confirmed_at=None, credential=Credential.CLS)
    client.force_login(editor)

    with django_assert_max_num_queries(10):
        response = client.get(STATISTICS)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<h1>I AM MLS pledge statistics</h1>" in html
    assert re.search(r"<dt>Confirmed pledges</dt><dd>3</dd>", html)
    assert re.search(r"<dt>Waiting for confirmation</dt><dd>1</dd>", html)
    label = f"Week of {monday.day} {monday:%b %Y}"
    # One bar per week, each with its count for a mouse or touch user ...
    assert html.count('<rect class="chart-bar"') == 26
    assert f"<title>{label}: 2</title>" in html
    assert 'role="img"' in html
    assert f"to the week of {monday.day} {monday:%b %Y}: 3 in all, at most 2 in one week" in html
    # ... and the same figures in a table for everyone else.
    assert f'<tr><th scope="row">{label}</th><td>2</td></tr>' in html
    assert (
        '<tr><th scope="row">MLT – Medical Laboratory Technician</th><td>2</td><td>66.7%</td></tr>'
        in html
    )
    assert '<tr><th scope="row">Indiana</th><td>1</td><td>33.3%</td></tr>' in html
    assert "CLS – Clinical" not in html  # the pending pledge is in no table
    assert "style=" not in html.split('id="content-main"')[1]
    assert "<script" not in html.split('id="content-main"')[1]


def test_tallest_bar_fills_the_chart_and_an_empty_week_has_no_height(client, editor):
    monday = week_start(timezone.localdate())
    PledgeFactory.create_batch(4, confirmed_at=_chicago(monday, 10))
    PledgeFactory.create_batch(2, confirmed_at=_chicago(monday - timedelta(weeks=2), 10))
    client.force_login(editor)

    bars = client.get(STATISTICS).context["chart"]["bars"]

    assert [bar["height"] for bar in bars[-3:]] == [80.0, 0.0, 160.0]
    assert bars[-1]["y"] + bars[-1]["height"] == bars[-2]["y"]  # all stand on the baseline


def test_pledge_list_links_to_the_statistics(client, editor):
    client.force_login(editor)

    html = client.get(reverse("admin:advocacy_pledge_changelist")).content.decode()

    assert f'href="{STATISTICS}"' in html
