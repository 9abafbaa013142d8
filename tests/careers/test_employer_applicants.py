"""Employers reading the applications to their own posts, and only those."""

import csv
import html
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import Application, ApplicationEvent
from tests.careers.factories import ApplicationFactory, EmployerFactory, JobFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def recruiter(db):
    return UserFactory(email="recruiter@prairie.example.org", full_name="Pat Recruiter")


@pytest.fixture
def job(recruiter):
    employer = EmployerFactory(name="Prairie Health Laboratory", members=[recruiter])
    return JobFactory(employer=employer, title="Night MLS")


@pytest.fixture
def application(job):
    seeker = UserFactory(email="jane@example.com", full_name="Jane Doe")
    return ApplicationFactory(job=job, applicant=seeker, resume_name="Jane Doe CV (final).pdf")


@pytest.fixture
def rival_application(db):
    rival = UserFactory(email="rival@lakeshore.example.org")
    employer = EmployerFactory(name="Lakeshore Reference Lab", members=[rival])
    seeker = UserFactory(email="sam@example.com", full_name="Sam Secret")
    return ApplicationFactory(job=JobFactory(employer=employer), applicant=seeker)


def test_applicants_list_shows_name_email_date_status_and_resume(
    client, recruiter, job, application
):
    client.force_login(recruiter)

    page = text(client.get(reverse("careers:applicants", args=[job.pk])))

    assert "Jane Doe" in page
    assert "jane@example.com" in page
    assert application.submitted_at.strftime("%b") in page
    assert "Submitted" in page
    assert reverse("careers:applicant_resume_download", args=[application.pk]) in page
    assert reverse("careers:applicant_detail", args=[application.pk]) in page


def test_applicants_can_be_filtered_by_status(client, recruiter, job, application):
    ApplicationFactory(
        job=job, applicant=UserFactory(full_name="Riley Reviewed"), status="reviewed"
    )
    client.force_login(recruiter)

    response = client.get(reverse("careers:applicants", args=[job.pk]), {"status": "reviewed"})

    names = [a.applicant.full_name for a in response.context["applications"]]
    assert names == ["Riley Reviewed"]
    assert "1 application marked “Reviewed”" in text(response)
    # An unknown status shows everyone rather than an error.
    response = client.get(reverse("careers:applicants", args=[job.pk]), {"status": "bogus"})
    assert len(response.context["applications"]) == 2


