"""Journey 1: a visitor browses Laboratory Resources by topic, downloads an open document and
is stopped at the door of a member-only one."""

import re

from django.core.files.base import ContentFile
from playwright.sync_api import expect

from portal.access import Visibility
from portal.demo_files import make_pdf
from tests.factories import ResourceFactory, TopicFactory

MEMBER_ONLY_BODY = "Step 4: recheck every potassium above 6.2 mmol/L on a fresh draw"


def test_visitor_browses_by_topic_downloads_an_open_document_and_meets_the_member_door(browse):
    hematology = TopicFactory(name="Hematology and coagulation", slug="hematology")
    microbiology = TopicFactory(name="Microbiology", slug="microbiology")
    pdf = make_pdf("Peripheral smear review guide", ["When to send a smear for review."])
    guide = ResourceFactory(
        title="Peripheral smear review guide",
        slug="smear-review-guide",
        kind="document",
        summary="Criteria for sending a blood smear to the pathologist.",
        file=ContentFile(pdf, name="smear-review.pdf"),
        topics=[hematology],
    )
    locked = ResourceFactory(
        title="Critical values call-back procedure",
        slug="critical-values-procedure",
        kind="document",
        summary="A template procedure for calling critical values.",
        body=f"<p>{MEMBER_ONLY_BODY}</p>",
        file=ContentFile(make_pdf("Critical values", [MEMBER_ONLY_BODY]), name="critical.pdf"),
        visibility=Visibility.MEMBERS,
        topics=[hematology],
    )
    ResourceFactory(title="Blood culture collection poster", topics=[microbiology])
    page = browse.page

    # The section home lists the topics; the visitor picks one.
    browse.go("/resources/")
    topics = page.get_by_role("region", name="Browse by topic")
    topics.get_by_role("link", name="Hematology and coagulation").click()
    browse.audit()
    assert browse.path() == "/resources/library/"
    expect(page.get_by_label("Topic")).to_have_value("hematology")
    expect(page.get_by_role("heading", name="2 resources")).to_be_visible()
    expect(page.get_by_role("link", name="Blood culture collection poster")).to_have_count(0)
    locked_card = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=locked.title)
    )
    expect(locked_card).to_contain_text("Members only")

    # The open document: its page, then its file.
    page.get_by_role("link", name=guide.title).click()
    browse.audit()
    assert browse.path() == guide.get_absolute_url()
    expect(page.get_by_role("heading", level=1)).to_have_text(guide.title)
    saved, filename = browse.download(
        lambda: page.get_by_role("link", name=re.compile(r"^Download the PDF file")).click()
    )
    assert filename == "smear-review-guide.pdf"
    assert saved.read_bytes().startswith(b"%PDF")
    assert saved.read_bytes() == pdf

    # The member-only one, reached from the related resources: the visitor is asked to log in.
    related = page.get_by_role("complementary", name="Related resources")
    related.get_by_role("link", name=locked.title).click()
    browse.audit()
    assert browse.path() == "/accounts/login/"
    assert f"next={locked.get_absolute_url()}" in page.url
    expect(page.get_by_label("Email")).to_be_visible()
    expect(page.get_by_label("Password")).to_be_visible()
    expect(page.get_by_role("button", name="Sign In")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("sign up", re.I))).to_be_visible()
    # The join offer: why they were stopped, and how to become a member.
    expect(page.get_by_text(f"“{locked.title}” is for ASCLS members")).to_be_visible()
    expect(page.get_by_role("link", name="how to join ASCLS")).to_have_attribute(
        "href", "/membership/"
    )
    expect(page.locator("body")).not_to_contain_text(MEMBER_ONLY_BODY)
    expect(page.locator(f'a[href*="/resources/{locked.slug}/download/"]')).to_have_count(0)
    assert MEMBER_ONLY_BODY not in page.content()
