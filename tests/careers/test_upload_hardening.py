"""Resumes in every place they are uploaded (the resume page, the apply form, a career service
request) refuse hostile files with a clear error, store nothing, keep what was typed, store what
they accept under a generated name, and are downloaded as attachments that are never sniffed."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.models import Application, CareerServiceRequest, Resume
from portal.uploads import RESUME
from tests.careers.factories import EmployerFactory, JobFactory, ResumeFactory
from tests.upload_samples import hostile_params, office_bytes, pdf_of_size, stored_files

pytestmark = pytest.mark.django_db

UPLOAD = reverse("careers:resume_upload")
SERVICE = reverse("careers:service_request", args=["resume-review"])
GENERATED = re.compile(r"[0-9a-f]{32}\.(pdf|docx|doc)$")

REFUSALS = hostile_params(
    "resume.pdf",
    {
        "windows-program": "It is a Windows program",
        "linux-program": "It is a Linux program",
        "web-page-named-pdf": "It is a web page (HTML)",
        "zip-bomb": "This file unpacks to more than 50 MB",
        "empty": "The file is empty. Choose your resume again and re-upload it.",
    },
)
ONE_BYTE_OVER = pdf_of_size(RESUME.max_bytes + 1)
AT_THE_LIMIT = pdf_of_size(RESUME.max_bytes)
TOO_BIG_WORDS = "The file is just over 5 MB; a resume can be at most 5 MB."


def _file(name, data):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def seeker(client, member):
    client.force_login(member)
    return member


@pytest.fixture
def job():
    return JobFactory(employer=EmployerFactory(name="Prairie Regional Lab"), slug="night-mls")


def _nothing_stored(settings):
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


# --- The resume page ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [*REFUSALS, pytest.param("resume.pdf", ONE_BYTE_OVER, TOO_BIG_WORDS, id="one-byte-over")],
)
def test_the_resume_page_refuses_hostile_files_and_keeps_the_title(
    client, seeker, settings, name, data, words
):
    response = client.post(UPLOAD, {"title": "My hematology resume", "file": _file(name, data)})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your resume was not uploaded." in html
    assert words in html
    assert 'value="My hematology resume"' in html
    assert not Resume.objects.exists()
    _nothing_stored(settings)


def test_a_resume_exactly_at_the_limit_is_kept_under_a_generated_name(client, seeker):
    client.post(UPLOAD, {"title": "Long CV", "file": _file("Jordan Lee CV.pdf", AT_THE_LIMIT)})

    resume = Resume.objects.get()
    assert resume.file.size == RESUME.max_bytes
    assert resume.original_name == "Jordan Lee CV.pdf"
    assert GENERATED.search(resume.file.name)
    assert resume.file.name.startswith(f"resumes/{seeker.pk}/")
    assert "Jordan" not in resume.file.name


def test_a_resume_downloads_as_an_attachment_under_its_own_name(client, seeker):
    resume = ResumeFactory(owner=seeker, original_name="Jordan Lee CV.pdf")

    response = client.get(reverse("careers:resume_download", args=[resume.pk]))

    assert response["Content-Disposition"] == 'attachment; filename="Jordan Lee CV.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert GENERATED.search(resume.file.name)


# --- Uploading while applying -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [*REFUSALS, pytest.param("resume.pdf", ONE_BYTE_OVER, TOO_BIG_WORDS, id="one-byte-over")],
)
def test_the_apply_form_refuses_hostile_files_and_keeps_the_note(
    client, seeker, job, settings, name, data, words
):
    response = client.post(
        reverse("careers:apply", args=[job.slug]),
        {
            "apply-resume_title": "Night resume",
            "apply-resume_file": _file(name, data),
            "apply-cover_note": "Five years on nights.",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your application was not sent yet." in html
    assert words in html
    assert "Five years on nights.</textarea>" in html
    assert 'value="Night resume"' in html
    assert not Application.objects.exists()
    assert not Resume.objects.exists()
    _nothing_stored(settings)


def test_the_employers_copy_is_stored_under_its_own_generated_name(client, seeker, job):
    client.post(
        reverse("careers:apply", args=[job.slug]),
        {
            "apply-resume_title": "",
            "apply-resume_file": _file("CV 2026.docx", office_bytes("docx")),
            "apply-cover_note": "",
        },
    )

    application = Application.objects.get()
    resume = Resume.objects.get()
    assert application.resume_name == "CV 2026.docx"
    assert application.resume_file.name.startswith(f"applications/{job.pk}/")
    assert application.resume_file.name.endswith(".docx")
    assert GENERATED.search(application.resume_file.name)
    assert application.resume_file.name != resume.file.name

    response = client.get(reverse("careers:application_resume_download", args=[application.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="CV 2026.docx"'
    assert response["X-Content-Type-Options"] == "nosniff"


# --- Career service requests ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [*REFUSALS, pytest.param("resume.pdf", ONE_BYTE_OVER, TOO_BIG_WORDS, id="one-byte-over")],
)
def test_a_service_request_refuses_hostile_files_and_keeps_the_message(
    client, member, settings, name, data, words
):
    client.force_login(member)

    response = client.post(
        SERVICE,
        {
            "preferred_contact": "email",
            "phone": "",
            "message": "Moving from MLT to MLS; please review.",
            "resume_file": _file(name, data),
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert words in html
    assert "Moving from MLT to MLS; please review.</textarea>" in html
    assert not CareerServiceRequest.objects.exists()
    _nothing_stored(settings)


def test_a_service_request_keeps_its_resume_under_a_generated_name(client, member, superuser):
    client.force_login(member)
    client.post(
        SERVICE,
        {
            "preferred_contact": "email",
            "message": "Please review.",
            "resume_file": _file("Jordan Lee CV.pdf", AT_THE_LIMIT),
        },
    )

    request_obj = CareerServiceRequest.objects.get()
    assert re.fullmatch(r"career-services/\d{4}/[0-9a-f]{32}\.pdf", request_obj.resume_file.name)

    client.force_login(superuser)
    response = client.get(reverse("admin:careers_careerservicerequest_file", args=[request_obj.pk]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="career-service-request-{request_obj.pk}-resume.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
