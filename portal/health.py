"""/healthz for the load balancer and monitoring: do the database, the cache and the private file
storage answer, is mail going out.

200 while the database, cache and storage answer (the task queue may still be "degraded"), 503
when any of them does not: without the cache every page fails (the page cache, rate limits and
cached counts use it), without the storage every upload and download does. Only counts, ages and
timings: nothing about any person or message.

/healthz answers anyone, so the cache and storage probes (a thread each, and four requests to the
bucket) are not repeated on every call: each worker process keeps their results for
``HEALTH_PROBE_KEPT_SECONDS`` in its own memory (not in the cache being checked) and reports
those, so a flood of calls costs at most one probe of each per that time per worker. The
database and task queue are asked every time: one short query each, and a database outage must
show at once.
"""

import copy
import json
import threading
import time
import uuid
from datetime import timedelta

from django.core.cache import caches
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.models import Count, Min, Q
from django.db.utils import load_backend
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks import TaskResultStatus, task_backends

# A probe that waits longer than this is as good as a database that is down.
DATABASE_TIMEOUT_SECONDS = 3
# A ready task older than this means no worker is picking work up (db_worker stopped or stuck).
TASK_QUEUE_STALE_AFTER = timedelta(minutes=15)
FAILED_TASKS_WINDOW = timedelta(hours=1)
# The cache and the storage get as long: a Redis or S3 endpoint that has gone silent must not hold
# the probe (and a web worker) for the client library's own, much longer, timeouts.
CACHE_TIMEOUT_SECONDS = 3
STORAGE_TIMEOUT_SECONDS = 3
# Probe objects live under this prefix of the private storage and are deleted at once.
STORAGE_PROBE_PREFIX = "health/"
# How long a cache or storage probe's result is reported again instead of probing anew: a load
# balancer asking every few seconds still sees an outage within this time.
HEALTH_PROBE_KEPT_SECONDS = 10

# (probe, alias, configuration) -> (monotonic time it is kept until, result). In this process's
# memory: keeping it in the cache would make the cache probe depend on the cache.
_kept_results: dict[tuple[str, str, str], tuple[float, dict]] = {}
# Held while probing, so requests arriving together in a threaded worker wait for the one probe
# (at most its timeout) instead of each starting their own.
_kept_lock = threading.Lock()


def forget_probe_results() -> None:
    """The next /healthz probes everything again (tests, and after changing settings)."""
    with _kept_lock:
        _kept_results.clear()


def _kept(probe: str, alias: str, configuration: dict, run) -> dict:
    """``run()``'s result, reused for ``HEALTH_PROBE_KEPT_SECONDS``. The configuration is part
    of the key, so a backend set up differently (tests overriding settings) is probed anew."""
    key = (probe, alias, json.dumps(configuration, sort_keys=True, default=repr))
    with _kept_lock:
        found = _kept_results.get(key)
        if found is not None and time.monotonic() < found[0]:
            return dict(found[1])
        result = run()
        _kept_results[key] = (time.monotonic() + HEALTH_PROBE_KEPT_SECONDS, result)
        return dict(result)


@never_cache
@require_safe
def healthz(request):
    database = database_status()
    cache = cache_status()
    storage = storage_status()
    queue = task_queue_status() if database["status"] == "ok" else {"status": "unknown"}
    report = {"database": database, "cache": cache, "storage": storage, "task_queue": queue}
    if any(check["status"] != "ok" for check in (database, cache, storage)):
        return JsonResponse({"status": "unavailable", **report}, status=503)
    status = "ok" if queue["status"] in ("ok", "not_queued") else "degraded"
    return JsonResponse({"status": status, **report})


def database_status(alias: str = DEFAULT_DB_ALIAS) -> dict:
    """``SELECT 1`` within ``DATABASE_TIMEOUT_SECONDS``.

    A database server is asked over a fresh connection with its own short connect and statement
    timeouts, so a server that has gone silent (no refusal, just nothing) cannot hold the probe
    for the operating system's two-minute TCP timeout. SQLite is a local file: its own
    connection, with a short wait for a lock, is enough.
    """
    started = time.monotonic()
    try:
        if connections[alias].vendor == "sqlite":
            _select_one_sqlite(alias)
        else:
            _select_one_fresh_connection(alias)
    except DatabaseError:
        return {"status": "unavailable"}
    return {"status": "ok", "response_ms": round((time.monotonic() - started) * 1000)}


def _select_one_sqlite(alias: str) -> None:
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        if connection.errors_occurred and not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()


def _select_one_fresh_connection(alias: str) -> None:
    settings_dict = copy.deepcopy(connections[alias].settings_dict)
    options = settings_dict.setdefault("OPTIONS", {})
    if connections[alias].vendor == "postgresql":
        options["connect_timeout"] = DATABASE_TIMEOUT_SECONDS
        statement_timeout = f"-c statement_timeout={DATABASE_TIMEOUT_SECONDS * 1000}"
        options["options"] = f"{options.get('options', '')} {statement_timeout}".strip()
    elif connections[alias].vendor == "mysql":
        options["connect_timeout"] = DATABASE_TIMEOUT_SECONDS
    probe = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, alias)
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        probe.close()


