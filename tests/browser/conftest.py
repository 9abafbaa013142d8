"""Real-browser journeys: Debian's Chromium driven by Playwright against pytest-django's
``live_server``.

Every test gets ``browse``, which wraps a Playwright page and holds the rules every journey
shares: each distinct page visited is checked with axe-core (WCAG 2.0/2.1/2.2 A and AA) and must
have no violations; no JavaScript error and no Content Security Policy violation may happen; and
when a test fails, screenshots of where it stood, at desktop and phone width, are written to
``var/browser-failures/<test>/``.
"""

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API runs an event loop in the test's thread; the ORM calls the tests make
# between browser steps are plain synchronous code and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
FAILURES_DIR = Path(__file__).resolve().parents[2] / "var" / "browser-failures"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
MISSING_BROWSER = (
    f"!!! BROWSER JOURNEYS NOT RUN: Chromium is not at {CHROMIUM}. Install Debian's package "
    "(apt-get install -y chromium) or set PORTAL_CHROMIUM. `make test` tries this itself."
)

# Reported by the browser, never by the page: a favicon or a source map that is not there.
IGNORED_CONSOLE = [re.compile(r"favicon\.ico")]


def chromium_available() -> bool:
    return bool(shutil.which(CHROMIUM)) or Path(CHROMIUM).is_file()


def pytest_collection_modifyitems(config, items):
    if chromium_available():
        return
    if os.environ.get("PORTAL_REQUIRE_BROWSER"):
        raise pytest.UsageError(MISSING_BROWSER)
    skip = pytest.mark.skip(reason=MISSING_BROWSER)
    for item in items:
        if "tests/browser/" in item.nodeid:
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not chromium_available():
        terminalreporter.write_sep("!", MISSING_BROWSER, red=True, bold=True)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def playwright_driver():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def chromium(playwright_driver):
    browser = playwright_driver.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_source():
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


class Browse:
    """A person at a browser: where they go, and what every page they see must pass."""

    def __init__(self, context, base_url, axe_source):
        self.context = context
        self.base_url = base_url
        self.axe_source = axe_source
        self.page = context.new_page()
        self.problems = []  # JavaScript errors and CSP violations, as the console said them
        self.visited, self.audited = set(), set()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"JavaScript: {error}"))
        self.page.on("framenavigated", self._navigated)

    # --- Going places -------------------------------------------------------------------------

    def url(self, path: str) -> str:
        return self.base_url + path

    def go(self, path: str):
        """Open ``path`` and check the page it shows."""
        response = self.page.goto(self.url(path))
        self.audit()
        return response

    def path(self) -> str:
        return urlsplit(self.page.url).path

    def log_in_as(self, user):
        """A session for ``user``, as logging in would leave it, without the form."""
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        self.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": self.base_url}]
        )

    def download(self, click):
        """Run ``click`` (which starts a download) and return the saved file's path and name."""
        with self.page.expect_download() as info:
            click()
        download = info.value
        return Path(download.path()), download.suggested_filename

    # --- What every page must pass ------------------------------------------------------------

    def audit(self, *, again=False):
        """axe-core over the page now shown, once per distinct path; ``again`` checks a page
        seen before that now shows something new (a message, a changed state)."""
        self.page.wait_for_load_state("load")
        key = self.path()
        self.visited.add(key)
        if key in self.audited and not again:
            return
        self.audited.add(key)
        self.page.evaluate(self.axe_source)
        result = self.page.evaluate(
            "options => axe.run(document, options)",
            {
                "runOnly": {"type": "tag", "values": AXE_TAGS},
                "resultTypes": ["violations"],
                # axe's CSSOM preload copies each stylesheet @import (the admin's forms.css has
                # one) into an inline <style>, which the strict CSP rightly blocks: a violation
                # of the tool's making. Only its css-orientation-lock rule reads that data.
                "preload": {"assets": ["media"]},
            },
        )
        violations = result["violations"]
        assert not violations, f"axe-core found problems on {key}:\n" + _describe(violations)

    def _console(self, message):
        text = message.text
        if message.type != "error" or any(p.search(text) for p in IGNORED_CONSOLE):
            return
        if text.startswith("Failed to load resource") and message.location.get("url") in (
            self.page.url,
            "",
        ):
            return  # the page itself answered 4xx on purpose (a 404 page, a 410); tests check it
        self.problems.append(f"console error on {self.page.url}: {text}")

    def _navigated(self, frame):
        if frame == self.page.main_frame and frame.url.startswith(self.base_url):
            self.visited.add(urlsplit(frame.url).path)

    def finish(self):
        assert not self.problems, "The browser reported:\n" + "\n".join(self.problems)
        missed = self.visited - self.audited
        assert not missed, f"Pages visited but never checked with axe-core: {sorted(missed)}"

    def screenshots(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        for name, size in [("desktop", DESKTOP), ("phone", PHONE)]:
            self.page.set_viewport_size(size)
            self.page.screenshot(path=folder / f"{name}.png", full_page=True)


def _describe(violations) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['failureSummary']}")
    return "\n".join(lines)


# A listener for CSP violations the page itself sees, so none goes unnoticed even where the
# browser's own console message is worded differently.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def _person(request, chromium, live_server, axe_source, **context_options):
    context = chromium.new_context(accept_downloads=True, locale="en-US", **context_options)
    context.add_init_script(CSP_LISTENER)
    context.set_default_timeout(10_000)
    person = Browse(context, live_server.url, axe_source)
    yield person
    failed = any(
        getattr(getattr(request.node, f"report_{when}", None), "failed", False)
        for when in ("setup", "call")
    )
    try:
        if failed:
            person.screenshots(FAILURES_DIR / re.sub(r"[^\w.-]+", "_", request.node.nodeid))
        else:
            person.finish()
    finally:
        context.close()


@pytest.fixture
def browse(request, chromium, live_server, axe_source, mailoutbox):
    """A person at a desktop browser."""
    yield from _person(request, chromium, live_server, axe_source, viewport=DESKTOP)


@pytest.fixture
def phone(request, chromium, live_server, axe_source, mailoutbox):
    """A person on a phone-sized touch screen."""
    yield from _person(
        request, chromium, live_server, axe_source, viewport=PHONE, is_mobile=True, has_touch=True
    )


@pytest.fixture
def another_person(request, chromium, live_server, axe_source):
    """Someone else at their own desktop browser, alongside ``browse``, held to the same checks:
    ``with another_person() as moderator: ...``."""
    from contextlib import contextmanager

    @contextmanager
    def start():
        people = _person(request, chromium, live_server, axe_source, viewport=DESKTOP)
        person = next(people)
        try:
            yield person
        except BaseException:
            name = re.sub(r"[^\w.-]+", "_", request.node.nodeid) + "-another"
            person.screenshots(FAILURES_DIR / name)
            person.context.close()
            raise
        next(people, None)  # the same teardown as ``browse``: the checks, then closing

    return start
