"""The Career Center end to end, through the pages people use: an employer posts, a moderator
approves, a seeker finds the job with filters and applies, the employer moves the application
on, and the seeker sees the new status and has the emails."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from careers.models import Application, Job
from portal.groups import CAREER_MODERATORS
from tests.careers.factories import EmployerFactory, ResumeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_post_approve_find_apply_review_and_follow(client, send_queued_mail):
    recruiter = UserFactory(email="recruiter@rockriver.example.org")
    EmployerFactory(name="Rock River Hospital", slug="rock-river", members=[recruiter],
                    contact_email="jobs@rockriver.example.org")  # fmt: skip
    moderator = UserFactory(email="mod@example.com", is_staff=True)
    moderator.groups.add(Group.objects.get(name=CAREER_MODERATORS))
    seeker = UserFactory(email="seeker@example.com", full_name="Sam Seeker")
    ResumeFactory(owner=seeker, title="MLS resume", is_default=True)

    # The employer writes the post and submits it for review.
    client.force_login(recruiter)
    client.post(
        reverse("careers:job_create"),
        {
            "title": "Night shift Blood Bank MLS", "description": "<p>Crossmatches.</p>",
            "city": "Rockford", "state": "IL", "workplace": "on_site",
            "discipline": "blood_bank", "credential": "mls", "employment_type": "full_time",
            "shift": "night", "salary_min": "38", "salary_max": "49", "salary_period": "hour",
            "apply_method": "portal", "apply_url": "", "apply_email": "", "closes_on": "",
            "action": "submit",
        },
    )  # fmt: skip
    job = Job.objects.get(title="Night shift Blood Bank MLS")
    assert job.status == Job.Status.PENDING
    client.logout()
    assert job.title not in client.get(reverse("careers:index")).content.decode()

    # A moderator approves it from the moderation queue.
    client.force_login(moderator)
    send_queued_mail(
        client.post,
        reverse("admin:careers_job_changelist"),
        {"action": "approve", "_selected_action": [job.pk]},
    )
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert any("jobs@rockriver.example.org" in m.to for m in mail.outbox)

    # The seeker finds it with filters and applies in one step.
    client.force_login(seeker)
    found = client.get(
        reverse("careers:index"), {"discipline": "blood_bank", "shift": "night", "q": "blood"}
    )
    assert [j.title for j in found.context["jobs"]] == ["Night shift Blood Bank MLS"]
    page = client.get(job.get_absolute_url()).content.decode()
    assert "MLS resume" in page
    mail.outbox.clear()
    send_queued_mail(
        client.post,
        reverse("careers:apply", args=[job.slug]),
        {"apply-resume": seeker.resumes.get().pk, "apply-cover_note": "Eight years at the bench."},
    )
    application = Application.objects.get(job=job, applicant=seeker)
    recipients = {address for m in mail.outbox for address in m.to}
    assert {"seeker@example.com", "jobs@rockriver.example.org"} <= recipients

    # The employer sees the applicant and moves the application on.
    client.force_login(recruiter)
    applicants = client.get(reverse("careers:applicants", args=[job.pk])).content.decode()
    assert "Sam Seeker" in applicants
    mail.outbox.clear()
    send_queued_mail(
        client.post,
        reverse("careers:applicant_detail", args=[application.pk]),
        {"action": "status", "status-status": "interviewing"},
    )

    # The seeker sees the new status and was told by email.
    client.force_login(seeker)
    dashboard = client.get(reverse("careers:seeker_dashboard")).content.decode()
    assert "Interviewing" in dashboard
    assert [m.to for m in mail.outbox] == [["seeker@example.com"]]
    assert "Interviewing" in mail.outbox[0].body or "interviewing" in mail.outbox[0].body
