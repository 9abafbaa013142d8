"""Adding, changing and deleting credentials held and CE activities, with clear messages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certification.models import CEActivity, CredentialHolding
from certification.services.tracker import (
    CERTIFICATE_MAX_BYTES,
    activity_create,
    holding_create,
)
from tests.certification.factories_tracker import (
    JPEG_BYTES,
    PNG_BYTES,
    CEActivityFactory,
    CredentialFactory,
    CredentialHoldingFactory,
    WebinarFactory,
    cycle_end_in,
    make_amt_mt,
    make_categories,
    make_mls,
)
from tests.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db

HOLDING_ADD = reverse("certification:holding_add")
ACTIVITY_ADD = reverse("certification:activity_add")
TRACKER = reverse("certification:tracker")
ELF_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


@pytest.fixture
def cats(db):
    return make_categories()


@pytest.fixture
def mls(cats):
    return make_mls(cats)


@pytest.fixture
def me(client, member):
    client.force_login(member)
    return member


def _activity_data(cats, **overrides):
    data = {
        "title": "Antimicrobial stewardship in the lab",
        "provider": "ASCLS Labucate",
        "completed_on": (timezone.localdate() - timedelta(days=10)).isoformat(),
        "amount": "1.5",
        "unit": "contact_hours",
        "category": str(cats["Microbiology"].pk),
        "format": "online",
        "pace_number": "519-123-26",
        "notes": "Good one.",
    }
    return {**data, **overrides}


# --- Credentials held ----------------------------------------------------------------------------


def test_the_credential_list_offers_only_credentials_with_rules_grouped_by_body(client, me, cats):
    make_mls(cats)
    make_amt_mt(cats)
    CredentialFactory(name="XYZ(ASCP)", slug="xyz-ascp", title="No rule yet")

    html = client.get(HOLDING_ADD).content.decode()

    assert '<optgroup label="ASCP Board of Certification">' in html
    assert '<optgroup label="American Medical Technologists">' in html
    assert "MLS(ASCP) — Medical Laboratory Scientist" in html
    assert "MT(AMT) — Medical Technologist" in html
    assert "XYZ(ASCP)" not in html


def test_adding_a_credential_puts_it_on_the_dashboard(client, me, mls):
    end = cycle_end_in(500)
    response = client.post(
        HOLDING_ADD, {"credential": mls.pk, "cycle_end": end.isoformat()}, follow=True
    )

    holding = CredentialHolding.objects.get(user=me)
    assert (holding.credential, holding.cycle_end) == (mls, end)
    html = response.content.decode()
    assert "MLS(ASCP) is in your tracker." in html
    assert "0 of 36 points" in html


def test_the_same_credential_twice_gives_a_clear_error(client, me, mls):
    CredentialHoldingFactory(user=me, credential=mls)
    typed = cycle_end_in(200).isoformat()

    response = client.post(HOLDING_ADD, {"credential": mls.pk, "cycle_end": typed})

    html = response.content.decode()
    assert response.status_code == 200
    assert "You already track MLS(ASCP)." in html
    assert f'value="{typed}"' in html
    assert CredentialHolding.objects.count() == 1


def test_the_service_refuses_a_duplicate_too(me, mls):
    holding_create(user=me, credential=mls, cycle_end=cycle_end_in(100))
    with pytest.raises(ValidationError) as error:
        holding_create(user=me, credential=mls, cycle_end=cycle_end_in(200))
    assert "You already track MLS(ASCP)." in str(error.value)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-400, "That cycle ended more than a year ago."),
        (365 * 5, "A cycle for this credential lasts 3 years"),
    ],
)
def test_an_unlikely_cycle_end_is_questioned(client, me, mls, days, message):
    response = client.post(
        HOLDING_ADD, {"credential": mls.pk, "cycle_end": cycle_end_in(days).isoformat()}
    )
    assert message in response.content.decode()
    assert not CredentialHolding.objects.exists()


def test_a_missing_choice_and_date_are_asked_for(client, me, mls):
    html = client.post(HOLDING_ADD, {"credential": "", "cycle_end": ""}).content.decode()
    assert "Choose the credential you hold." in html
    assert "Enter the date your current cycle ends." in html


def test_changing_the_cycle_end_date(client, me, mls):
    holding = CredentialHoldingFactory(user=me, credential=mls, cycle_end=cycle_end_in(10))
    new_end = cycle_end_in(10 + 3 * 365)
    url = reverse("certification:holding_edit", kwargs={"pk": holding.pk})

    assert f'value="{holding.cycle_end.isoformat()}"' in client.get(url).content.decode()
    response = client.post(url, {"credential": mls.pk, "cycle_end": new_end.isoformat()})

    assert response.status_code == 302
    holding.refresh_from_db()
    assert holding.cycle_end == new_end


def test_deleting_a_credential_keeps_the_activities(client, me, mls, cats):
    holding = CredentialHoldingFactory(user=me, credential=mls)
    CEActivityFactory(user=me, category=cats["Chemistry"])
    url = reverse("certification:holding_delete", kwargs={"pk": holding.pk})

    confirm = client.get(url).content.decode()
    assert "Your CE activities are not deleted" in confirm
    assert CredentialHolding.objects.exists()  # a GET changes nothing

    response = client.post(url, follow=True)

    assert not CredentialHolding.objects.exists()
    assert CEActivity.objects.filter(user=me).count() == 1
    assert "MLS(ASCP) is no longer in your tracker." in response.content.decode()


# --- CE activities -------------------------------------------------------------------------------


def test_logging_an_activity_with_a_jpeg_certificate(client, me, cats):
    data = _activity_data(cats, certificate=SimpleUploadedFile("My Scan.JPG", JPEG_BYTES))

    response = client.post(ACTIVITY_ADD, data, follow=True)

    activity = CEActivity.objects.get(user=me)
    assert activity.title == "Antimicrobial stewardship in the lab"
    assert activity.amount == Decimal("1.5")
    assert activity.category == cats["Microbiology"]
    assert activity.pace_number == "519-123-26"
    # Stored under a generated name with the checked extension, not the member's file name.
    assert activity.certificate.name.endswith(".jpg")
    assert "scan" not in activity.certificate.name.lower()
    assert activity.certificate.read() == JPEG_BYTES
    html = response.content.decode()
    assert "“Antimicrobial stewardship in the lab” is logged." in html
    assert "1.5 contact hours" in html

    download = client.get(reverse("certification:activity_certificate", args=[activity.pk]))
    assert b"".join(download.streaming_content) == JPEG_BYTES
    assert download["Content-Type"] == "image/jpeg"


def test_a_png_and_a_pdf_are_accepted_and_stored_by_what_they_are(me, cats):
    fields = {
        "title": "Course",
        "provider": "ASCP",
        "completed_on": timezone.localdate(),
        "amount": Decimal("1"),
        "unit": "contact_hours",
        "category": cats["Chemistry"],
        "format": "online",
    }
    png = activity_create(user=me, certificate=SimpleUploadedFile("scan.png", PNG_BYTES), **fields)
    pdf = activity_create(
        user=me, certificate=SimpleUploadedFile("certificate.PDF", MINIMAL_PDF), **fields
    )
    assert png.certificate.name.endswith(".png")
    assert pdf.certificate.name.endswith(".pdf")
    # A name that does not match the content is refused with the fix, not silently renamed.
    with pytest.raises(ValidationError) as error:
        activity_create(user=me, certificate=SimpleUploadedFile("scan.pdf", PNG_BYTES), **fields)
    assert "content is PNG but its name ends in .pdf; rename it to .png" in str(error.value)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"amount": "-2"}, "amount", "Hours must be more than zero."),
        ({"amount": "0"}, "amount", "Hours must be more than zero."),
        ({"amount": "41"}, "amount", "Over 40 hours for one activity looks like a typo."),
        ({"amount": "100000"}, "amount", "Over 40 hours for one activity looks like a typo."),
        ({"amount": "lots"}, "amount", "Enter the hours as a number, for example 1 or 1.5."),
        (
            {"completed_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "completed_on",
            "That date is still to come.",
        ),
        ({"category": ""}, "category", "Choose the subject area it counts toward."),
        ({"title": ""}, "title", "Give the activity its title, as on the certificate."),
    ],
    ids=[
        "negative",
        "zero",
        "41-hours",
        "huge",
        "not-a-number",
        "future",
        "no-category",
        "no-title",
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(
    client, me, cats, overrides, field, message
):
    data = _activity_data(cats, **overrides)

    response = client.post(ACTIVITY_ADD, data)

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert f'id="id_{field}_errors"' in html
    assert 'aria-invalid="true"' in html
    assert "The activity was not saved yet." in html
    assert 'value="ASCLS Labucate"' in html
    assert 'value="519-123-26"' in html
    assert f'value="{data["amount"]}"' in html
    assert "Good one.</textarea>" in html
    assert not CEActivity.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("certificate.pdf", ELF_EXECUTABLE, "This file is not a PDF, JPEG or PNG"),
        ("certificate.png", b"GIF89a" + b"\x00" * 40, "This file is not a PDF, JPEG or PNG"),
        (
            "certificate.pdf",
            b"%PDF-1.4\n" + b"0" * CERTIFICATE_MAX_BYTES,
            "a certificate can be at most 10 MB",
        ),
        ("certificate.pdf", b"", "The file is empty."),
    ],
    ids=["renamed-executable", "gif", "over-10-mb", "empty"],
)
def test_a_bad_certificate_is_refused_by_its_content(client, me, cats, name, data, message):
    form = _activity_data(cats, certificate=SimpleUploadedFile(name, data))

    response = client.post(ACTIVITY_ADD, form)

    html = response.content.decode()
    assert message in html
    assert 'id="id_certificate_errors"' in html
    assert 'value="Antimicrobial stewardship in the lab"' in html
    assert not CEActivity.objects.exists()


def test_after_another_error_the_member_is_told_to_choose_the_file_again(client, me, cats):
    form = _activity_data(cats, amount="41", certificate=SimpleUploadedFile("c.pdf", MINIMAL_PDF))
    html = client.post(ACTIVITY_ADD, form).content.decode()
    assert "please choose the certificate again" in html


def test_the_service_checks_hours_dates_and_files_too(me, cats):
    with pytest.raises(ValidationError) as error:
        activity_create(
            user=me,
            title="Typo",
            provider="X",
            completed_on=timezone.localdate() + timedelta(days=3),
            amount=Decimal("400"),
            category=cats["Chemistry"],
            certificate=SimpleUploadedFile("x.pdf", ELF_EXECUTABLE),
        )
    messages = error.value.message_dict
    assert "Over 40 hours" in messages["amount"][0]
    assert "still to come" in messages["completed_on"][0]
    assert "not a PDF, JPEG or PNG" in messages["certificate"][0]
    assert not CEActivity.objects.exists()


def test_editing_an_activity_and_replacing_its_certificate(
    client, me, cats, django_capture_on_commit_callbacks
):
    activity = CEActivityFactory(
        user=me,
        title="Old title",
        category=cats["Chemistry"],
        certificate=SimpleUploadedFile("old.pdf", MINIMAL_PDF),
    )
    old_name = activity.certificate.name
    storage = activity.certificate.storage
    url = reverse("certification:activity_edit", kwargs={"pk": activity.pk})
    page = client.get(url).content.decode()
    assert 'value="Old title"' in page
    assert "Replace the certificate" in page

    data = _activity_data(
        cats, title="New title", certificate=SimpleUploadedFile("n.png", PNG_BYTES)
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)

    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "New title"
    assert activity.certificate.read() == PNG_BYTES
    assert not storage.exists(old_name)


def test_a_certificate_can_be_removed(client, me, cats, django_capture_on_commit_callbacks):
    activity = CEActivityFactory(
        user=me, category=cats["Chemistry"], certificate=SimpleUploadedFile("c.pdf", MINIMAL_PDF)
    )
    old_name = activity.certificate.name
    url = reverse("certification:activity_edit", kwargs={"pk": activity.pk})

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, _activity_data(cats, remove_certificate="on"))

    activity.refresh_from_db()
    assert not activity.certificate
    assert not activity.certificate.storage.exists(old_name)


def test_an_error_while_editing_keeps_the_typed_values_and_the_saved_heading(client, me, cats):
    activity = CEActivityFactory(user=me, title="Saved title", category=cats["Chemistry"])
    url = reverse("certification:activity_edit", kwargs={"pk": activity.pk})

    response = client.post(url, _activity_data(cats, title="Typed title", amount="41"))

    html = response.content.decode()
    assert "Edit “Saved title”" in html
    assert 'value="Typed title"' in html
    assert "Over 40 hours for one activity looks like a typo." in html
    activity.refresh_from_db()
    assert activity.title == "Saved title"


def test_an_activity_from_a_webinar_can_be_edited_and_says_where_it_came_from(client, me, cats):
    webinar = WebinarFactory(title="Sepsis update", category=cats["Microbiology"],
                             starts_at=timezone.now() - timedelta(days=5))  # fmt: skip
    activity = CEActivityFactory(user=me, title="Sepsis update", webinar=webinar,
                                 category=cats["Microbiology"])  # fmt: skip
    url = reverse("certification:activity_edit", kwargs={"pk": activity.pk})

    html = client.get(url).content.decode()
    assert "This activity was added for you from the society webinar" in html
    assert "Sepsis update</a>" in html

    client.post(url, _activity_data(cats, title="Sepsis update (recording)"))
    activity.refresh_from_db()
    assert activity.title == "Sepsis update (recording)"
    assert activity.webinar == webinar


def test_deleting_an_activity_removes_its_certificate(
    client, me, cats, django_capture_on_commit_callbacks
):
    activity = CEActivityFactory(
        user=me,
        title="Gone soon",
        category=cats["Chemistry"],
        certificate=SimpleUploadedFile("c.pdf", MINIMAL_PDF),
    )
    name, storage = activity.certificate.name, activity.certificate.storage
    url = reverse("certification:activity_delete", kwargs={"pk": activity.pk})
    assert "Delete “Gone soon”?" in client.get(url).content.decode()
    assert CEActivity.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)

    assert not CEActivity.objects.exists()
    assert not storage.exists(name)
    assert "“Gone soon” is deleted." in response.content.decode()


def test_forty_hours_and_a_quarter_hour_are_both_accepted(client, me, cats):
    for amount in ("40", "0.25"):
        response = client.post(ACTIVITY_ADD, _activity_data(cats, amount=amount))
        assert response.status_code == 302
    assert sorted(CEActivity.objects.values_list("amount", flat=True)) == [
        Decimal("0.25"),
        Decimal("40"),
    ]
