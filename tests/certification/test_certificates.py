"""The CE certificate an attendee downloads, and the page anyone uses to check one."""

import io
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certification.services.webinars import registration_mark_attended
from tests.certification.factories_webinars import (
    CECategoryFactory,
    WebinarFactory,
    WebinarRegistrationFactory,
)
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
VERIFY = reverse("certification:certificate_verify")


@pytest.fixture
def attended(member):
    member.full_name = "Zoë Brontë-Okafor"
    member.save()
    webinar = WebinarFactory(
        title="Gram stains that fool you",
        presenter="Luis Ortega, M(ASCP)",
        starts_at=datetime(2026, 3, 12, 19, tzinfo=CHICAGO),
        contact_hours=Decimal("1.50"),
        category=CECategoryFactory(name="Microbiology"),
        level="basic",
        pace_number="519-246-26",
    )
    registration = WebinarRegistrationFactory(webinar=webinar, user=member)
    registration_mark_attended(registration=registration)
    registration.refresh_from_db()
    return registration


def download_url(registration):
    return reverse("certification:certificate_download", args=[registration.pk])


def pdf_text(response) -> str:
    data = b"".join(response.streaming_content) if response.streaming else response.content
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def test_attendee_downloads_a_certificate_with_everything_an_audit_asks_for(
    client, member, attended
):
    client.force_login(member)

    response = client.get(download_url(attended))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="ce-certificate-{attended.webinar.slug}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    text = pdf_text(response)
    for expected in (
        "ASCLS-Illinois",
        "Certificate of Continuing Education",
        "Zoë Brontë-Okafor",
        "Gram stains that fool you",
        "12 March 2026",
        "1.5 contact hours",
        "Microbiology",
        "Basic",
        "519-246-26",
        attended.certificate_code,
        f"http://testserver/certification/verify/?code={attended.certificate_code}",
    ):
        assert expected in text, expected


def test_a_member_without_a_full_name_gets_their_email_on_the_certificate(client):
    user = UserFactory(email="nameless@example.com", full_name="")
    MembershipFactory(user=user)
    registration = WebinarRegistrationFactory(user=user, attended=True)
    client.force_login(user)

    assert "nameless@example.com" in pdf_text(client.get(download_url(registration)))


def test_the_webinar_page_offers_the_certificate_after_attendance(client, member, attended):
    client.force_login(member)

    html = client.get(attended.webinar.get_absolute_url()).content.decode()

    assert "You attended" in html
    assert f'href="{download_url(attended)}"' in html
    assert "We’ve added 1.5 contact hours of CE credit to your CE tracker." in html


def test_an_expired_member_still_gets_the_certificate_they_earned(client, expired_member):
    registration = WebinarRegistrationFactory(user=expired_member, attended=True)
    client.force_login(expired_member)
    assert client.get(download_url(registration)).status_code == 200


def test_another_member_cannot_download_someone_elses_certificate(client, attended):
    someone = UserFactory(email="curious@example.com")
    MembershipFactory(user=someone)
    client.force_login(someone)

    response = client.get(download_url(attended))

    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_no_certificate_before_attendance_is_marked(client, member):
    registration = WebinarRegistrationFactory(user=member, attended=False)
    client.force_login(member)
    assert client.get(download_url(registration)).status_code == 404


def test_staff_keeping_attendance_can_download_a_certificate(client, staff_user, attended):
    from django.contrib.auth.models import Group

    from portal.groups import CONTENT_EDITORS

    staff_user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client.force_login(staff_user)
    assert "Zoë Brontë-Okafor" in pdf_text(client.get(download_url(attended)))


def test_other_staff_cannot_download_a_members_certificate(client, staff_user, attended):
    client.force_login(staff_user)
    assert client.get(download_url(attended)).status_code == 404


def test_anonymous_visitor_is_asked_to_log_in(client, attended):
    response = client.get(download_url(attended))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


# --- Verification ------------------------------------------------------------------------------


def test_the_url_on_the_certificate_confirms_it_is_genuine(client, attended):
    response = client.get(VERIFY, {"code": attended.certificate_code})

    html = response.content.decode()
    assert response.status_code == 200
    assert "This certificate is genuine" in html
    for expected in ("Zoë Brontë-Okafor", "Gram stains that fool you", "12 March 2026",
                     "1.5 contact hours"):  # fmt: skip
        assert expected in html, expected
    # Only those four facts: nothing else about the member or the program.
    for private in ("member@example.com", "519-246-26", "Luis Ortega", "Microbiology"):
        assert private not in html, private
    assert '<meta name="robots" content="noindex">' in html


def test_codes_typed_by_hand_are_forgiving_about_case_and_spaces(client, attended):
    code = attended.certificate_code
    typed = f" {code[:5].lower()} {code[5:]} "
    assert "This certificate is genuine" in client.get(VERIFY, {"code": typed}).content.decode()


def test_a_wrong_code_says_not_found_clearly(client, attended):
    response = client.get(VERIFY, {"code": "0000000000"})

    html = response.content.decode()
    assert response.status_code == 404
    assert "Certificate not found" in html
    assert "We couldn’t find a certificate with the code “0000000000”." in html
    assert "Zoë" not in html
    assert 'name="code"' in html


def test_a_code_for_a_registration_not_marked_attended_is_not_found(client, member):
    registration = WebinarRegistrationFactory(user=member, attended=False)
    response = client.get(VERIFY, {"code": registration.certificate_code})
    assert response.status_code == 404


def test_the_verification_page_starts_with_an_empty_form(client):
    response = client.get(VERIFY)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_code">Certificate code' in html
    assert "Certificate not found" not in html


def test_an_empty_code_asks_for_one(client):
    response = client.get(VERIFY, {"code": ""})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Type the code printed on the certificate." in html
    assert 'aria-invalid="true"' in html
