"""Logging and error reports, configured from the environment.

Imported by the settings, so nothing here imports a model or anything that needs Django set up.

* ``logging_settings(env, debug)``: the ``LOGGING`` dict. Everything goes to standard error (the
  journal under systemd), as JSON lines when ``DJANGO_LOG_FORMAT=json`` (the default with debug
  off) or as readable text (the default in development). ``portal.request`` writes one line per
  request (``portal.requestlog``); Django's own per-request lines (``django.server``, and the
  "Not Found: /path" warnings of ``django.request``) are left out so no request is logged twice.
  Errors Django logs (a view that raised) are emailed to ``DJANGO_ADMINS`` when it is set, with
  no request data, cookies or local variables in the email (``PrivateExceptionReporter``), and
  the page named by its URL pattern, not its address (``RouteAdminEmailHandler``).
* ``start_error_reports(env)``: Sentry (or a Sentry-compatible service), only when ``SENTRY_DSN``
  is set, with nothing personal sent and pages named by URL pattern (``scrub_event``).
"""

import contextvars
import copy
import json
import logging
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

from django.utils.log import AdminEmailHandler
from django.views.debug import ExceptionReporter, SafeExceptionReporterFilter

# The request id of the request being answered (set by portal.requestlog), so every line a request
# causes, and its error report, can be matched with its request line.
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "portal_request_id", default=None
)

