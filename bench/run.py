"""The benchmark, in one command: ``python -m bench.run`` (``make bench``).

For each scale: a fresh database, migrated and filled (bench.generate); gunicorn serving the
portal with production settings (bench.settings) on loopback; wrk for a fixed time on each page
and on the floor view of the same size; SQL queries per request counted in-process. Prints and
writes bench/results.md and exits 1 when a budget (bench.budgets) is missed.

Options: --scales 1,10,100  --duration 3 (seconds per page and per floor in each round)
--rounds 3 (the table shows the median of the rounds)  --database sqlite
The PostgreSQL database it creates and drops is postgres://postgres@127.0.0.1:5432/portal_bench,
or BENCH_DATABASE_URL (its name must contain "bench": the benchmark drops it).
"""

import argparse
import contextlib
import gzip
import http.client
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).with_name("results.md")
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/portal_bench"
# Seconds of wrk on a page, not counted, right before each measured run: both workers have
# their own copy of the page, kept under a minute ago, when the measured run starts.
WARM_UP_SECONDS = 2
WORKERS = 2
WARM_UP_REQUESTS = 5
BUILD_SAMPLES = 15
ROUNDS = 3

# The demo accounts the logged-in pages are measured as (portal/demo.py, careers/demo.py).
MEMBER = "member@example.org"
SEEKER = "seeker.alvarez@example.org"
EMPLOYER = "employer@example.org"
# A public demo resource with topics, so its page shows related resources.
RESOURCE_SLUG = "specimen-labeling-checklist-phlebotomists"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    user: str | None = None  # email of the account it is measured as


def bench_pages() -> list[Page]:
    """The pages issue 10 names, with the real URLs of the data just generated."""
    from django.urls import reverse

    from bench.generate import applicants_job
    from portal.access import Visibility
    from resources.models import Resource

    public = Resource.objects.published().filter(visibility=Visibility.PUBLIC)
    resource = public.filter(slug=RESOURCE_SLUG).first() or public.order_by("pk").first()
    job = applicants_job()
    return [
        Page("home", reverse("home")),
        Page("resources list", reverse("resources:library")),
        Page("resources search", reverse("resources:library") + "?q=specimen"),
        Page("resource page", resource.get_absolute_url()),
        Page("job search", reverse("careers:index") + "?discipline=blood_bank&state=IL"),
        Page("job page", job.get_absolute_url()),
        Page("campaign page", reverse("advocacy:index")),
        Page("site search", reverse("search") + "?q=blood+bank"),
        Page("CE dashboard", reverse("certification:tracker"), MEMBER),
        Page("seeker dashboard", reverse("careers:seeker_dashboard"), SEEKER),
        Page("employer applicants", reverse("careers:applicants", args=[job.pk]), EMPLOYER),
    ]


# --- Database ------------------------------------------------------------------------------------


class Database:
    """The benchmark's own database, created empty for each scale and dropped at the end."""

    def __init__(self, kind: str, workdir: Path):
        self.kind = kind
        if kind == "sqlite":
            self.path = workdir / "bench.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
            parts = urlsplit(self.url)
            self.name = parts.path.lstrip("/")
            if "bench" not in self.name:
                raise SystemExit(
                    f"Refusing to use database {self.name!r}: the benchmark drops and recreates "
                    "it, so its name must contain 'bench'."
                )
            self.server = {
                "host": parts.hostname or "127.0.0.1",
                "port": parts.port or 5432,
                "user": parts.username or "postgres",
                "password": parts.password or "",
                "dbname": "postgres",
            }

    def _admin(self, *statements):
        import psycopg2
        from psycopg2 import sql

        connection = psycopg2.connect(**self.server)
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(sql.SQL(statement).format(sql.Identifier(self.name)))
        finally:
            connection.close()

    def drop(self):
        with contextlib.suppress(Exception):
            from django.db import connections

            connections.close_all()
        if self.kind == "sqlite":
            self.path.unlink(missing_ok=True)
        else:
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")

    def recreate(self):
        self.drop()
        if self.kind != "sqlite":
            self._admin("CREATE DATABASE {}")

    def server_version(self) -> str:
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                return "PostgreSQL " + cursor.fetchone()[0].split()[0]
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"


