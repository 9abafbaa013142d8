"""Whole pages kept for visitors who are not signed in, so a repeat visit skips the view.

A page is shared between visitors only when nothing about it can be personal:

* the request: a GET or HEAD, carrying no cookie but ``csrftoken`` (so no session, no
  messages), for a path outside the personal areas (``PERSONAL_PATHS``);
* the response: 200, not streamed, setting no cookie (a page with a CSRF-protected form sets
  the CSRF cookie, so it is never kept), not ``Cache-Control: private/no-store/no-cache``, with no
  message added while it was built, no executable inline script (its nonce would be stale), and
  not from a view marked ``@never_page_cached`` (views that must run on every visit).

``Vary: Cookie`` alone does not stop a page: the session adds it to every page that looks at
``request.user``, and the only cookie such a page can be asked with here is the CSRF one, which
a page without a CSRF form does not read.

Every key carries one content version: saving or deleting any row of the portal's apps gives it
a new one, so what staff change shows on the next visit. ``PAGE_CACHE_SECONDS`` (60; 0 turns the
cache off) bounds everything else: changes with time (a job expiring, a webinar starting) and
changes made without a model save. As with ``portal.fragments``, several workers need a shared
``CACHE_URL`` to hear each other's saves; with a local-memory cache the bound is the timeout.

The middleware sits right after ``CSPMiddleware``, which still adds a fresh policy to a kept
page; the only nonces in a kept page are on JSON-LD data blocks, which browsers never run.
"""

import hashlib
import re
import time
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_max_age

PERSONAL_PATHS = (
    "/admin/",
    "/accounts/",
    "/careers/my/",
    "/careers/employer/",
    "/careers/alerts/",
    "/certification/tracker/",
    "/certification/certificates/",
)
# A row saved in any of these apps may show on a public page.
CONTENT_APPS = frozenset({"portal", "resources", "careers", "certification", "advocacy"})
# Pages larger than this are rare and not worth the memory.
MAX_BYTES = 512 * 1024
HEADER = "X-Page-Cache"
_VERSION_KEY = "page-cache:version"
_SCRIPT_TAG = re.compile(rb"<script\b([^>]*)>", re.IGNORECASE)
_DATA_BLOCK = re.compile(rb"""\btype\s*=\s*["']?application/(ld\+)?json\b""", re.IGNORECASE)
_NO_STORE = ("private", "no-store", "no-cache")


def never_page_cached(view):
    """For a view that must run on every visit (it counts views, or writes on GET)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.never_page_cached = True
        return response

    return wrapper


def cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def content_changed() -> None:
    """Forget every kept page."""
    cache.set(_VERSION_KEY, str(time.time_ns()), timeout=None)


def _version() -> str:
    version = cache.get(_VERSION_KEY)
    if version is None:
        # A new version, never one used before the cache was emptied.
        cache.add(_VERSION_KEY, str(time.time_ns()), timeout=None)
        version = cache.get(_VERSION_KEY, "0")
    return version


def _on_change(sender, **kwargs):
    if sender._meta.app_label not in CONTENT_APPS:
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    content_changed()
    # Again once the change is visible to other connections: a page built in between read the
    # old rows under the new version.
    transaction.on_commit(content_changed)


def invalidate_on_change() -> None:
    """Call from ``ready()``: any save, delete or link change in ``CONTENT_APPS`` empties it."""
    post_save.connect(_on_change, weak=False, dispatch_uid="pagecache:save")
    post_delete.connect(_on_change, weak=False, dispatch_uid="pagecache:delete")
    m2m_changed.connect(_on_change, weak=False, dispatch_uid="pagecache:m2m")


def request_is_shareable(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES):
        return False
    return not request.path.startswith(PERSONAL_PATHS)


def response_is_shareable(request, response) -> bool:
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if getattr(response, "never_page_cached", False) or response.cookies:
        return False
    if response.has_header("Set-Cookie") or len(response.content) > MAX_BYTES:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in _NO_STORE) or get_max_age(response) == 0:
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    if vary - {"cookie"}:
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and (storage.added_new or getattr(storage, "_queued_messages", None)):
        return False
    return not _has_executable_inline_script(response.content)


def _has_executable_inline_script(content: bytes) -> bool:
    for match in _SCRIPT_TAG.finditer(content):
        attributes = match.group(1)
        if b"nonce" in attributes.lower() and not _DATA_BLOCK.search(attributes):
            return True
    return False


def cache_key(request) -> str:
    # One key for ?a=1&b=2 and ?b=2&a=1; values of a repeated name keep their order.
    pairs = sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True),
                   key=lambda pair: pair[0])  # fmt: skip
    address = f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(pairs)}"
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"page-cache:{_version()}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if seconds <= 0 or not request_is_shareable(request):
            return self.get_response(request)
        key = cache_key(request)  # validates the host, as CommonMiddleware would
        kept = cache.get(key)
        if kept is not None:
            content, headers = kept
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response[HEADER] = "hit"
            return response
        response = self.get_response(request)
        if response_is_shareable(request, response):
            cache.set(key, (response.content, list(response.items())), timeout=seconds)
            response[HEADER] = "miss"
        return response
