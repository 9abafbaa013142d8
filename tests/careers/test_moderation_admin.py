"""The Career Center admin as a Career Center moderator uses it."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from careers.models import Application, ApplicationEvent, CareerServiceRequest, Job
from portal.groups import CAREER_MODERATORS
from tests.careers.factories import (
    ApplicationFactory,
    EmployerFactory,
    JobFactory,
    ResumeFactory,
)
from tests.careers.test_moderation import admin_action
from tests.factories import MINIMAL_PDF, UserFactory

pytestmark = pytest.mark.django_db

JOBS = reverse("admin:careers_job_changelist")
REQUESTS = reverse("admin:careers_careerservicerequest_changelist")


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.com", full_name="Mo Derator", is_staff=True)
    user.groups.add(Group.objects.get(name=CAREER_MODERATORS))
    return user


def service_request(**kwargs):
    defaults = {
        "service": CareerServiceRequest.Service.RESUME_REVIEW,
        "requester": UserFactory(),
        "message": "Please look over my resume before I apply for lead positions.",
    }
    return CareerServiceRequest.objects.create(**{**defaults, **kwargs})


@pytest.mark.parametrize(
    "model", ["employer", "job", "application", "resume", "careerservicerequest", "jobalert"]
)
def test_moderators_reach_every_career_center_list(client, moderator, model):
    client.force_login(moderator)

    assert client.get(reverse(f"admin:careers_{model}_changelist")).status_code == 200


def test_moderators_cannot_add_applications_or_resumes_or_see_employer_notes(client, moderator):
    application = ApplicationFactory(employer_notes="Salary expectations too high.")
    client.force_login(moderator)

    assert client.get(reverse("admin:careers_application_add")).status_code == 403
    assert client.get(reverse("admin:careers_resume_add")).status_code == 403
    page = client.get(reverse("admin:careers_application_change", args=[application.pk]))
    assert "Salary expectations too high." not in page.content.decode()


def test_job_list_filters_and_search(client, moderator):
    JobFactory(title="Histotechnician", city="Rockford", discipline="histology")
    JobFactory(
        title="Core lab MLS", employer=EmployerFactory(name="Lakeshore Reference Lab"),
        is_featured=True,
    )  # fmt: skip
    client.force_login(moderator)

    def titles(**params):
        return {j.title for j in client.get(JOBS, params).context["cl"].result_list}

    assert titles(q="rockford") == {"Histotechnician"}
    assert titles(q="lakeshore") == {"Core lab MLS"}
    assert titles(is_featured__exact="1") == {"Core lab MLS"}
    assert titles(discipline__exact="histology") == {"Histotechnician"}
    filters = {spec.title for spec in client.get(JOBS).context["cl"].filter_specs}
    assert {"status", "featured", "discipline", "credential asked for", "employer"} <= filters
    assert "closing date" in filters


def test_feature_and_unfeature(client, moderator):
    job = JobFactory()
    client.force_login(moderator)

    response = admin_action(client, JOBS, "feature", [job])
    assert "1 post(s) featured." in response.content.decode()
    job.refresh_from_db()
    assert job.is_featured

    admin_action(client, JOBS, "unfeature", [job])
    job.refresh_from_db()
    assert not job.is_featured


def test_extending_adds_30_days_but_never_beyond_90_from_today(client, moderator):
    today = timezone.localdate()
    soon = JobFactory(closes_on=today + timedelta(days=5))
    far = JobFactory(closes_on=today + timedelta(days=80))
    at_limit = JobFactory(closes_on=today + timedelta(days=90))
    expired = JobFactory(status="expired", closes_on=today - timedelta(days=2))
    client.force_login(moderator)

    response = admin_action(client, JOBS, "extend_closing_date", [soon, far, at_limit, expired])

    assert "2 post(s) now close later. 2 unchanged" in response.content.decode()
    for job in (soon, far, at_limit, expired):
        job.refresh_from_db()
    assert soon.closes_on == today + timedelta(days=35)
    assert far.closes_on == today + timedelta(days=90)
    assert at_limit.closes_on == today + timedelta(days=90)
    assert expired.closes_on == today - timedelta(days=2)


def test_a_live_post_can_be_taken_down_with_a_reason(
    client, moderator, send_queued_mail, mailoutbox
):
    job = JobFactory(employer=EmployerFactory(contact_email="hr@lab.example.org"))
    client.force_login(moderator)

    send_queued_mail(
        admin_action, client, JOBS, "reject", [job], apply="yes",
        reason="The salary shown is not the one in the description.",
    )  # fmt: skip

    job.refresh_from_db()
    assert job.status == Job.Status.REJECTED
    assert job not in Job.objects.live()
    assert mailoutbox[0].to == ["hr@lab.example.org"]


def test_the_job_form_in_the_admin_loads_the_editor_and_keeps_status_read_only(client, moderator):
    job = JobFactory(status="pending", published_at=None)
    client.force_login(moderator)

    response = client.get(reverse("admin:careers_job_change", args=[job.pk]))

    page = response.content.decode()
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script type="importmap" nonce="{nonce}">' in page
    assert 'name="status"' not in page


@pytest.mark.parametrize("count", [3, 30])
def test_job_list_query_count_does_not_grow_with_posts(
    client, moderator, django_assert_max_num_queries, count
):
    for job in JobFactory.create_batch(count):
        ApplicationFactory(job=job)
    client.force_login(moderator)

    with django_assert_max_num_queries(8):
        response = client.get(JOBS)

    assert len(response.context["cl"].result_list) == count


def test_job_list_shows_application_counts(client, moderator):
    job = JobFactory(title="Popular post")
    ApplicationFactory.create_batch(3, job=job)
    client.force_login(moderator)

    listed = client.get(JOBS).context["cl"].result_list[0]

    assert listed._applications == 3


def test_moderator_adds_members_to_an_employer_by_searching_accounts(client, moderator):
    UserFactory(email="pat@prairie.example.org", full_name="Pat Recruiter")
    client.force_login(moderator)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "careers", "model_name": "employer", "field_name": "members", "term": "pat"},
    )

    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == ["Pat Recruiter"]


def test_moderator_corrects_an_application_status_and_the_seeker_is_told(
    client, moderator, send_queued_mail, mailoutbox
):
    application = ApplicationFactory(applicant=UserFactory(email="jane@example.com"))
    client.force_login(moderator)
    url = reverse("admin:careers_application_change", args=[application.pk])

    response = send_queued_mail(
        client.post,
        url,
        {
            "status": "reviewed",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "events-MIN_NUM_FORMS": "0",
            "events-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.REVIEWED
    assert ApplicationEvent.objects.get(application=application).by == moderator
    assert mailoutbox[0].to == ["jane@example.com"]


def test_staff_download_private_files_from_the_admin(client, moderator):
    resume = ResumeFactory(original_name="Jane's CV.pdf")
    application = ApplicationFactory(applicant=UserFactory(full_name="Jane Doe"))
    client.force_login(moderator)

    page = client.get(reverse("admin:careers_resume_change", args=[resume.pk])).content.decode()
    assert reverse("admin:careers_resume_file", args=[resume.pk]) in page
    response = client.get(reverse("admin:careers_resume_file", args=[resume.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="Janes_CV.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

    response = client.get(reverse("admin:careers_application_file", args=[application.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="jane-doe-resume.pdf"'


def test_private_files_stay_private_for_staff_outside_the_group(client, staff_user):
    resume = ResumeFactory()
    client.force_login(staff_user)

    response = client.get(reverse("admin:careers_resume_file", args=[resume.pk]))

    assert response.status_code in (403, 404)


def test_service_requests_are_assigned_and_moved_on_from_the_list(client, moderator):
    first = service_request()
    second = service_request(service=CareerServiceRequest.Service.COACHING)
    second.resume_file.save("cv.pdf", ContentFile(MINIMAL_PDF))
    client.force_login(moderator)

    response = client.post(
        REQUESTS,
        {
            "form-TOTAL_FORMS": "2",
            "form-INITIAL_FORMS": "2",
            "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000",
            "form-0-id": str(second.pk),
            "form-0-status": "in_progress",
            "form-0-assignee": str(moderator.pk),
            "form-1-id": str(first.pk),
            "form-1-status": "new",
            "form-1-assignee": "",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    second.refresh_from_db()
    assert (second.status, second.assignee) == ("in_progress", moderator)
    shown = client.get(REQUESTS, {"service__exact": "coaching"}).context["cl"].result_list
    assert list(shown) == [second]
    shown = client.get(REQUESTS, {"q": "lead positions"}).context["cl"].result_list
    assert set(shown) == {first, second}
    page = client.get(reverse("admin:careers_careerservicerequest_change", args=[second.pk]))
    assert reverse("admin:careers_careerservicerequest_file", args=[second.pk]) in (
        page.content.decode()
    )


@pytest.mark.parametrize("count", [2, 20])
def test_service_request_list_query_count_does_not_grow(
    client, moderator, django_assert_max_num_queries, count
):
    for _ in range(count):
        service_request()
    UserFactory.create_batch(3, is_staff=True)
    client.force_login(moderator)

    with django_assert_max_num_queries(12):
        response = client.get(REQUESTS)

    assert len(response.context["cl"].result_list) == count