# --- gunicorn and HTTP -------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    def __init__(self, log_path: Path):
        self.log_path = log_path
        self.process = None
        self.port = None

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.port = free_port()
        command = [
            sys.executable, "-m", "gunicorn", "portal.wsgi:application",
            "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}",
            "--chdir", str(BASE_DIR), "--log-level", "warning", "--graceful-timeout", "5",
        ]  # fmt: skip
        with open(self.log_path, "ab") as log:
            # A session of its own: stopping it takes its workers too, and Ctrl-C reaches us.
            self.process = subprocess.Popen(  # noqa: S603 - our own command line
                command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_tail()}")
            with contextlib.suppress(OSError):
                if http_get(self.base_url, "/healthz")[0] == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within 60 s:\n{self.log_tail()}")

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def log_tail(self, lines=30):
        with contextlib.suppress(OSError):
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        return ""


def http_get(base_url, path, *, cookie=None, gzip_ok=False):
    """(status, headers, body) for one GET, redirects not followed."""
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    headers = {"Accept-Encoding": "gzip" if gzip_ok else "identity"}
    if cookie:
        headers["Cookie"] = cookie
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


# --- Measuring ------------------------------------------------------------------------------


def session_cookie(email) -> str:
    """A signed-in browser's cookies: a session written straight into the session store, and the
    CSRF cookie a browser gets from the login form (without it every page would set one)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.middleware.csrf import _get_new_csrf_string

    from portal.models import User

    user = User.objects.get(email=email)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return (
        f"{settings.SESSION_COOKIE_NAME}={store.session_key}; "
        f"{settings.CSRF_COOKIE_NAME}={_get_new_csrf_string()}"
    )


def build_cost(path, cookie) -> tuple[int, float]:
    """SQL queries and median milliseconds of building the page in-process with the page cache
    off: what a visit that finds no kept copy costs (the first after a save, or after a minute)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="127.0.0.1")
    for pair in (cookie or "").split("; "):
        if pair:
            name, value = pair.split("=", 1)
            client.cookies[name] = value
    with override_settings(PAGE_CACHE_SECONDS=0):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        # Read now: the captured list is a slice of the connection's log, which every later
        # request empties.
        queries = len(captured)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code} in-process")
        times = []
        for _ in range(BUILD_SAMPLES):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
    return queries, statistics.median(times)


def measure_scale(scale, pages, server, duration, out, rounds=ROUNDS):
    """Every page and its floor under wrk, ``rounds`` times over the whole list.

    Each round runs through every page before the next starts, so a page's runs are a minute
    or more apart and a burst of other work on the machine lands in one of them, not all; the
    table shows the median of the rounds (bench.wrk.median_of_rounds). Each measured run follows
    an uncounted warm-up on the page, so it measures reloads of a kept page (what the page costs
    when it has to be built again is the built ms column).
    """
    from bench.budgets import PageResult
    from bench.wrk import median_of_rounds, run_wrk

    cookies = {page.user: session_cookie(page.user) for page in pages if page.user}
    prepared = []
    for page in pages:
        cookie = cookies.get(page.user)
        queries, built_ms = build_cost(page.path, cookie)
        status, _headers, body = http_get(server.base_url, page.path, cookie=cookie)
        if status != 200:
            raise RuntimeError(f"{page.name} ({page.path}) answered {status}, not 200")
        floor_path = f"/bench/floor/{len(body)}/"
        for _ in range(WARM_UP_REQUESTS):
            http_get(server.base_url, page.path, cookie=cookie)
            http_get(server.base_url, floor_path, cookie=cookie)
        prepared.append((page, cookie, floor_path, body, queries, built_ms))

    runs = {page.name: ([], []) for page in pages}
    for round_number in range(1, rounds + 1):
        out(f"  round {round_number} of {rounds}")
        for page, cookie, floor_path, *_ in prepared:
            page_runs, floor_runs = runs[page.name]
            run_wrk(server.base_url + page.path, duration=WARM_UP_SECONDS, cookie=cookie)
            page_runs.append(run_wrk(server.base_url + page.path, duration=duration, cookie=cookie))
            floor_runs.append(
                run_wrk(server.base_url + floor_path, duration=duration, cookie=cookie)
            )

    results = []
    for page, _cookie, _floor_path, body, queries, built_ms in prepared:
        page_runs, floor_runs = runs[page.name]
        measured, floor = median_of_rounds(page_runs), median_of_rounds(floor_runs)
        result = PageResult(
            name=page.name,
            path=page.path,
            logged_in=page.user is not None,
            requests_per_second=measured.requests_per_second,
            p50_ms=measured.p50_ms,
            p95_ms=measured.p95_ms,
            floor_p50_ms=floor.p50_ms,
            queries=queries,
            body_bytes=len(body),
            compressed_bytes=len(gzip.compress(body, compresslevel=6)),
            errors=measured.errors,
            built_ms=built_ms,
        )
        results.append(result)
        spread = ", ".join(f"{run.p95_ms:.1f}" for run in page_runs)
        out(
            f"  {page.name:<20} {result.requests_per_second:7.0f} req/s  p50 "
            f"{result.p50_ms:6.1f} ms  p95 {result.p95_ms:6.1f} ms ({spread})  "
            f"floor {result.floor_p50_ms:5.1f} ms  {result.ratio:5.2f}x  {queries} queries  "
            f"built in {built_ms:.1f} ms"
        )
    return results


