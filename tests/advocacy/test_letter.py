"""The sample letter page: the preview, the personalized Word and PDF letters, the downloads."""

import io

import docx
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone
from pypdf import PdfReader

from advocacy.content import DEFAULT_LETTER
from advocacy.letters import (
    LetterDetails,
    fill_placeholders,
    letter_docx,
    letter_pdf,
    unknown_placeholders,
)
from advocacy.models import SampleLetter
from tests.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db

LETTER_URL = reverse("advocacy:letter")

DETAILS = {
    "your_name": "Ana Ruiz",
    "credential": "MLS(ASCP)CM",
    "institution": "Lakeview Medical Center",
    "department": "Microbiology",
    "recipient_name": "Dr. Joan Park",
    "recipient_title": "Director of Human Resources",
    "current_title": "Medical Technologist",
}


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    # Lines wrap wherever the page ends; compare with single spaces.
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def _word_bytes(text="Sample letter") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _post(client, fmt, **changes):
    return client.post(LETTER_URL, {**DETAILS, **changes, "format": fmt})


def _writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries.captured_queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]


# --- The page --------------------------------------------------------------------------------


def test_letter_page_shows_the_wording_with_the_blanks_marked_and_the_form(client):
    response = client.get(LETTER_URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Re: Adopting the title Medical Laboratory Scientist at <mark>[institution]</mark>" in page
    )
    assert "Dear <mark>[recipient&#x27;s name]</mark>," in page
    assert "Personalize it" in page
    assert 'name="format" value="docx"' in page and "Download Word (.docx)" in page
    assert 'name="format" value="pdf"' in page and "Download PDF" in page
    for label in ("Your name", "Your credential", "Institution", "Recipient&#x27;s title"):
        assert label in page


def test_letter_page_without_uploaded_files_offers_no_broken_download_links(client):
    page = client.get(LETTER_URL).content.decode()

    assert "The ready-made files are not available yet" in page
    assert reverse("advocacy:sample_letter", kwargs={"kind": "docx"}) not in page
    assert reverse("advocacy:sample_letter", kwargs={"kind": "pdf"}) not in page


def test_letter_page_links_each_uploaded_file_with_its_type_and_size(
    client, django_assert_max_num_queries
):
    letter = SampleLetter(**DEFAULT_LETTER)
    letter.pdf_file.save("letter.pdf", ContentFile(MINIMAL_PDF), save=False)
    letter.save()

    with django_assert_max_num_queries(1):
        page = client.get(LETTER_URL).content.decode()

    assert reverse("advocacy:sample_letter", kwargs={"kind": "pdf"}) in page
    assert f"(.pdf, {len(MINIMAL_PDF)}" in page
    assert "Sample letter, PDF version" in page
    # The Word file is not uploaded, so there is no link to it.
    assert reverse("advocacy:sample_letter", kwargs={"kind": "docx"}) not in page


def test_letter_page_shows_the_wording_staff_saved(client):
    SampleLetter.objects.create(
        subject="A new title for {institution}", body="Hello {recipient_name},\n\nPlease act."
    )

    page = client.get(LETTER_URL).content.decode()

    assert "A new title for <mark>[institution]</mark>" in page
    assert "<p>Please act.</p>" in page


# --- The personalized letter -----------------------------------------------------------------


def test_personalized_word_letter_is_filled_in_with_the_details_and_stores_nothing(client):
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, "docx")

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="letter-to-lakeview-medical-center.docx"'
    )
    assert "no-store" in response["Cache-Control"]
    text = _docx_text(response.content)
    today = formats.date_format(timezone.localdate(), "F j, Y")
    assert text.startswith(today)
    assert "Dr. Joan Park\nDirector of Human Resources\nLakeview Medical Center" in text
    assert "Re: Adopting the title Medical Laboratory Scientist at Lakeview Medical Center" in text
    assert "Dear Dr. Joan Park," in text
    assert "the title we use today, “Medical Technologist”" in text
    assert "I work in Microbiology at Lakeview Medical Center" in text
    assert "Ana Ruiz, MLS(ASCP)CM" in text
    assert "{" not in text
    assert _writes(queries) == []
    assert SampleLetter.objects.count() == 0


def test_personalized_pdf_letter_is_filled_in_with_the_details_and_stores_nothing(client):
    with CaptureQueriesContext(connection) as queries:
        response = _post(client, "pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="letter-to-lakeview-medical-center.pdf"'
    )
    text = _pdf_text(response.content)
    assert "Dear Dr. Joan Park," in text
    assert "Ana Ruiz, MLS(ASCP)CM" in text
    assert "Lakeview Medical Center" in text
    assert "Medical Technologist" in text
    assert "Director of Human Resources" in text
    assert PdfReader(io.BytesIO(response.content)).metadata.title == (
        "Letter to Lakeview Medical Center"
    )
    assert _writes(queries) == []


def test_html_and_script_typed_into_the_form_come_out_as_literal_text_in_both_files(client):
    typed = {
        "your_name": "<script>alert(1)</script>",
        "institution": "St. <b>Luke</b> & Co",
        "current_title": "{your_name}",
    }

    word = _docx_text(_post(client, "docx", **typed).content)
    pdf = _pdf_text(_post(client, "pdf", **typed).content)

    for text in (word, pdf):
        assert "<script>alert(1)</script>, MLS(ASCP)CM" in text
        assert "St. <b>Luke</b> & Co" in text
        # A placeholder typed as a detail is not filled in again.
        assert "use today, “{your_name}”" in text
        assert "&lt;" not in text and "&amp;" not in text


