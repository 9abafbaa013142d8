from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.models import Job
from tests.careers.factories import EmployerFactory, JobFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("careers:index")


def _titles(response):
    return [job.title for job in response.context["jobs"]]


@pytest.fixture
def board(db):
    now = timezone.now()
    rush = EmployerFactory(name="Rush Valley Hospital", slug="rush-valley")
    quest = EmployerFactory(name="Lakeshore Reference Lab", slug="lakeshore-ref")
    return {
        "micro": JobFactory(
            title="Microbiology MLS", employer=rush, city="Chicago", discipline="microbiology",
            credential="mls", employment_type="full_time", shift="night", workplace="on_site",
            description="<p>Blood cultures and MALDI-TOF identification.</p>",
            published_at=now - timedelta(hours=5),
        ),
        "phleb": JobFactory(
            title="Phlebotomist, weekends", employer=quest, city="Naperville",
            discipline="phlebotomy", credential="pbt", employment_type="part_time",
            shift="weekend", published_at=now - timedelta(days=4),
        ),
        "lis": JobFactory(
            title="Laboratory information analyst", employer=quest, city="Chicago",
            discipline="management", credential="other", workplace="remote",
            description="<p>Support microbiology interfaces.</p>",
            published_at=now - timedelta(days=20),
        ),
        "expired": JobFactory(
            title="Expired microbiology post", closes_on=timezone.localdate() - timedelta(days=1),
        ),
        "expired_status": JobFactory(title="Microbiology expired", status=Job.Status.EXPIRED),
        "pending": JobFactory(title="Microbiology in review", status=Job.Status.PENDING,
                              published_at=None),
        "rejected": JobFactory(title="Microbiology rejected", status=Job.Status.REJECTED),
        "closed": JobFactory(title="Microbiology closed", status=Job.Status.CLOSED),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Microbiology MLS", "Phlebotomist, weekends", "Laboratory information analyst"}),
        ({"q": "microbiology"}, {"Microbiology MLS", "Laboratory information analyst"}),
        ({"q": "lakeshore"}, {"Phlebotomist, weekends", "Laboratory information analyst"}),
        ({"location": "chicago"}, {"Microbiology MLS", "Laboratory information analyst"}),
        ({"workplace": "remote"}, {"Laboratory information analyst"}),
        ({"discipline": "phlebotomy"}, {"Phlebotomist, weekends"}),
        ({"credential": "mls", "shift": "night"}, {"Microbiology MLS"}),
        ({"type": "part_time"}, {"Phlebotomist, weekends"}),
        ({"posted": "1"}, {"Microbiology MLS"}),
        ({"posted": "7"}, {"Microbiology MLS", "Phlebotomist, weekends"}),
        (
            {"q": "microbiology", "location": "chicago", "workplace": "on_site"},
            {"Microbiology MLS"},
        ),
        ({"q": "microbiology", "credential": "pbt"}, set()),
    ],
)
def test_filters_combine_and_never_show_jobs_that_are_not_live(client, board, params, expected):
    assert set(_titles(client.get(SEARCH, params))) == expected


def test_newest_first_with_featured_jobs_on_top(client, board):
    board["lis"].is_featured = True
    board["lis"].save()
    assert _titles(client.get(SEARCH)) == [
        "Laboratory information analyst",
        "Microbiology MLS",
        "Phlebotomist, weekends",
    ]


def test_relevance_puts_a_title_match_above_a_description_match(client, board):
    titles = _titles(client.get(SEARCH, {"q": "microbiology", "sort": "relevance"}))
    assert titles == ["Microbiology MLS", "Laboratory information analyst"]


def test_result_count_state_in_url_and_pagination(client):
    JobFactory.create_batch(23, discipline="chemistry")
    response = client.get(SEARCH, {"discipline": "chemistry"})
    html = response.content.decode()
    assert "23 jobs" in html
    assert len(_titles(response)) == 20
    assert 'href="?discipline=chemistry&amp;page=2"' in html
    assert '<option value="chemistry" selected>' in html
    assert len(_titles(client.get(SEARCH, {"discipline": "chemistry", "page": "9"}))) == 3


def test_empty_state_suggests_removing_filters(client, board):
    html = client.get(SEARCH, {"q": "cytogenetics"}).content.decode()
    assert "No open jobs match these filters." in html
    assert "Try removing a filter" in html


@pytest.mark.parametrize(
    "params",
    [
        {"discipline": "astrology"},
        {"posted": "365", "shift": "graveyard", "sort": "random", "state": "ZZ"},
        {"q": "!!! ()) || --", "location": "x" * 500},
        {"page": "last"},
    ],
)
def test_bad_search_input_gives_a_normal_page(client, board, params):
    response = client.get(SEARCH, params)
    assert response.status_code == 200
    assert "Career Center" in response.content.decode()


def test_search_query_count_is_the_same_for_20_and_500_jobs(client):
    JobFactory.create_batch(20)
    with CaptureQueriesContext(connection) as twenty:
        client.get(SEARCH, {"credential": "mls"})
    JobFactory.create_batch(480)
    with CaptureQueriesContext(connection) as five_hundred:
        response = client.get(SEARCH, {"credential": "mls"})
    assert "500 jobs" in response.content.decode()
    assert len(five_hundred) == len(twenty)


def test_jobs_feed_and_sitemap_list_only_live_jobs(client, board):
    feed = client.get(reverse("careers:feed")).content.decode()
    sitemap = client.get("/sitemap-jobs.xml").content.decode()
    for text in (feed, sitemap):
        assert board["micro"].get_absolute_url() in text
        for hidden in ("expired", "expired_status", "pending", "rejected", "closed"):
            assert board[hidden].get_absolute_url() not in text
    assert "Microbiology MLS — Rush Valley Hospital, Chicago" in feed
    assert "/sitemap-jobs.xml" in client.get("/sitemap.xml").content.decode()