def home_first_visit(server):
    from bench.transfer import first_visit

    def fetch(url, compressed):
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        status, headers, body = http_get(server.base_url, path, gzip_ok=compressed)
        if status != 200:
            raise RuntimeError(f"{url} answered {status}")
        return body, headers.get("Content-Type", "")

    return first_visit(server.base_url + "/", fetch)


def settle(out) -> None:
    """VACUUM ANALYZE, CHECKPOINT and sync after the bulk inserts, as a database that has lived
    a while would be: otherwise autovacuum, the checkpointer and the kernel's writeback work
    through the new tables in the middle of the measurements."""
    from django.db import DatabaseError, connection

    if connection.vendor != "postgresql":
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        # Writes out what the bulk inserts left dirty now, not in a timed checkpoint mid-run.
        # Only superusers (and pg_checkpoint) may; another BENCH_DATABASE_URL user goes on.
        try:
            cursor.execute("CHECKPOINT")
            checkpointed = ", checkpointed"
        except DatabaseError:
            checkpointed = " (no CHECKPOINT: the user may not)"
    # And the kernel writes what it still holds of the load to disk now: at 100x that is
    # gigabytes, written back during the first minutes of measuring otherwise.
    os.sync()
    out(f"  vacuumed, analysed{checkpointed}, synced in {time.perf_counter() - started:.1f} s")


def data_summary() -> str:
    from advocacy.models import Pledge
    from careers.models import Application, Job
    from certification.models import CEActivity, Webinar
    from portal.models import Membership
    from resources.models import Resource

    counts = [
        (Job.objects.count(), "jobs"),
        (Resource.objects.count(), "resources"),
        (Pledge.objects.count(), "pledges"),
        (Membership.objects.count(), "memberships"),
        (CEActivity.objects.count(), "CE activities"),
        (Webinar.objects.count(), "webinars"),
        (Application.objects.count(), "applications"),
    ]
    return ", ".join(f"{n:,} {label}" for n, label in counts)


def shared_cache_url() -> str:
    """BENCH_REDIS_URL, when set: the benchmark then serves with REDIS_URL, as a deployment with
    several workers does (deploy/portal.env.example), and empties that Redis database.

    Not the default: on the 2-core machine the results come from, a cache call through redis-py
    costs 0.3-0.7 ms of CPU against 0.02 ms for the local-memory cache, which doubled the floor
    and every page, so the table measured the Redis client more than the portal. Without it each
    worker keeps its own copies, as the settings do by default; the results say which it was.
    """
    return os.environ.get("BENCH_REDIS_URL", "")


def cache_description() -> str:
    from django.conf import settings

    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("RedisCache"):
        return "cache shared by the workers in Redis"
    return "each worker its own local-memory cache (no Redis)"


def machine_description(database) -> str:
    import django

    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
    wrk_version = subprocess.run(
        ["wrk", "-v"], capture_output=True, text=True, check=False  # noqa: S607
    ).stdout.split(" [")[0].strip() or "wrk"  # fmt: skip
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; {database.server_version()}; "
        f"Python {platform.python_version()}; Django {django.get_version()}; "
        f"gunicorn with {WORKERS} sync workers; {cache_description()}; "
        f"{wrk_version} -t2 -c4 on the same machine; "
        # Anything else running on the machine shows in every number: say how busy it was.
        f"load average {os.getloadavg()[0]:.1f} when measuring began"
    )


# --- The run ------------------------------------------------------------------------------------


