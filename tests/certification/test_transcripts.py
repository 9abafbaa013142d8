"""CE transcripts for a credential's current cycle: CSV and PDF, for the owner only."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certification.models import CEActivity
from certification.progress import cycle_window
from certification.transcripts import build_transcript, transcript_csv, transcript_filename
from tests.certification.factories_tracker import (
    JPEG_BYTES,
    CEActivityFactory,
    CredentialHoldingFactory,
    make_categories,
    make_mls,
)
from tests.factories import MINIMAL_PDF, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cats(db):
    return make_categories()


@pytest.fixture
def me(client, member):
    member.full_name = "Jordan Lee"
    member.save()
    client.force_login(member)
    return member


def _ago(days):
    return timezone.localdate() - timedelta(days=days)


@pytest.fixture
def holding(me, cats):
    holding = CredentialHoldingFactory(
        user=me, credential=make_mls(cats), cycle_end=timezone.localdate() + timedelta(days=200)
    )
    window_start, _ = cycle_window(holding.cycle_end, 3)

    def log(title, category, amount, completed_on, **extra):
        return CEActivityFactory(
            user=me,
            title=title,
            provider=extra.pop("provider", "ASCLS"),
            category=cats[category],
            amount=Decimal(amount),
            completed_on=completed_on,
            **extra,
        )

    log("Lipid panels, revisited", "Chemistry", "2", _ago(100), pace_number="519-001-25",
        certificate=SimpleUploadedFile("lipids.pdf", MINIMAL_PDF))  # fmt: skip
    log("Molecular methods", "Molecular diagnostics", "1", _ago(300), provider="State University",
        unit=CEActivity.Unit.SEMESTER_HOURS)  # fmt: skip
    log("Safety first", "Laboratory safety", "1", _ago(50),
        certificate=SimpleUploadedFile("safety.jpg", JPEG_BYTES))  # fmt: skip
    log('=HYPERLINK("http://evil")', "Microbiology", "0.5", _ago(10))
    log("Before the cycle", "Hematology", "10", window_start - timedelta(days=1))
    return holding


def _csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_lists_counted_activities_then_totals_and_category_checks(client, holding):
    url = reverse("certification:transcript_csv", kwargs={"pk": holding.pk})

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    start, _ = cycle_window(holding.cycle_end, 3)
    assert response["Content-Disposition"] == (
        f'attachment; filename="ce-transcript-mls-ascp-{start.isoformat()}-to-'
        f'{holding.cycle_end.isoformat()}.csv"'
    )
    assert response.content.startswith("\ufeff".encode())
    rows = _csv_rows(response)
    assert rows[:5] == [
        ["Date completed", "Title", "Provider", "Category", "Hours", "Unit", "Points counted",
         "P.A.C.E. number", "Certificate attached"],
        [_ago(300).isoformat(), "Molecular methods", "State University", "Molecular diagnostics",
         "1", "College semester hours", "15", "", "No"],
        [_ago(100).isoformat(), "Lipid panels, revisited", "ASCLS", "Chemistry", "2",
         "Contact hours / points", "2", "519-001-25", "Yes"],
        [_ago(50).isoformat(), "Safety first", "ASCLS", "Laboratory safety", "1",
         "Contact hours / points", "1", "", "Yes"],
        [_ago(10).isoformat(), "'=HYPERLINK(\"http://evil\")", "ASCLS", "Microbiology", "0.5",
         "Contact hours / points", "0.5", "", "No"],
    ]  # fmt: skip
    assert rows[5:] == [
        [],
        ["Member", "Jordan Lee"],
        ["Credential", "MLS(ASCP)"],
        ["Cycle", f"{start.isoformat()} to {holding.cycle_end.isoformat()}"],
        ["Total points counted", "18.5"],
        ["Points required", "36"],
        ["Points still needed", "17.5"],
        ["Status", "Behind"],
        [],
        ["Category minimum", "Required", "Earned", "Result"],
        ["Laboratory safety", "1", "1", "Met"],
        ["Medical ethics", "1", "0", "Missing 1"],
        ["Blood bank", "2", "0", "Missing 2"],
        ["Chemistry", "2", "2", "Met"],
        ["Hematology", "2", "0", "Missing 2"],
        ["Microbiology", "2", "0.5", "Missing 1.5"],
    ]
    assert "Before the cycle" not in response.content.decode("utf-8-sig")


def test_academic_credit_over_the_limit_is_shown_as_not_counted(holding, me, cats):
    CEActivityFactory(user=me, category=cats["Management"], amount=Decimal("2"),
                      unit=CEActivity.Unit.QUARTER_HOURS, completed_on=_ago(5))  # fmt: skip
    rows = list(csv.reader(io.StringIO(transcript_csv(build_transcript(holding)).lstrip("\ufeff"))))
    # 15 + 20 academic points, but at most 18 (half of 36) count.
    assert ["Total points counted", "21.5"] in rows
    assert ["Academic points over the limit (not counted)", "17"] in rows


def test_the_pdf_holds_the_member_the_rows_the_totals_and_the_certificates(client, holding):
    url = reverse("certification:transcript_pdf", kwargs={"pk": holding.pk})

    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="ce-transcript-mls-ascp-'
    )
    assert response["Content-Disposition"].endswith('.pdf"')
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for expected in [
        "Continuing education transcript",
        "Member: Jordan Lee (member@example.com)",
        "Credential: MLS(ASCP) — Medical Laboratory Scientist, ASCP Board of Certification",
        f"{_ago(100).isoformat()} Lipid panels, revisited ASCLS Chemistry 2",
        "519-001-25",
        "Molecular methods",
        "College semester hours 15",
        "Total points counted 18.5",
        "Points required 36",
        "Points still needed 17.5",
        "Medical ethics 1 0 Missing 1",
        "Laboratory safety 1 1 Met",
        "Microbiology 2 0.5 Missing 1.5",
        "Certificates on file",
        "Lipid panels, revisited (ASCLS): ce-certificate-lipid-panels-revisited.pdf",
        "Safety first (ASCLS): ce-certificate-safety-first.jpg",
        "2 activities have no certificate attached",
    ]:
        assert expected in text, expected
    assert "Before the cycle" not in text


def test_a_transcript_with_nothing_logged_still_reads_well(client, me, cats):
    empty = CredentialHoldingFactory(user=me, credential=make_mls(cats))
    response = client.get(reverse("certification:transcript_pdf", kwargs={"pk": empty.pk}))
    text = " ".join(PdfReader(io.BytesIO(response.content)).pages[0].extract_text().split())
    assert "No activities are logged inside this cycle yet." in text
    assert "Points still needed 36" in text
    rows = _csv_rows(client.get(reverse("certification:transcript_csv", args=[empty.pk])))
    assert rows[1] == []
    assert ["Total points counted", "0"] in rows


def test_filenames_are_safe_whatever_the_slug(holding):
    transcript = build_transcript(holding)
    object.__setattr__(transcript, "credential_slug", 'evil"; name=..\\x')
    name = transcript_filename(transcript, "csv")
    assert name.startswith("ce-transcript-evil-namex-")
    assert all(ch.isalnum() or ch in "-." for ch in name)


def test_transcripts_are_for_the_owner_only(client, holding):
    stranger = UserFactory()
    MembershipFactory(user=stranger)
    client.force_login(stranger)
    for name in ("transcript_csv", "transcript_pdf"):
        assert client.get(reverse(f"certification:{name}", args=[holding.pk])).status_code == 404


def test_transcript_queries_do_not_grow_with_activities(client, holding, me, cats):
    url = reverse("certification:transcript_csv", kwargs={"pk": holding.pk})
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for days in range(1, 40):
        CEActivityFactory(user=me, category=cats["Hematology"], completed_on=_ago(days))
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert len(few) == len(many)
    assert len(_csv_rows(response)) == 1 + 43 + 16  # header, 43 counted, totals and checks
