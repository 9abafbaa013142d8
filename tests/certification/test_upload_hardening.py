"""CE certificates (the tracker) and webinar attendance lists (the admin) refuse hostile files
with a clear error, store and change nothing, keep what was typed, store accepted certificates
under a generated name and hand them back as attachments that are never sniffed."""

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certification.forms_webinars import AttendanceUploadForm
from certification.models import CEActivity, WebinarRegistration
from portal.uploads import ATTENDANCE, CERTIFICATE
from tests.certification.factories_tracker import make_categories
from tests.certification.factories_webinars import WebinarFactory, WebinarRegistrationFactory
from tests.upload_samples import (
    LINUX_PROGRAM,
    WEB_PAGE,
    WINDOWS_PROGRAM,
    csv_of_size,
    hostile_params,
    pdf_of_size,
    stored_files,
    zip_bomb,
)

pytestmark = pytest.mark.django_db

ACTIVITY_ADD = reverse("certification:activity_add")


@pytest.fixture
def cats(db):
    return make_categories()


@pytest.fixture
def me(client, member):
    client.force_login(member)
    return member


def _activity(cats, certificate):
    return {
        "title": "Antimicrobial stewardship in the lab",
        "provider": "ASCLS Labucate",
        "completed_on": (timezone.localdate() - timedelta(days=10)).isoformat(),
        "amount": "1.5",
        "unit": "contact_hours",
        "category": str(cats["Microbiology"].pk),
        "format": "online",
        "pace_number": "519-123-26",
        "notes": "Good one.",
        "certificate": certificate,
    }


# --- CE certificates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        *hostile_params(
            "certificate.pdf",
            {
                "windows-program": "It is a Windows program",
                "linux-program": "It is a Linux program",
                "web-page-named-pdf": "It is a web page (HTML)",
                # A certificate is never an Office file: refused without being unpacked.
                "zip-bomb": "This file is not a PDF, JPEG or PNG",
                "empty": "The file is empty. Choose your certificate again and re-upload it.",
            },
        ),
        pytest.param(
            "certificate.pdf",
            pdf_of_size(CERTIFICATE.max_bytes + 1),
            "The file is just over 10 MB; a certificate can be at most 10 MB.",
            id="one-byte-over",
        ),
    ],
)
def test_a_ce_certificate_refuses_hostile_files_and_keeps_the_activity_typed(
    client, me, cats, settings, name, data, words
):
    response = client.post(ACTIVITY_ADD, _activity(cats, SimpleUploadedFile(name, data)))

    html = response.content.decode()
    assert response.status_code == 200
    assert words in html
    assert 'value="Antimicrobial stewardship in the lab"' in html
    assert 'value="519-123-26"' in html
    assert not CEActivity.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_a_certificate_at_the_limit_is_kept_under_a_generated_name_and_downloads_safely(
    client, me, cats
):
    data = pdf_of_size(CERTIFICATE.max_bytes)
    client.post(ACTIVITY_ADD, _activity(cats, SimpleUploadedFile("My Scan <1>.pdf", data)))

    activity = CEActivity.objects.get()
    assert re.fullmatch(r"ce-certificates/\d{4}/[0-9a-f]{32}\.pdf", activity.certificate.name)
    assert activity.certificate.size == CERTIFICATE.max_bytes

    response = client.get(reverse("certification:activity_certificate", args=[activity.pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="ce-certificate-antimicrobial-stewardship-in-the-lab.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


# --- Webinar attendance lists -------------------------------------------------------------------


@pytest.fixture
def webinar(db):
    return WebinarFactory(title="Transfusion reactions")


@pytest.fixture
def registered(webinar, member):
    return WebinarRegistrationFactory(webinar=webinar, user=member)


def _attendance(client, webinar, name, data):
    url = reverse("admin:certification_webinar_attendance", args=[webinar.pk])
    return client.post(url, {"attendees": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        pytest.param("zoom.csv", WINDOWS_PROGRAM, "It is a Windows program", id="windows-program"),
        pytest.param("zoom.csv", LINUX_PROGRAM, "It is a Linux program", id="linux-program"),
        pytest.param("zoom.pdf", WEB_PAGE, "Upload a .csv file", id="web-page-named-pdf"),
        pytest.param("zoom.csv", WEB_PAGE, "It is a web page (HTML)", id="web-page-named-csv"),
        pytest.param("zoom.csv", zip_bomb(), "This file is not a CSV file", id="zip-bomb"),
        pytest.param("zoom.csv", b"", ATTENDANCE.empty, id="empty"),
        pytest.param(
            "zoom.csv",
            csv_of_size(ATTENDANCE.max_bytes + 1, b"email\nmember@example.com\n"),
            "The file is just over 2 MB, larger than 2 MB.",
            id="one-byte-over",
        ),
    ],
)
def test_an_attendance_list_refuses_hostile_files_and_marks_no_one(
    client, superuser, webinar, registered, name, data, words
):
    client.force_login(superuser)

    response = _attendance(client, webinar, name, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert words in html
    assert not WebinarRegistration.objects.filter(attended=True).exists()
    assert not CEActivity.objects.exists()


def test_an_attendance_list_exactly_at_the_limit_is_imported(
    client, superuser, webinar, registered
):
    client.force_login(superuser)
    data = csv_of_size(ATTENDANCE.max_bytes, b"Email\nmember@example.com\n")

    response = _attendance(client, webinar, "zoom.csv", data)

    assert "Marked 1 attended" in response.content.decode()
    registered.refresh_from_db()
    assert registered.attended


def test_the_attendance_form_accepts_utf8_with_a_byte_order_mark():
    upload = SimpleUploadedFile("teams.csv", "\ufeffEmail\nzoë@example.com\n".encode())
    form = AttendanceUploadForm(files={"attendees": upload})
    assert form.is_valid(), form.errors
