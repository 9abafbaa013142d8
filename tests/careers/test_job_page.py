import json
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from careers import job_views
from careers.models import CareerServiceRequest, Job
from tests.careers.factories import EmployerFactory, JobFactory
from tests.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db


def _json_ld(html):
    block = html.split('<script type="application/ld+json"', 1)[1]
    return json.loads(block.split(">", 1)[1].split("</script>", 1)[0])


def test_job_page_shows_everything_a_seeker_needs(client):
    employer = EmployerFactory(
        name="Carle Lab",
        website="https://carle.example.org/",
        description="Central Illinois health system.",
        city="Urbana",
    )
    job = JobFactory(title="Blood Bank MLS", employer=employer, city="Urbana",
                     salary_min=32, salary_max=41.5, salary_period="hour", shift="evening",
                     credential="mls", discipline="blood_bank",
                     description='<p>Crossmatch and antibody work.</p><script>x()</script>',
                     )  # fmt: skip

    html = client.get(job.get_absolute_url()).content.decode()

    for text in ("Blood Bank MLS", "Carle Lab", "Urbana, IL", "Central Illinois health system.",
                 "$32–$41.50 per hour", "evening shift", "Blood bank",
                 "Crossmatch and antibody work.", "Apply by"):  # fmt: skip
        assert text in html, text
    assert "<script>x()" not in html
    data = _json_ld(html)
    assert data["@type"] == "JobPosting"
    assert data["hiringOrganization"]["name"] == "Carle Lab"
    assert data["jobLocation"]["address"]["addressLocality"] == "Urbana"
    assert data["baseSalary"]["value"]["minValue"] == 32.0
    assert job_views.visits(job) == 1


def test_expired_job_still_shows_but_takes_no_applications(client):
    job = JobFactory(title="Night MLT", closes_on=timezone.localdate() - timedelta(days=2))

    html = client.get(job.get_absolute_url()).content.decode()

    assert "Night MLT" in html
    assert "This job is no longer accepting applications." in html
    assert "application/ld+json" not in html


@pytest.mark.parametrize("status", [Job.Status.DRAFT, Job.Status.PENDING])
def test_a_post_never_published_is_not_public(client, status):
    job = JobFactory(status=status, published_at=None)
    assert client.get(job.get_absolute_url()).status_code == 404


def test_external_application_is_explained(client):
    job = JobFactory(apply_method="url", apply_url="https://jobs.example.org/123")
    html = client.get(job.get_absolute_url()).content.decode()
    assert 'href="https://jobs.example.org/123"' in html
    assert "The portal does not record applications sent there." in html


def test_career_services_list_and_member_benefit(client, member, non_member):
    html = client.get("/careers/services/").content.decode()
    for title in ("Resume writing review", "Reference checking", "Professional coaching"):
        assert title in html
    assert "Career services are a benefit of ASCLS membership." in html

    client.force_login(member)
    html = client.get("/careers/services/coaching/").content.decode()
    assert "part of your ASCLS membership" in html


def test_anonymous_visitor_is_asked_to_log_in_to_request_a_service(client):
    html = client.get("/careers/services/resume-review/").content.decode()
    assert "to send a request" in html
    assert '<form method="post" enctype' not in html


def test_requesting_a_service_creates_a_record_and_confirms_by_email(
    client, member, send_queued_mail
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(member)
    response = send_queued_mail(
        client.post,
        "/careers/services/resume-review/",
        {
            "preferred_contact": "email",
            "phone": "",
            "message": "Moving from MLT to MLS; please review.",
            "resume_file": SimpleUploadedFile("cv.pdf", MINIMAL_PDF),
        },
        follow=True,
    )

    assert "Your request for resume writing review has been sent" in response.content.decode()
    request_obj = CareerServiceRequest.objects.get()
    assert request_obj.service == "resume_review"
    assert request_obj.status == "new"
    assert request_obj.resume_file.read() == MINIMAL_PDF
    assert mail.outbox[0].to == [member.email]
    assert "resume writing review" in mail.outbox[0].subject
    assert "Moving from MLT to MLS" in mail.outbox[0].body


def test_service_request_errors_keep_what_was_typed(client, member):
    client.force_login(member)
    response = client.post(
        "/careers/services/coaching/",
        {"preferred_contact": "phone", "phone": "", "message": "Thinking about management."},
    )
    html = response.content.decode()
    assert "Add a phone number so we can call you" in html
    assert "Thinking about management." in html
    assert not CareerServiceRequest.objects.exists()


def test_unknown_service_is_404(client):
    assert client.get("/careers/services/astrology/").status_code == 404
