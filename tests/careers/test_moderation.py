"""The whole road from “I want to post jobs” to a live post, with a moderator in the admin."""

import html
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careers.models import DEFAULT_POSTING_DAYS, Employer, Job
from careers.services.jobs import job_approve, job_reject
from portal.groups import CAREER_MODERATORS
from tests.careers.factories import EmployerFactory, JobFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMPLOYERS = reverse("admin:careers_employer_changelist")
JOBS = reverse("admin:careers_job_changelist")


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.com", full_name="Mo Derator", is_staff=True)
    user.groups.add(Group.objects.get(name=CAREER_MODERATORS))
    return user


def job_form_data(**overrides):
    data = {
        "title": "Medical Laboratory Scientist, nights",
        "description": "<p>Run the core laboratory analyzers overnight.</p>",
        "city": "Peoria",
        "state": "IL",
        "workplace": "on_site",
        "discipline": "generalist",
        "credential": "mls",
        "employment_type": "full_time",
        "shift": "night",
        "salary_min": "62000",
        "salary_max": "78000",
        "salary_period": "year",
        "apply_method": "portal",
        "apply_url": "",
        "apply_email": "",
        "closes_on": "",
        "action": "submit",
    }
    return {**data, **overrides}


def admin_action(client, changelist, action, objects, **extra):
    return client.post(
        changelist,
        {"action": action, "_selected_action": [o.pk for o in objects], **extra},
        follow=True,
    )


def test_from_employer_request_to_a_live_post(client, moderator, send_queued_mail, mailoutbox):
    recruiter = UserFactory(email="hr@prairie.example.org", full_name="Pat Recruiter")
    today = timezone.localdate()

    # 1. The recruiter asks for employer access.
    client.force_login(recruiter)
    response = client.post(
        reverse("careers:employer_request"),
        {
            "name": "Prairie Health Laboratory",
            "website": "prairie.example.org",
            "city": "Peoria",
            "state": "IL",
            "description": "The regional hospital laboratory.",
            "contact_name": "Pat Recruiter",
            "contact_email": "hr@prairie.example.org",
            "contact_phone": "309-555-0100",
        },
        follow=True,
    )
    assert "We received your request for employer access" in response.content.decode()
    assert "Your request is waiting for approval" in response.content.decode()
    employer = Employer.objects.get()
    assert employer.status == Employer.Status.PENDING
    assert employer.slug == "prairie-health-laboratory"
    assert employer.website == "https://prairie.example.org"
    assert list(employer.members.all()) == [recruiter]
    assert employer.requested_by == recruiter
    # Until a moderator approves, there is no posting.
    assert client.get(reverse("careers:job_create")).status_code == 302

    # 2. A moderator approves the employer in the admin.
    client.force_login(moderator)
    response = send_queued_mail(admin_action, client, EMPLOYERS, "approve", [employer])
    assert "1 employer(s) approved" in response.content.decode()
    employer.refresh_from_db()
    assert employer.status == Employer.Status.APPROVED
    assert employer.approved_at is not None
    assert [m.to for m in mailoutbox] == [["hr@prairie.example.org"]]
    assert "Prairie Health Laboratory can now post jobs" in mailoutbox[0].subject
    assert "http://testserver/careers/employer/jobs/new/" in mailoutbox[0].body
    mailoutbox.clear()

    # 3. The recruiter posts a job and submits it for review.
    client.force_login(recruiter)
    assert client.get(reverse("careers:employer_request")).url == reverse(
        "careers:employer_dashboard"
    )
    response = client.post(reverse("careers:job_create"), job_form_data(), follow=True)
    assert "is with the moderators for review" in response.content.decode()
    job = Job.objects.get()
    assert job.status == Job.Status.PENDING
    assert job.submitted_at is not None
    assert job.slug.startswith("medical-laboratory-scientist-nights-prairie-health-laboratory-")
    assert job.created_by == recruiter

    # 4. The moderator sends it back with a reason, on the intermediate page.
    client.force_login(moderator)
    page = admin_action(client, JOBS, "reject", [job])
    assert page.templates[0].name == "admin/careers/job/reject.html"
    assert 'name="reason"' in page.content.decode()
    empty = admin_action(client, JOBS, "reject", [job], apply="yes", reason="   ")
    assert "Write the reason" in empty.content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    reason = "Please add the shift differential and the credential you require."
    response = send_queued_mail(
        admin_action, client, JOBS, "reject", [job], apply="yes", reason=reason
    )
    assert "1 post(s) sent back for changes" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.REJECTED
    assert job.rejection_reason == reason
    assert len(mailoutbox) == 1
    assert "needs a few changes" in mailoutbox[0].subject
    assert reason in mailoutbox[0].body
    assert f"/careers/employer/jobs/{job.pk}/edit/" in mailoutbox[0].body
    mailoutbox.clear()

    # 5. The recruiter sees the reason, edits and resubmits.
    client.force_login(recruiter)
    assert reason in client.get(reverse("careers:employer_dashboard")).content.decode()
    edit_page = client.get(reverse("careers:job_edit", args=[job.pk])).content.decode()
    assert reason in edit_page
    assert "Resubmit for review" in edit_page
    client.post(
        reverse("careers:job_edit", args=[job.pk]),
        job_form_data(description="<p>Nights, with a 15% shift differential. MLS(ASCP).</p>"),
    )
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert "shift differential" in job.description

    # 6. The moderator approves: the post is live with the default closing date.
    client.force_login(moderator)
    response = send_queued_mail(admin_action, client, JOBS, "approve", [job])
    assert "1 post(s) approved and live" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert job.published_at is not None
    assert job.closes_on == today + timedelta(days=DEFAULT_POSTING_DAYS)
    assert job.rejection_reason == ""
    assert job.is_open()
    assert list(Job.objects.live()) == [job]
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject.endswith(
        "Your job post is live: Medical Laboratory Scientist, nights"
    )
    assert job.get_absolute_url() in mailoutbox[0].body
    # Each decision is in the admin history, under the moderator's name.
    decisions = LogEntry.objects.filter(user=moderator).values_list("change_message", flat=True)
    assert {"Employer access approved.", f"Sent back for changes: {reason}"} <= set(decisions)


