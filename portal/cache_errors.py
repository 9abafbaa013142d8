"""What a cache server that is down or unreachable raises (Redis, or a socket-based backend).

The portal's own uses of the cache (kept pages, fragments) treat these as "nothing kept": the page
is built, the save goes through, and /healthz says the cache is down.
"""

import contextlib


def _cache_errors() -> tuple:
    errors = [OSError]  # connection refused, timeouts
    with contextlib.suppress(ImportError):
        from redis.exceptions import RedisError

        errors.append(RedisError)
    return tuple(errors)


CACHE_ERRORS = _cache_errors()