def _within(seconds: float, probe) -> bool:
    """Runs ``probe()`` in a thread and waits at most ``seconds``: True when it finished without
    raising. A probe that hangs is left to finish (or fail) on its own."""
    outcome = {}

    def run():
        try:
            probe()
        except Exception as error:  # any failure of the backend counts as "unavailable"
            outcome["error"] = error
        else:
            outcome["ok"] = True

    thread = threading.Thread(target=run, name="healthz-probe", daemon=True)
    thread.start()
    thread.join(seconds)
    return outcome.get("ok", False)


def _timed_probe(timeout: float, probe) -> dict:
    started = time.monotonic()
    if not _within(timeout, probe):
        return {"status": "unavailable"}
    return {"status": "ok", "response_ms": round((time.monotonic() - started) * 1000)}


def cache_status(alias: str = "default") -> dict:
    """``probe_cache``'s result, kept for ``HEALTH_PROBE_KEPT_SECONDS``."""
    return _kept("cache", alias, caches.settings[alias], lambda: probe_cache(alias))


def probe_cache(alias: str = "default") -> dict:
    """Sets, reads back and deletes a probe key (a fresh one each time, kept at most 10 s)."""
    key = f"healthz:probe:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex

    # Looked up here: each thread would otherwise get its own cache object (and Redis pool).
    cache = caches[alias]

    def probe():
        cache.set(key, value, timeout=10)
        try:
            if cache.get(key) != value:
                raise RuntimeError("the cache did not return what was just stored")
        finally:
            cache.delete(key)

    return _timed_probe(CACHE_TIMEOUT_SECONDS, probe)


def storage_status(alias: str = "private") -> dict:
    """``probe_storage``'s result, kept for ``HEALTH_PROBE_KEPT_SECONDS``."""
    return _kept("storage", alias, storages.backends[alias], lambda: probe_storage(alias))


def probe_storage(alias: str = "private") -> dict:
    """Writes, reads back and deletes a few bytes under ``health/`` in the private storage
    (resumes, certificates, member files), whichever backend it is: a folder or S3."""
    content = f"healthz {uuid.uuid4().hex}".encode()

    storage = storages[alias]

    def probe():
        name = storage.save(f"{STORAGE_PROBE_PREFIX}probe-{uuid.uuid4().hex}.txt",
                            ContentFile(content))  # fmt: skip
        try:
            with storage.open(name, "rb") as stored:
                if stored.read() != content:
                    raise RuntimeError("the storage did not return what was just written")
        finally:
            storage.delete(name)

    return _timed_probe(STORAGE_TIMEOUT_SECONDS, probe)


def task_queue_status() -> dict:
    """How the queue of emails and other background tasks is doing (database backend only).

    ``ready``: due now and waiting for a worker; ``waiting``: scheduled for later (mostly emails
    waiting to be retried); ``oldest_ready_seconds``: how long the oldest due task has waited;
    ``failed_last_hour``: tasks given up on in the last hour.
    """
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult, get_date_max

    backend = task_backends["default"]
    if not isinstance(backend, DatabaseBackend):
        # Run in-process as they are queued (development, tests): nothing can pile up.
        return {"status": "not_queued", "backend": type(backend).__name__}

    now = timezone.now()
    never_deferred = get_date_max()  # how the database backend stores "no run_after"
    ready = Q(status=TaskResultStatus.READY) & (Q(run_after=never_deferred) | Q(run_after__lte=now))
    waiting = Q(status=TaskResultStatus.READY, run_after__gt=now) & ~Q(run_after=never_deferred)
    failed = Q(status=TaskResultStatus.FAILED, finished_at__gte=now - FAILED_TASKS_WINDOW)
    try:
        counts = DBTaskResult.objects.filter(backend_name=backend.alias).aggregate(
            ready=Count("pk", filter=ready),
            waiting=Count("pk", filter=waiting),
            failed_last_hour=Count("pk", filter=failed),
            # A task became ready when it was queued, or when its run_after came.
            oldest_enqueued=Min("enqueued_at", filter=ready & Q(run_after=never_deferred)),
            oldest_due=Min("run_after", filter=ready & ~Q(run_after=never_deferred)),
        )
    except DatabaseError:
        return {"status": "unavailable", "backend": "database"}

    became_ready = [t for t in (counts.pop("oldest_enqueued"), counts.pop("oldest_due")) if t]
    oldest = round((now - min(became_ready)).total_seconds()) if became_ready else None
    stale = oldest is not None and oldest > TASK_QUEUE_STALE_AFTER.total_seconds()
    return {
        "status": "degraded" if stale else "ok",
        "backend": "database",
        **counts,
        "oldest_ready_seconds": oldest,
        "stale_after_seconds": round(TASK_QUEUE_STALE_AFTER.total_seconds()),
    }
