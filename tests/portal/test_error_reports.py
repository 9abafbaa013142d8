"""Error reports: a real Sentry event to a Sentry-compatible server, and the errors email to
DJANGO_ADMINS. Both say what broke and where, and carry nothing about the person who was there."""

import gzip
import http.server
import json
import threading
import uuid

import environ
import pytest
import sentry_sdk
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import path

import portal.urls
from portal.observability import scrub_event, start_error_reports

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

EMAIL = "rosa.alvarez@example.org"
PASSWORD = "Correct-horse-9"
SEARCH_WORDS = "hematology-secret-word"
CLIENT_ADDRESS = "203.0.113.77"


def broken_report(request):
    # Looks at who is asking, as every page does: the user is there to leak if nothing stops it.
    if request.user.is_authenticated:
        raise RuntimeError("The CE summary could not be built")
    return HttpResponse("never reached for a member")


def broken_withdrawal(request, token):
    raise RuntimeError("The pledge could not be withdrawn")


urlpatterns = [
    path("ce-summary/", broken_report),
    path("pledge/withdraw/<str:token>/", broken_withdrawal),
    *portal.urls.urlpatterns,
]
handler404 = portal.urls.handler404
handler500 = portal.urls.handler500


@pytest.fixture
def rosa(db):
    from tests.factories import UserFactory

    return UserFactory(email=EMAIL, password=PASSWORD)


def raise_in_a_view(rosa) -> tuple[Client, object]:
    """A signed-in member posts a form with their email, password and a search query string."""
    browser = Client(raise_request_exception=False)
    browser.force_login(rosa)
    browser.cookies["site_tour"] = "seen-by-rosa"
    response = browser.post(
        f"/ce-summary/?q={SEARCH_WORDS}&token=abcdef123456",
        {"email": EMAIL, "password": PASSWORD},
        REMOTE_ADDR=CLIENT_ADDRESS,
        HTTP_USER_AGENT="RosasBrowser/1.0",
    )
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode() or response.content
    return browser, response


def private_values(browser) -> list[str]:
    return [
        EMAIL, "rosa.alvarez", PASSWORD, SEARCH_WORDS, "abcdef123456", CLIENT_ADDRESS,
        "RosasBrowser", "seen-by-rosa", browser.cookies["sessionid"].value,
    ]  # fmt: skip


class FakeSentry(http.server.ThreadingHTTPServer):
    """Sentry's ingest endpoint on loopback: keeps every envelope it is sent."""

    def __init__(self):
        self.envelopes = []
        self.paths = []
        super().__init__(("127.0.0.1", 0), FakeSentryHandler)

    @property
    def dsn(self) -> str:
        return f"http://publickey@127.0.0.1:{self.server_address[1]}/1"


class FakeSentryHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        self.server.paths.append(self.path)
        self.server.envelopes.append(body.decode("utf-8", "replace"))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_sentry(monkeypatch):
    server = FakeSentry()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setenv("SENTRY_DSN", server.dsn)
    monkeypatch.setenv("SENTRY_ENVIRONMENT", "staging")
    monkeypatch.setenv("SENTRY_RELEASE", "portal@2026.11")
    try:
        yield server
    finally:
        sentry_sdk.flush(timeout=5)
        sentry_sdk.get_client().close()
        # Back to no error service for the rest of the test run.
        sentry_sdk.get_global_scope().set_client(None)
        server.shutdown()
        server.server_close()


def test_without_a_dsn_no_error_service_is_started(monkeypatch):
    monkeypatch.delenv("SENTRY_DSN", raising=False)

    assert start_error_reports(environ.Env()) is False
    assert not sentry_sdk.get_client().is_active()


def test_a_view_that_raises_reaches_sentry_without_anything_about_the_person(fake_sentry, rosa):
    assert start_error_reports(environ.Env()) is True

    browser, response = raise_in_a_view(rosa)
    sentry_sdk.flush(timeout=5)

    events = [e for e in fake_sentry.envelopes if '"type":"event"' in e.replace(" ", "")]
    assert events, f"no event reached the fake Sentry (got {fake_sentry.paths})"
    assert all(p == "/api/1/envelope/" for p in fake_sentry.paths)
    event = events[0]
    assert "RuntimeError" in event
    assert "The CE summary could not be built" in event
    assert "broken_report" in event  # the traceback says where
    assert "/ce-summary/" in event
    assert '"environment":"staging"' in event.replace(" ", "")
    assert "portal@2026.11" in event
    # The event can be matched with the request's log line.
    assert response["X-Request-ID"] in event
    for value in private_values(browser):
        assert value not in event, value
    assert "sessionid" not in event
    assert "Cookie" not in event and "cookies" not in event


