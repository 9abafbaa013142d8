"""A number kept in the cache that many requests add to at once (rate limits, job page visits)."""

from django.core.cache import cache


def count_one(key: str, *, timeout: int | None = None) -> int:
    """Add one to the number at ``key`` (starting it when missing) and return the new value."""
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired or emptied between add() and incr()
        cache.add(key, 1, timeout=timeout)
        return 1
