"""The restore drill really backs up, restores and compares, and says so when a copy differs.

On PostgreSQL the drill runs pg_dump and pg_restore against the test database (committed rows,
hence ``transaction=True``) and a scratch database it creates and drops. On SQLite it copies the
test suite's in-memory database through the live connection's backup API.
"""

import io
import re
import sqlite3
import tarfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from portal.management.commands import restore_drill
from tests.advocacy.factories import PledgeFactory
from tests.careers.factories import JobFactory, ResumeFactory
from tests.factories import UserFactory

ROW = re.compile(r"^(\w+)\s+([\d,]+|missing)\s+([\d,]+|missing)(\s+<-- differs)?$")


def _rows_reported(output: str) -> dict[str, tuple[str, str]]:
    rows = {}
    for line in output.splitlines():
        match = ROW.match(line)
        if match:
            rows[match[1]] = (match[2], match[3])
    return rows


@pytest.fixture
def portal_data(settings):
    """A little of everything the portal keeps: people, a pledge, a job, a resume file and a
    public image."""
    seeker = UserFactory(email="sam.seeker@example.com")
    UserFactory(email="pat.member@example.com")
    PledgeFactory(email="rosa@example.org")
    JobFactory()
    resume = ResumeFactory(owner=seeker)
    image = settings.MEDIA_ROOT / "pages" / "lab-week.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    return {"resume": resume}


def _scratch_databases():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT datname FROM pg_database "
            "WHERE datname LIKE 'drill\\_%' AND datname LIKE '%' || current_database()"
        )
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.django_db(transaction=True)
def test_the_drill_restores_every_table_with_the_same_row_counts(portal_data, tmp_path):
    out = io.StringIO()
    kept = tmp_path / "backups" / "portal-drill.dump"

    call_command("restore_drill", "--keep", f"--output={kept}", stdout=out)

    output = out.getvalue()
    rows = _rows_reported(output)
    users = str(get_user_model().objects.count())
    assert rows["portal_user"] == (users, users)
    assert rows["advocacy_pledge"] == ("1", "1")
    assert rows["careers_job"] == ("1", "1")
    assert rows["careers_resume"] == ("1", "1")
    # Every table is listed, and every one matches.
    assert set(rows) == set(connection.introspection.table_names())
    assert all(live == restored for live, restored in rows.values())
    assert "<-- differs" not in output
    assert "Files archived: private 1, media 1." in output
    assert "Restore drill passed" in output
    if connection.vendor == "postgresql":
        assert "Restored it into the new, empty database drill_" in output
        assert _scratch_databases() == []
        assert kept.read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    else:
        copy = sqlite3.connect(kept)
        try:
            pledges = copy.execute("SELECT email FROM advocacy_pledge").fetchall()
        finally:
            copy.close()
        assert pledges == [("rosa@example.org",)]

    # The kept files archive holds the resume, byte for byte, and the public image.
    resume = portal_data["resume"]
    with tarfile.open(tmp_path / "backups" / "portal-drill.media.tar.gz") as tar:
        assert sorted(tar.getnames()) == sorted(
            [f"private/{resume.file.name}", "media/pages/lab-week.png"]
        )
        archived = tar.extractfile(f"private/{resume.file.name}").read()
    with resume.file.open("rb") as original:
        assert archived == original.read()


class DrillWithRowsLost(restore_drill.Command):
    """A restore that silently lost the pledges."""

    def restore_connection(self, connection, name):
        restored = super().restore_connection(connection, name)
        with restored.cursor() as cursor:
            cursor.execute("DELETE FROM advocacy_pledge")
        return restored


class DrillWithTableLost(restore_drill.Command):
    """A restore that lost a whole table."""

    def restore_connection(self, connection, name):
        restored = super().restore_connection(connection, name)
        with restored.cursor() as cursor:
            cursor.execute("DROP TABLE django_session")
        return restored


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("drill", "table", "restored"),
    [
        (DrillWithRowsLost, "advocacy_pledge", "0"),
        (DrillWithTableLost, "django_session", "missing"),
    ],
)
def test_a_restore_that_lost_data_fails_the_drill(portal_data, drill, table, restored):
    out = io.StringIO()

    with pytest.raises(CommandError) as failure:
        call_command(drill(), stdout=out)

    assert failure.value.returncode == 1  # what manage.py exits with
    assert str(failure.value).startswith("Restore drill FAILED. 1 of ")
    assert f"tables differ after the restore: {table}" in str(failure.value)
    line = next(line for line in out.getvalue().splitlines() if line.startswith(f"{table} "))
    assert line.endswith("<-- differs")
    assert _rows_reported(out.getvalue())[table][1] == restored
    assert "Restore drill passed" not in out.getvalue()
    if connection.vendor == "postgresql":
        assert _scratch_databases() == []  # dropped even though the drill failed


@pytest.mark.django_db
def test_keep_needs_a_place_to_keep_the_backup():
    with pytest.raises(CommandError, match="Use --keep and --output together"):
        call_command("restore_drill", "--keep", stdout=io.StringIO())


def test_a_database_without_tables_is_not_a_passed_drill():
    """Pointed at the wrong, empty database, the drill must not report success."""
    out = io.StringIO()
    drill = restore_drill.Command(stdout=out)

    with pytest.raises(CommandError, match="The live database has no tables"):
        drill.report([], restore_drill.MediaCheck({"private": 0, "media": 0}, []), seconds=0.1)
    assert "Restore drill passed" not in out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_uploads_in_a_bucket_are_said_to_be_outside_the_archive(settings, monkeypatch, tmp_path):
    import boto3
    import environ
    from moto import mock_aws

    from portal.settings import sharing

    for name, value in {
        "AWS_ACCESS_KEY_ID": "example-key",
        "AWS_SECRET_ACCESS_KEY": "example-secret",
        "AWS_STORAGE_BUCKET_NAME": "ascls-il-uploads",
        "AWS_S3_REGION_NAME": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    UserFactory(email="sam.seeker@example.com")
    out = io.StringIO()
    with mock_aws():
        boto3.client("s3", region_name="us-east-1").create_bucket(Bucket="ascls-il-uploads")
        settings.STORAGES = {
            **settings.STORAGES,
            **sharing.file_storages(environ.Env(), private_root=tmp_path),
        }
        call_command("restore_drill", stdout=out)

    output = out.getvalue()
    assert "Files archived" not in output
    assert (
        "Not archived: the private and media uploads are in the bucket ascls-il-uploads" in output
    )
    assert "Restore drill passed" in output
