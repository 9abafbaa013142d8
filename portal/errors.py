"""Error pages, and the one place a database outage becomes a friendly 503.

Django turns an uncaught exception into a response at whichever middleware layer it escapes
(``convert_exception_to_response``) and calls ``handler500`` for it. A lost database can surface
in the view, a context processor, the session lookup behind ``request.user`` or the session save
on the way out, so ``server_error`` — called for all of them, with the exception still in
``sys.exc_info()`` — is where a database error is recognised and answered with "briefly
unavailable" instead of "something went wrong".
"""

import contextlib
import logging
import sys

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

logger = logging.getLogger(__name__)

# What a lost, restarting or overloaded database raises through Django's wrappers.
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)
# Told to browsers and crawlers (Retry-After): most outages are a restart or a failover.
RETRY_AFTER_SECONDS = 120


def page_not_found(request, exception):
    return render(request, "404.html", {"requested_path": request.path}, status=404)


def server_error(request):
    exception = sys.exc_info()[1]
    if is_database_outage(exception):
        return database_unavailable(request, exception)
    # Rendered without a RequestContext: whatever broke may be in a context processor.
    return HttpResponseServerError(loader.get_template("500.html").render())


def is_database_outage(exception: BaseException | None) -> bool:
    """Whether ``exception``, or one it was raised from or while handling, is the database
    being out of reach."""
    seen = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, DATABASE_OUTAGE_ERRORS):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def database_unavailable(request, exception: BaseException | None = None) -> HttpResponse:
    """The 503 page for a database outage, made without touching the database."""
    # One log line per failed request. The session save on the way out can fail a second time
    # for the same request; Django's own traceback log is skipped (_has_been_logged).
    if request is None or not getattr(request, "_database_outage_logged", False):
        logger.error("Database unavailable, answered 503: %s", describe(exception))
        if request is not None:
            request._database_outage_logged = True
    release_broken_connections()
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    response._has_been_logged = True
    return response


def describe(exception: BaseException | None) -> str:
    """The error's type and the first line of its message: enough to tell a refused
    connection from a timeout, with no query or parameters."""
    if exception is None:
        return "unknown error"
    cause = exception.__cause__ or exception
    first_line = str(cause).strip().splitlines()[0] if str(cause).strip() else ""
    return f"{type(cause).__module__}.{type(cause).__qualname__}: {first_line[:200]}"


def release_broken_connections() -> None:
    """Drop connections the error left unusable, so the next request opens a fresh one.

    Django does this itself when a request finishes (``close_old_connections``), but with
    persistent connections (CONN_MAX_AGE > 0) the broken one would otherwise be tried first;
    doing it here also covers callers that bypass the request signals (the test client). A
    connection inside an open atomic block belongs to whoever opened it, so it is left alone.
    """
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        # Closing a dead connection can itself fail; Django forgets the connection regardless.
        with contextlib.suppress(*DATABASE_OUTAGE_ERRORS):
            connection.close_if_unusable_or_obsolete()
