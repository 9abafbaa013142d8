"""Resumes: PDF, DOC or DOCX up to 5 MB, recognised by their bytes rather than their name."""

import zipfile

from django.core.exceptions import ValidationError

MAX_RESUME_BYTES = 5 * 1024 * 1024
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of legacy .doc files


def detect_resume_type(fileobj) -> str | None:
    fileobj.seek(0)
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head == OLE2_SIGNATURE:
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(fileobj) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            fileobj.seek(0)
        if "[Content_Types].xml" in names and any(n.startswith("word/") for n in names):
            return "docx"
    return None


def validate_resume_file(value):
    if not value:
        return
    if value.size == 0:
        raise ValidationError("The file is empty. Choose your resume again and re-upload it.")
    if value.size > MAX_RESUME_BYTES:
        raise ValidationError(
            f"The file is {value.size / 1024 / 1024:.1f} MB; a resume can be at most 5 MB."
        )
    kind = detect_resume_type(value.file if hasattr(value, "file") else value)
    if kind is None:
        raise ValidationError(
            "This file is not a PDF or Word document, whatever its name says. "
            "Save your resume as PDF, DOC or DOCX and upload it again."
        )
