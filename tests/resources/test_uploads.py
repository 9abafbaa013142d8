import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources.models import Resource
from resources.validators import MAX_RESOURCE_FILE_BYTES, validate_resource_file
from tests.factories import MINIMAL_PDF

pytestmark = pytest.mark.django_db

ELF_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
WINDOWS_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120


def _ooxml(folder, part):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}{part}", "<doc/>")
    return buffer.getvalue()


def _upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("guide.pdf", MINIMAL_PDF),
        ("letter.docx", _ooxml("word/", "document.xml")),
        ("tracker.xlsx", _ooxml("xl/", "workbook.xml")),
        ("slides.pptx", _ooxml("ppt/", "presentation.xml")),
    ],
)
def test_real_documents_are_accepted(name, data):
    validate_resource_file(_upload(name, data))


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("policy.pdf", ELF_EXECUTABLE, "is not a PDF, Word"),
        ("policy.pdf", WINDOWS_EXECUTABLE, "is not a PDF, Word"),
        ("notes.docx", b"PK\x03\x04 not really a zip", "is not a PDF, Word"),
        ("empty.pdf", b"", "The file is empty"),
        ("guide.docx", MINIMAL_PDF, "content is PDF but its name ends in .docx"),
        ("archive.pdf", _ooxml("other/", "x.xml"), "is not a PDF, Word"),
    ],
)
def test_other_files_are_refused_with_a_clear_message(name, data, message):
    with pytest.raises(ValidationError) as error:
        validate_resource_file(_upload(name, data))
    assert message in error.value.messages[0]


def test_an_oversized_file_is_refused():
    big = _upload("atlas.pdf", MINIMAL_PDF + b"0" * MAX_RESOURCE_FILE_BYTES)
    with pytest.raises(ValidationError) as error:
        validate_resource_file(big)
    assert "documents can be at most 25 MB" in error.value.messages[0]


def _admin_post(client, **overrides):
    data = {
        "title": "Exposure control plan",
        "slug": "exposure-control-plan",
        "kind": "document",
        "summary": "Template exposure control plan.",
        "body": "",
        "url": "",
        "visibility": "public",
        "is_published": "on",
        "published_at_0": "2026-11-01",
        "published_at_1": "09:00:00",
        "last_reviewed": "",
        **overrides,
    }
    return client.post(reverse("admin:resources_resource_add"), data)


def test_admin_refuses_a_renamed_executable_and_keeps_what_was_typed(client, superuser):
    client.force_login(superuser)

    response = _admin_post(client, file=_upload("plan.pdf", ELF_EXECUTABLE))

    html = response.content.decode()
    assert response.status_code == 200
    assert "is not a PDF, Word" in html
    assert 'value="Exposure control plan"' in html
    assert not Resource.objects.exists()


def test_admin_stores_a_valid_upload_privately(client, superuser, settings):
    client.force_login(superuser)

    response = _admin_post(client, file=_upload("plan.pdf", MINIMAL_PDF))

    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.file.read() == MINIMAL_PDF
    assert str(settings.PRIVATE_MEDIA_ROOT) in resource.file.path


def test_a_document_without_a_file_is_refused(client, superuser):
    client.force_login(superuser)
    response = _admin_post(client)
    assert "A document resource needs a file." in response.content.decode()
    assert not Resource.objects.exists()


def test_reserved_slugs_are_refused(client, superuser):
    client.force_login(superuser)
    response = _admin_post(
        client, slug="library", kind="webpage", file=_upload("plan.pdf", MINIMAL_PDF)
    )
    assert "is used by the site itself" in response.content.decode()
