"""Prove that a backup of the portal restores: back up, restore into a fresh database, compare.

A backup nobody has restored is a hope, not a backup. This command makes one the way the README
says to, restores it somewhere empty, and counts the rows of every table on both sides:

- PostgreSQL: ``pg_dump --format=custom`` of the live database, taken from a snapshot exported
  by the same read-only transaction that counts the live rows (so a busy site cannot make the
  two disagree); a new empty database with a unique name; ``pg_restore`` into it; counts of
  every table the introspection of either database finds; the new database is then dropped.
- SQLite: a copy made with SQLite's online backup API (safe while the site runs, and it works on
  the in-memory database of the test suite too), reopened from its file, checked with
  ``PRAGMA integrity_check`` and counted the same way.

In both cases the uploaded files (PRIVATE_MEDIA_ROOT: resumes, CE certificates, member files;
MEDIA_ROOT: public images) are archived into a tar.gz that is then reopened and checked to
list every file. The password goes to the PostgreSQL tools in PGPASSWORD, never on their
command line. Any difference, or any step failing, ends the command with a non-zero exit.
"""

import os
import secrets
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.postgresql.client import DatabaseClient as PostgresClient
from django.db.utils import load_backend

from portal.files import local_folder

POSTGRES_TOOLS = ("pg_dump", "pg_restore", "createdb", "dropdb")
# PostgreSQL names are at most 63 bytes; the drill's database is named after the live one.
MAX_NAME = 63


@dataclass(frozen=True)
class TableCount:
    table: str
    live: int | None  # None: the table is missing on this side
    restored: int | None

    @property
    def matches(self) -> bool:
        return self.live is not None and self.live == self.restored


@dataclass(frozen=True)
class MediaCheck:
    folders: dict  # label -> number of files found on disk
    missing: list  # files on disk the archive does not list
    in_bucket: list = field(default_factory=list)  # labels whose files are in object storage


def count_rows(connection) -> dict[str, int]:
    """Rows in every table ``connection``'s database has (per its introspection)."""
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            # The names come from the database's own catalogue, quoted by the backend.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def compare_counts(live: dict[str, int], restored: dict[str, int]) -> list[TableCount]:
    return [
        TableCount(table, live.get(table), restored.get(table))
        for table in sorted(live.keys() | restored.keys())
    ]


def open_database(connection, name: str):
    """A separate connection, with ``connection``'s settings, to the database called ``name``."""
    backend = load_backend(connection.settings_dict["ENGINE"])
    # Under the live alias, as Django's own test-database connections are: the PostgreSQL
    # type handlers look their alias up in DATABASES.
    return backend.DatabaseWrapper({**connection.settings_dict, "NAME": name}, connection.alias)


