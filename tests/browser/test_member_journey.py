"""Journey 3: a member logs in, downloads a member-only file, registers for a webinar, logs a CE
activity, watches the tracker's progress move and downloads the transcript."""

import io
import re
from datetime import timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from certification.models import WebinarRegistration
from portal.access import Visibility
from portal.demo_files import make_pdf
from tests.certification.factories_tracker import (
    CEActivityFactory,
    CredentialHoldingFactory,
    make_categories,
    make_mls,
)
from tests.certification.factories_webinars import WebinarFactory
from tests.factories import PASSWORD, ResourceFactory

MEMBER_ONLY_BODY = "Call the ordering provider within 30 minutes and read the value back"
ACTIVITY_TITLE = "Bone marrow morphology for the bench"


def label(text):
    """A form label exactly, whatever trailing colon or "(required)" follows it."""
    return re.compile(rf"^{re.escape(text)}\b")


def progress_now(page):
    bar = page.get_by_role("progressbar", name="Points counted for MLS(ASCP)")
    expect(bar).to_be_visible()
    return Decimal(bar.get_attribute("value"))


def test_member_downloads_registers_logs_ce_and_downloads_transcript(browse, member, mailoutbox):
    categories = make_categories()
    holding = CredentialHoldingFactory(
        user=member,
        credential=make_mls(categories),
        cycle_end=timezone.localdate() + timedelta(400),
    )
    CEActivityFactory(
        user=member,
        title="Earlier safety course",
        amount=Decimal("2"),
        category=categories["Laboratory safety"],
    )
    locked_pdf = make_pdf("Critical values call-back", [MEMBER_ONLY_BODY])
    locked = ResourceFactory(
        title="Critical values call-back procedure",
        slug="critical-values-procedure",
        kind="document",
        summary="A template procedure for calling critical values.",
        body=f"<p>{MEMBER_ONLY_BODY}</p>",
        file=ContentFile(locked_pdf, name="critical.pdf"),
        visibility=Visibility.MEMBERS,
    )
    webinar = WebinarFactory(title="Coagulation case studies", slug="coagulation-case-studies")
    page = browse.page

    # The member-only resource sends them to the log-in form, which brings them back to it.
    browse.go(locked.get_absolute_url())
    assert browse.path() == "/accounts/login/"
    page.get_by_label(label("Email")).fill(member.email)
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(locked.title)
    browse.audit()
    assert browse.path() == locked.get_absolute_url()

    # The member-only resource opens, and its file downloads.
    expect(page.get_by_text(MEMBER_ONLY_BODY)).to_be_visible()
    saved, filename = browse.download(
        lambda: page.get_by_role("link", name=re.compile(r"^Download the PDF file")).click()
    )
    assert filename == "critical-values-procedure.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert saved.read_bytes() == locked_pdf

    # Register for the upcoming webinar.
    browse.go("/certification/webinars/")
    page.get_by_role("link", name=webinar.title).click()
    browse.audit()
    assert browse.path() == webinar.get_absolute_url()
    page.get_by_role("button", name=re.compile(r"^Register for free")).click()
    expect(page.get_by_role("heading", name="You’re registered")).to_be_visible()
    browse.audit(again=True)
    assert browse.path() == webinar.get_absolute_url()
    expect(page.get_by_text(f"You’re registered for “{webinar.title}”")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(r"^Join the webinar"))).to_be_visible()
    expect(page.get_by_role("button", name="Cancel my registration")).to_be_visible()
    assert WebinarRegistration.objects.filter(webinar=webinar, user=member).count() == 1
    assert [m.to for m in mailoutbox] == [[member.email]]

    # The tracker before: 2 of 36 points.
    browse.go("/certification/tracker/")
    before = progress_now(page)
    assert before == Decimal("2")
    credential_panel = page.get_by_role("article", name=re.compile(r"^MLS\(ASCP\)"))
    expect(credential_panel).to_contain_text("2 of 36 points (5%)")

    # Log a CE activity of 1.5 contact hours.
    page.get_by_role("link", name="Log a CE activity").click()
    browse.audit()
    page.get_by_label(label("Title")).fill(ACTIVITY_TITLE)
    page.get_by_label(label("Provider")).fill("ASCLS-Illinois")
    completed = timezone.localdate() - timedelta(days=3)
    page.get_by_label(label("Date completed")).fill(completed.isoformat())
    page.get_by_label(label("Hours")).fill("1.5")
    page.get_by_role("group", name=re.compile(r"^What the hours are")).get_by_label(
        "Contact hours / points"
    ).check()
    page.get_by_label(label("Subject area")).select_option(label="Hematology")
    page.get_by_role("group", name=re.compile(r"^Format")).get_by_label("Online").check()
    page.get_by_role("button", name="Save activity").click()
    expect(page.get_by_text(f"“{ACTIVITY_TITLE}” is logged.")).to_be_visible()
    assert browse.path() == "/certification/tracker/"
    browse.audit(again=True)

    # The tracker after: the bar moved by exactly what was logged.
    after = progress_now(page)
    assert after - before == Decimal("1.5")
    expect(credential_panel).to_contain_text("3.5 of 36 points (9%)")
    activities = page.get_by_role("region", name="Your CE activities")
    expect(activities.get_by_role("rowheader", name=re.compile(ACTIVITY_TITLE))).to_be_visible()

    # The transcript PDF lists the new activity.
    saved, filename = browse.download(
        lambda: page.get_by_role("link", name="PDF transcript for MLS(ASCP)").click()
    )
    data = saved.read_bytes()
    assert data.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert ACTIVITY_TITLE in " ".join(text.split())
    assert filename.endswith(".pdf")
    assert holding.credential.name in text