def test_resume_downloads_under_a_safe_name(client, recruiter, application):
    client.force_login(recruiter)

    response = client.get(reverse("careers:applicant_resume_download", args=[application.pk]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="jane-doe-resume.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_csv_lists_the_posts_applicants(client, recruiter, job, application):
    ApplicationFactory(
        job=job,
        applicant=UserFactory(email="formula@example.com", full_name="=HYPERLINK(1)"),
        status="interviewing",
        resume_name="cv.docx",
    )
    client.force_login(recruiter)

    response = client.get(reverse("careers:applicants_csv", args=[job.pk]))

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="applicants-night-mls-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["name", "email", "status", "submitted", "last change", "resume file"]
    submitted = timezone.localtime(application.submitted_at).strftime("%Y-%m-%d %H:%M")
    assert rows[1] == [
        "Jane Doe",
        "jane@example.com",
        "Submitted",
        submitted,
        timezone.localtime(application.status_changed_at).strftime("%Y-%m-%d %H:%M"),
        "Jane Doe CV (final).pdf",
    ]
    # A name that looks like a spreadsheet formula is kept as text.
    assert rows[2][:3] == ["'=HYPERLINK(1)", "formula@example.com", "Interviewing"]
    assert len(rows) == 3


def test_csv_follows_the_status_filter(client, recruiter, job, application):
    ApplicationFactory(job=job, status="hired")
    client.force_login(recruiter)

    response = client.get(reverse("careers:applicants_csv", args=[job.pk]), {"status": "hired"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[2] for row in rows[1:]] == ["Hired"]


def test_status_change_is_recorded_and_emailed_to_the_seeker(
    client, recruiter, application, send_queued_mail, mailoutbox
):
    client.force_login(recruiter)
    url = reverse("careers:applicant_detail", args=[application.pk])

    response = send_queued_mail(
        client.post, url, {"action": "status", "status-status": "interviewing"}, follow=True
    )

    assert "Status changed to “Interviewing”. We emailed Jane Doe about it." in text(response)
    application.refresh_from_db()
    assert application.status == Application.Status.INTERVIEWING
    event = ApplicationEvent.objects.get(application=application)
    assert (event.status, event.by) == ("interviewing", recruiter)
    assert application.status_changed_at == event.at
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["jane@example.com"]
    assert "Update on your application: Night MLS" in message.subject
    assert "Its status is now: Interviewing." in message.body
    assert reverse("careers:application_detail", args=[application.pk]) in message.body
    assert "Interviewing" in text(client.get(url))


def test_setting_the_same_status_again_sends_nothing(
    client, recruiter, application, send_queued_mail, mailoutbox
):
    client.force_login(recruiter)
    url = reverse("careers:applicant_detail", args=[application.pk])

    response = send_queued_mail(
        client.post, url, {"action": "status", "status-status": "submitted"}, follow=True
    )

    assert "The status was already “Submitted”." in text(response)
    assert not ApplicationEvent.objects.exists()
    assert mailoutbox == []


def test_employers_cannot_mark_an_application_withdrawn(client, recruiter, application):
    client.force_login(recruiter)
    url = reverse("careers:applicant_detail", args=[application.pk])

    page = client.get(url).content.decode()
    assert 'value="withdrawn"' not in page
    client.post(url, {"action": "status", "status-status": "withdrawn"})

    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_a_withdrawn_application_cannot_change(client, recruiter, application, mailoutbox):
    application.status = Application.Status.WITHDRAWN
    application.save()
    client.force_login(recruiter)
    url = reverse("careers:applicant_detail", args=[application.pk])

    assert "withdrew this application" in text(client.get(url))
    response = client.post(url, {"action": "status", "status-status": "hired"}, follow=True)

    assert "withdrew this application" in text(response)
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert mailoutbox == []


def test_private_notes_are_saved_for_the_employer(client, recruiter, application):
    client.force_login(recruiter)
    url = reverse("careers:applicant_detail", args=[application.pk])

    response = client.post(
        url, {"action": "notes", "notes-employer_notes": "  Strong blood bank background. "},
        follow=True,
    )  # fmt: skip

    assert "Your private notes are saved." in text(response)
    application.refresh_from_db()
    assert application.employer_notes == "Strong blood bank background."
    assert "Strong blood bank background." in text(response)


@pytest.mark.parametrize(
    ("name", "method", "data"),
    [
        ("careers:applicant_detail", "get", {}),
        ("careers:applicant_detail", "post", {"action": "status", "status-status": "hired"}),
        ("careers:applicant_detail", "post", {"action": "notes", "notes-employer_notes": "x"}),
        ("careers:applicant_resume_download", "get", {}),
    ],
)
def test_employers_never_reach_another_employers_applicants(
    client, recruiter, job, rival_application, name, method, data
):
    client.force_login(recruiter)

    response = getattr(client, method)(reverse(name, args=[rival_application.pk]), data)

    assert response.status_code == 404
    rival_application.refresh_from_db()
    assert rival_application.status == Application.Status.SUBMITTED
    assert rival_application.employer_notes == ""


def test_other_employers_applicants_and_csv_are_not_found(
    client, recruiter, job, rival_application
):
    client.force_login(recruiter)
    rival_job = rival_application.job

    assert client.get(reverse("careers:applicants", args=[rival_job.pk])).status_code == 404
    assert client.get(reverse("careers:applicants_csv", args=[rival_job.pk])).status_code == 404
    page = text(client.get(reverse("careers:applicants", args=[job.pk])))
    assert "Sam Secret" not in page


@pytest.mark.parametrize(
    "name",
    ["careers:applicant_detail", "careers:applicant_resume_download"],
)
def test_people_without_employer_access_get_nothing(client, member, application, name):
    # Even the applicant: their own copy is on their side of the portal, not here.
    client.force_login(member)
    assert client.get(reverse(name, args=[application.pk])).status_code == 404
    client.force_login(application.applicant)
    assert client.get(reverse(name, args=[application.pk])).status_code == 404


def test_a_pending_employers_members_see_no_applicants(client, recruiter, job, application):
    job.employer.status = "pending"
    job.employer.save()
    client.force_login(recruiter)

    assert client.get(reverse("careers:applicants", args=[job.pk])).status_code == 404
    detail = reverse("careers:applicant_detail", args=[application.pk])
    assert client.get(detail).status_code == 404


@pytest.mark.parametrize("count", [2, 40])
def test_applicants_query_count_does_not_grow_with_applications(
    client, recruiter, job, django_assert_max_num_queries, count
):
    ApplicationFactory.create_batch(count, job=job)
    client.force_login(recruiter)

    # Session, user, the job, the status counts, the page count, the applications.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("careers:applicants", args=[job.pk]))

    assert len(response.context["applications"]) == count


def test_applicant_detail_query_count_is_small(
    client, recruiter, application, django_assert_max_num_queries
):
    client.force_login(recruiter)

    with django_assert_max_num_queries(4):
        client.get(reverse("careers:applicant_detail", args=[application.pk]))
