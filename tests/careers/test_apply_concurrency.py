"""Two submits at the same moment still make one application.

On PostgreSQL the threads really race: the second INSERT waits on the unique index until the
first commits, fails, and the service returns the first application. SQLite allows one writer
at a time, so there the submits run one after another (still from separate threads and
connections, released together by a barrier); the result must be the same.
"""

import contextlib
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from careers.models import Application, ApplicationEvent
from careers.services.seeker import apply_to_job
from tests.careers.factories import EmployerFactory, JobFactory, ResumeFactory
from tests.factories import UserFactory


def _run_together(count, action):
    barrier = threading.Barrier(count)
    serial = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    results, errors = [], []

    def worker():
        try:
            barrier.wait(timeout=10)
            with serial:
                results.append(action())
        except Exception as error:  # reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return results


def _stored_copies(settings):
    return [p for p in (settings.PRIVATE_MEDIA_ROOT / "applications").rglob("*") if p.is_file()]


@pytest.mark.django_db(transaction=True)
def test_simultaneous_applications_by_one_person_make_one(settings):
    seeker = UserFactory()
    job = JobFactory(employer=EmployerFactory(contact_email="jobs@lab.example.org"))
    resume = ResumeFactory(owner=seeker, is_default=True)

    results = _run_together(
        5, lambda: apply_to_job(applicant=seeker, job=job, resume=resume, cover_note="Hi")
    )

    application = Application.objects.get()
    assert sorted(created for _, created in results) == [False, False, False, False, True]
    assert {app.pk for app, _ in results} == {application.pk}
    assert ApplicationEvent.objects.filter(application=application).count() == 1
    # The losers' copies were removed: one file, the winner's.
    assert [p.name for p in _stored_copies(settings)] == [
        application.resume_file.name.rsplit("/", 1)[-1]
    ]
    assert application.resume_file.storage.exists(application.resume_file.name)
    # One confirmation and one employer email, not five of each.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([seeker.email, "jobs@lab.example.org"])


@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_apply_button_makes_one_application(settings):
    seeker = UserFactory()
    job = JobFactory()
    resume = ResumeFactory(owner=seeker, is_default=True)
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(seeker)
    url = reverse("careers:apply", args=[job.slug])
    pending = iter(clients)
    lock = threading.Lock()

    def submit():
        with lock:
            client = next(pending)
        return client.post(url, {"apply-resume": resume.pk, "apply-cover_note": "Hello"})

    responses = _run_together(2, submit)

    application = Application.objects.get()
    detail = reverse("careers:application_detail", args=[application.pk])
    assert [r.status_code for r in responses] == [302, 302]
    assert {r["Location"] for r in responses} == {detail}
    assert len(_stored_copies(settings)) == 1


@pytest.mark.django_db
def test_an_application_landing_mid_way_wins_and_the_spare_copy_is_removed(
    monkeypatch, settings, django_capture_on_commit_callbacks
):
    """The race made deterministic: another request commits between our check and insert."""
    from careers.services import seeker as services
    from tests.careers.factories import ApplicationFactory

    seeker = UserFactory()
    job = JobFactory()
    resume = ResumeFactory(owner=seeker, is_default=True)
    check = services.check_job_accepts_applications

    def other_request_gets_there_first(job):
        check(job)
        ApplicationFactory(applicant=seeker, job=job, cover_note="From the other tab")

    monkeypatch.setattr(services, "check_job_accepts_applications", other_request_gets_there_first)
    with django_capture_on_commit_callbacks(execute=True):
        application, created = apply_to_job(
            applicant=seeker, job=job, resume=resume, cover_note="From this tab"
        )

    assert created is False
    assert application.cover_note == "From the other tab"
    assert Application.objects.count() == 1
    assert [p.name for p in _stored_copies(settings)] == [
        application.resume_file.name.rsplit("/", 1)[-1]
    ]
    assert mail.outbox == []
