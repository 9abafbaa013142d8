"""The audit trail of job posts: moderators' decisions, admin actions, the nightly expiry and
employers' own edits are each recorded with who, when and what changed."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from careers.models import Job
from portal.groups import CAREER_MODERATORS
from tests.careers.factories import EmployerFactory, JobFactory
from tests.careers.test_moderation import admin_action, job_form_data
from tests.factories import UserFactory
from tests.portal.test_audit_trail import history_rows, staff

pytestmark = pytest.mark.django_db

JOBS = reverse("admin:careers_job_changelist")


@pytest.fixture
def moderator(db):
    return staff("moderator@example.com", "Mo Derator", CAREER_MODERATORS)


@pytest.fixture
def pending_job(db):
    return JobFactory(
        title="Histotechnician",
        status=Job.Status.PENDING,
        published_at=None,
        closes_on=timezone.localdate() + timedelta(days=20),
    )


def test_a_moderators_approval_names_the_moderator(client, moderator, pending_job):
    client.force_login(moderator)

    admin_action(client, JOBS, "approve", [pending_job])

    version = pending_job.history.first()
    assert (version.history_user, version.status) == (moderator, Job.Status.PUBLISHED)
    newest = history_rows(client, pending_job)[0]
    assert "Mo Derator (moderator@example.com)" in newest
    assert "Changed: Approved: the post is live." in newest
    assert "Status: In review → Live" in newest


def test_sending_a_post_back_records_the_reason(client, moderator, pending_job):
    client.force_login(moderator)

    admin_action(client, JOBS, "reject", [pending_job], apply="yes", reason="Add the salary range.")

    newest = history_rows(client, pending_job)[0]
    assert "Mo Derator (moderator@example.com)" in newest
    assert "Status: In review → Changes needed" in newest
    assert "Rejection reason: (empty) → Add the salary range." in newest


def test_featuring_and_extending_from_the_list_are_recorded(client, moderator):
    job = JobFactory(closes_on=timezone.localdate() + timedelta(days=10))
    client.force_login(moderator)

    admin_action(client, JOBS, "feature", [job])
    admin_action(client, JOBS, "extend_closing_date", [job])

    job.refresh_from_db()
    assert job.is_featured
    extended, featured = history_rows(client, job)[:2]
    assert "Changed: Featured" in featured
    assert "Featured: No → Yes" in featured
    assert "Mo Derator (moderator@example.com)" in featured
    assert "Changed: Closing date extended by 30 days" in extended
    assert "Closing date: " in extended


def test_the_nightly_expiry_is_recorded_as_automatic(client, moderator, send_queued_mail):
    today = timezone.localdate()
    overdue = JobFactory(title="Phlebotomist", closes_on=today - timedelta(days=1))
    closing_soon = JobFactory(closes_on=today + timedelta(days=3))

    send_queued_mail(call_command, "expire_jobs", stdout=StringIO())

    version = overdue.history.first()
    assert (version.history_user, version.history_change_reason) == (None, "Expired automatically")
    client.force_login(moderator)
    newest = history_rows(client, overdue)[0]
    assert "No one signed in" in newest
    assert "Changed: Expired automatically" in newest
    assert "Status: Live → Expired" in newest
    # The closing-soon warning is its own version, not hidden in the next person's change.
    warned = history_rows(client, closing_soon)[0]
    assert "Changed: Closing-soon warning emailed" in warned
    assert "Expiry warning sent on: (empty) → " in warned


def test_an_employer_editing_their_own_post_on_the_site_is_recorded(client, moderator):
    recruiter = UserFactory(email="recruiter@prairie.example.org", full_name="Pat Recruiter")
    job = JobFactory(
        employer=EmployerFactory(members=[recruiter]),
        title="Medical Laboratory Scientist",
        closes_on=timezone.localdate() + timedelta(days=30),
    )
    client.force_login(recruiter)

    client.post(reverse("careers:job_edit", args=[job.pk]), job_form_data(action="save"))

    assert job.history.first().history_user == recruiter
    client.force_login(moderator)
    newest = history_rows(client, job)[0]
    assert "Pat Recruiter (recruiter@prairie.example.org)" in newest
    assert "Title: Medical Laboratory Scientist → Medical Laboratory Scientist, nights" in newest
    assert "Status: Live → In review" in newest
    assert "Shift: Day → Night" in newest


def test_the_job_history_page_has_a_fixed_cost(client, moderator, django_assert_max_num_queries):
    job = JobFactory()
    for n in range(30):
        job.title = f"Medical Laboratory Scientist {n}"
        job.save()
    client.force_login(moderator)

    with django_assert_max_num_queries(11):
        response = client.get(reverse("admin:careers_job_history", args=[job.pk]))

    assert "Medical Laboratory Scientist 28 → Medical Laboratory Scientist 29" in (
        response.content.decode()
    )
