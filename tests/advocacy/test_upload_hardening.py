"""The sample letter's Word and PDF files refuse hostile files with a clear error, store nothing,
keep the wording staff typed, are stored under generated names, and download as attachments
that are never sniffed."""

import io
import os
import re
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from advocacy.content import DEFAULT_LETTER
from advocacy.models import SampleLetter
from portal.uploads import SAMPLE_LETTER_PDF, SAMPLE_LETTER_WORD
from tests.factories import MINIMAL_PDF
from tests.upload_samples import hostile_params, pdf_of_size, stored_files

pytestmark = pytest.mark.django_db

ADD = reverse("admin:advocacy_sampleletter_add")
TYPED_SUBJECT = "Recognizing {credential} staff at {institution}"
HOSTILE_WORDS = {
    "windows-program": "It is a Windows program",
    "linux-program": "It is a Linux program",
    "web-page-named-pdf": "It is a web page (HTML)",
    "zip-bomb": "This file unpacks to more than 50 MB",
    "empty": "The submitted file is empty.",
}


def _word_bytes(size=None) -> bytes:
    document = docx.Document()
    document.add_paragraph("Dear colleague,")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if size is None:
        return data
    # A real .docx grown to an exact size with a picture-like part that does not pack.
    buffer = io.BytesIO(data)
    noise = os.urandom(size)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/media/image1.bin", noise)
    grown = buffer.getvalue()
    buffer = io.BytesIO(data)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/media/image1.bin", noise[: size - (len(grown) - size)])
    return buffer.getvalue()


def _post(client, **files):
    return client.post(ADD, {"subject": TYPED_SUBJECT, "body": DEFAULT_LETTER["body"], **files})


@pytest.mark.parametrize(
    ("field", "name", "data", "words"),
    [
        *(
            pytest.param("word_file", *param.values, id=f"word-{param.id}")
            for param in hostile_params("letter.docx", HOSTILE_WORDS, bomb_name="letter.docx")
        ),
        *(
            pytest.param("pdf_file", *param.values, id=f"pdf-{param.id}")
            for param in hostile_params(
                "letter.pdf",
                {
                    **HOSTILE_WORDS,
                    "zip-bomb": "This file is a Word (.docx) document, whatever its name says.",
                },
                bomb_name="letter.pdf",
            )
        ),
        pytest.param(
            "word_file",
            "letter.docx",
            _word_bytes(SAMPLE_LETTER_WORD.max_bytes + 1),
            "The file is just over 10 MB, over the 10 MB limit for the sample letter.",
            id="word-one-byte-over",
        ),
        pytest.param(
            "pdf_file",
            "letter.pdf",
            pdf_of_size(SAMPLE_LETTER_PDF.max_bytes + 1),
            "The file is just over 10 MB, over the 10 MB limit for the sample letter.",
            id="pdf-one-byte-over",
        ),
    ],
)
def test_the_sample_letter_refuses_hostile_files_and_keeps_the_wording(
    client, superuser, settings, field, name, data, words
):
    client.force_login(superuser)

    response = _post(client, **{field: SimpleUploadedFile(name, data)})

    html = response.content.decode()
    assert response.status_code == 200
    assert words in html
    assert 'value="Recognizing {credential} staff at {institution}"' in html
    assert not SampleLetter.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_files_at_the_limit_are_stored_under_generated_names_and_download_safely(client, superuser):
    word = _word_bytes(SAMPLE_LETTER_WORD.max_bytes)
    assert len(word) == SAMPLE_LETTER_WORD.max_bytes
    client.force_login(superuser)

    response = _post(
        client,
        word_file=SimpleUploadedFile("Board draft v3 (Jo).docx", word),
        pdf_file=SimpleUploadedFile("scan.pdf", MINIMAL_PDF),
    )

    assert response.status_code == 302
    letter = SampleLetter.objects.get()
    assert re.fullmatch(r"advocacy/sample-letter/[0-9a-f]{32}\.docx", letter.word_file.name)
    assert re.fullmatch(r"advocacy/sample-letter/[0-9a-f]{32}\.pdf", letter.pdf_file.name)

    client.logout()
    for kind, content_type in [
        ("docx", SAMPLE_LETTER_WORD.accept.split(",")[-1]),
        ("pdf", "application/pdf"),
    ]:
        download = client.get(reverse("advocacy:sample_letter", kwargs={"kind": kind}))
        assert download["Content-Disposition"] == (
            f'attachment; filename="i-am-mls-sample-letter.{kind}"'
        )
        assert download["X-Content-Type-Options"] == "nosniff"
        assert download["Content-Type"] == content_type
