"""What may be uploaded as a resource document: checked by content, not by file name."""

from django.core.exceptions import ValidationError

from portal.filetypes import sniff_document_type

MAX_RESOURCE_FILE_BYTES = 25 * 1024 * 1024

ALLOWED = "PDF, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx)"
DOCUMENT_TYPES = {"pdf", "docx", "xlsx", "pptx"}


def detect_document_type(fileobj) -> str | None:
    """Return 'pdf', 'docx', 'xlsx' or 'pptx' from the file's bytes, or None."""
    kind = sniff_document_type(fileobj)
    return kind if kind in DOCUMENT_TYPES else None


def validate_resource_file(value):
    if not value:
        return
    size = value.size
    if size == 0:
        raise ValidationError("The file is empty. Choose the document again and re-upload it.")
    if size > MAX_RESOURCE_FILE_BYTES:
        raise ValidationError(
            f"The file is {size / 1024 / 1024:.1f} MB; documents can be at most 25 MB. "
            "Compress it or split it into parts."
        )
    handle = value.file if hasattr(value, "file") else value
    kind = detect_document_type(handle)
    if kind is None:
        raise ValidationError(
            f"This file is not a {ALLOWED} document, whatever its name says. "
            "Upload one of those formats."
        )
    extension = value.name.rsplit(".", 1)[-1].lower() if "." in value.name else ""
    if extension != kind:
        raise ValidationError(
            f"The file's content is {kind.upper()} but its name ends in .{extension or '?'}; "
            f"rename it to .{kind} and upload it again."
        )


# Words the section's own URLs use (/resources/library/, /resources/feed/).
RESERVED_SLUGS = {"library", "feed"}


def validate_resource_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f'"{value}" is used by the site itself; choose another slug.')
