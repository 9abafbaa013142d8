"""Private uploads: stored in the ``private`` storage (outside MEDIA_ROOT, with no URL) and only
ever streamed by a view that has already checked who is asking."""

import logging
import mimetypes
from pathlib import Path, PurePath

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
    """Stream a private file. The caller must have checked permission first.

    From local folders the file is read a block at a time; from an S3 bucket the object's body
    is passed on as it arrives (``open_stream``), never downloaded whole first."""
    if not field_file:
        raise Http404("The file is no longer available.")
    name = download_name or PurePath(field_file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    size = None
    try:
        open_stream = getattr(field_file.storage, "open_stream", None)
        if open_stream is not None:
            content, size = open_stream(field_file.name)
        else:
            content = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError as error:
        raise Http404("The file is no longer available.") from error
    response = FileResponse(
        content, as_attachment=as_attachment, filename=name, content_type=content_type
    )
    if size is not None:
        response["Content-Length"] = str(size)
    # Private files must never sit in a shared cache.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def local_folder(alias: str) -> Path | None:
    """The folder the ``alias`` storage ("default" or "private") keeps its files in, or None when
    they are not on this server's disk (an S3 bucket). Code that reads the folders directly, such
    as the restore drill's archive of uploads, must say so instead of archiving an empty folder."""
    storage = storages[alias]
    if isinstance(storage, FileSystemStorage):
        return Path(storage.location)
    return None


def delete_file_quietly(storage, name) -> None:
    """Remove a stored file; one that is already gone is not an error."""
    if not name:
        return
    try:
        storage.delete(name)
    except Exception:
        # Also an S3 bucket that cannot be reached (botocore's errors are not OSErrors): this
        # runs after the commit, where an error would turn a saved change into an error page.
        logger.warning("Could not delete stored file %s", name, exc_info=True)


def delete_file_after_commit(storage, name) -> None:
    """Remove a file once the transaction that stopped using it has committed, so a rollback
    never leaves a record pointing at nothing."""
    if name:
        transaction.on_commit(lambda: delete_file_quietly(storage, name))
