"""Two real app servers for tests/deploy: gunicorn twice on loopback, with production settings,
sharing one fresh PostgreSQL database, one Redis (its own key prefix) and one S3-compatible
bucket served by moto, all made by the fixture and removed afterwards, also after a failure.

They need the local PostgreSQL (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379).
When either is missing the tests are skipped with a loud line at the end of the run, unless
PORTAL_REQUIRE_SCALE_OUT=1 (set by .ci/run), which makes that a failure instead.
PORTAL_SCALE_OUT_POSTGRES and PORTAL_SCALE_OUT_REDIS point them elsewhere.
"""

import contextlib
import json
import logging
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = os.environ.get(
    "PORTAL_SCALE_OUT_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres"
)
# A database number of its own, and a key prefix per run: nothing else's keys are touched.
REDIS = os.environ.get("PORTAL_SCALE_OUT_REDIS", "redis://127.0.0.1:6379/12")
REQUIRED = "PORTAL_REQUIRE_SCALE_OUT"
START_TIMEOUT = 30
# The site's name, as the load balancer passes it on to either server in Host.
PUBLIC_HOST = "portal.scaleout.test"


def _postgres_problem() -> str:
    import psycopg2

    try:
        psycopg2.connect(POSTGRES, connect_timeout=3).close()
    except psycopg2.Error as error:
        return f"PostgreSQL at {POSTGRES} ({str(error).strip().splitlines()[0]})"
    return ""