def test_characters_no_document_can_hold_are_dropped_instead_of_breaking_the_file(client):
    response = _post(client, "docx", your_name="Ana\x01 Ruiz\x0b")

    assert response.status_code == 200
    assert "Ana Ruiz, MLS(ASCP)CM" in _docx_text(response.content)


def test_enter_key_without_a_button_gives_the_word_file(client):
    response = client.post(LETTER_URL, DETAILS)

    assert response["Content-Disposition"].endswith('.docx"')


def test_missing_details_show_errors_and_keep_what_was_typed(client):
    response = client.post(LETTER_URL, {**DETAILS, "institution": "", "format": "pdf"})

    page = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "Your letter was not made yet" in page
    assert 'id="id_institution_errors"' in page and "This field is required." in page
    assert 'value="Ana Ruiz"' in page
    assert 'value="Dr. Joan Park"' in page


def test_a_ten_thousand_character_detail_gets_a_clear_length_error(client):
    response = _post(client, "docx", recipient_title="x" * 10_000)

    page = response.content.decode()
    assert response["Content-Type"].startswith("text/html")
    assert "Ensure this value has at most 150 characters (it has 10000)." in page


def test_staff_wording_is_used_and_other_braces_are_left_alone(client):
    SampleLetter.objects.create(
        subject="Our title at {institution}",
        body="To {recipient_name}:\n\nA set {a, b} and {} stay.\nSecond line.",
    )

    text = _docx_text(_post(client, "docx").content)

    assert "Re: Our title at Lakeview Medical Center" in text
    assert "To Dr. Joan Park:" in text
    assert "A set {a, b} and {} stay.\nSecond line." in text
    # The wording did not sign off with {your_name}, so the letter is signed for the writer.
    assert text.endswith("Sincerely,\nAna Ruiz, MLS(ASCP)CM")


# --- The building blocks ---------------------------------------------------------------------


def test_unknown_placeholders_names_each_typo_once():
    text = "{your_name} {institutoin} {institutoin} {Your_Name} {not a name} {{x}}"

    assert unknown_placeholders(text) == ["institutoin", "Your_Name", "x"]
    assert unknown_placeholders(DEFAULT_LETTER["body"]) == []


def test_filling_in_replaces_known_names_only():
    details = LetterDetails(**{**DETAILS, "institution": "{credential}"})

    assert fill_placeholders("{institution} / {unknown} / {{credential}}", details) == (
        "{credential} / {unknown} / {MLS(ASCP)CM}"
    )


def test_sample_files_can_be_made_with_bracketed_blanks_for_the_demo():
    blanks = LetterDetails(**{name: f"[{name}]" for name in DETAILS})
    letter = SampleLetter(**DEFAULT_LETTER)

    word = _docx_text(letter_docx(letter, blanks, dated="[Date]"))
    pdf = _pdf_text(letter_pdf(letter, blanks, dated="[Date]"))

    assert word.startswith("[Date]\n[recipient_name]\n[recipient_title]\n[institution]")
    assert pdf.startswith("[Date] [recipient_name] [recipient_title] [institution]")
    assert "Dear [recipient_name]," in word and "Dear [recipient_name]," in pdf


# --- The ready-made downloads ----------------------------------------------------------------


def _letter_with_files():
    letter = SampleLetter(**DEFAULT_LETTER)
    letter.word_file.save("upload.docx", ContentFile(_word_bytes("The Word sample")), save=False)
    letter.pdf_file.save("upload.pdf", ContentFile(MINIMAL_PDF), save=False)
    letter.save()
    return letter


def test_word_sample_downloads_as_an_attachment_with_the_word_content_type(client):
    _letter_with_files()

    response = client.get(reverse("advocacy:sample_letter", kwargs={"kind": "docx"}))

    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"] == ('attachment; filename="i-am-mls-sample-letter.docx"')
    assert _docx_text(b"".join(response.streaming_content)) == "The Word sample"


def test_pdf_sample_downloads_as_an_attachment_with_the_pdf_content_type(client):
    _letter_with_files()

    response = client.get(reverse("advocacy:sample_letter", kwargs={"kind": "pdf"}))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="i-am-mls-sample-letter.pdf"'
    assert b"".join(response.streaming_content) == MINIMAL_PDF


@pytest.mark.parametrize("saved", [False, True])
def test_a_sample_not_uploaded_yet_is_a_404_that_says_so(client, saved):
    if saved:
        SampleLetter.objects.create(**DEFAULT_LETTER)

    response = client.get(reverse("advocacy:sample_letter", kwargs={"kind": "pdf"}))

    page = response.content.decode()
    assert response.status_code == 404
    assert "The PDF version is not available yet" in page
    assert reverse("advocacy:letter") in page


def test_a_sample_whose_stored_file_has_gone_is_a_404_not_an_error(client):
    letter = _letter_with_files()
    letter.word_file.storage.delete(letter.word_file.name)

    response = client.get(reverse("advocacy:sample_letter", kwargs={"kind": "docx"}))

    assert response.status_code == 404
    assert "The Word version is not available yet" in response.content.decode()
    assert "Sample letter, Word version" not in client.get(LETTER_URL).content.decode()


def test_other_file_kinds_are_not_found(client):
    _letter_with_files()

    response = client.get("/advocacy/letter/sample.exe")

    assert response.status_code == 404
