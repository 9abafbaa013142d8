"""Journey 6: a visitor takes the I AM MLS pledge, confirms it from the email, sees it counted
and on the wall, and downloads the sample letter and a personalized one; once with a mouse,
once with the keyboard alone."""

import re
import zipfile
from urllib.parse import urlsplit

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect
from pypdf import PdfReader

from advocacy.content import DEFAULT_LETTER
from advocacy.demo import LETTER_BLANKS
from advocacy.letters import letter_docx, letter_pdf
from advocacy.models import SampleLetter
from tests.advocacy.factories import PledgeFactory
from tests.browser.keyboard import tab_to, use_skip_link

NAME = "Rosalind Okafor"
WALL_NAME = "Rosalind O."
EMAIL = "rosalind.okafor@example.org"
CONFIRM_LINK = re.compile(r"https?://\S+/advocacy/pledge/confirm/\S+/")
COUNT_TEXT = re.compile(r"laboratory professionals? ha(?:s|ve) taken the pledge")
LETTER = {
    "Your name": NAME,
    "Your credential": "MLS(ASCP)CM",
    "Institution": "Sangamon Valley Hospital",
    "Your department": "Microbiology",
    "Recipient's name": "Dr. Ana Ruiz",
    "Recipient's title": "Laboratory Director",
    "The title your institution uses today": "Medical Technologist",
}


@pytest.fixture
def campaign(transactional_db):
    """Three people already on the wall, one who never confirmed, and the sample letter's Word
    and PDF files as staff upload them in the admin."""
    PledgeFactory.create_batch(3)
    PledgeFactory(confirmed_at=None)
    letter = SampleLetter(**DEFAULT_LETTER)
    letter.word_file.save(
        "i-am-mls-sample-letter.docx", ContentFile(letter_docx(letter, LETTER_BLANKS)), save=False
    )
    letter.pdf_file.save(
        "i-am-mls-sample-letter.pdf", ContentFile(letter_pdf(letter, LETTER_BLANKS)), save=False
    )
    letter.save()
    return letter


def shown_count(page) -> int:
    """The number of pledges the campaign page says have been taken."""
    text = page.get_by_text(COUNT_TEXT).inner_text()
    match = re.match(r"([\d,]+) laboratory", text)
    assert match, text
    return int(match.group(1).replace(",", ""))


def expect_count(page, count: int):
    expect(page.get_by_text(COUNT_TEXT)).to_have_text(re.compile(rf"^{count} laboratory"))


def confirmation_path(mailoutbox, email) -> str:
    messages = [m for m in mailoutbox if m.to == [email]]
    assert len(messages) == 1, [m.subject for m in mailoutbox]
    match = CONFIRM_LINK.search(messages[0].body)
    assert match, messages[0].body
    return urlsplit(match.group(0)).path


def docx_text(path) -> str:
    with zipfile.ZipFile(path) as docx:
        return docx.read("word/document.xml").decode()


def pdf_text(path) -> str:
    assert path.read_bytes().startswith(b"%PDF"), path.read_bytes()[:20]
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def assert_real_downloads(word, pdf, *, name, word_filename, pdf_filename):
    (word_path, word_suggested), (pdf_path, pdf_suggested) = word, pdf
    assert word_suggested == word_filename
    assert pdf_suggested == pdf_filename
    assert name in docx_text(word_path)
    assert name in pdf_text(pdf_path)


def test_visitor_takes_the_pledge_confirms_it_and_downloads_letters(browse, campaign, mailoutbox):
    page = browse.page
    browse.go("/advocacy/")
    before = shown_count(page)
    assert before == 3

    page.get_by_role("link", name="Take the pledge").click()
    browse.audit()
    page.get_by_label("Full name").fill(NAME)
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("The credential you work under").select_option("MLS")
    page.get_by_label("All credentials you hold").fill("MLS(ASCP)CM")
    page.get_by_label("Your job title at work today").fill("Medical Technologist")
    page.get_by_label("Employer or institution").fill("Sangamon Valley Hospital")
    page.get_by_label("City").fill("Springfield")
    expect(page.get_by_label("State")).to_have_value("IL")
    page.get_by_label("Show my name on the public wall").check()
    page.get_by_role("button", name="Take the pledge").click()
    browse.audit()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    # Not counted until confirmed.
    browse.go("/advocacy/")
    expect_count(page, before)

    browse.go(confirmation_path(mailoutbox, EMAIL))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your pledge")
    expect(page.get_by_role("main")).to_contain_text(f"{WALL_NAME}, MLS, Springfield, IL")
    page.get_by_role("button", name="Confirm my pledge").click()
    browse.audit()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for taking the pledge")
    expect(page.get_by_role("main")).to_contain_text(f"You are one of {before + 1} laboratory")

    page.get_by_role("link", name="Read more about the I AM MLS campaign").click()
    browse.audit()
    expect_count(page, before + 1)
    pledge_panel = page.get_by_role("region", name="Take the pledge")
    expect(pledge_panel.get_by_role("listitem").first).to_contain_text(f"{WALL_NAME}, MLS")

    page.get_by_role("link", name="See everyone who has pledged").click()
    browse.audit()
    expect(page.get_by_role("rowheader").first).to_have_text(WALL_NAME)  # newest first
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=WALL_NAME))
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell")).to_have_text(["MLS", "Springfield", "IL"])
    expect(page.get_by_role("main")).not_to_contain_text("Okafor")

    # The ready-made sample, as staff uploaded it.
    browse.go("/advocacy/")
    word = browse.download(lambda: page.get_by_role("link", name="Sample letter (Word)").click())
    pdf = browse.download(lambda: page.get_by_role("link", name="Sample letter (PDF)").click())
    assert_real_downloads(
        word,
        pdf,
        name=LETTER_BLANKS.your_name,
        word_filename="i-am-mls-sample-letter.docx",
        pdf_filename="i-am-mls-sample-letter.pdf",
    )

    # The letter with the visitor's own details.
    page.get_by_role("link", name="Personalize the letter with your details").click()
    browse.audit()
    for label, value in LETTER.items():
        page.get_by_label(re.compile("^" + re.escape(label))).fill(value)
    word = browse.download(lambda: page.get_by_role("button", name="Download Word").click())
    pdf = browse.download(lambda: page.get_by_role("button", name="Download PDF").click())
    assert_real_downloads(
        word,
        pdf,
        name=NAME,
        word_filename="letter-to-sangamon-valley-hospital.docx",
        pdf_filename="letter-to-sangamon-valley-hospital.pdf",
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ask your employer to use the MLS title"
    )


