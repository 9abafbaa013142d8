"""The I AM MLS page's live figure: the share of the Career Center's posts for MLS and MLT roles
that use the standard title, per quarter, counted from the job board's own data."""

import html
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.standard_titles import quarter_start, quarterly_share
from portal import fragments
from tests.careers.factories import JobFactory

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
CAMPAIGN = reverse("advocacy:index")


def at(year, month, day, hour=12, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=CHICAGO)


def post(title, published_at, **extra):
    return JobFactory(title=title, published_at=published_at, **extra)


def test_the_quarterly_share_equals_a_hand_count():
    # Q2 2025: before the four quarters asked for.
    post("Medical Laboratory Scientist", at(2025, 6, 30, 23, 59))
    # Q3 2025: 1 of 3 uses the standard title.
    post("Medical Technologist, core lab", at(2025, 7, 1, 0, 1), status="expired")
    post("CLS, microbiology", at(2025, 8, 15), status="closed")
    post("Medical Laboratory Technician", at(2025, 9, 30, 18))
    # Q4 2025: nothing.
    # Q1 2026: 3 of 4; the phlebotomist and the never-published draft do not count.
    post("Lab Tech, evenings", at(2026, 1, 2))
    post("Medical Laboratory Scientist, nights", at(2026, 2, 10))
    post("Hematology MLS", at(2026, 3, 1))
    # 23:30 in Chicago on 31 March is already April in UTC: it is still Q1 here.
    post("Medical Laboratory Technician, days", at(2026, 3, 31, 23, 30))
    post("Phlebotomist", at(2026, 2, 20))
    post("Medical Laboratory Scientist", None, status="draft")
    # Q2 2026 (this quarter, so far): 2 of 2.
    post("Medical Laboratory Scientist", at(2026, 4, 1, 0, 0))
    post("Medical Laboratory Scientist II", at(2026, 5, 14))

    shares = quarterly_share(4, today=date(2026, 5, 15))

    assert [(q.label, q.posts, q.standard, q.percent) for q in shares] == [
        ("Q3 2025", 3, 1, 33),
        ("Q4 2025", 0, 0, None),
        ("Q1 2026", 4, 3, 75),
        ("Q2 2026", 2, 2, 100),
    ]
    assert shares[2].months == "January–March 2026"


def test_the_share_is_one_query(django_assert_num_queries):
    post("Medical Laboratory Scientist", timezone.now())

    with django_assert_num_queries(1):
        quarterly_share(8)


def _now_in_this_quarter():
    # A minute ago (a post is published before the page reads it), but never before this
    # quarter began in the site's time zone: run in a quarter's first minute, a minute ago
    # would count in the quarter before.
    now = timezone.now()
    this_quarter = quarter_start(timezone.localdate(now))
    began = datetime.combine(this_quarter, time.min, tzinfo=timezone.get_default_timezone())
    return max(now - timedelta(minutes=1), began)


def test_the_campaign_page_shows_this_quarters_figure_with_its_counts(client):
    now = _now_in_this_quarter()
    standard = ["Medical Laboratory Scientist", "Medical Laboratory Technician", "Hematology MLS"]
    for title in standard:
        post(title, now)
    post("Medical Technologist", now)
    post("Phlebotomist", now)

    page = html.unescape(client.get(CAMPAIGN).content.decode())

    assert "How job posts are changing" in page
    figure = page.split('class="title-share-figure">', 1)[1].split("</p>", 1)[0]
    assert "<strong>75%</strong>" in figure
    assert "(so far) used the standard title: 3 of 4." in figure
    # The chart, readable without seeing it, and the table behind it.
    assert 'role="img"' in page
    assert '<rect class="chart-bar"' in page
    assert "The numbers behind the chart" in page
    assert "<td>4</td><td>3</td><td>75%</td>" in page
    assert 'style="' not in page.split('id="title-share-title"', 1)[1].split("</section>", 1)[0]


def test_the_campaign_page_without_posts_says_so(client):
    post("Phlebotomist", timezone.now())

    page = html.unescape(client.get(CAMPAIGN).content.decode())

    assert "No job posts for MLS or MLT roles have been published" in page
    assert '<rect class="chart-bar"' not in page


def test_a_new_post_changes_the_figure_at_once(client):
    now = _now_in_this_quarter()
    post("Medical Technologist", now)
    assert "<strong>0%</strong>" in client.get(CAMPAIGN).content.decode()

    post("Medical Laboratory Scientist", now)

    assert "<strong>50%</strong>" in client.get(CAMPAIGN).content.decode()


def _steady_queries(client):
    """The queries of the page with the title share built afresh: the rest of the page comes
    from the cache as usual, but the share is counted again (as after any change to a job
    post), so a query that grows with the posts would show."""
    client.get(CAMPAIGN)
    fragments.changed("jobs")
    with CaptureQueriesContext(connection) as queries:
        client.get(CAMPAIGN)
    return len(queries)


def test_the_campaign_page_queries_do_not_grow_with_job_posts(
    client, django_assert_max_num_queries
):
    now = _now_in_this_quarter()
    post("Medical Laboratory Scientist", now)
    small = _steady_queries(client)

    for n in range(20):
        post("Medical Technologist" if n % 2 else "Medical Laboratory Scientist", now)
    large = _steady_queries(client)

    assert small == large
    # Measured cold: the page counts the share itself (the one query of quarterly_share).
    client.get(CAMPAIGN)
    with CaptureQueriesContext(connection) as warm:
        client.get(CAMPAIGN)
    assert large == len(warm) + 1
    fragments.changed("jobs")
    with django_assert_max_num_queries(small):
        page = html.unescape(client.get(CAMPAIGN).content.decode())
    assert "(so far) used the standard title: 11 of 21." in page
