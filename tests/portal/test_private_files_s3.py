"""Private files in an S3 bucket (AWS_STORAGE_BUCKET_NAME): stored under the private prefix,
streamed to the person the view allowed as the bucket sends them, never given an address, and
still found by the privacy download and removed by account deletion.

moto stands in for S3 inside this process (tests/deploy/test_scale_out.py runs the real thing
across two servers and a moto server)."""

import io
import zipfile

import boto3
import environ
import pytest
from botocore.response import StreamingBody
from django.core.files.base import ContentFile
from django.http import Http404
from moto import mock_aws

from portal.files import local_folder, private_file_response, private_storage
from portal.settings import sharing
from tests.factories import MINIMAL_PDF

BUCKET = "ascls-il-uploads"
RESUME = MINIMAL_PDF + b"%% Alder Antibody, MLS(ASCP)\n" + b"%" * (300 * 1024)


@pytest.fixture
def bucket(settings, monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "example-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "example-secret")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    monkeypatch.setenv("AWS_S3_REGION_NAME", "us-east-1")
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            **sharing.file_storages(environ.Env(), private_root=tmp_path),
        }
        yield s3


class _Stored:
    """What a model's FileField holds: a name in a storage."""

    def __init__(self, name):
        self.name, self.storage = name, private_storage()

    def __bool__(self):
        return bool(self.name)


def test_a_private_file_lands_under_the_private_prefix_and_has_no_address(bucket):
    name = private_storage().save("resumes/12/cv.pdf", ContentFile(RESUME))

    stored = bucket.get_object(Bucket=BUCKET, Key=f"private/{name}")
    assert stored["Body"].read() == RESUME
    with pytest.raises(ValueError, match="no public URL"):
        private_storage().url(name)
    # Nothing reads it as a folder on this server's disk.
    assert local_folder("private") is None


def test_the_same_name_uploaded_twice_keeps_both_files(bucket):
    first = private_storage().save("resumes/12/cv.pdf", ContentFile(b"%PDF-1.4 first"))
    second = private_storage().save("resumes/12/cv.pdf", ContentFile(b"%PDF-1.4 second"))

    assert first != second
    keys = {o["Key"] for o in bucket.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert keys == {f"private/{first}", f"private/{second}"}


def test_a_download_is_streamed_from_the_bucket_as_it_arrives(bucket):
    name = private_storage().save("resumes/12/cv.pdf", ContentFile(RESUME))

    response = private_file_response(_Stored(name), download_name="Alder Antibody CV.pdf")

    # The bucket's own body, read a block at a time: never downloaded whole before sending.
    assert isinstance(response.file_to_stream, StreamingBody)
    chunks = list(response.streaming_content)
    assert len(chunks) > 1
    assert b"".join(chunks) == RESUME
    assert response["Content-Length"] == str(len(RESUME))
    assert response["Content-Type"] == "application/pdf"
    assert 'attachment; filename="Alder Antibody CV.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_file_gone_from_the_bucket_is_a_404(bucket):
    with pytest.raises(Http404):
        private_file_response(_Stored("resumes/12/never-uploaded.pdf"))


def test_the_privacy_download_and_account_deletion_reach_files_in_the_bucket(
    db, bucket, django_capture_on_commit_callbacks
):
    from portal.privacy import account_delete, account_files_zip
    from tests.careers.factories import ResumeFactory
    from tests.factories import UserFactory

    person = UserFactory(email="alder@example.org")
    resume = ResumeFactory(
        owner=person, file=ContentFile(RESUME, name="cv.pdf"), original_name="Alder CV.pdf"
    )
    key = f"private/{resume.file.name}"
    assert bucket.head_object(Bucket=BUCKET, Key=key)["ContentLength"] == len(RESUME)

    archive = zipfile.ZipFile(io.BytesIO(account_files_zip(person).read()))
    [resume_in_zip] = [n for n in archive.namelist() if n.startswith("resumes/")]
    assert archive.read(resume_in_zip) == RESUME
    assert "missing-files.txt" not in archive.namelist()

    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=person, notify=False)
    assert bucket.list_objects_v2(Bucket=BUCKET, Prefix="private/").get("KeyCount", 0) == 0
