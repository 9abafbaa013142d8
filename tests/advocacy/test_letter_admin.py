"""Staff edit the one sample letter in the admin: its wording and its Word and PDF files."""

import io

import docx
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advocacy.admin_letters import MAX_SAMPLE_FILE_BYTES, validate_sample_file
from advocacy.content import DEFAULT_LETTER
from advocacy.models import SampleLetter
from tests.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:advocacy_sampleletter_add")
CHANGELIST = reverse("admin:advocacy_sampleletter_changelist")


def _word_bytes(text="Sample letter") -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _change_url(letter):
    return reverse("admin:advocacy_sampleletter_change", args=[letter.pk])


def _form(**changes):
    data = {"subject": DEFAULT_LETTER["subject"], "body": DEFAULT_LETTER["body"]}
    data.update(changes)
    return data


def _errors(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.errors.values())


def test_staff_save_the_letter_with_its_files_and_visitors_download_them(client, superuser):
    client.force_login(superuser)

    response = client.post(
        ADD_URL,
        _form(
            word_file=SimpleUploadedFile("My Letter (final).docx", _word_bytes("From staff")),
            pdf_file=SimpleUploadedFile("scan.pdf", MINIMAL_PDF),
        ),
    )

    assert response.status_code == 302
    letter = SampleLetter.objects.get()
    # Stored under a generated name; visitors still download i-am-mls-sample-letter.docx.
    assert letter.word_file.name.startswith("advocacy/sample-letter/")
    assert letter.word_file.name.endswith(".docx")
    assert letter.pdf_file.name.endswith(".pdf")
    client.logout()
    download = client.get(reverse("advocacy:sample_letter", kwargs={"kind": "docx"}))
    paragraphs = docx.Document(io.BytesIO(b"".join(download.streaming_content))).paragraphs
    assert [p.text for p in paragraphs] == ["From staff"]
    page = client.get(reverse("advocacy:letter")).content.decode()
    assert "Sample letter, Word version" in page and "Sample letter, PDF version" in page


def test_the_add_form_starts_from_the_built_in_wording_and_lists_the_placeholders(
    client, superuser
):
    client.force_login(superuser)

    response = client.get(ADD_URL)

    form = response.context["adminform"].form
    assert form.initial["subject"] == DEFAULT_LETTER["subject"]
    page = response.content.decode()
    assert "<code>{current_title}</code>: the title the institution uses today" in page
    assert "<code>{recipient_name}</code>" in page


def test_a_typo_in_a_placeholder_is_refused_with_the_valid_names(client, superuser):
    client.force_login(superuser)

    response = client.post(
        ADD_URL,
        _form(subject="Title at {instituton}", body="Dear {recipient}, {your_name} {recipient}"),
    )

    assert response.status_code == 200
    errors = _errors(response)
    assert "Unknown placeholder {instituton}: check the spelling." in errors
    assert "Unknown placeholder {recipient}: check the spelling." in errors
    assert "{your_name}, {credential}, {institution}" in errors
    assert SampleLetter.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "name", "data", "message"),
    [
        ("word_file", "letter.docx", MINIMAL_PDF, "This file is a PDF, whatever its name says"),
        ("word_file", "letter.docx", b"\x7fELF" + b"\0" * 60, "It is a Linux program"),
        ("word_file", "letter.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 60,
         "save it as .docx first"),
        ("pdf_file", "letter.pdf", _word_bytes(), "This file is a Word (.docx) document"),
        ("pdf_file", "letter.pdf", b"", "The submitted file is empty"),
    ],
)  # fmt: skip
def test_a_file_of_the_wrong_type_is_refused_with_a_clear_message(
    client, superuser, field, name, data, message
):
    client.force_login(superuser)

    response = client.post(ADD_URL, _form(**{field: SimpleUploadedFile(name, data)}))

    assert response.status_code == 200
    assert message in _errors(response)
    assert SampleLetter.objects.count() == 0


def test_a_file_over_ten_megabytes_is_refused():
    too_big = SimpleUploadedFile("big.pdf", MINIMAL_PDF + b"\0" * MAX_SAMPLE_FILE_BYTES)

    with pytest.raises(ValidationError) as error:
        validate_sample_file(too_big, kind="pdf", described="a PDF")

    assert "The file is just over 10 MB, over the 10 MB limit" in error.value.messages[0]


def test_there_is_only_ever_one_letter_and_it_cannot_be_deleted(client, superuser):
    letter = SampleLetter.objects.create(**DEFAULT_LETTER)
    client.force_login(superuser)

    assert client.get(ADD_URL).status_code == 403
    assert client.get(CHANGELIST).url == _change_url(letter)
    delete = reverse("admin:advocacy_sampleletter_delete", args=[letter.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert SampleLetter.objects.count() == 1


def test_before_the_first_save_the_list_leads_to_adding_the_letter(client, superuser):
    client.force_login(superuser)

    assert client.get(CHANGELIST).url == ADD_URL


def test_the_change_page_links_the_current_files_to_their_public_downloads(client, superuser):
    letter = SampleLetter(**DEFAULT_LETTER)
    letter.pdf_file.save("scan.pdf", ContentFile(MINIMAL_PDF), save=False)
    letter.save()
    client.force_login(superuser)

    response = client.get(_change_url(letter))

    page = response.content.decode()
    assert response.status_code == 200
    pdf_url = reverse("advocacy:sample_letter", kwargs={"kind": "pdf"})
    assert f'<a href="{pdf_url}">i-am-mls-sample-letter.pdf</a>' in page


def test_replacing_a_file_removes_the_old_one_after_saving(
    client, superuser, django_capture_on_commit_callbacks
):
    letter = SampleLetter(**DEFAULT_LETTER)
    letter.pdf_file.save("old.pdf", ContentFile(MINIMAL_PDF), save=False)
    letter.save()
    old_name, storage = letter.pdf_file.name, letter.pdf_file.storage
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _change_url(letter),
            _form(pdf_file=SimpleUploadedFile("new.pdf", MINIMAL_PDF + b"% new\n")),
        )

    letter.refresh_from_db()
    assert letter.pdf_file.name != old_name
    assert not storage.exists(old_name)
    assert letter.pdf_file.read().endswith(b"% new\n")


def test_saving_the_wording_alone_keeps_the_files(client, superuser):
    letter = SampleLetter(**DEFAULT_LETTER)
    letter.pdf_file.save("kept.pdf", ContentFile(MINIMAL_PDF), save=False)
    letter.save()
    client.force_login(superuser)

    client.post(_change_url(letter), _form(subject="A shorter subject"))

    letter.refresh_from_db()
    assert letter.subject == "A shorter subject"
    assert letter.pdf_file.storage.exists(letter.pdf_file.name)
