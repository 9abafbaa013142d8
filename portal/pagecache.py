"""Whole pages kept so a repeat visit skips building them: shared by every visitor who is not
signed in, and, for the few pages a signed-in person reloads all day (their dashboards), kept for
that one session alone.

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
a new one, so what staff change shows on the next visit (a login, which only stamps the user's
``last_login``, does not). ``PAGE_CACHE_SECONDS`` (60; 0 turns the
cache off) bounds everything else: changes with time (a job expiring, a webinar starting) and
changes made without a model save. As with ``portal.fragments``, several workers need a shared
``CACHE_URL`` to hear each other's saves; with a local-memory cache the bound is the timeout.

A view marked ``@kept_per_session`` (a member's CE dashboard, a seeker's or employer's lists)
is kept for one session: the middleware answers a reload from a copy keyed by the session
cookie, the CSRF cookie (the copy carries the CSRF token made for it) and the address, before
sessions, auth and the view run. So the copy must never outlive what allowed it; two versions
make it stale:

* the content version above: any save in the portal's apps, among them an account (a password
  changed, an account deactivated or deleted) and a membership, by anyone;
* the session's own version, renewed by every request that is not a GET or HEAD made with that
  session cookie, before and after it runs: logging out (a POST) retires the session's copies,
  and whatever the person changes shows on their next look, even through ``QuerySet.update()``.

A copy is stored only for a signed-in request that kept its session, set no cookie but a renewal
of the CSRF cookie it was sent, and showed no message; it is used only for a GET carrying no
cookie but those two (a waiting message arrives in its own cookie). What changes with time alone
(a membership lapsing at midnight) shows within ``PAGE_CACHE_SECONDS``.

A shared copy past its ``PAGE_CACHE_SECONDS`` is not thrown away at once: for up to
``STALE_SECONDS`` more, the first visitor to find it gets it as it is and the worker builds the
new copy once that answer has been sent (``KeptPageToRefresh.close``, which the WSGI server calls
after the last byte); whoever comes meanwhile gets the same copy (``HEADER`` says "stale").
Without this, each copy running out made a visitor wait for the page to be built (a site
search over 100,000 rows takes a quarter of a second) and, with every worker building the same
page at once, everyone behind them too. Only the minute runs out this way: a save (a new content
version) still means nobody gets the old page. Copies kept per session are rebuilt while the
person waits, as before: a build has the person's session to run with, and may show them a
message it must not use up behind their back.

A view that must count every visit without being run on every visit (the job page) names a
function with ``count_page_hits``; a kept copy's hit calls it with the same arguments (a stale
copy being rebuilt leaves it to the view, which counts that visit as it builds).

The middleware sits right after ``CSPMiddleware``, which still adds a fresh policy to a kept
page; the only nonces in a kept page are on JSON-LD data blocks, which browsers never run.
"""

import contextlib
import hashlib
import logging
import re
import time
from functools import wraps
from urllib.parse import parse_qsl, urlencode

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.contrib.messages.storage.session import SessionStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils.cache import get_max_age
from django.utils.module_loading import import_string

from portal.cache_errors import CACHE_ERRORS

logger = logging.getLogger(__name__)
_NONCE_MIDDLEWARE = CSPMiddleware(lambda request: None)

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
_SESSION_VERSION_KEY = "page-cache:session-version:{}"
# Saves that change nothing any page shows (a login stamps last_login).
UNSHOWN_FIELDS = {"portal.user": frozenset({"last_login"})}
_SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
# How long a shared copy past its time may still be sent while one request rebuilds it.
STALE_SECONDS = 30
# One rebuild at a time per page; a rebuild that died leaves the page to the next visitor then.
_REFRESH_KEY = "page-cache:refreshing:{}"
REFRESH_LOCK_SECONDS = 10
_SCRIPT_TAG = re.compile(rb"<script\b([^>]*)>", re.IGNORECASE)
_DATA_BLOCK = re.compile(rb"""\btype\s*=\s*["']?application/(ld\+)?json\b""", re.IGNORECASE)
_NO_STORE = ("private", "no-store", "no-cache")


def _marking_responses(attribute: str):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            setattr(response, attribute, True)
            return response

        return wrapper

    return decorator


# For a view that must run on every visit (it writes on GET).
never_page_cached = _marking_responses("never_page_cached")


# For a signed-in person's own page: kept for their session alone (see the module's text).
kept_per_session = _marking_responses("kept_per_session")


