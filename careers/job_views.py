"""How visits to a job page are counted.

A job page is kept by the page cache like any public page, so most visits never reach the view.
Every visit, kept or not, adds one to a counter in the cache (``record``, also called by the page
cache on a hit); each ``MOVE_EVERY`` visits are moved into ``Job.view_count`` with one UPDATE, and
``move_all`` (run daily by ``expire_jobs``) moves what is left. What employers see is the stored
count plus what is waiting (``with_visits``), so no visit is missing from their dashboard.

A restarted or emptied cache forgets the visits still waiting (at most ``MOVE_EVERY`` - 1 per job);
with several app servers the counter needs the shared ``REDIS_URL`` (a file cache's increments
are not atomic).
"""

import logging
from itertools import islice

from django.core.cache import cache
from django.db.models import F

from careers.models import Job
from portal.cache_errors import CACHE_ERRORS
from portal.counters import count_one

logger = logging.getLogger(__name__)

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
    try:
        waiting = count_one(_key(job_id))
        if waiting >= MOVE_EVERY:
            _move(job_id, waiting)
    except CACHE_ERRORS:
        # The page matters more than the count.
        logger.warning("Cache unavailable: a job page visit was not counted", exc_info=True)


def _move(job_id: int, count: int) -> int:
    """Move ``count`` waiting visits into ``view_count``, or as many as are still waiting; returns
    how many moved."""
    key = _key(job_id)
    try:
        left = cache.decr(key, count)
    except ValueError:
        return 0
    if left < 0:
        # Another request moved some of these meanwhile: give back what was not there to take.
        cache.incr(key, -left)
        count += left
    if count <= 0:
        return 0
    # An UPDATE sends no save signal: moving visits does not empty the page cache.
    Job.objects.filter(pk=job_id).update(view_count=F("view_count") + count)
    return count


def waiting(job_ids) -> dict[int, int]:
    """Visits not yet moved into ``view_count``, by job id (jobs with none are left out; all of
    them when the cache cannot be asked)."""
    found = {}
    for chunk in _chunks(job_ids):
        try:
            kept = cache.get_many([_key(job_id) for job_id in chunk])
        except CACHE_ERRORS:
            logger.warning("Cache unavailable: job page visits waiting not shown", exc_info=True)
            return {}
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
    ids = Job.objects.filter(published_at__isnull=False).values_list("pk", flat=True)
    try:
        return sum(
            _move(job_id, count)
            for job_id, count in waiting(ids.iterator(chunk_size=_BATCH)).items()
        )
    except CACHE_ERRORS:
        logger.error("Cache unavailable: waiting job page visits not stored", exc_info=True)
        return 0
