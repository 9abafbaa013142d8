import io
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils.text import slugify

from resources.links import USER_AGENT, LinkResult, check_link
from resources.models import Resource

# Short enough to keep the suite fast, long enough that a loaded CI machine answers /ok in time.
TIMEOUT = 0.5
SLOW_ANSWER_SECONDS = 2


class _Handler(BaseHTTPRequestHandler):
    """A small web site with one address for each way a link can behave."""

    def do_HEAD(self):
        self._answer()

    def do_GET(self):
        self._answer()

    def _answer(self):
        self.server.requests.append((self.command, self.path, self.headers["User-Agent"]))
        route = urlsplit(self.path).path
        if route == "/slow" and self.server.stopping.wait(SLOW_ANSWER_SECONDS):
            return  # the test is over; nobody is waiting for this answer
        status, location = {
            "/ok": (200, None),
            "/slow": (200, None),
            "/gone": (404, None),
            "/error": (500, None),
            "/redirect": (302, "/ok"),
            "/loop": (302, "/loop"),
            "/to-ftp": (302, "ftp://127.0.0.1/file.pdf"),
            "/no-head": (405 if self.command == "HEAD" else 200, None),
        }.get(route, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format, *args):
        pass


class _Server(ThreadingHTTPServer):
    # Non-daemon request threads are joined by server_close, so none outlives its test.
    daemon_threads = False


class _Site:
    def __init__(self, server):
        self.server = server

    def url(self, route):
        host, port = self.server.server_address
        return f"http://{host}:{port}{route}"

    @property
    def requests(self):
        return self.server.requests


@pytest.fixture
def site(monkeypatch):
    # A proxy from the developer's environment must not stand between the checker and 127.0.0.1.
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    server = _Server(("127.0.0.1", 0), _Handler)
    server.requests = []
    server.stopping = threading.Event()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield _Site(server)
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
    assert not thread.is_alive()


