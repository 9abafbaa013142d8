"""Costly, shared pieces of public pages kept in the cache until staff change what they show.

A fragment is data, never HTML: the page around it is still rendered per request, so nothing
personal (a name in the header, a CSRF token, a message) is ever shared between people. Each
fragment names the *topics* it is built from ("advocacy", "pages", …). Saving or deleting a
model of a topic (``invalidate_on_change``) gives the topic a new version, and every key built
from the old version is simply never read again.

With more than one worker process, ``CACHE_URL`` must name a cache they share (Redis, or
``filecache://`` on one machine): a local-memory cache only hears its own worker's saves, so the
others show the old fragment until ``TIMEOUT`` runs out.
"""

import contextlib
import logging
import time
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from portal.cache_errors import CACHE_ERRORS

logger = logging.getLogger(__name__)

# A safety net for changes made without a model save (a queryset ``update()``, a SQL console).
TIMEOUT = 5 * 60
_VERSION_KEY = "fragment-version:{}"


def _versions(topics: Iterable[str]) -> list[str]:
    keys = [_VERSION_KEY.format(topic) for topic in topics]
    found = cache.get_many(keys)
    versions = []
    for key in keys:
        if key not in found:
            # A new version, never the same as one before it (the cache may have been emptied).
            found[key] = str(time.time_ns())
            cache.add(key, found[key], timeout=None)
            found[key] = cache.get(key, found[key])
        versions.append(found[key])
    return versions


def cached(name: str, build: Callable[[], object], *, topics: Iterable[str], timeout=TIMEOUT):
    """``build()``, or what it returned last time, while none of ``topics`` has changed.

    ``name`` must say everything else the result depends on (a filter, today's date)."""
    topics = tuple(topics)
    try:
        key = "fragment:{}:{}".format(name, ":".join(_versions(topics)))
        value = cache.get(key)
    except CACHE_ERRORS:
        logger.warning("Cache unavailable: building fragment %s", name, exc_info=True)
        return build()
    if value is None:
        value = build()
        with contextlib.suppress(*CACHE_ERRORS):
            cache.set(key, value, timeout=timeout)
    return value


def changed(*topics: str) -> None:
    """Forget every fragment built from any of ``topics``."""
    now = str(time.time_ns())
    try:
        cache.set_many({_VERSION_KEY.format(topic): now for topic in topics}, timeout=None)
    except CACHE_ERRORS:
        # The save itself must not fail; fragments expire after TIMEOUT in any case.
        logger.error("Cache unavailable: fragments %s not forgotten", topics, exc_info=True)


def invalidate_on_change(topic: str, *models) -> None:
    """Call from an app's ``ready()``: a save or delete of any of ``models`` changes ``topic``."""
    for model in models:
        uid = f"fragments:{topic}:{model._meta.label}"

        def receiver(sender, **kwargs):
            changed(topic)
            # Again once the change is visible to other connections: a page built in between
            # read the old rows under the new version.
            transaction.on_commit(lambda: changed(topic))

        post_save.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ":save")
        post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=uid + ":delete")
        # The admin saves a row, then its many-to-many links (a resource's topics).
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                receiver,
                sender=field.remote_field.through,
                weak=False,
                dispatch_uid=f"{uid}:{field.name}:m2m",
            )
