"""Rate limits for the public forms that send email or create rows (pledges, suggestions,
applications, career service requests), and the friendly 429 answer for every limit.

A fixed window counted in the cache: with ``CACHE_URL=redis://…`` every worker shares the count,
and ``cache.incr`` is atomic there. allauth keeps its own limits for the account forms; this uses
allauth's idea of the client address so both agree behind a proxy.
"""

from django.conf import settings
from django.shortcuts import render

from portal.counters import count_one

HOUR = 60 * 60
# allauth's account views and the limit ("action") each one counts, to say how long to wait.
ALLAUTH_ACTIONS = {
    "account_login": "login",
    "account_signup": "signup",
    "account_reset_password": "reset_password",
    "account_reset_password_from_key": "reset_password_from_key",
    "account_change_password": "change_password",
    "account_set_password": "change_password",
    "account_email": "manage_email",
    "account_reauthenticate": "reauthenticate",
}


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
    return count_one(f"ratelimit:{scope}:{ident}", timeout=period) <= limit


def within_limits(
    request, scope: str, *, address_limit: int, key: str, key_limit: int, period: int = HOUR
) -> bool:
    """Count one attempt at ``scope`` against two limits: this client address's and ``key``'s
    (a person's id, an email address). A shared hospital network needs the first to be
    generous; the second stops one person, or one inbox, being flooded."""
    return hit(request, scope, limit=address_limit, period=period) and hit(
        request, f"{scope}-by-key", limit=key_limit, period=period, key=key
    )


def wait_text(seconds: int) -> str:
    """How long to wait, as people say it: "a minute", "5 minutes", "an hour", "2 hours"."""
    minutes = max(1, round(seconds / 60))
    if minutes < 60:
        return "a minute" if minutes == 1 else f"{minutes} minutes"
    hours = round(minutes / 60)
    return "an hour" if hours == 1 else f"{hours} hours"


def too_many_requests(
    request, *, retry_after: int, template: str = "429.html", context: dict | None = None
):
    """The answer to a client over a limit: status 429 with ``Retry-After``.

    By default the friendly 429 page; a form view passes its own ``template`` and ``context``
    instead, so the form comes back with what the person typed and the limit's message.
    """
    context = {**(context or {}), "retry_after": retry_after, "wait": wait_text(retry_after)}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def allauth_too_many_requests(request):
    """allauth's ``handler429`` (named in portal/urls.py) for log in, sign-up, password reset."""
    from allauth.core.internal.ratelimit import get_rates

    match = getattr(request, "resolver_match", None)
    action = ALLAUTH_ACTIONS.get(match.url_name if match else "")
    rates = get_rates(app="allauth.account", action=action) if action else []
    # allauth counts attempts in a sliding window: after the longest one, all have expired.
    retry_after = int(max((rate.duration for rate in rates), default=60))
    return too_many_requests(request, retry_after=retry_after)
