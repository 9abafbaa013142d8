"""What may be uploaded as a resource document: checked by content, not by file name.

The rules themselves are ``portal.uploads.RESOURCE``; these names stay for the resources app."""

from django.core.exceptions import ValidationError

from portal.uploads import RESOURCE, validate_upload

MAX_RESOURCE_FILE_BYTES = RESOURCE.max_bytes


def validate_resource_file(value):
    if not value:
        return
    validate_upload(value, RESOURCE)


# Words the section's own URLs use (/resources/library/, /resources/feed/).
RESERVED_SLUGS = {"library", "feed"}


def validate_resource_slug(value):
    if value in RESERVED_SLUGS:
        raise ValidationError(f'"{value}" is used by the site itself; choose another slug.')
