from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile, FileField
from django.http import Http404

from portal.files import private_file_response, private_storage


class _Holder:
    """Stands in for a model instance owning a private FileField."""


def _field_file(name):
    field = FileField(storage=private_storage)
    field.set_attributes_from_name("document")
    return FieldFile(_Holder(), field, name)


def test_private_files_are_stored_outside_the_public_media_root():
    name = private_storage().save("minutes/board.pdf", ContentFile(b"%PDF-1.7 minutes"))

    stored = Path(private_storage().path(name))
    assert stored.read_bytes() == b"%PDF-1.7 minutes"
    assert Path(settings.MEDIA_ROOT) not in stored.parents
    with pytest.raises(ValueError):
        private_storage().url(name)


def test_private_file_response_streams_the_file_and_forbids_caching():
    name = private_storage().save("minutes/board.pdf", ContentFile(b"%PDF-1.7 minutes"))

    response = private_file_response(_field_file(name), download_name="Board minutes.pdf")

    assert b"".join(response.streaming_content) == b"%PDF-1.7 minutes"
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="Board minutes.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_missing_private_file_is_a_404_not_a_crash():
    with pytest.raises(Http404):
        private_file_response(_field_file("gone/never-there.pdf"))
