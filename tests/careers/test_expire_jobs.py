"""The nightly ``expire_jobs`` command: posts past their closing date leave the board, and
employers are warned once a week before a post closes."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from careers.models import Job
from careers.services.jobs import job_renew, job_warn_expiring
from tests.careers.factories import EmployerFactory, JobFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(send_queued_mail, *args):
    out = StringIO()
    send_queued_mail(call_command, "expire_jobs", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def employer(db):
    return EmployerFactory(
        name="Prairie Health Laboratory",
        contact_email="hr@prairie.example.org",
        members=[UserFactory(email="pat@prairie.example.org")],
    )


def test_expire_jobs_is_safe_to_run_twice(send_queued_mail, mailoutbox, employer, today):
    overdue = JobFactory(employer=employer, closes_on=today - timedelta(days=1))
    closes_soon = JobFactory(
        employer=employer, title="Chemistry MLT", closes_on=today + timedelta(days=5)
    )
    later = JobFactory(employer=employer, closes_on=today + timedelta(days=30))
    closes_today = JobFactory(employer=employer, closes_on=today)
    draft = JobFactory(employer=employer, status="draft", closes_on=today - timedelta(days=3))

    first = run(send_queued_mail)
    second = run(send_queued_mail)

    assert "1 job post(s) expired; 2 closing-soon warning(s) sent." in first
    assert "0 job post(s) expired; 0 closing-soon warning(s) sent." in second
    statuses = {
        job.pk: job.status
        for job in Job.objects.filter(pk__in=[overdue.pk, closes_soon.pk, later.pk, draft.pk])
    }
    assert statuses == {
        overdue.pk: "expired",
        closes_soon.pk: "published",
        later.pk: "published",
        draft.pk: "draft",
    }
    # Two posts warned about, each to the contact address and the member: four messages, once.
    assert len(mailoutbox) == 4
    recipients = sorted(address for message in mailoutbox for address in message.to)
    assert recipients == sorted(["hr@prairie.example.org", "pat@prairie.example.org"] * 2)
    soon = [m for m in mailoutbox if "Chemistry MLT" in m.subject]
    assert soon[0].subject.endswith("Your job post closes in 5 days: Chemistry MLT")
    assert "/careers/employer/" in soon[0].body
    closes_today.refresh_from_db()
    assert closes_today.status == "published"
    assert closes_today.expiry_warning_sent_on == today


def test_a_renewed_post_is_warned_again_before_its_new_closing_date(
    send_queued_mail, mailoutbox, employer, today
):
    job = JobFactory(employer=employer, closes_on=today + timedelta(days=3))
    assert send_queued_mail(job_warn_expiring, today=today) == 1

    job_renew(job=job, today=today)
    job.status = Job.Status.PUBLISHED  # approved again
    job.save()
    # Nothing new until the new date is a week away …
    assert send_queued_mail(job_warn_expiring, today=today) == 0
    later = job.closes_on - timedelta(days=6)
    # … then one more warning, and only one.
    assert send_queued_mail(job_warn_expiring, today=later) == 1
    assert send_queued_mail(job_warn_expiring, today=later + timedelta(days=1)) == 0
    assert len(mailoutbox) == 4  # two recipients, two warnings


def test_the_command_can_act_as_of_a_given_day(send_queued_mail, employer, today):
    job = JobFactory(employer=employer, closes_on=today + timedelta(days=10))

    output = run(send_queued_mail, "--today", (today + timedelta(days=11)).isoformat())

    assert "1 job post(s) expired" in output
    job.refresh_from_db()
    assert job.status == Job.Status.EXPIRED


def test_expired_posts_leave_the_job_board(send_queued_mail, employer, today):
    job = JobFactory(employer=employer, closes_on=today - timedelta(days=1))

    run(send_queued_mail)

    assert job not in Job.objects.live()
    assert not Job.objects.due_to_expire(today).exists()
