"""Resource documents uploaded in the admin refuse hostile files with a clear error, store
nothing, keep what staff typed, store accepted documents under a generated name, and are
downloaded as attachments named after the resource that are never sniffed."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.uploads import RESOURCE
from resources.models import Resource
from tests.factories import ResourceFactory
from tests.upload_samples import hostile_params, office_bytes, pdf_of_size, stored_files

pytestmark = pytest.mark.django_db

ADD = reverse("admin:resources_resource_add")


def _post(client, upload):
    return client.post(
        ADD,
        {
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
            "file": upload,
        },
    )


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        *hostile_params(
            "plan.pdf",
            {
                "windows-program": "It is a Windows program",
                "linux-program": "It is a Linux program",
                "web-page-named-pdf": "It is a web page (HTML)",
                "zip-bomb": "This file unpacks to more than 100 MB",
                "empty": "The submitted file is empty.",
            },
        ),
        pytest.param(
            "plan.docx",
            office_bytes("docx", extra=[("word/vbaProject.bin", b"Sub AutoOpen()")]),
            "This file contains macros",
            id="macros",
        ),
    ],
)
def test_the_admin_refuses_hostile_files_and_keeps_what_was_typed(
    client, superuser, settings, name, data, words
):
    client.force_login(superuser)

    response = _post(client, SimpleUploadedFile(name, data))

    html = response.content.decode()
    assert response.status_code == 200
    assert words in html
    assert 'value="Exposure control plan"' in html
    assert "Template exposure control plan." in html
    assert not Resource.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_a_file_one_byte_over_the_largest_upload_is_stopped_and_refused_by_size(
    client, superuser, settings, tmp_path
):
    # 25 MB is the largest upload the portal takes: the upload handler stops storing this one
    # and the form still says how large it was.
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "incoming")
    (tmp_path / "incoming").mkdir()
    client.force_login(superuser)

    response = _post(client, SimpleUploadedFile("atlas.pdf", pdf_of_size(RESOURCE.max_bytes + 1)))

    html = response.content.decode()
    assert "The file is just over 25 MB; documents can be at most 25 MB." in html
    assert 'value="Exposure control plan"' in html
    assert not Resource.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []
    assert stored_files(tmp_path / "incoming") == []


def test_a_document_at_the_limit_is_stored_under_a_generated_name(client, superuser):
    client.force_login(superuser)

    response = _post(
        client, SimpleUploadedFile("Exposure Plan FINAL.pdf", pdf_of_size(RESOURCE.max_bytes))
    )

    assert response.status_code == 302
    resource = Resource.objects.get()
    assert re.fullmatch(r"resources/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", resource.file.name)
    assert resource.file.size == RESOURCE.max_bytes


def test_downloads_are_attachments_named_after_the_resource_and_never_sniffed(client, superuser):
    resource = ResourceFactory(document=True, slug="exposure-control-plan")
    assert re.search(r"/[0-9a-f]{32}\.pdf$", resource.file.name)

    public = client.get(reverse("resources:download", args=[resource.slug]))
    client.force_login(superuser)
    staff = client.get(reverse("admin:resources_resource_file", args=[resource.pk]))

    for response in (public, staff):
        assert response["Content-Disposition"] == (
            'attachment; filename="exposure-control-plan.pdf"'
        )
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