class Command(BaseCommand):
    help = (
        "Back up the database (and uploaded files), restore the backup into a fresh empty "
        "database, and check every table has the same number of rows. Exits non-zero on any "
        "difference. Run it monthly, and after any change to the server or the backup scripts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database",
            default=DEFAULT_DB_ALIAS,
            help="Which entry of DATABASES to back up (default: %(default)s).",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Keep the backup file (at --output) and the files archive next to it.",
        )
        parser.add_argument(
            "--output",
            type=Path,
            help="With --keep: where to write the database backup, e.g. "
            "backups/portal-2026-05-01.dump (the files archive becomes "
            "backups/portal-2026-05-01.media.tar.gz).",
        )

    def handle(self, *args, database, keep, output, **options):
        if keep != bool(output):
            raise CommandError("Use --keep and --output together: --keep --output PATH.")
        started = time.monotonic()
        connection = connections[database]
        with tempfile.TemporaryDirectory(prefix="restore-drill-") as workdir:
            workdir = Path(workdir)
            if connection.vendor == "postgresql":
                backup, counts = self.drill_postgresql(connection, workdir)
            elif connection.vendor == "sqlite":
                backup, counts = self.drill_sqlite(connection, workdir)
            else:
                raise CommandError(
                    f"The drill knows PostgreSQL and SQLite, not {connection.vendor}."
                )
            archive = workdir / "media.tar.gz"
            media = self.archive_media(archive)
            if keep:
                output.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(backup, output)
                media_output = output.with_name(f"{output.stem}.media.tar.gz")
                shutil.copyfile(archive, media_output)
        self.report(counts, media, seconds=time.monotonic() - started)
        if keep:
            self.stdout.write(f"Kept the database backup at {output}")
            self.stdout.write(f"Kept the files archive at {media_output}")

    # --- PostgreSQL ----------------------------------------------------------------------------

    def drill_postgresql(self, connection, workdir: Path):
        for tool in POSTGRES_TOOLS:
            if shutil.which(tool) is None:
                raise CommandError(
                    f"{tool} is not installed or not on PATH. Install the PostgreSQL client "
                    "tools of the server's major version (Debian: postgresql-client-15)."
                )
        settings_dict = connection.settings_dict
        backup = workdir / "portal.dump"
        live = open_database(connection, settings_dict["NAME"])
        try:
            with live.cursor() as cursor:
                # One snapshot for the dump and the count, so writes in between change neither.
                cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                live_counts = count_rows(live)
                self.postgres_tool(
                    settings_dict,
                    ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={backup}"],
                    settings_dict["NAME"],
                )
                cursor.execute("COMMIT")
        finally:
            live.close()
        self.stdout.write(f"Dumped {settings_dict['NAME']} ({backup.stat().st_size:,} bytes).")

        scratch = f"drill_{secrets.token_hex(4)}_{settings_dict['NAME']}"[:MAX_NAME]
        self.postgres_tool(settings_dict, ["createdb", "--template=template0"], scratch)
        try:
            self.postgres_tool(
                settings_dict,
                [
                    "pg_restore",
                    "--exit-on-error",
                    "--single-transaction",
                    "--no-owner",
                    "--no-privileges",
                    f"--dbname={scratch}",
                ],
                str(backup),
            )
            self.stdout.write(f"Restored it into the new, empty database {scratch}.")
            restored = self.restore_connection(connection, scratch)
            try:
                restored_counts = count_rows(restored)
            finally:
                restored.close()
        finally:
            self.postgres_tool(settings_dict, ["dropdb", "--if-exists", "--force"], scratch)
        return backup, compare_counts(live_counts, restored_counts)

    def postgres_tool(self, settings_dict, command: list[str], target: str) -> None:
        """Run a PostgreSQL client tool against the server in ``settings_dict``."""
        # Django's own psql settings: the password and SSL options as environment variables.
        _args, env = PostgresClient.settings_to_cmd_args_env(settings_dict, [])
        connection_args = ["--no-password"]
        for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
            if settings_dict.get(key):
                connection_args.append(f"{flag}={settings_dict[key]}")
        result = subprocess.run(  # noqa: S603 - fixed tools; arguments from settings, no shell
            [command[0], *connection_args, *command[1:], target],
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CommandError(
                f"{command[0]} failed (exit {result.returncode}): {result.stderr.strip()}"
            )

    def restore_connection(self, connection, name):
        """The connection the restored copy is counted through (tests tamper with it here)."""
        return open_database(connection, name)

    # --- SQLite --------------------------------------------------------------------------------

    def drill_sqlite(self, connection, workdir: Path):
        backup = workdir / "portal.sqlite3"
        connection.ensure_connection()
        # The live connection's own backup API: a consistent copy while the site keeps running,
        # and the only way to reach the test suite's in-memory database.
        with transaction.atomic(using=connection.alias):
            live_counts = count_rows(connection)
            target = sqlite3.connect(backup)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        self.stdout.write(f"Copied the SQLite database ({backup.stat().st_size:,} bytes).")

        restored = self.restore_connection(connection, str(backup))
        try:
            with restored.cursor() as cursor:
                cursor.execute("PRAGMA integrity_check")
                problems = [row[0] for row in cursor.fetchall()]
            if problems != ["ok"]:
                raise CommandError(f"The copy fails SQLite's integrity check: {problems[:5]}")
            restored_counts = count_rows(restored)
        finally:
            restored.close()
        return backup, compare_counts(live_counts, restored_counts)

    # --- Uploaded files ------------------------------------------------------------------------

    def archive_media(self, archive: Path) -> MediaCheck:
        # An S3 bucket has no folder on this server: archiving an empty one would look like a
        # backup of nothing. The bucket's own versioning or replication is its backup.
        storages_by_label = {"private": "private", "media": "default"}
        folders = {label: local_folder(alias) for label, alias in storages_by_label.items()}
        in_bucket = [label for label, root in folders.items() if root is None]
        expected, found = [], {}
        with tarfile.open(archive, "w:gz") as tar:
            for label, root in folders.items():
                if root is None:
                    continue
                files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []
                found[label] = len(files)
                for path in files:
                    name = f"{label}/{path.relative_to(root).as_posix()}"
                    tar.add(path, arcname=name, recursive=False)
                    expected.append(name)
        # Read back from disk: the archive must open and list every file.
        with tarfile.open(archive, "r:gz") as tar:
            listed = {member.name for member in tar.getmembers() if member.isfile()}
        missing = [name for name in expected if name not in listed]
        return MediaCheck(found, missing, in_bucket)

    # --- The report ----------------------------------------------------------------------------

    def report(self, counts: list[TableCount], media: MediaCheck, *, seconds: float) -> None:
        width = max([len("Table"), *(len(c.table) for c in counts)])
        self.stdout.write(f"{'Table':<{width}}  {'Live':>9}  {'Restored':>9}")
        for count in counts:
            live = "missing" if count.live is None else f"{count.live:,}"
            restored = "missing" if count.restored is None else f"{count.restored:,}"
            flag = "" if count.matches else "  <-- differs"
            self.stdout.write(f"{count.table:<{width}}  {live:>9}  {restored:>9}{flag}")
        if media.folders:
            folders = ", ".join(f"{label} {number}" for label, number in media.folders.items())
            self.stdout.write(f"Files archived: {folders}.")
        if media.in_bucket:
            bucket = getattr(storages["private"], "bucket_name", "") or "object storage"
            self.stdout.write(
                f"Not archived: the {' and '.join(media.in_bucket)} uploads are in the bucket "
                f"{bucket}; its versioning or replication is their backup."
            )

        differing = [c.table for c in counts if not c.matches]
        problems = []
        if not counts:
            problems.append("The live database has no tables: is DATABASES the right one?")
        if differing:
            problems.append(
                f"{len(differing)} of {len(counts)} tables differ after the restore: "
                + ", ".join(differing)
            )
        if media.missing:
            problems.append(
                f"{len(media.missing)} files are missing from the archive: "
                + ", ".join(media.missing[:10])
            )
        if problems:
            raise CommandError("Restore drill FAILED. " + " ".join(problems))
        rows = sum(c.live for c in counts)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restore drill passed in {seconds:.1f} s: all {len(counts)} tables "
                f"({rows:,} rows) restored with the same counts, and every file is in the archive."
            )
        )
