"""A cache server that is down: pages are built as if never kept, saves still save."""

import pytest
from django.urls import reverse

from portal.pagecache import HEADER
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: connecting is refused at once.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.5},
    }
}


@pytest.fixture
def cache_down(settings):
    settings.PAGE_CACHE_SECONDS = 60
    settings.CACHES = UNREACHABLE_REDIS


def test_healthz_still_answers_its_own_report_when_the_page_cache_cannot_be_asked(
    client, cache_down
):
    response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json()["cache"]["status"] != "ok"


def test_a_staff_save_still_saves_when_the_cache_is_down(cache_down):
    page = PageFactory(title="Spring meeting", slug="spring-meeting")

    page.title = "Spring meeting (moved)"
    page.save()
    page.refresh_from_db()

    assert page.title == "Spring meeting (moved)"


def test_a_signed_in_dashboard_is_built_when_the_cache_is_down(client, cache_down, member):
    client.force_login(member)

    response = client.get(reverse("certification:tracker"))

    assert response.status_code == 200
    assert HEADER not in response


def test_the_job_page_and_the_employer_dashboard_answer_when_visits_cannot_be_counted(
    client, cache_down
):
    from tests.careers.factories import EmployerFactory, JobFactory
    from tests.factories import UserFactory

    recruiter = UserFactory(email="recruiter@example.org")
    job = JobFactory(
        employer=EmployerFactory(members=[recruiter]), title="Night shift MLS", view_count=7
    )

    page = client.get(job.get_absolute_url())
    client.force_login(recruiter)
    dashboard = client.get(reverse("careers:employer_dashboard"))

    assert page.status_code == 200
    assert "Night shift MLS" in page.content.decode()
    assert dashboard.status_code == 200
    assert "<td>7</td>" in dashboard.content.decode()
