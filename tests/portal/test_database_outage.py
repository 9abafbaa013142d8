"""When the database is out of reach every page says so kindly; the site comes back by itself."""

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from portal.errors import RETRY_AFTER_SECONDS, is_database_outage, server_error
from tests.factories import ResourceFactory
from tests.tcp_proxy import DatabaseSwitch

FRIENDLY = "The portal is briefly unavailable"


@pytest.fixture
def database(transactional_db, tmp_path):
    with DatabaseSwitch(unreachable_path=tmp_path) as switch:
        yield switch


@pytest.fixture
def browser():
    # Like a real server: an error becomes the error page, not an exception in the test.
    return Client(raise_request_exception=False)


@pytest.fixture
def pages(member):
    resource = ResourceFactory(title="Blood bank competency checklist")
    return {
        "home": (reverse("home"), "The portal for Illinois clinical laboratory professionals"),
        "resource": (resource.get_absolute_url(), "Blood bank competency checklist"),
        "member": (reverse("account_profile"), "Your profile"),
    }


def assert_unavailable_page(response):
    html = response.content.decode()
    assert response.status_code == 503
    assert FRIENDLY in html
    assert "Please try again in a few minutes" in html
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]
    for detail in ("Traceback", "OperationalError", "connection", "sqlite", "psycopg"):
        assert detail not in html


def test_every_page_says_briefly_unavailable_and_recovers_when_the_database_returns(
    database, browser, member, pages, caplog
):
    browser.force_login(member)
    for url, text in pages.values():
        before = browser.get(url)
        assert before.status_code == 200 and text in before.content.decode()

    database.cut()
    with caplog.at_level(logging.WARNING):
        outage = {name: browser.get(url) for name, (url, _) in pages.items()}

    for response in outage.values():
        assert_unavailable_page(response)
    # One line per failed request from the portal, and no tracebacks from Django on top.
    outage_lines = [r for r in caplog.records if r.name == "portal.errors"]
    assert len(outage_lines) == len(pages)
    assert all("Database unavailable, answered 503" in r.getMessage() for r in outage_lines)
    assert not [r for r in caplog.records if r.name == "django.request" or r.exc_info]
    assert not any(member.email in r.getMessage() for r in caplog.records)

    database.restore()
    for url, text in pages.values():
        after = browser.get(url)
        assert after.status_code == 200
        assert text in after.content.decode()
        assert FRIENDLY not in after.content.decode()


def test_a_persistent_connection_broken_mid_life_is_replaced_not_reused(
    database, browser, pages, settings
):
    connection.settings_dict["CONN_MAX_AGE"] = 600
    try:
        url, text = pages["resource"]
        assert browser.get(url).status_code == 200
        connection.ensure_connection()

        database.cut()
        assert_unavailable_page(browser.get(url))
        assert_unavailable_page(browser.get(url))

        database.restore()
        response = browser.get(url)
        assert response.status_code == 200
        assert text in response.content.decode()
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = 0


def test_other_errors_still_get_the_something_went_wrong_page(rf):
    try:
        raise RuntimeError("a bug, not an outage")
    except RuntimeError:
        response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.content.decode()
    assert FRIENDLY not in response.content.decode()


def test_a_database_error_raised_from_another_error_still_counts_as_an_outage():
    try:
        try:
            raise OperationalError("server closed the connection unexpectedly")
        except OperationalError as error:
            raise RuntimeError("template could not be rendered") from error
    except RuntimeError as error:
        assert is_database_outage(error)
    assert not is_database_outage(ValueError("not a database problem"))
    assert not is_database_outage(None)


def test_with_production_settings_a_silent_database_server_is_given_up_within_seconds():
    # A server that accepts the connection and then says nothing, like one that is hung or
    # behind a dropped network path: without a connect timeout, PostgreSQL's client waits forever.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(4)
    port = silent.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        DJANGO_SECRET_KEY="a-production-like-secret-key-" + "x" * 40,
        DATABASE_URL=f"postgres://portal@127.0.0.1:{port}/portal",
    )
    script = (
        "import time, django; django.setup()\n"
        "from django.db import OperationalError, connection\n"
        "started = time.monotonic()\n"
        "try:\n"
        "    connection.ensure_connection()\n"
        "except OperationalError:\n"
        "    print(round(time.monotonic() - started, 1))\n"
    )
    try:
        run = subprocess.run(  # noqa: S603 (our own script, with this interpreter)
            [sys.executable, "-c", script],
            cwd=Path(__file__).resolve().parents[2],
            env=env,
            capture_output=True,
            text=True,
            timeout=30,
        )
    finally:
        silent.close()

    assert run.returncode == 0, run.stderr
    assert 4 <= float(run.stdout) <= 10
