"""Rate limits for the public forms that send email or create rows (pledges, suggestions).

A fixed window counted in the cache: with ``CACHE_URL=redis://…`` every worker shares the count,
and ``cache.incr`` is atomic there. allauth keeps its own limits for the account forms; this uses
allauth's idea of the client address so both agree behind a proxy.
"""

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    from allauth.account.adapter import get_adapter

    return get_adapter(request).get_client_ip(request)


def hit(request, scope: str, *, limit: int, period: int, key: str | None = None) -> bool:
    """Count one attempt at ``scope`` by this client (or by ``key``, such as an email address).

    Returns False once more than ``limit`` attempts were made within ``period`` seconds.
    """
    if not getattr(settings, "PORTAL_RATE_LIMITS", True):
        return True
    ident = key if key is not None else client_ip(request)
    cache_key = f"ratelimit:{scope}:{ident}"
    if cache.add(cache_key, 1, timeout=period):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period)
        return True
    return count <= limit