def test_visitor_takes_the_pledge_and_downloads_letters_by_keyboard_only(
    browse, campaign, mailoutbox
):
    page = browse.page
    main = page.get_by_role("main")
    browse.go("/advocacy/")
    before = shown_count(page)

    use_skip_link(page)
    tab_to(page, main.get_by_role("link", name="Take the pledge"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/advocacy/pledge/")
    browse.audit()

    use_skip_link(page)
    for label, text in [
        ("Full name", NAME),
        ("Email address", EMAIL),
        ("The credential you work under", "MLS"),  # typing picks the option, as in any select
        ("All credentials you hold", "MLS(ASCP)CM"),
        ("Your job title at work today", "Medical Technologist"),
        ("Employer or institution", "Sangamon Valley Hospital"),
        ("City", "Springfield"),
    ]:
        tab_to(page, page.get_by_label(label))
        page.keyboard.type(text)
    expect(page.get_by_label("The credential you work under")).to_have_value("MLS")
    expect(page.get_by_label("State")).to_have_value("IL")
    # On the button already, the person remembers the wall and goes back for it.
    submit = page.get_by_role("button", name="Take the pledge")
    tab_to(page, submit)
    wall_box = page.get_by_label("Show my name on the public wall")
    tab_to(page, wall_box, key="Shift+Tab")
    page.keyboard.press("Space")
    expect(wall_box).to_be_checked()
    expect(page.get_by_label("Email me news about the I AM MLS campaign")).not_to_be_checked()
    tab_to(page, submit)
    page.keyboard.press("Enter")
    page.wait_for_url("**/advocacy/pledge/check-your-email/")
    browse.audit()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")

    # The person pastes the link from the email into the address bar.
    browse.go(confirmation_path(mailoutbox, EMAIL))
    use_skip_link(page)
    tab_to(page, page.get_by_role("button", name="Confirm my pledge"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/advocacy/pledge/thank-you/")
    browse.audit()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for taking the pledge")
    expect(page.get_by_role("main")).to_contain_text(f"You are one of {before + 1} laboratory")

    use_skip_link(page)
    tab_to(page, page.get_by_role("link", name="Read more about the I AM MLS campaign"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/advocacy/")
    browse.audit()
    expect_count(page, before + 1)

    use_skip_link(page)
    tab_to(page, page.get_by_role("link", name="See everyone who has pledged"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/advocacy/wall/")
    browse.audit()
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=WALL_NAME))
    expect(row.get_by_role("cell")).to_have_text(["MLS", "Springfield", "IL"])

    # Back up to the campaign through the breadcrumbs, on to the letter page.
    crumbs = page.get_by_role("navigation", name="Breadcrumb")
    tab_to(page, crumbs.get_by_role("link", name="I AM MLS"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/advocacy/")
    use_skip_link(page)
    tab_to(page, page.get_by_role("link", name="Personalize the letter with your details"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/advocacy/letter/")
    browse.audit()

    use_skip_link(page)
    tab_to(page, main.get_by_role("link", name="Sample letter, Word version"))
    word = browse.download(lambda: page.keyboard.press("Enter"))
    tab_to(page, main.get_by_role("link", name="Sample letter, PDF version"))
    pdf = browse.download(lambda: page.keyboard.press("Enter"))
    assert_real_downloads(
        word,
        pdf,
        name=LETTER_BLANKS.your_name,
        word_filename="i-am-mls-sample-letter.docx",
        pdf_filename="i-am-mls-sample-letter.pdf",
    )

    for label, value in LETTER.items():
        tab_to(page, page.get_by_label(re.compile("^" + re.escape(label))))
        page.keyboard.type(value)
    tab_to(page, page.get_by_role("button", name="Download Word (.docx)"))
    word = browse.download(lambda: page.keyboard.press("Enter"))
    tab_to(page, page.get_by_role("button", name="Download PDF"))
    pdf = browse.download(lambda: page.keyboard.press("Space"))
    assert_real_downloads(
        word,
        pdf,
        name=NAME,
        word_filename="letter-to-sangamon-valley-hospital.docx",
        pdf_filename="letter-to-sangamon-valley-hospital.pdf",
    )
    # Still on the letter page, with what they typed, ready for another copy.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ask your employer to use the MLS title"
    )
    expect(page.get_by_role("button", name="Download PDF")).to_be_focused()