def test_moderation_queue_shows_posts_in_review_first_longest_waiting_at_the_top(client, moderator):
    now = timezone.now()
    JobFactory(title="Live, recently changed")
    JobFactory(title="Newest in review", status="pending", submitted_at=now - timedelta(hours=1))
    JobFactory(title="Draft", status="draft", submitted_at=None, published_at=None)
    JobFactory(title="Oldest in review", status="pending", submitted_at=now - timedelta(days=4))
    JobFactory(title="Waiting two days", status="pending", submitted_at=now - timedelta(days=2))
    client.force_login(moderator)

    titles = [job.title for job in client.get(JOBS).context["cl"].result_list]

    assert titles[:3] == ["Oldest in review", "Waiting two days", "Newest in review"]
    assert set(titles[3:]) == {"Live, recently changed", "Draft"}


def test_moderators_approve_only_posts_in_review(client, moderator, send_queued_mail, mailoutbox):
    draft = JobFactory(status="draft", published_at=None)
    pending = JobFactory(status="pending", published_at=None, closes_on=None)
    client.force_login(moderator)

    response = send_queued_mail(admin_action, client, JOBS, "approve", [draft, pending])

    assert "1 post(s) approved" in response.content.decode()
    assert "1 skipped: only posts in review can be approved" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert len(mailoutbox) == 1


def test_approval_brings_a_too_distant_closing_date_back_within_90_days(client, moderator):
    today = timezone.localdate()
    job = JobFactory(status="pending", closes_on=today + timedelta(days=150))
    client.force_login(moderator)

    admin_action(client, JOBS, "approve", [job])

    job.refresh_from_db()
    assert job.closes_on == today + timedelta(days=90)


def test_employer_turned_down_with_a_reason_and_may_ask_again(
    client, moderator, send_queued_mail, mailoutbox
):
    recruiter = UserFactory(email="someone@gmail.example")
    employer = EmployerFactory(
        name="Unknown Lab", status="pending", approved_at=None, members=[recruiter],
        requested_by=recruiter,
    )  # fmt: skip
    client.force_login(moderator)

    page = admin_action(client, EMPLOYERS, "reject", [employer])
    assert page.templates[0].name == "admin/careers/employer/reject.html"
    reason = "Please ask from your laboratory's work email address."
    send_queued_mail(
        admin_action, client, EMPLOYERS, "reject", [employer], apply="yes", reason=reason
    )

    employer.refresh_from_db()
    assert employer.status == Employer.Status.REJECTED
    assert employer.rejection_reason == reason
    assert mailoutbox[0].to == ["someone@gmail.example"]
    assert reason in mailoutbox[0].body
    assert "/careers/employers/request/" in mailoutbox[0].body

    client.force_login(recruiter)
    page = html.unescape(client.get(reverse("careers:employer_request")).content.decode())
    assert reason in page
    assert "Ask again" in page
    client.post(
        reverse("careers:employer_request"),
        {
            "name": "Unknown Lab",
            "city": "Springfield",
            "state": "IL",
            "contact_name": "Sam",
            "contact_email": "sam@unknownlab.example.org",
        },
    )
    employer.refresh_from_db()
    assert employer.status == Employer.Status.PENDING
    assert employer.rejection_reason == ""
    assert Employer.objects.count() == 1


def test_a_post_needs_a_reason_to_be_sent_back(moderator):
    job = JobFactory(status="pending", published_at=None)

    with pytest.raises(ValidationError, match="the reason is required"):
        job_reject(job=job, moderator=moderator, reason="  ")

    job.refresh_from_db()
    assert job.status == Job.Status.PENDING


def test_a_post_decided_a_moment_ago_is_not_approved_twice(moderator, send_queued_mail, mailoutbox):
    job = JobFactory(status="pending", published_at=None)
    stale = Job.objects.get(pk=job.pk)
    send_queued_mail(job_approve, job=job, moderator=moderator)

    with pytest.raises(ValidationError, match="is live, so it cannot be approved"):
        send_queued_mail(job_approve, job=stale, moderator=moderator)

    assert len(mailoutbox) == 1