def test_the_errors_email_says_what_broke_but_not_who_or_what_they_sent(settings, rosa):
    settings.ADMINS = [("Site admins", "webteam@ascls-il.org")]

    browser, _ = raise_in_a_view(rosa)

    (email,) = mail.outbox
    assert email.to == ["webteam@ascls-il.org"]
    assert "Internal Server Error: /ce-summary/" in email.subject
    assert "RuntimeError" in email.body
    assert "The CE summary could not be built" in email.body
    assert "broken_report" in email.body
    for value in private_values(browser):
        assert value not in email.subject + email.body, value
    assert "sessionid" not in email.body


def follow_a_withdrawal_link_that_breaks() -> str:
    """A secret in the address itself, as in a pledge withdrawal, unsubscribe or password-reset
    link (made here, so it is in no source line a traceback shows)."""
    token = uuid.uuid4().hex
    response = Client(raise_request_exception=False).get(f"/pledge/withdraw/{token}/")
    assert response.status_code == 500
    return token


def test_sentry_names_the_route_not_the_token_in_the_address(fake_sentry, db):
    assert start_error_reports(environ.Env()) is True

    token = follow_a_withdrawal_link_that_breaks()
    sentry_sdk.flush(timeout=5)

    events = [e for e in fake_sentry.envelopes if '"type":"event"' in e.replace(" ", "")]
    assert events, f"no event reached the fake Sentry (got {fake_sentry.paths})"
    event = events[0]
    assert "The pledge could not be withdrawn" in event
    # Sentry's own name for the page is its pattern, spelt its way.
    assert '"transaction":"/pledge/withdraw/{token}/"' in event.replace(" ", "")
    assert token not in "".join(fake_sentry.envelopes)


def test_an_event_carrying_the_address_gets_the_route_instead(db):
    """Whatever the SDK puts in an event (the request's URL, a transaction named by its URL, the
    "Internal Server Error: /path/" log line kept as a breadcrumb), the token is replaced."""
    token = uuid.uuid4().hex
    address = f"/pledge/withdraw/{token}/"
    event = {
        "request": {"method": "GET", "url": f"https://portal.example.org{address}?q=x"},
        "transaction": address,
        "transaction_info": {"source": "url"},
        "breadcrumbs": {
            "values": [
                {"category": "django.request", "message": f"Internal Server Error: {address}"},
                {"category": "httplib", "data": {"url": f"http://testserver{address}"}},
            ]
        },
        "logentry": {"message": "Internal Server Error: %s", "params": [address]},
    }

    scrubbed = json.dumps(scrub_event(event))

    assert token not in scrubbed
    assert event["request"] == {
        "method": "GET",
        "url": "https://portal.example.org/pledge/withdraw/<str:token>/",
    }
    assert event["transaction"] == "/pledge/withdraw/<str:token>/"
    assert "Internal Server Error: /pledge/withdraw/<str:token>/" in scrubbed
    assert event["logentry"]["params"] == ["/pledge/withdraw/<str:token>/"]


def test_the_errors_email_names_the_route_not_the_token_in_the_address(settings, db):
    settings.ADMINS = [("Site admins", "webteam@ascls-il.org")]

    token = follow_a_withdrawal_link_that_breaks()

    (email,) = mail.outbox
    assert "Internal Server Error: /pledge/withdraw/<str:token>/" in email.subject
    assert "Internal Server Error: /pledge/withdraw/<str:token>/" in email.body
    assert "The pledge could not be withdrawn" in email.body
    assert token not in email.subject + email.body


def test_without_admins_no_errors_email_is_sent(settings, rosa):
    settings.ADMINS = []

    raise_in_a_view(rosa)

    assert mail.outbox == []


def test_a_request_for_another_host_name_sends_no_errors_email(settings, client):
    settings.ADMINS = [("Site admins", "webteam@ascls-il.org")]

    response = client.get("/", HTTP_HOST="scanner.example.net")

    assert response.status_code == 400
    assert mail.outbox == []