def count_page_hits(response, function: str, *args) -> None:
    """Have every visit served from a kept copy of ``response`` call ``function(*args)``.

    The view calls it itself when it runs; the arguments must be plain values (they are kept
    with the page).
    """
    response.page_hit_call = (function, args)


def cache_seconds() -> int:
    return getattr(settings, "PAGE_CACHE_SECONDS", 0)


def content_changed() -> None:
    """Forget every kept page."""
    _new_version(_VERSION_KEY)


def session_acted(session: str) -> None:
    """Forget the pages kept for this session: it has just changed something."""
    _new_version(_session_version_key(session))


def _session_version_key(session: str) -> str:
    return _SESSION_VERSION_KEY.format(hashlib.sha256(session.encode()).hexdigest())


def _new_version(key) -> None:
    try:
        cache.set(key, str(time.time_ns()), timeout=None)
    except CACHE_ERRORS:
        # The save itself must not fail; what was kept expires within PAGE_CACHE_SECONDS.
        logger.error("Page cache unavailable: kept pages not forgotten", exc_info=True)


def _version(key=_VERSION_KEY) -> str:
    version = cache.get(key)
    if version is None:
        # A new version, never one used before the cache was emptied.
        cache.add(key, str(time.time_ns()), timeout=None)
        version = cache.get(key, "0")
    return version


def _on_change(sender, **kwargs):
    if sender._meta.app_label not in CONTENT_APPS:
        return
    if kwargs.get("action", "post_").startswith("pre_"):
        return
    unshown = UNSHOWN_FIELDS.get(sender._meta.label_lower)
    fields = kwargs.get("update_fields")
    if unshown and fields and set(fields) <= unshown:
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


def session_of(request) -> str | None:
    """The session cookie of a GET that may be answered with a page kept for its session."""
    if request.method not in ("GET", "HEAD"):
        return None
    cookies = request.COOKIES
    session = cookies.get(settings.SESSION_COOKIE_NAME)
    # Any other cookie (a message waiting to be shown) means the page is built. An emptied one
    # (a message already shown) carries nothing.
    if not session or any(
        value and name not in (settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)
        for name, value in cookies.items()
    ):
        return None
    return session


def response_is_kept_for_session(request, response, session: str) -> bool:
    if not getattr(response, "kept_per_session", False):
        return False
    # Signed in, and still the same session: logging in or out gives the browser a new one.
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    if getattr(request, "session", None) is None or request.session.session_key != session:
        return False
    if SessionStorage.session_key in request.session:
        return False  # a message that did not fit in its cookie is waiting in the session
    # A page with a form renews the CSRF cookie it was given; the kept copy leaves it as it is.
    csrf = settings.CSRF_COOKIE_NAME
    renewed = set(response.cookies) == {csrf} and (
        response.cookies[csrf].value == request.COOKIES.get(csrf)
    )
    return response_is_shareable(request, response, cookies_set=renewed)


