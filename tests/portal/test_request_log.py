"""One log line per request (portal/requestlog.py): what an operator can read, and what never
reaches the log (addresses' tokens, query strings, emails, passwords, client addresses)."""

import json
import logging
import uuid

import environ
import pytest
from django.urls import reverse

from portal.observability import JsonFormatter, logging_settings
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FIELDS = {
    "method", "path", "view", "status", "duration_ms", "bytes", "page_cache", "signed_in",
    "request_id",
}  # fmt: skip


@pytest.fixture
def request_lines(caplog):
    caplog.set_level(logging.INFO, logger="portal.request")

    def lines():
        return [r for r in caplog.records if r.name == "portal.request"]

    return lines


def only_line(request_lines):
    (record,) = request_lines()
    return record


def as_json(record) -> dict:
    """The line exactly as production writes it (DJANGO_LOG_FORMAT=json)."""
    return json.loads(JsonFormatter().format(record))


def test_a_page_makes_one_line_with_its_route_status_duration_and_size(
    client, request_lines, django_assert_max_num_queries
):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("home"))

    line = as_json(only_line(request_lines))
    assert set(line) >= FIELDS
    assert line["logger"] == "portal.request"
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/"
    assert line["view"] == "home"
    assert line["status"] == 200
    assert line["duration_ms"] > 0
    assert line["bytes"] == len(response.content)
    assert line["signed_in"] is False
    assert line["page_cache"] is None  # the test settings turn the page cache off
    # The id in the line is the one the browser (and the proxy's access log) got.
    assert line["request_id"] == response["X-Request-ID"]
    assert line["message"].startswith("GET / 200 ")


def test_a_missing_page_is_logged_once_with_its_path_and_404(client, request_lines, caplog):
    client.get("/no-such-page/")

    line = as_json(only_line(request_lines))
    assert (line["path"], line["view"], line["status"]) == ("/no-such-page/", None, 404)
    # Django's own "Not Found: /no-such-page/" warning would double it.
    assert not [r for r in caplog.records if r.name == "django.request"]


def test_a_token_in_the_address_is_logged_as_the_route_not_the_token(client, request_lines):
    token = uuid.uuid4()

    response = client.get(f"/advocacy/pledge/withdraw/{token}/")

    record = only_line(request_lines)
    line = as_json(record)
    assert line["path"] == "/advocacy/pledge/withdraw/<uuid:token>/"
    assert line["view"] == "advocacy:pledge_withdraw"
    assert line["status"] == response.status_code
    for text in (record.getMessage(), JsonFormatter().format(record)):
        assert str(token) not in text
        assert token.hex not in text


def test_a_login_logs_neither_the_email_nor_the_password(client, request_lines):
    UserFactory(email="rosa.alvarez@example.org", password="Correct-horse-9")

    response = client.post(
        reverse("account_login"),
        {"login": "rosa.alvarez@example.org", "password": "Correct-horse-9"},
        REMOTE_ADDR="203.0.113.77",
    )

    assert response.status_code == 302  # signed in
    record = only_line(request_lines)
    line = as_json(record)
    assert line["method"] == "POST"
    assert line["path"] == "/accounts/login/"
    assert line["status"] == 302
    written = JsonFormatter().format(record) + record.getMessage()
    for secret in ("rosa.alvarez", "example.org", "Correct-horse-9", "203.0.113.77"):
        assert secret not in written


def test_a_signed_in_member_is_marked_signed_in_without_their_id_or_email(
    client, member, request_lines
):
    client.force_login(member)

    client.get(reverse("account_profile"))

    record = only_line(request_lines)
    line = as_json(record)
    assert line["signed_in"] is True
    written = JsonFormatter().format(record)
    assert member.email not in written
    assert '"user_id"' not in written
    assert "sessionid" not in written
    assert client.cookies["sessionid"].value not in written


def test_search_words_and_other_query_strings_never_reach_the_log(client, request_lines):
    response = client.get(reverse("search"), {"q": "hematology-secret-word", "page": "1"})

    assert response.status_code == 200
    record = only_line(request_lines)
    line = as_json(record)
    assert line["path"] == "/search/"
    written = JsonFormatter().format(record) + record.getMessage()
    assert "hematology-secret-word" not in written
    assert "?" not in written


def test_a_page_from_the_page_cache_is_logged_as_a_hit_of_the_same_route(
    client, request_lines, settings
):
    settings.PAGE_CACHE_SECONDS = 60

    client.get(reverse("home"))
    client.get(reverse("home"))

    first, second = (as_json(r) for r in request_lines())
    assert (first["page_cache"], second["page_cache"]) == ("miss", "hit")
    assert second["path"] == first["path"] == "/"
    assert second["view"] == "home"
    assert second["signed_in"] is False
    assert second["duration_ms"] < first["duration_ms"]


def test_a_static_file_is_logged_by_its_path_without_asking_who_is_there(
    client, request_lines, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/static/css/site.css")

    line = as_json(only_line(request_lines))
    assert line["status"] == 200
    assert line["path"] == "/static/css/site.css"
    assert line["view"] is None
    # Streamed by whitenoise with its length up front.
    assert line["bytes"] == int(response["Content-Length"]) > 0
    assert line["signed_in"] is None


def test_the_proxys_request_id_is_kept_when_it_looks_like_an_id(client, request_lines):
    nginx_id = "5f0c3a1e9b7d4c2aa1b2c3d4e5f60718"

    response = client.get(reverse("home"), HTTP_X_REQUEST_ID=nginx_id)

    assert response["X-Request-ID"] == nginx_id
    assert as_json(only_line(request_lines))["request_id"] == nginx_id


@pytest.mark.parametrize(
    "offered", ["rosa@example.org", "short", "a b c d e f g h", "x" * 65, "<script>1234567"]
)
def test_anything_else_offered_as_a_request_id_is_replaced(client, request_lines, offered):
    response = client.get(reverse("home"), HTTP_X_REQUEST_ID=offered)

    made_here = response["X-Request-ID"]
    assert made_here != offered
    assert len(made_here) == 32
    record = only_line(request_lines)
    assert offered not in JsonFormatter().format(record)


def test_production_writes_json_lines_and_development_readable_text(monkeypatch):
    monkeypatch.delenv("DJANGO_LOG_FORMAT", raising=False)
    env = environ.Env()

    production = logging_settings(env, debug=False)
    development = logging_settings(env, debug=True)
    monkeypatch.setenv("DJANGO_LOG_FORMAT", "text")
    chosen_text = logging_settings(env, debug=False)

    assert production["handlers"]["console"]["formatter"] == "json"
    assert development["handlers"]["console"]["formatter"] == "text"
    assert chosen_text["handlers"]["console"]["formatter"] == "text"
    # runserver's own line per request would repeat every request line.
    assert production["loggers"]["django.server"]["handlers"] == []
    assert production["loggers"]["django.server"]["propagate"] is False


def test_an_unknown_log_format_stops_the_site_from_starting(monkeypatch):
    monkeypatch.setenv("DJANGO_LOG_FORMAT", "xml")

    with pytest.raises(ValueError, match="DJANGO_LOG_FORMAT"):
        logging_settings(environ.Env(), debug=False)
