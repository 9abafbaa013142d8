"""/healthz tells a load balancer or monitor whether the database, the cache and the private
file storage answer, and whether mail goes out."""

import socket
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from portal import health
from portal.files import PrivateFileSystemStorage
from portal.health import TASK_QUEUE_STALE_AFTER
from portal.mail import send_email
from tests.tcp_proxy import DatabaseSwitch

HEALTHZ = reverse("healthz")


@pytest.fixture(autouse=True)
def fresh_probes():
    """Each test starts with no probe result kept from an earlier test."""
    health.forget_probe_results()
    yield
    health.forget_probe_results()


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
    assert report["cache"]["status"] == "ok"
    assert report["cache"]["response_ms"] >= 0
    assert report["storage"]["status"] == "ok"
    assert report["storage"]["response_ms"] >= 0
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
        report = response.json()
        assert report["status"] == "unavailable"
        assert report["database"] == {"status": "unavailable"}
        assert report["task_queue"] == {"status": "unknown"}
        # The other checks still say what they can: the outage is the database's alone.
        assert report["cache"]["status"] == "ok"
        assert report["storage"]["status"] == "ok"
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


def closed_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_probes_leave_nothing_behind_in_the_cache_or_the_storage(client, db, settings):
    private_root = settings.PRIVATE_MEDIA_ROOT

    for _ in range(3):
        assert client.get(HEALTHZ).json()["status"] == "ok"

    probe_folder = private_root / "health"
    assert probe_folder.is_dir()  # it wrote there...
    assert list(probe_folder.iterdir()) == []  # ...and deleted what it wrote
    assert not [key for key in cache._cache if "healthz" in key]


def test_a_cache_that_does_not_answer_makes_the_site_unavailable(db):
    browser = Client(raise_request_exception=False)
    redis_down = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    with override_settings(CACHES=redis_down):
        response = browser.get(HEALTHZ)

    # Every page needs the cache (page cache, rate limits, cached counts): take the server out.
    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "unavailable"
    assert report["cache"] == {"status": "unavailable"}
    assert report["database"]["status"] == "ok"
    assert report["storage"]["status"] == "ok"
    assert "no-store" in response["Cache-Control"]

    # With the cache back, the same server is healthy again.
    assert browser.get(HEALTHZ).json()["status"] == "ok"


def test_a_private_storage_that_cannot_be_written_makes_the_site_unavailable(db, tmp_path):
    # The folder's parent is a file, as when the volume holding the uploads is not mounted: no
    # user, root included, can create the folder or write into it.
    (tmp_path / "not-a-folder").write_text("")
    broken = tmp_path / "not-a-folder" / "private"
    browser = Client(raise_request_exception=False)
    with override_settings(
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {
                "BACKEND": "portal.files.PrivateFileSystemStorage",
                "OPTIONS": {"location": str(broken), "base_url": None},
            },
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
    ):
        response = browser.get(HEALTHZ)

    assert response.status_code == 503
    report = response.json()
    assert report["status"] == "unavailable"
    assert report["storage"] == {"status": "unavailable"}
    assert report["database"]["status"] == "ok"
    assert report["cache"]["status"] == "ok"


def test_healthz_is_never_kept_by_the_page_cache(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 60

    first = client.get(HEALTHZ)
    second = client.get(HEALTHZ)

    # Each probe really ran: a kept copy would report a past state.
    assert first.get("X-Page-Cache") is None
    assert second.get("X-Page-Cache") is None
    assert "no-store" in second["Cache-Control"]


@pytest.fixture
def s3_bucket(settings, monkeypatch, tmp_path):
    """Private files in an S3 bucket (moto stands in for S3 inside this process)."""
    import boto3
    import environ
    from moto import mock_aws

    from portal.settings import sharing

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "example-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "example-secret")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "ascls-il-uploads")
    monkeypatch.setenv("AWS_S3_REGION_NAME", "us-east-1")
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket="ascls-il-uploads")
        settings.STORAGES = {
            **settings.STORAGES,
            **sharing.file_storages(environ.Env(), private_root=tmp_path),
        }
        yield s3


def test_the_storage_probe_uses_the_bucket_and_a_missing_bucket_is_unavailable(db, s3_bucket):
    browser = Client(raise_request_exception=False)

    healthy = browser.get(HEALTHZ)

    assert healthy.status_code == 200
    assert healthy.json()["storage"]["status"] == "ok"
    # The probe object was written under private/health/ and deleted again.
    assert s3_bucket.list_objects_v2(Bucket="ascls-il-uploads").get("KeyCount", 0) == 0

    s3_bucket.delete_bucket(Bucket="ascls-il-uploads")
    health.forget_probe_results()  # past the time a probe's result is kept
    broken = browser.get(HEALTHZ)

    assert broken.status_code == 503
    assert broken.json()["storage"] == {"status": "unavailable"}


class CountingStorage(PrivateFileSystemStorage):
    """The private folder storage, counting the files written to it."""

    saved = 0

    def _save(self, name, content):
        type(self).saved += 1
        return super()._save(name, content)


def test_a_flood_of_healthz_calls_probes_the_storage_once_and_reports_the_kept_result(db, tmp_path):
    CountingStorage.saved = 0
    counting = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": f"{__name__}.CountingStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    browser = Client()
    with override_settings(STORAGES=counting):
        reports = [browser.get(HEALTHZ).json() for _ in range(5)]

    # One probe object written (and deleted) for five calls: a public /healthz hammered by
    # anyone costs the bucket at most one probe per HEALTH_PROBE_KEPT_SECONDS per worker.
    assert CountingStorage.saved == 1
    assert {report["status"] for report in reports} == {"ok"}
    assert len({report["storage"]["response_ms"] for report in reports}) == 1
    assert len({report["cache"]["response_ms"] for report in reports}) == 1
    assert list((tmp_path / "private" / "health").iterdir()) == []


def test_a_kept_probe_result_is_probed_again_once_it_is_older_than_the_limit(
    db, tmp_path, monkeypatch
):
    CountingStorage.saved = 0
    counting = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {
            "BACKEND": f"{__name__}.CountingStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    browser = Client()
    now = [1000.0]
    monkeypatch.setattr(health.time, "monotonic", lambda: now[0])
    with override_settings(STORAGES=counting):
        browser.get(HEALTHZ)
        now[0] += health.HEALTH_PROBE_KEPT_SECONDS - 1
        browser.get(HEALTHZ)
        assert CountingStorage.saved == 1
        now[0] += 2
        browser.get(HEALTHZ)

    assert health.HEALTH_PROBE_KEPT_SECONDS == 10
    assert CountingStorage.saved == 2


def test_a_silent_bucket_cannot_hold_a_probe_for_botocores_default_minute(db, s3_bucket):
    """A probe left running by /healthz (its 3 s wait is over) ends within seconds, instead of
    botocore's default 60 s connect and read timeouts, retried."""
    from django.core.files.storage import storages

    for alias in ("private", "default"):
        client = storages[alias].connection.meta.client
        config = client.meta.config
        assert config.connect_timeout <= 3
        assert config.read_timeout <= 10
        assert config.retries["total_max_attempts"] <= 2  # the first try and one retry
        # The bucket's own settings survive alongside the timeouts.
        assert config.signature_version == "s3v4"

    # ...and the storage still works with them.
    assert Client().get(HEALTHZ).json()["storage"]["status"] == "ok"
