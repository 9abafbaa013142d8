"""Error reports: a real Sentry event to a Sentry-compatible server, and the errors email to
DJANGO_ADMINS. Both say what broke and where, and carry nothing about the person who was there."""

import gzip
import http.server
import threading

import environ
import pytest
import sentry_sdk
from django.core import mail
from django.http import HttpResponse
from django.test import Client
from django.urls import path

import portal.urls
from portal.observability import start_error_reports

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


urlpatterns = [path("ce-summary/", broken_report), *portal.urls.urlpatterns]
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


def test_without_admins_no_errors_email_is_sent(settings, rosa):
    settings.ADMINS = []

    raise_in_a_view(rosa)

    assert mail.outbox == []


def test_a_request_for_another_host_name_sends_no_errors_email(settings, client):
    settings.ADMINS = [("Site admins", "webteam@ascls-il.org")]

    response = client.get("/", HTTP_HOST="scanner.example.net")

    assert response.status_code == 400
    assert mail.outbox == []
