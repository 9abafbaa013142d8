from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.models import Application, ApplicationEvent, Job, JobAlert, SavedJob
from careers.services.seeker import application_withdraw
from tests.careers.factories import (
    ApplicationFactory,
    EmployerFactory,
    JobFactory,
    ResumeFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("careers:seeker_dashboard")


@pytest.fixture
def seeker(client, member):
    client.force_login(member)
    return member


def test_a_new_seeker_sees_an_empty_state_for_each_part(client, seeker):
    html = client.get(DASHBOARD).content.decode()

    assert "<h1>My career</h1>" in html
    assert "You have no resumes yet." in html
    assert "You have not applied to any jobs yet." in html
    assert "No saved jobs." in html
    assert "No job alerts." in html
    assert 'enctype="multipart/form-data"' in html
    assert '<label for="id_title">Name for this resume' in html


def test_the_dashboard_lists_resumes_applications_saved_jobs_and_alerts(client, seeker):
    default = ResumeFactory(owner=seeker, title="Generalist", is_default=True)
    other = ResumeFactory(owner=seeker, title="Microbiology", original_name="micro.docx")
    employer = EmployerFactory(name="Lakeshore Hospital")
    job = JobFactory(employer=employer, title="Core Lab MLS")
    application = ApplicationFactory(applicant=seeker, job=job, status="interviewing")
    Application.objects.filter(pk=application.pk).update(
        submitted_at=timezone.make_aware(timezone.datetime(2026, 3, 2, 10)),
        status_changed_at=timezone.make_aware(timezone.datetime(2026, 3, 9, 10)),
    )
    SavedJob.objects.create(user=seeker, job=JobFactory(title="Open phlebotomy job"))
    SavedJob.objects.create(
        user=seeker, job=JobFactory(title="Filled histology job", status=Job.Status.CLOSED)
    )
    JobAlert.objects.create(
        user=seeker, name="Night chemistry", query="discipline=chemistry&shift=night"
    )

    html = client.get(DASHBOARD).content.decode()

    # Resumes: default marked, with download, rename, make-default and delete actions.
    assert 'Generalist <span class="badge">Default</span>' in html
    assert reverse("careers:resume_download", args=[other.pk]) in html
    assert "micro.docx" in html
    assert reverse("careers:resume_edit", args=[default.pk]) in html
    assert reverse("careers:resume_delete", args=[other.pk]) in html
    assert html.count('value="default"') == 1  # only the non-default can be made default
    # Applications: job, employer, status, dates.
    assert reverse("careers:application_detail", args=[application.pk]) in html
    assert job.get_absolute_url() in html
    assert "Lakeshore Hospital" in html
    assert "Interviewing" in html
    assert "2 Mar 2026" in html
    assert "9 Mar 2026" in html
    # Saved jobs say whether they are still open.
    assert "Open phlebotomy job" in html
    assert "Filled histology job" in html
    assert "No longer accepting applications." in html
    # Alerts show the search in words, linked to the job search.
    assert "Night chemistry" in html
    assert f'href="{reverse("careers:index")}?discipline=chemistry&amp;shift=night"' in html
    assert "Discipline: Chemistry, Shift: Night" in html
    assert reverse("careers:alert_delete", args=[JobAlert.objects.get().pk]) in html


def test_applications_are_paged_twenty_at_a_time(client, seeker):
    ApplicationFactory.create_batch(25, applicant=seeker)

    first = client.get(DASHBOARD)
    second = client.get(DASHBOARD, {"page": 2})

    assert len(first.context["applications"]) == 20
    assert 'href="?page=2"' in first.content.decode()
    assert len(second.context["applications"]) == 5


def _dashboard_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def test_the_dashboard_query_count_does_not_grow_with_applications(
    client, seeker, django_assert_max_num_queries
):
    ResumeFactory.create_batch(2, owner=seeker)
    SavedJob.objects.create(user=seeker, job=JobFactory())
    JobAlert.objects.create(user=seeker, name="All jobs", query="")
    ApplicationFactory.create_batch(2, applicant=seeker)
    with django_assert_max_num_queries(7):
        client.get(DASHBOARD)
    few = _dashboard_queries(client)

    ApplicationFactory.create_batch(28, applicant=seeker)
    with django_assert_max_num_queries(7):
        client.get(DASHBOARD)
    assert _dashboard_queries(client) == few


# --- An application and withdrawing it ---------------------------------------------------------


def test_the_application_page_shows_the_timeline_and_the_copy_sent(client, seeker):
    application = ApplicationFactory(applicant=seeker, resume_name="Jordan.pdf")
    start = timezone.now() - timedelta(days=3)
    ApplicationEvent.objects.create(application=application, status="submitted", at=start)
    ApplicationEvent.objects.create(
        application=application, status="reviewed", at=start + timedelta(days=1)
    )

    html = client.get(reverse("careers:application_detail", args=[application.pk])).content
    html = html.decode()

    assert "You applied" in html
    assert "Marked “Reviewed” by the employer" in html
    assert html.index("You applied") < html.index("Marked “Reviewed”")
    assert reverse("careers:application_resume_download", args=[application.pk]) in html
    assert "Jordan.pdf" in html
    assert "I would love to join your team." in html
    assert "Withdraw my application" in html


def test_withdrawing_an_application(client, seeker):
    application = ApplicationFactory(applicant=seeker, job__title="Cytology lead")
    url = reverse("careers:application_withdraw", args=[application.pk])

    response = client.post(url, follow=True)

    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert ApplicationEvent.objects.get(application=application).status == "withdrawn"
    html = response.content.decode()
    assert "You have withdrawn your application for Cytology lead." in html
    assert "You withdrew the application" in html
    assert "Withdraw my application" not in html
    client.post(url)  # a second click changes nothing
    assert ApplicationEvent.objects.filter(application=application).count() == 1


@pytest.mark.parametrize("status", ["hired", "not_selected"])
def test_a_decided_application_cannot_be_withdrawn(client, seeker, status):
    application = ApplicationFactory(applicant=seeker, status=status)
    detail = reverse("careers:application_detail", args=[application.pk])

    assert "Withdraw my application" not in client.get(detail).content.decode()
    response = client.post(
        reverse("careers:application_withdraw", args=[application.pk]), follow=True
    )
    assert "so there is nothing to withdraw" in response.content.decode()
    application.refresh_from_db()
    assert application.status == status
    with pytest.raises(ValidationError):
        application_withdraw(application=application, by=seeker)
