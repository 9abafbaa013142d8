"""With the mail server down, people's submissions still go through and the email follows later.

The mail server is Django's real SMTP backend pointed at a local port nobody listens on; the
task queue is the production one (django-tasks-db), run by its own worker.
"""

import logging
import socket

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from advocacy.models import Credential, Pledge
from careers.models import Application
from portal.mail import EMAIL_MAX_ATTEMPTS, EMAIL_RETRY_DELAYS, send_email
from portal.models import User
from tests.careers.factories import EmployerFactory, JobFactory, ResumeFactory
from tests.factories import PASSWORD

SEND_EMAIL = "portal.mail.send_email"


@pytest.fixture
def task_queue(settings, transactional_db):
    """The database task queue, as in production: nothing is sent until a worker runs."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def mail_server_down(settings):
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        closed_port = free.getsockname()[1]
    # The socket is closed again: connecting to the port is refused, as with a stopped server.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = closed_port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5


def mail_server_returns(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def run_worker():
    """``manage.py db_worker --batch``: run every task that is due, then stop."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def time_passes():
    """Bring every scheduled retry's time forward to now."""
    scheduled = DBTaskResult.objects.filter(status=TaskResultStatus.READY).exclude(
        run_after=get_date_max()
    )
    scheduled.update(run_after=timezone.now())


def queued_emails():
    return DBTaskResult.objects.filter(task_path=SEND_EMAIL, status=TaskResultStatus.READY)


# --- The three public submissions that send email ------------------------------------------------


def sign_up(client):
    data = {
        "email": "new.person@example.com",
        "full_name": "Noor Newcomer",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = client.post(reverse("account_signup"), data, follow=True)
    assert User.objects.filter(email="new.person@example.com").exists()
    return response, "Confirm your email address", {("new.person@example.com",)}


def take_the_pledge(client):
    data = {
        "full_name": "Rosa Delgado",
        "email": "rosa@example.org",
        "credential": Credential.MLS,
        "job_title": "Medical Technologist II",
        "institution": "Lakeside Memorial Hospital",
        "city": "Peoria",
        "state": "IL",
        "show_publicly": "on",
        "website": "",
    }
    response = client.post(reverse("advocacy:pledge"), data, follow=True)
    assert Pledge.objects.filter(email="rosa@example.org").exists()
    return response, "Check your email", {("rosa@example.org",)}


def apply_for_a_job(client):
    seeker = User.objects.create_user(email="seeker@example.com", password=PASSWORD)
    client.force_login(seeker)
    employer = EmployerFactory(name="Prairie Regional Lab", contact_email="jobs@prairie.example")
    job = JobFactory(employer=employer, title="Night shift MLS", slug="night-shift-mls")
    resume = ResumeFactory(owner=seeker, is_default=True)
    response = client.post(
        reverse("careers:apply", args=[job.slug]), {"apply-resume": resume.pk}, follow=True
    )
    assert Application.objects.filter(applicant=seeker, job=job).exists()
    sent = "Your application for Night shift MLS has been sent to Prairie Regional Lab."
    return response, sent, {("seeker@example.com",), ("jobs@prairie.example",)}


@pytest.mark.parametrize("submit", [sign_up, take_the_pledge, apply_for_a_job])
def test_submissions_succeed_with_the_mail_server_down_and_the_email_follows_when_it_returns(
    client, task_queue, mail_server_down, settings, caplog, submit
):
    response, success_text, recipients = submit(client)

    # The person sees the normal page at once: the request only queued the email.
    assert response.status_code == 200
    assert success_text in response.content.decode()
    assert queued_emails().count() == len(recipients)
    assert mail.outbox == []

    with caplog.at_level(logging.WARNING, logger="portal.mail"):
        run_worker()

    warnings = [r for r in caplog.records if r.name == "portal.mail"]
    assert len(warnings) == len(recipients)
    assert all(r.levelno == logging.WARNING for r in warnings)
    assert all(f"attempt 1 of {EMAIL_MAX_ATTEMPTS}" in r.getMessage() for r in warnings)
    assert all("ConnectionRefusedError" in r.getMessage() for r in warnings)
    for record in caplog.records:
        assert not any(address in record.getMessage() for (address,) in recipients)
    retries = list(queued_emails())
    assert len(retries) == len(recipients)
    first_wait = EMAIL_RETRY_DELAYS[0].total_seconds()
    for retry in retries:
        assert retry.args_kwargs["kwargs"]["attempt"] == 2
        assert first_wait - 5 < (retry.run_after - timezone.now()).total_seconds() <= first_wait
    run_worker()  # not due yet: nothing happens
    assert queued_emails().count() == len(recipients)

    mail_server_returns(settings)
    time_passes()
    run_worker()

    assert {tuple(message.to) for message in mail.outbox} == recipients
    assert all(m.subject.startswith("[ASCLS-Illinois]") for m in mail.outbox)
    assert not queued_emails().exists()
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).exists()


def test_after_the_last_attempt_the_email_is_given_up_and_logged_as_an_error(
    task_queue, mail_server_down, caplog
):
    send_email.enqueue(
        subject="Your CE certificate",
        body="Hello",
        to=["kim@example.com"],
        kind="certification/email/certificate",
    )

    with caplog.at_level(logging.WARNING, logger="portal.mail"):
        waits = []
        for _attempt in range(EMAIL_MAX_ATTEMPTS):
            time_passes()
            before = timezone.now()
            run_worker()
            retry = queued_emails().first()
            if retry is not None:
                waits.append(retry.run_after - before)

    assert [round(w.total_seconds() / 60) for w in waits] == [
        round(d.total_seconds() / 60) for d in EMAIL_RETRY_DELAYS
    ]
    records = [r for r in caplog.records if r.name == "portal.mail"]
    assert [r.levelname for r in records] == ["WARNING"] * (EMAIL_MAX_ATTEMPTS - 1) + ["ERROR"]
    assert records[-1].getMessage() == (
        f"Email certification/email/certificate given up after {EMAIL_MAX_ATTEMPTS} attempt(s): "
        "ConnectionRefusedError (Connection refused)"
    )
    assert not any("kim@example.com" in r.getMessage() for r in caplog.records)
    # The queue holds the given-up email as failed (for /healthz and the admin), nothing pending.
    [failed] = DBTaskResult.objects.filter(status=TaskResultStatus.FAILED)
    assert failed.exception_class_path == "portal.mail.EmailNotSent"
    assert "kim@example.com" not in failed.traceback
    assert not queued_emails().exists()
    assert mail.outbox == []


def test_without_a_worker_a_failed_email_is_logged_and_the_submission_still_succeeds(
    client, transactional_db, mail_server_down, caplog
):
    # Development runs tasks in-process (ImmediateBackend), which cannot schedule a retry.
    with caplog.at_level(logging.WARNING, logger="portal.mail"):
        response, success_text, _ = take_the_pledge(client)

    assert success_text in response.content.decode()
    [record] = [r for r in caplog.records if r.name == "portal.mail"]
    assert record.levelname == "ERROR"
    assert "advocacy/email/" in record.getMessage()
    assert "given up after 1 attempt(s)" in record.getMessage()
