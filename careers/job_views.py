"""How visits to a job page are counted.

A job page is kept by the page cache like any public page, so most visits never reach the view.
Every visit, kept or not, adds one to a counter in the cache (``record``, also called by the page
cache on a hit); each ``MOVE_EVERY`` visits are moved into ``Job.view_count`` with one UPDATE, and
``move_all`` (run daily by ``expire_jobs``) moves what is left. What employers see is the stored
count plus what is waiting (``with_visits``), so no visit is missing from their dashboard.

A restarted or emptied cache forgets the visits still waiting (at most ``MOVE_EVERY`` - 1 per job);
with several app servers the counter needs the shared ``CACHE_URL``.
"""

from itertools import islice

from django.core.cache import cache
from django.db.models import F

from careers.models import Job

MOVE_EVERY = 20
_BATCH = 500


def _chunks(ids):
    ids = iter(ids)
    while chunk := list(islice(ids, _BATCH)):
        yield chunk


def _key(job_id) -> str:
    return f"job-visits:{job_id}"


def record(job_id: int) -> None:
    """One visit to the job page."""
    key = _key(job_id)
    cache.add(key, 0, timeout=None)
    try:
        waiting = cache.incr(key)
    except ValueError:  # emptied between add and incr
        cache.set(key, 1, timeout=None)
        waiting = 1
    # incr is atomic, so each multiple is seen by exactly one request: no visit moves twice.
    if waiting % MOVE_EVERY == 0:
        _move(job_id, MOVE_EVERY)


def _move(job_id: int, count: int) -> None:
    try:
        cache.decr(_key(job_id), count)
    except ValueError:
        return
    # An UPDATE sends no save signal: moving visits does not empty the page cache.
    Job.objects.filter(pk=job_id).update(view_count=F("view_count") + count)


def waiting(job_ids) -> dict[int, int]:
    """Visits not yet moved into ``view_count``, by job id (jobs with none are left out)."""
    found = {}
    for chunk in _chunks(job_ids):
        kept = cache.get_many([_key(job_id) for job_id in chunk])
        for job_id in chunk:
            count = kept.get(_key(job_id), 0)
            if count > 0:
                found[job_id] = count
    return found


def with_visits(jobs):
    """Give each job ``visits``: its stored count and the visits still waiting."""
    jobs = list(jobs)
    pending = waiting([job.pk for job in jobs])
    for job in jobs:
        job.visits = job.view_count + pending.get(job.pk, 0)
    return jobs


def visits(job) -> int:
    return with_visits([Job.objects.only("view_count").get(pk=job.pk)])[0].visits


def move_all() -> int:
    """Move every waiting visit into ``view_count``; returns how many moved."""
    moved = 0
    ids = Job.objects.filter(published_at__isnull=False).values_list("pk", flat=True)
    for job_id, count in waiting(ids.iterator(chunk_size=_BATCH)).items():
        _move(job_id, count)
        moved += count
    return moved
