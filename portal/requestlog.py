"""One log line per request, on the ``portal.request`` logger, with nothing personal in it.

Fields: ``method``, ``path``, ``view``, ``status``, ``duration_ms``, ``bytes``, ``page_cache``,
``signed_in`` and ``request_id``.

* ``path`` is the URL pattern the request matched (``/advocacy/pledge/withdraw/<uuid:token>/``),
  never the address itself, so pledge, unsubscribe and password-reset tokens in addresses are not
  written down; only a request that matched no pattern (a static file, a 404) logs its own path.
  The query string (search words, tokens) is never logged.
* ``signed_in`` is true or false when the request looked at who is asking (every page does),
  and null when it never did (a static file): finding out would cost a database query.
* ``bytes`` is the body's size; a streamed file counts only when it says its length up front, and
  its ``duration_ms`` is the time to its first byte.
* ``request_id`` comes from the proxy's ``X-Request-ID`` when it looks like an id (nginx's
  ``$request_id``), otherwise it is made here; either way it is sent back as ``X-Request-ID`` and
  stamped on every other log line and error report the request causes.

No client address, email, user id, cookie or header value is ever logged.
"""

import logging
import re
import time
import uuid
from functools import lru_cache

from django.conf import settings
from django.urls import Resolver404, get_script_prefix, get_urlconf, resolve
from django.utils.functional import empty

from portal.observability import current_request_id

logger = logging.getLogger("portal.request")

HEADER = "X-Request-ID"
# Letters, digits and - _ . only, 8 to 64 of them: a UUID, nginx's $request_id, a load balancer's
# trace id. Anything else (spaces, quotes, an email) is replaced by an id made here.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
UNMATCHED_PATH_LIMIT = 200


def request_id_for(request) -> str:
    offered = request.META.get("HTTP_X_REQUEST_ID", "")
    if SAFE_REQUEST_ID.fullmatch(offered):
        return offered
    return uuid.uuid4().hex


def logged_path(request) -> tuple[str, str | None]:
    """The matched URL pattern and view name, or the bare path for a request that matched none.

    A page served from the page cache (or a static file) never reached URL resolution; it is
    resolved here, once per address, so its line reads like the same page built by its view.
    """
    prefix = request.path[: len(request.path) - len(request.path_info)]
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return f"{prefix}/{match.route}", match.view_name or None
    return _pattern_or_path(prefix, request.path_info, request.path)


def route_of_path(path: str) -> str:
    """``logged_path`` for an address known only as text (an error report's URL): the URL pattern
    its path matches, or the path itself when it matches none."""
    prefix = get_script_prefix().rstrip("/")
    path_info = path[len(prefix) :] if prefix and path.startswith(prefix + "/") else path
    if not path_info.startswith("/"):
        return path[:UNMATCHED_PATH_LIMIT]
    return _pattern_or_path(prefix, path_info, path)[0]


def _pattern_or_path(prefix: str, path_info: str, path: str) -> tuple[str, str | None]:
    route, view = _route_of(get_urlconf() or settings.ROOT_URLCONF, path_info)
    if route is None:
        return path[:UNMATCHED_PATH_LIMIT], None
    return f"{prefix}/{route}", view


# Resolving an address costs a few hundred microseconds, as much as serving a kept page; the
# addresses asked for again and again (kept pages, static files) are remembered.
@lru_cache(maxsize=4096)
def _route_of(urlconf, path_info: str) -> tuple[str | None, str | None]:
    try:
        match = resolve(path_info, urlconf)
    except Resolver404:
        return None, None
    return match.route, match.view_name or None


def signed_in(request, response) -> bool | None:
    if response.get("X-Page-Cache") == "hit":
        # A shared page is only served to requests without a session; a page kept for a session
        # only to that (signed-in) session.
        return settings.SESSION_COOKIE_NAME in request.COOKIES
    user = getattr(request, "user", None)
    if user is None:
        return None
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is empty:
        return None
    return bool(wrapped.is_authenticated)


def body_size(response) -> int | None:
    if not response.streaming:
        return len(response.content)
    length = response.get("Content-Length")
    return int(length) if length and length.isdigit() else None


class RequestLogMiddleware:
    """First in ``MIDDLEWARE``: its clock covers every other middleware, and it sees the final
    response, a redirect to HTTPS or a page cache hit included."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = request_id_for(request)
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            response[HEADER] = request_id
            self.log(request, response, duration_ms)
            return response
        finally:
            current_request_id.reset(token)

    def log(self, request, response, duration_ms: float) -> None:
        path, view = logged_path(request)
        fields = {
            "method": request.method,
            "path": path,
            "view": view,
            "status": response.status_code,
            "duration_ms": duration_ms,
            "bytes": body_size(response),
            "page_cache": response.get("X-Page-Cache"),
            "signed_in": signed_in(request, response),
            "request_id": request.request_id,
        }
        # WARNING, not ERROR, for a 5xx: the error itself is logged (and reported) where it
        # happened; an error-level line here would report it twice.
        level = logging.WARNING if response.status_code >= 500 else logging.INFO
        logger.log(
            level,
            "%s %s %s %sms %s bytes page_cache=%s signed_in=%s id=%s",
            fields["method"],
            path,
            fields["status"],
            duration_ms,
            fields["bytes"],
            fields["page_cache"] or "-",
            fields["signed_in"],
            request.request_id,
            extra={"fields": fields},
        )
