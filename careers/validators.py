"""Resumes: PDF, DOC or DOCX up to 5 MB, recognised by their bytes rather than their name.

The rules themselves are ``portal.uploads.RESUME``; these names stay for the careers app."""

from portal.uploads import RESUME, validate_upload

MAX_RESUME_BYTES = RESUME.max_bytes
RESUME_ACCEPT = RESUME.accept


def validate_resume_file(value):
    if not value:
        return
    validate_upload(value, RESUME)
