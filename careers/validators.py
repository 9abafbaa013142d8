"""Resumes: PDF, DOC or DOCX up to 5 MB, recognised by their bytes rather than their name."""

from django.core.exceptions import ValidationError

from portal.filetypes import sniff_document_type

MAX_RESUME_BYTES = 5 * 1024 * 1024
# A legacy Office container is accepted as a .doc resume.
RESUME_TYPES = {"pdf": "pdf", "ole2": "doc", "docx": "docx"}


def detect_resume_type(fileobj) -> str | None:
    return RESUME_TYPES.get(sniff_document_type(fileobj))


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