@pytest.fixture
def refused_url():
    """An address on 127.0.0.1 where nothing listens any more."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def make_resource(title, url, *, kind=Resource.Kind.LINK, published=True):
    return Resource.objects.create(
        title=title,
        slug=slugify(title),
        kind=kind,
        summary="A resource for laboratory professionals.",
        url=url,
        is_published=published,
    )


def run_check(*args, timeout=TIMEOUT):
    out = io.StringIO()
    call_command("check_resource_links", "--timeout", str(timeout), *args, stdout=out)
    return out.getvalue()


def broken_lines(output):
    return [line for line in output.splitlines() if line.startswith("BROKEN")]


# check_link on its own


def test_a_page_that_answers_is_ok_and_checked_with_head_only(site):
    result = check_link(site.url("/ok"), TIMEOUT)

    assert result.ok
    assert result.status == 200
    assert site.requests == [("HEAD", "/ok", USER_AGENT)]


@pytest.mark.parametrize(
    ("route", "status", "reason"),
    [("/gone", 404, "HTTP 404 Not Found"), ("/error", 500, "HTTP 500 Internal Server Error")],
)
def test_an_error_status_is_broken_and_named_in_the_reason(site, route, status, reason):
    result = check_link(site.url(route), TIMEOUT)

    assert not result.ok
    assert result.status == status
    assert result.reason == reason


def test_a_redirect_is_followed_to_the_page_it_points_at_still_with_head(site):
    result = check_link(site.url("/redirect"), TIMEOUT)

    assert result.ok
    assert result.status == 200
    assert site.url("/ok") in result.reason
    assert [(method, route) for method, route, _ in site.requests] == [
        ("HEAD", "/redirect"),
        ("HEAD", "/ok"),
    ]


def test_a_server_that_refuses_head_is_asked_again_with_get(site):
    result = check_link(site.url("/no-head"), TIMEOUT)

    assert result.ok
    assert result.status == 200
    assert [method for method, _, _ in site.requests] == ["HEAD", "GET"]


def test_a_server_that_does_not_answer_in_time_is_broken_and_not_waited_for(site):
    started = time.monotonic()
    result = check_link(site.url("/slow"), TIMEOUT)
    elapsed = time.monotonic() - started

    assert not result.ok
    assert result.status is None
    assert result.reason == "timed out after 0.5 s"
    assert elapsed < SLOW_ANSWER_SECONDS
    # A timed-out HEAD is not retried with GET; that would only double the wait.
    assert [method for method, _, _ in site.requests] == ["HEAD"]


def test_a_refused_connection_is_broken(refused_url):
    result = check_link(refused_url, TIMEOUT)

    assert result == LinkResult(ok=False, status=None, reason="connection refused")


def test_a_host_name_that_does_not_resolve_is_broken(monkeypatch):
    # Simulated so the test never asks a real DNS server.
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)

    result = check_link("http://retired-lab-site.example/", TIMEOUT)

    assert not result.ok
    assert result.reason == "host name not found (DNS)"


def test_a_redirect_loop_is_broken(site):
    result = check_link(site.url("/loop"), TIMEOUT)

    assert not result.ok
    assert "redirect loop" in result.reason


def test_a_redirect_off_the_web_is_broken_and_not_followed(site):
    result = check_link(site.url("/to-ftp"), TIMEOUT)

    assert not result.ok
    assert "non-web address" in result.reason


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/file.pdf", "file:///etc/passwd"])
def test_an_address_that_is_not_http_is_broken_without_being_opened(url):
    result = check_link(url, TIMEOUT)

    assert not result.ok
    assert result.reason.startswith("not a web address")


def test_an_address_with_accented_characters_is_sent_encoded(site):
    result = check_link(site.url("/ok?q=hématologie"), TIMEOUT)

    assert result.ok
    assert site.requests[0][1] == "/ok?q=h%C3%A9matologie"


# The check_resource_links command


@pytest.mark.django_db
def test_report_lists_each_broken_link_with_its_address_reason_and_admin_page(site, refused_url):
    make_resource("CLSI guidelines", site.url("/ok"))
    make_resource("CDC lab safety", site.url("/redirect"))
    make_resource("Coag webinar", site.url("/no-head"))
    gone = make_resource("Retired QC handbook", site.url("/gone"))
    failing = make_resource("State lab rules", site.url("/error"))
    slow = make_resource("Sluggish journal", site.url("/slow"))
    refused = make_resource("Old chapter site", refused_url)

    output = run_check()

    lines = broken_lines(output)
    expected = {
        gone: "HTTP 404 Not Found",
        failing: "HTTP 500 Internal Server Error",
        slow: "timed out after 0.5 s",
        refused: "connection refused",
    }
    assert len(lines) == len(expected)
    for resource, reason in expected.items():
        [line] = [line for line in lines if resource.title in line]
        assert resource.url in line
        assert reason in line
        assert reverse("admin:resources_resource_change", args=[resource.pk]) in line
    for working in ("CLSI guidelines", "CDC lab safety", "Coag webinar"):
        assert working not in output
    assert output.splitlines()[-1] == "Checked 7 links: 3 answer, 4 broken."


@pytest.mark.django_db
def test_videos_and_unpublished_resources_are_checked_and_unpublished_ones_marked(site):
    make_resource("Phlebotomy video", site.url("/gone"), kind=Resource.Kind.VIDEO)
    make_resource("Draft reading list", site.url("/gone"), published=False)
    Resource.objects.create(
        title="About the lab week",
        slug="about-the-lab-week",
        kind=Resource.Kind.WEB_PAGE,
        summary="A page written here, not a link.",
        url=site.url("/gone"),
    )

    output = run_check()

    lines = broken_lines(output)
    assert len(lines) == 2
    assert "Phlebotomy video:" in lines[1]
    assert "Draft reading list (unpublished):" in lines[0]
    assert "About the lab week" not in output
    assert output.splitlines()[-1] == "Checked 2 links: 0 answer, 2 broken."


@pytest.mark.django_db
def test_broken_links_do_not_fail_the_command_by_default(site):
    make_resource("Retired QC handbook", site.url("/gone"))

    output = run_check()

    assert "Checked 1 link: 0 answer, 1 broken." in output


@pytest.mark.django_db
def test_fail_on_broken_raises_after_printing_the_report(site):
    make_resource("Retired QC handbook", site.url("/gone"))
    make_resource("CLSI guidelines", site.url("/ok"))
    out = io.StringIO()

    with pytest.raises(CommandError, match="1 of 2 links broken"):
        call_command("check_resource_links", "--fail-on-broken", stdout=out)

    assert "Retired QC handbook" in out.getvalue()
    assert "Checked 2 links: 1 answer, 1 broken." in out.getvalue()


@pytest.mark.django_db
def test_fail_on_broken_passes_when_every_link_answers(site):
    make_resource("CLSI guidelines", site.url("/ok"))

    output = run_check("--fail-on-broken")

    assert broken_lines(output) == []
    assert output.splitlines()[-1] == "Checked 1 link: 1 answer, 0 broken."


@pytest.mark.django_db
def test_only_checks_the_resources_named_by_slug(site):
    make_resource("Retired QC handbook", site.url("/gone"))
    make_resource("State lab rules", site.url("/error"))
    make_resource("CLSI guidelines", site.url("/ok"))

    output = run_check("--only", "state-lab-rules", "--only", "clsi-guidelines")

    assert "Retired QC handbook" not in output
    assert len(broken_lines(output)) == 1
    assert "State lab rules" in broken_lines(output)[0]
    assert output.splitlines()[-1] == "Checked 2 links: 1 answer, 1 broken."
    assert {route for _, route, _ in site.requests} == {"/error", "/ok"}


@pytest.mark.django_db
def test_only_with_a_slug_that_is_not_a_checked_resource_is_an_error(site):
    make_resource("CLSI guidelines", site.url("/ok"))

    with pytest.raises(CommandError, match="clsi-guidleines"):
        run_check("--only", "clsi-guidleines")

    assert site.requests == []


@pytest.mark.django_db
def test_higher_verbosity_also_lists_the_links_that_answer(site):
    make_resource("CLSI guidelines", site.url("/ok"))

    output = run_check("--verbosity", "2")

    assert "OK      CLSI guidelines:" in output


@pytest.mark.django_db
def test_nothing_to_check_still_prints_a_summary():
    assert run_check() == "Checked 0 links: 0 answer, 0 broken.\n"


@pytest.mark.parametrize("timeout", ["0", "-1", "soon"])
def test_timeout_must_be_a_positive_number_of_seconds(timeout):
    with pytest.raises(CommandError, match="seconds above 0"):
        run_check(timeout=timeout)
