"""Uploads in an S3-compatible bucket (``AWS_STORAGE_BUCKET_NAME``, see portal/settings/sharing.py).

Imported only when the settings name it, so a site on local folders never loads boto3.
"""

from botocore.exceptions import ClientError
from storages.backends.s3 import S3Storage
from storages.utils import clean_name


class PrivateS3Storage(S3Storage):
    """Private uploads in the bucket: no URL of any kind, signed or not, so a template can never
    link to a resume or certificate by mistake. ``portal.files.private_file_response`` streams
    them after the view has checked who is asking."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError(
            "Private files have no public URL; serve them through a view that checks permission."
        )

    def open_stream(self, name):
        """``(body, size)``: the object's bytes as they arrive from the bucket, read a chunk at a
        time, so a download never holds a whole file in memory or on disk.

        Raises ``FileNotFoundError`` when the object is not there."""
        key = self._normalize_name(clean_name(name))
        try:
            found = self.bucket.Object(key).get()
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise FileNotFoundError(f"File does not exist: {name}") from error
            raise
        return found["Body"], found["ContentLength"]