def _redis_problem() -> str:
    import redis

    try:
        redis.Redis.from_url(REDIS, socket_connect_timeout=2, socket_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis at {REDIS} ({error})"
    return ""


_missing = None
_asked = False


def missing_services() -> list[str]:
    global _missing
    if _missing is None:
        _missing = [problem for problem in (_postgres_problem(), _redis_problem()) if problem]
    return _missing


def _message(missing) -> str:
    return (
        "!!! SEVERAL-APP-SERVERS TEST NOT RUN: it needs "
        + " and ".join(missing)
        + ". Start them (apt-get install -y postgresql redis-server), or run `bash .ci/run`, "
        "which does."
    )


def pytest_collection_modifyitems(config, items):
    # Only the tests that start the servers; other deploy tests need neither service.
    ours = [item for item in items if "cluster" in getattr(item, "fixturenames", ())]
    if not ours or not missing_services():
        return
    global _asked
    _asked = True
    if os.environ.get(REQUIRED):
        raise pytest.UsageError(_message(missing_services()))
    skip = pytest.mark.skip(reason=_message(missing_services()))
    for item in ours:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if _missing and _asked:
        terminalreporter.write_sep("!", _message(_missing), red=True, bold=True)


# --- The pieces ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class Server:
    name: str
    port: int
    log: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines=40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


@dataclass
class Cluster:
    """Two app servers and what they share."""

    a: Server
    b: Server
    env: dict
    bucket: str
    s3_endpoint: str
    database_url: str
    redis_url: str
    key_prefix: str
    host: str = PUBLIC_HOST
    people: dict = field(default_factory=dict)

    def s3(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.s3_endpoint,
            region_name=self.env["AWS_S3_REGION_NAME"],
            aws_access_key_id=self.env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=self.env["AWS_SECRET_ACCESS_KEY"],
        )

    def query(self, sql: str, params=()) -> list[tuple]:
        """Read the shared database, as an operator's psql would."""
        import psycopg2

        connection = psycopg2.connect(self.database_url)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        finally:
            connection.close()


def _manage(env, *args, timeout=120) -> str:
    result = subprocess.run(  # noqa: S603 - this Python and manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args[:1])} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def _start(server: Server, env) -> None:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = server.log.open("w")
    server.process = subprocess.Popen(  # noqa: S603
        [
            str(gunicorn),
            "portal.wsgi",
            "--bind",
            f"127.0.0.1:{server.port}",
            "--workers",
            "2",
            "--name",
            f"portal-scaleout-{server.name}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait_until_up(server: Server) -> None:
    import requests

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"Server {server.name} stopped:\n{server.log_tail()}")
        with contextlib.suppress(requests.RequestException):
            if requests.get(server.url + "/healthz", timeout=2).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"Server {server.name} did not answer /healthz:\n{server.log_tail()}")


def _stop(server: Server) -> None:
    process = server.process
    if process is None or process.poll() is not None:
        return
    # Its own session: the master and its workers, and nothing else.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def _drop_database(name: str) -> None:
    import psycopg2

    connection = psycopg2.connect(POSTGRES)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        connection.close()


def _forget_redis_keys(prefix: str) -> None:
    import redis

    client = redis.Redis.from_url(REDIS)
    try:
        keys = list(client.scan_iter(match=f"{prefix}:*", count=500))
        for start in range(0, len(keys), 500):
            client.delete(*keys[start : start + 500])
    finally:
        client.close()


PEOPLE_SCRIPT = """
import json
from django.contrib.auth.models import Group
from portal.groups import CONTENT_EDITORS
from tests.careers.factories import EmployerFactory, JobFactory
from tests.factories import PASSWORD, PageFactory, UserFactory

seeker = UserFactory(email="jordan.seeker@example.org", full_name="Jordan Seeker")
other = UserFactory(email="riley.other@example.org", full_name="Riley Other")
locked = UserFactory(email="casey.guessed@example.org", full_name="Casey Guessed")
recruiter = UserFactory(email="pat.recruiter@lakeshore.example.org", full_name="Pat Recruiter")
employer = EmployerFactory(name="Lakeshore Health Laboratories", members=[recruiter])
job = JobFactory(employer=employer, title="Night shift MLS, core laboratory")
editor = UserFactory(email="erin.editor@example.org", full_name="Erin Editor", is_staff=True)
editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
page = PageFactory(
    title="Laboratory week", slug="laboratory-week",
    summary="What the society plans for laboratory week.",
    body="<p>Booth opening hours will be announced soon.</p>",
)
print(json.dumps({
    "password": PASSWORD,
    "seeker": seeker.email, "other": other.email, "locked": locked.email,
    "recruiter": recruiter.email, "editor": editor.email,
    "job_slug": job.slug, "page_id": page.pk, "page_slug": page.slug,
}))
"""


@pytest.fixture(scope="module")
def cluster():
    from moto.server import ThreadedMotoServer

    # moto's web server logs every request it answers.
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

    run = secrets.token_hex(4)
    workdir = Path(tempfile.mkdtemp(prefix="portal-scaleout-"))
    database = f"portal_scaleout_{run}"
    key_prefix = f"portal-scaleout-{run}"
    bucket = f"portal-scaleout-{run}"
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=free_port(), verbose=False)
    servers = [
        Server("A", free_port(), workdir / "a.log"),
        Server("B", free_port(), workdir / "b.log"),
    ]
    database_created = False
    moto_started = False
    try:
        moto.start()
        moto_started = True
        host, port = moto.get_host_and_port()
        s3_endpoint = f"http://{host}:{port}"

        import psycopg2

        connection = psycopg2.connect(POSTGRES)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{database}"')
        connection.close()
        database_created = True

        database_url = _with_database(POSTGRES, database)
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "AWS_"))},
            # Production's settings module, DEBUG off, with only plain HTTP on loopback allowed.
            "DJANGO_SETTINGS_MODULE": "portal.settings.base",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": f"{PUBLIC_HOST},127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "DJANGO_BEHIND_TLS_PROXY": "false",
            "DJANGO_STATIC_ROOT": str(workdir / "static"),
            "DJANGO_LOG_LEVEL": "WARNING",
            "DATABASE_URL": database_url,
            "REDIS_URL": REDIS,
            "CACHE_KEY_PREFIX": key_prefix,
            "PAGE_CACHE_SECONDS": "60",
            "AWS_STORAGE_BUCKET_NAME": bucket,
            "AWS_S3_ENDPOINT_URL": s3_endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": "scaleout-test-key",
            "AWS_SECRET_ACCESS_KEY": secrets.token_urlsafe(24),
            "EMAIL_URL": "dummymail://",
            "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        }
        env.pop("CACHE_URL", None)
        env.pop("SENTRY_DSN", None)
        cluster = Cluster(
            a=servers[0],
            b=servers[1],
            env=env,
            bucket=bucket,
            s3_endpoint=s3_endpoint,
            database_url=database_url,
            redis_url=REDIS,
            key_prefix=key_prefix,
        )
        cluster.s3().create_bucket(Bucket=bucket)

        _manage(env, "migrate", "--noinput", "-v0")
        _manage(env, "collectstatic", "--noinput", "-v0")
        output = _manage(env, "shell", "-c", PEOPLE_SCRIPT)
        cluster.people = json.loads(output.strip().splitlines()[-1])

        for server in servers:
            _start(server, env)
        for server in servers:
            _wait_until_up(server)
        yield cluster
    finally:
        for server in servers:
            _stop(server)
        with contextlib.suppress(Exception):
            _forget_redis_keys(key_prefix)
        if database_created:
            _drop_database(database)
        if moto_started:
            moto.stop()
        shutil.rmtree(workdir, ignore_errors=True)