def _interrupted(signum, frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    parser.add_argument("--scales", default="1,10,100", help="comma-separated, e.g. 1,10")
    parser.add_argument(
        "--duration", type=int, default=3, help="seconds of wrk per page in each round"
    )
    parser.add_argument(
        "--rounds", type=int, default=ROUNDS, help="runs per page; the table shows their median"
    )
    parser.add_argument("--database", choices=["postgresql", "sqlite"], default="postgresql")
    parser.add_argument("--output", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    scales = [float(s) if "." in s else int(s) for s in args.scales.split(",") if s.strip()]
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk (make bench does it)", file=sys.stderr)
        return 2

    workdir = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    database = Database(args.database, workdir)
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DATABASE_URL=database.url,
        DJANGO_STATIC_ROOT=str(workdir / "static"),
        DJANGO_MEDIA_ROOT=str(workdir / "media"),
        DJANGO_PRIVATE_MEDIA_ROOT=str(workdir / "private"),
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(50))
    # The benchmark says which cache it measures; nothing from the shell's own settings.
    for name in ("REDIS_URL", "CACHE_URL", "CACHE_KEY_PREFIX"):
        os.environ.pop(name, None)
    if redis_url := shared_cache_url():
        os.environ.update(REDIS_URL=redis_url, CACHE_KEY_PREFIX="portal-bench")
    signal.signal(signal.SIGTERM, _interrupted)
    server = Gunicorn(workdir / "gunicorn.log")
    out = print
    try:
        return _run(args, scales, database, server, out)
    except KeyboardInterrupt:
        print("\nInterrupted: stopping gunicorn and dropping the benchmark database.")
        return 130
    finally:
        server.stop()
        with contextlib.suppress(Exception):
            database.drop()
        if redis_url:
            with contextlib.suppress(Exception):
                from django.core.cache import cache

                cache.clear()
        shutil.rmtree(workdir, ignore_errors=True)


def _run(args, scales, database, server, out) -> int:
    import django
    from django.core.management import call_command

    from bench.budgets import check_budgets, failed, render_checks, render_table

    database.recreate()
    django.setup()
    from django.core.cache import cache

    from bench.generate import generate  # models: only once Django is set up

    started = time.perf_counter()
    call_command("collectstatic", interactive=False, verbosity=0)
    out(f"Static files collected and compressed in {time.perf_counter() - started:.1f} s")

    results, first_visits, sections = {}, {}, []
    home_assets = None
    machine = None
    for scale in scales:
        out(f"\n== {scale:g}x ==")
        database.recreate()
        cache.clear()  # nothing kept from the scale before
        started = time.perf_counter()
        call_command("migrate", interactive=False, verbosity=0)
        out(f"  migrated in {time.perf_counter() - started:.1f} s")
        timings = generate(scale, out=out)
        settle(out)
        machine = machine or machine_description(database)
        summary = data_summary()
        out(f"  {summary}")
        pages = bench_pages()
        server.start()
        try:
            results[scale] = measure_scale(
                scale, pages, server, args.duration, out, rounds=args.rounds
            )
            assets = home_first_visit(server)
        finally:
            server.stop()
        first_visits[scale] = sum(a.bytes for a in assets)
        home_assets = home_assets or assets
        table = render_table(results[scale])
        out("\n" + table)
        sections.append(
            f"## {scale:g}x\n\n{summary}. Generated in {timings['total']:.1f} s "
            f"(demo {timings['demo']:.1f} s). Home page first visit: "
            f"{first_visits[scale] / 1000:.1f} KB in {len(assets)} files.\n\n{table}\n"
        )

    checks = check_budgets(results, first_visits)
    verdict = render_checks(checks)
    out("\nBudgets:\n" + verdict)
    report = [
        "# Benchmark results",
        "",
        f"{datetime.now():%Y-%m-%d %H:%M}, `python -m bench.run --scales {args.scales} "
        f"--duration {args.duration} --rounds {args.rounds} --database {args.database}`.",
        "",
        f"Machine: {machine}.",
        "",
        "Each page and its floor (a view returning as many bytes from memory, behind the same "
        f"middleware) ran under wrk with 2 threads and 4 connections for {args.duration} s, "
        f"in {args.rounds} rounds over the whole list; each figure is the median of the rounds. "
        "Ratio = page p50 / floor p50. wrk's repeated requests are mostly answered from the "
        "page cache (public pages for visitors, dashboards for their own session). Queries and "
        "built ms: the SQL queries and the median in-process time of building the page with the "
        "page cache off, what a visit that finds no kept copy costs. KB compressed: the HTML at "
        "gzip level 6 (1 KB = 1,000 bytes).",
        "",
        *sections,
        "## Budgets",
        "",
        verdict,
        "",
        "## Home page first visit (1st scale)",
        "",
        "| file | kind | KB transferred |",
        "| --- | --- | ---: |",
        *(
            f"| {urlsplit(a.url).path} | {a.kind} | {a.bytes / 1000:.1f} |"
            for a in (home_assets or [])
        ),
        "",
    ]
    args.output.write_text("\n".join(report))
    out(f"\nWritten to {args.output}")
    return 1 if failed(checks) else 0


if __name__ == "__main__":
    sys.exit(main())
