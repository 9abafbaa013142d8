"""/healthz tells a load balancer or monitor whether the database answers and mail goes out."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal.health import TASK_QUEUE_STALE_AFTER
from portal.mail import send_email
from tests.tcp_proxy import DatabaseSwitch

HEALTHZ = reverse("healthz")


@pytest.fixture
def task_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def queue_email(**changes):
    """An email task in the queue, as ``portal.mail`` leaves it, then moved in time."""
    result = send_email.enqueue(subject="Confirm your pledge", body="…", to=["rosa@example.org"])
    DBTaskResult.objects.filter(pk=result.id).update(**changes)


def test_a_healthy_site_answers_200_with_the_database_ok(client, db):
    response = client.get(HEALTHZ)

    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "ok"
    assert report["database"]["status"] == "ok"
    assert report["database"]["response_ms"] >= 0
    # Tests run tasks in-process: there is no queue to fall behind.
    assert report["task_queue"] == {"status": "not_queued", "backend": "ImmediateBackend"}
    assert "no-store" in response["Cache-Control"]
    assert "sessionid" not in response.cookies


def test_the_queue_reports_what_waits_what_is_due_and_what_failed(client, db, task_queue):
    now = timezone.now()
    queue_email()  # just queued
    queue_email(run_after=now + timedelta(minutes=30))  # a retry waiting for later
    queue_email(status=TaskResultStatus.FAILED, finished_at=now - timedelta(minutes=10))
    queue_email(status=TaskResultStatus.FAILED, finished_at=now - timedelta(hours=3))
    queue_email(status=TaskResultStatus.SUCCESSFUL, finished_at=now)

    report = client.get(HEALTHZ).json()

    assert report["status"] == "ok"
    queue = report["task_queue"]
    assert queue["status"] == "ok"
    assert queue["ready"] == 1
    assert queue["waiting"] == 1
    assert queue["failed_last_hour"] == 1
    assert 0 <= queue["oldest_ready_seconds"] < 60
    assert "rosa@example.org" not in str(report)


def test_a_ready_email_nobody_has_picked_up_for_too_long_makes_the_queue_degraded(
    client, db, task_queue
):
    now = timezone.now()
    late = TASK_QUEUE_STALE_AFTER + timedelta(minutes=5)
    queue_email(enqueued_at=now - late)
    queue_email(enqueued_at=now - timedelta(hours=3), run_after=now - timedelta(minutes=2))

    response = client.get(HEALTHZ)

    # The site still serves pages: 200, so the load balancer keeps it, but monitoring sees it.
    assert response.status_code == 200
    report = response.json()
    assert report["status"] == "degraded"
    assert report["database"]["status"] == "ok"
    assert report["task_queue"]["status"] == "degraded"
    assert report["task_queue"]["ready"] == 2
    assert abs(report["task_queue"]["oldest_ready_seconds"] - late.total_seconds()) < 60


def test_an_unreachable_database_answers_503_and_recovers(transactional_db, tmp_path):
    browser = Client(raise_request_exception=False)
    with DatabaseSwitch(unreachable_path=tmp_path) as database:
        assert browser.get(HEALTHZ).status_code == 200

        database.cut()
        response = browser.get(HEALTHZ)

        assert response.status_code == 503
        assert response.json() == {
            "status": "unavailable",
            "database": {"status": "unavailable"},
            "task_queue": {"status": "unknown"},
        }
        assert "no-store" in response["Cache-Control"]

        database.restore()
        response = browser.get(HEALTHZ)
        assert response.status_code == 200
        assert response.json()["database"]["status"] == "ok"


def test_load_balancers_can_probe_over_plain_http_when_https_is_enforced(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get(HEALTHZ).status_code == 200
    assert client.get(reverse("home")).status_code == 301


def test_healthz_only_answers_reads(client, db):
    assert client.head(HEALTHZ).status_code == 200
    assert client.post(HEALTHZ).status_code == 405