HIDDEN = "(not included in error reports)"


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record made while a request is being answered."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, the record's ``fields``
    (``logger.info(..., extra={"fields": {...}})``), the request id and any traceback.

    Only ``fields`` is copied from a record's extras: Django attaches the whole request object
    to some records, and it must never reach a log.
    """

    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        request_id = getattr(record, "request_id", None)
        if request_id:
            line.setdefault("request_id", request_id)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.exc_text:
            line["exception"] = record.exc_text
        if record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class PrivateReporterFilter(SafeExceptionReporterFilter):
    """What an errors email may show: the traceback's files, lines and code, nothing else.

    Local variables hold forms, users and posted values; settings hold cache and storage URLs
    that may carry passwords (Django only hides names that look secret).
    """

    def get_traceback_frame_variables(self, request, tb_frame):
        return [(name, HIDDEN) for name in tb_frame.f_locals]

    def get_safe_settings(self):
        return {}


class PrivateExceptionReporter(ExceptionReporter):
    """The errors email's report, made as if there were no request: no address with its query
    string, no GET or POST values, cookies, headers, client address or user. The email's first
    line still says which page failed, by its URL pattern (``RouteAdminEmailHandler``)."""

    def __init__(self, request, exc_type, exc_value, tb, is_email=False):
        super().__init__(None, exc_type, exc_value, tb, is_email=is_email)
        self.filter = PrivateReporterFilter()


class RouteAdminEmailHandler(AdminEmailHandler):
    """Django's errors email, naming the URL pattern that failed instead of the address
    ("Internal Server Error: /advocacy/pledge/withdraw/<uuid:token>/"): pledge, unsubscribe and
    password-reset links carry their secret in the path itself. Works on a copy of the record,
    so the console line (the request log) is unchanged by it."""

    def emit(self, record):
        request = getattr(record, "request", None)
        path = getattr(request, "path", None)
        if path:
            from portal.requestlog import logged_path

            route, _ = logged_path(request)
            if route != path:
                record = copy.copy(record)
                if isinstance(record.args, tuple):
                    record.args = tuple(_hide_path(arg, path, route) for arg in record.args)
                record.msg = _hide_path(record.msg, path, route)
        super().emit(record)


def _hide_path(value, path: str, route: str):
    return value.replace(path, route) if isinstance(value, str) else value


def log_format(env, debug: bool) -> str:
    chosen = env("DJANGO_LOG_FORMAT", default="text" if debug else "json").strip().lower()
    if chosen not in ("json", "text"):
        raise ValueError(f"DJANGO_LOG_FORMAT must be 'json' or 'text', not {chosen!r}")
    return chosen


def logging_settings(env, debug: bool) -> dict:
    level = env("DJANGO_LOG_LEVEL", default="INFO").upper()
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "portal.observability.RequestIdFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "json": {"()": "portal.observability.JsonFormatter"},
            "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": log_format(env, debug),
                "filters": ["request_id"],
            },
            # Sends nothing unless settings.ADMINS (DJANGO_ADMINS) names someone.
            "mail_admins": {
                "class": "portal.observability.RouteAdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
                "reporter_class": "portal.observability.PrivateExceptionReporter",
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Replaces Django's default "django" logger (a console handler of its own in debug,
            # which would print each of its lines twice); its lines reach the root's console.
            "django": {"handlers": ["mail_admins"], "level": level, "propagate": True},
            # "Not Found: /path" for every 404 repeats the request line; errors (a view that
            # raised, with its traceback) still go to the console and the errors email.
            "django.request": {"level": "ERROR", "propagate": True},
            # A request for another host name (scanners, mostly) is a 400 and one log line, not
            # an errors email each time.
            "django.security.DisallowedHost": {
                "handlers": ["console"],
                "level": "ERROR",
                "propagate": False,
            },
            # runserver's own line per request.
            "django.server": {"handlers": [], "level": "ERROR", "propagate": False},
            "portal.request": {"level": "INFO", "propagate": True},
        },
    }


# --- Error reports (Sentry) -----------------------------------------------------------------


def start_error_reports(env) -> bool:
    """Connects Sentry when ``SENTRY_DSN`` is set; returns whether it did."""
    dsn = env("SENTRY_DSN", default="")
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None) or None,
        traces_sample_rate=env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0),
        # What the SDK may collect by itself: no user or client address, cookies, headers,
        # bodies, query strings or SQL values; no local variables either, which hold forms and
        # people's records. (sentry-sdk 2.x's successor to send_default_pii=False, which it
        # now warns about, spelled out category by category.)
        data_collection={
            "user_info": False,
            "cookies": {"mode": "off"},
            "http_headers": {"request": {"mode": "off"}},
            "http_bodies": [],
            "url_query_params": {"mode": "off"},
            "database_query_data": False,
            "stack_frame_variables": False,
        },
        max_request_body_size="never",
        before_send=scrub_event,
        before_send_transaction=scrub_event,
    )
    return True


_REQUEST_KEPT = ("method", "url")


def scrub_event(event, hint=None):
    """Leaves only what says where the error happened: the request's method and the URL pattern
    its address matched (``/advocacy/pledge/withdraw/<uuid:token>/``, never the token itself, nor
    the query string), the traceback without variables, the request id."""
    request = event.get("request")
    if isinstance(request, dict):
        kept = {key: request[key] for key in _REQUEST_KEPT if key in request}
        if "url" in kept:
            kept["url"], path, route = _url_with_route(str(kept["url"]))
            if path != route:
                _hide_path_in_event(event, path, route)
        event["request"] = kept
    event.pop("user", None)
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    for thread in (event.get("threads") or {}).get("values") or []:
        for frame in (thread.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    # A logged error's record extras may include Django's request object as text.
    extra = event.get("extra")
    if isinstance(extra, dict):
        extra.pop("request", None)
    request_id = current_request_id.get()
    if request_id:
        event.setdefault("tags", {})["request_id"] = request_id
    return event


def _url_with_route(url: str) -> tuple[str, str, str]:
    """The URL with its path replaced by the pattern it matched (portal.requestlog's rule, the
    one the request log follows), and without query or fragment; also the path and the route."""
    from portal.requestlog import route_of_path

    parts = urlsplit(url)
    route = route_of_path(parts.path)
    return urlunsplit((parts.scheme, parts.netloc, route, "", "")), parts.path, route


def _hide_path_in_event(event, path: str, route: str) -> None:
    """The path may also be in the transaction name (when Sentry could not name it by pattern),
    in log lines kept as breadcrumbs ("Internal Server Error: /path/") and in a log message."""
    if isinstance(event.get("transaction"), str):
        event["transaction"] = event["transaction"].replace(path, route)
    for crumb in (event.get("breadcrumbs") or {}).get("values") or []:
        if isinstance(crumb.get("message"), str):
            crumb["message"] = crumb["message"].replace(path, route)
        data = crumb.get("data")
        if isinstance(data, dict):
            for key, value in data.items():
                data[key] = _hide_path(value, path, route)
    logentry = event.get("logentry")
    if isinstance(logentry, dict):
        for key in ("message", "formatted"):
            if key in logentry:
                logentry[key] = _hide_path(logentry[key], path, route)
        if isinstance(logentry.get("params"), list):
            logentry["params"] = [_hide_path(p, path, route) for p in logentry["params"]]