def response_is_shareable(request, response, *, cookies_set=False) -> bool:
    """``cookies_set``: the cookies the response sets are known to be harmless to skip."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if getattr(response, "never_page_cached", False) or len(response.content) > MAX_BYTES:
        return False
    if not cookies_set and (response.cookies or response.has_header("Set-Cookie")):
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


def _address(request) -> str:
    # One key for ?a=1&b=2 and ?b=2&a=1; values of a repeated name keep their order.
    pairs = sorted(parse_qsl(request.META.get("QUERY_STRING", ""), keep_blank_values=True),
                   key=lambda pair: pair[0])  # fmt: skip
    return f"{request.scheme}://{request.get_host()}{request.path}?{urlencode(pairs)}"


def cache_key(request) -> str:
    digest = hashlib.sha256(_address(request).encode()).hexdigest()
    return f"page-cache:{_version()}:{digest}"


def session_cache_key(request, session: str) -> str:
    csrf = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    who = f"{session}\n{csrf}\n{_address(request)}"
    digest = hashlib.sha256(who.encode()).hexdigest()
    versions = cache.get_many([_VERSION_KEY, _session_version_key(session)])
    if _VERSION_KEY not in versions:
        versions[_VERSION_KEY] = _version()
    return "page-cache:session:{}:{}:{}".format(
        versions[_VERSION_KEY], versions.get(_session_version_key(session), "0"), digest
    )


def _now() -> float:
    # Wall-clock time: kept copies are shared by workers and servers whose monotonic clocks differ.
    return time.time()


class KeptPageToRefresh(HttpResponse):
    """A shared copy past its time, sent as it is; ``refresh`` builds the next one after."""

    def __init__(self, content, refresh):
        super().__init__(content)
        self._refresh = refresh

    def close(self):
        # The WSGI server calls close() once the response has been sent, so the visitor does not
        # wait for the build; Django's test client does the same.
        refresh, self._refresh = self._refresh, None
        try:
            if refresh is not None:
                refresh()
        finally:
            super().close()


def _kept_response(kept, *, stale=False, refresh=None) -> HttpResponse:
    content, headers, hit_call, _fresh_until = kept
    response = HttpResponse(content) if refresh is None else KeptPageToRefresh(content, refresh)
    for name, value in headers:
        response[name] = value
    response[HEADER] = "stale" if stale else "hit"
    if hit_call is not None and refresh is None:
        function, args = hit_call
        try:
            import_string(function)(*args)
        except Exception:
            # A lost count is better than a lost page.
            logger.exception("Page cache hit call %s failed", function)
    return response


def _keep(key, response, seconds, *, stale_seconds=0) -> None:
    hit_call = getattr(response, "page_hit_call", None)
    kept = (response.content, list(response.items()), hit_call, _now() + seconds)
    cache.set(key, kept, timeout=seconds + stale_seconds)
    response[HEADER] = "miss"


def _is_kept_copy(kept) -> bool:
    # Anything else under a page key (a copy stored by an older release) is a miss.
    return isinstance(kept, tuple) and len(kept) == 4


def _claim_refresh(key) -> bool:
    try:
        return cache.add(_REFRESH_KEY.format(key), 1, timeout=REFRESH_LOCK_SECONDS)
    except CACHE_ERRORS:
        return False


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if seconds <= 0:
            return self.get_response(request)
        if request.method not in _SAFE_METHODS:
            return self._acting(request)
        if request_is_shareable(request):
            # A bad host is refused before the cache is asked, as CommonMiddleware would.
            request.get_host()
            make_key, may_keep, args = cache_key, response_is_shareable, ()
        elif (session := session_of(request)) is not None:
            make_key, may_keep, args = session_cache_key, response_is_kept_for_session, (session,)
        else:
            return self.get_response(request)
        try:
            key = make_key(request, *args)
            kept = cache.get(key)
        except CACHE_ERRORS:
            # Without the cache the page is built as if never kept (and /healthz can say why).
            logger.warning("Page cache unavailable: building the page", exc_info=True)
            return self.get_response(request)
        shared = make_key is cache_key
        if kept is not None and _is_kept_copy(kept):
            if _now() < kept[3]:
                return _kept_response(kept)
            if shared:
                if request.method == "GET" and _claim_refresh(key):
                    return _kept_response(
                        kept, stale=True, refresh=lambda: self._refresh(request, key, seconds)
                    )
                return _kept_response(kept, stale=True)
        response = self.get_response(request)
        if may_keep(request, response, *args):
            try:
                _keep(key, response, seconds, stale_seconds=STALE_SECONDS if shared else 0)
            except CACHE_ERRORS:
                logger.warning("Page cache unavailable: page not kept", exc_info=True)
        return response

    def _refresh(self, request, key, seconds):
        """Build the page again for a stale copy just sent, and keep it if it may be kept."""
        try:
            # The policy of the answer just sent is written; the build gets a nonce of its own
            # from the same middleware (a kept page's nonces are inert, see above).
            _NONCE_MIDDLEWARE.process_request(request)
            response = self.get_response(request)
            try:
                if response_is_shareable(request, response):
                    _keep(key, response, seconds, stale_seconds=STALE_SECONDS)
                else:
                    # The page is now something else (gone, for members only, an error): the
                    # next visitor gets that, not the old copy again.
                    cache.delete(key)
            finally:
                response.close()
        except Exception:
            # The visitor has their page; the next one after the lock will try again.
            logger.exception("Page cache: rebuilding a kept page failed")
        finally:
            with contextlib.suppress(*CACHE_ERRORS):
                cache.delete(_REFRESH_KEY.format(key))

    def _acting(self, request):
        session = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if not session:
            return self.get_response(request)
        session_acted(session)
        response = self.get_response(request)
        # Again once it is done: a page built meanwhile in another tab read the old rows.
        session_acted(session)
        return response
