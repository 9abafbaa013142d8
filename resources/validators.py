"""What may be uploaded as a resource document: checked by content, not by file name."""

import zipfile

from django.core.exceptions import ValidationError

MAX_RESOURCE_FILE_BYTES = 25 * 1024 * 1024

# Office Open XML files are ZIP archives; the folder inside tells Word, Excel and PowerPoint apart.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ALLOWED = "PDF, Word (.docx), Excel (.xlsx) or PowerPoint (.pptx)"


def detect_document_type(fileobj) -> str | None:
    """Return 'pdf', 'docx', 'xlsx' or 'pptx' from the file's bytes, or None."""
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" in names:
            for kind, folder in OOXML_PARTS.items():
                if any(n.startswith(folder) for n in names):
                    return kind
    return None


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
