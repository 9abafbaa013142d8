"""Private uploads: stored in the ``private`` storage (outside MEDIA_ROOT, with no URL) and only
ever streamed by a view that has already checked who is asking."""

import logging
import mimetypes
from pathlib import PurePath

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.utils.functional import LazyObject, empty

logger = logging.getLogger(__name__)


class PrivateFileSystemStorage(FileSystemStorage):
    """A file system storage with no URLs at all, so a template can never link to a private
    file by mistake (FileSystemStorage would otherwise fall back to MEDIA_URL)."""

    def url(self, name):
        raise ValueError(
            "Private files have no public URL; serve them through a view that checks permission."
        )


class _PrivateStorage(LazyObject):
    # A FileField keeps the storage object it is given for the life of the process; this proxy
    # looks up settings.STORAGES["private"] when first used and again after the setting
    # changes, so an S3 backend in production or a temporary folder in tests is honoured.
    def _setup(self):
        self._wrapped = storages["private"]


_private_storage = _PrivateStorage()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    if setting in {"STORAGES", "PRIVATE_MEDIA_ROOT"}:
        _private_storage._wrapped = empty


def private_storage():
    """Storage for FileFields holding private files."""
    return _private_storage


def private_file_response(field_file, *, download_name=None, as_attachment=True):
    """Stream a private file. The caller must have checked permission first."""
    if not field_file or not field_file.storage.exists(field_file.name):
        raise Http404("The file is no longer available.")
    name = download_name or PurePath(field_file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        field_file.open("rb"), as_attachment=as_attachment, filename=name, content_type=content_type
    )
    # Private files must never sit in a shared cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def delete_file_quietly(storage, name) -> None:
    """Remove a stored file; one that is already gone is not an error."""
    if not name:
        return
    try:
        storage.delete(name)
    except OSError:  # pragma: no cover - a file already gone is fine
        logger.warning("Could not delete private file %s", name)


def delete_file_after_commit(storage, name) -> None:
    """Remove a file once the transaction that stopped using it has committed, so a rollback
    never leaves a record pointing at nothing."""
    if name:
        transaction.on_commit(lambda: delete_file_quietly(storage, name))
