"""Simultaneous requests through the whole stack still make one pledge, one application, and
no more webinar registrations than there are seats.

Each test starts real HTTP requests from many threads at pytest-django's ``live_server`` (a
threaded WSGI server sharing the test database). Every thread is its own browser: it has its own
cookies, fetches the form page first for its CSRF token, and, where the page needs a login,
carries the session cookie of a ``Client.force_login``. A ``threading.Barrier`` releases all
the submissions at once.

On PostgreSQL the requests really race: 30 pledges, 30 applications and 40 registrations are
in flight together, each on its own database connection, and the database constraints and row
locks in the services decide the outcome. SQLite cannot run this race: the test database is in
memory, and the live server hands every request thread the test's one connection, so two
requests at once would share one transaction. There each thread still waits at the barrier,
but takes a lock around its request, so the requests go one after another in whatever order
the threads arrive; the outcome must be the same.

Django's test server listens with a queue of only 10 waiting connections (a production server
such as gunicorn queues 2048), so 40 connections opening at once would be reset by the kernel
before the portal ever saw them. The ``server`` fixture widens that queue on the live server's
socket, so that what is tested is the portal, not the size of the test server's queue.
"""

import contextlib
import re
import threading
from dataclasses import dataclass
from http import client as http_client
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test import Client
from django.urls import reverse

from advocacy.models import Credential, Pledge
from careers.models import Application, ApplicationEvent
from certification.models import WebinarRegistration
from tests.careers.factories import EmployerFactory, JobFactory, ResumeFactory
from tests.certification.factories_webinars import WebinarFactory
from tests.factories import MembershipFactory, UserFactory

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CONNECTION_QUEUE = 128


@pytest.fixture
def server(live_server):
    # listen() again on a listening socket only changes its queue length.
    live_server.thread.httpd.socket.listen(CONNECTION_QUEUE)
    return live_server


@dataclass(frozen=True)
class Response:
    status: int
    location: str
    text: str


class Browser:
    """One visitor's browser: its own cookie jar, so its own session and CSRF token."""

    def __init__(self, server_url, *, login=None):
        parts = urlsplit(server_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}
        if login is not None:
            client = Client()
            client.force_login(login)
            self.cookies[settings.SESSION_COOKIE_NAME] = client.cookies[
                settings.SESSION_COOKIE_NAME
            ].value

    def request(self, method, path, form=None) -> Response:
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http_client.HTTPConnection(self.host, self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers)
            reply = conn.getresponse()
            text = reply.read().decode("utf-8", errors="replace")
            self._keep_cookies(reply.headers.get_all("Set-Cookie") or [])
            location = reply.headers.get("Location", "")
        finally:
            conn.close()
        return Response(reply.status, urlsplit(location).path, text)

    def _keep_cookies(self, headers):
        for header in headers:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                if morsel["max-age"] == "0":  # Django deleting a cookie (e.g. read messages)
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def get(self, path) -> Response:
        return self.request("GET", path)

    def form_token(self, path) -> str:
        """Open the page with the form, as a person would before submitting it."""
        page = self.get(path)
        assert page.status == 200, (path, page.status)
        return CSRF_INPUT.search(page.text).group(1)

    def post(self, path, form) -> Response:
        return self.request("POST", path, form)


def _submit_together(browsers, form_page, submit):
    """In one thread per browser, open ``form_page``, then, all released at once, run
    ``submit(index, browser, csrf_token)``.

    Returns the results in browser order; any exception in a thread fails the test.
    """
    count = len(browsers)
    barrier = threading.Barrier(count)
    # See the module docstring: SQLite's in-memory test database takes one request at a time.
    serial = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    results, errors = [None] * count, []

    def worker(index):
        try:
            with serial:
                token = browsers[index].form_token(form_page)
            barrier.wait(timeout=60)
            with serial:
                results[index] = submit(index, browsers[index], token)
        except Exception as error:  # reported by the assertion below
            errors.append(error)
            barrier.abort()  # so the others stop waiting for this one

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert all(not thread.is_alive() for thread in threads)
    return results


def _no_server_errors(responses):
    return [r.status for r in responses if r.status >= 500] == []


@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_pledges_from_one_address_make_one_pledge(server):
    url = reverse("advocacy:pledge")
    browsers = [Browser(server.url) for _ in range(30)]

    def submit(index, browser, token):
        sent = browser.post(
            url,
            {
                "csrfmiddlewaretoken": token,
                "full_name": "Rosa Delgado",
                # The same address, typed in different cases.
                "email": "rosa@example.org" if index % 2 else "ROSA@Example.org",
                "credential": Credential.MLS,
                "job_title": "Medical Technologist",
                "institution": "Lakeside Memorial Hospital",
                "city": "Peoria",
                "state": "IL",
                "show_publicly": "on",
            },
        )
        return sent, browser.get(sent.location) if sent.location else None

    results = _submit_together(browsers, url, submit)

    sent = [s for s, _ in results]
    assert _no_server_errors(sent + [page for _, page in results if page])
    assert {(s.status, s.location) for s in sent} == {(302, reverse("advocacy:pledge_check_email"))}
    assert all("Check your email" in page.text for _, page in results)
    pledge = Pledge.objects.get()
    assert pledge.email.lower() == "rosa@example.org"
    assert pledge.confirmed_at is None
    # Each submission is answered with a fresh confirmation link (the service's rule for an
    # unconfirmed pledge; the per-address rate limit caps it in production), and every one of
    # them is for this one pledge.
    withdraw = reverse("advocacy:pledge_withdraw", args=[pledge.token])
    assert len(mail.outbox) == 30
    assert {m.to[0].lower() for m in mail.outbox} == {"rosa@example.org"}
    assert all(withdraw in m.body for m in mail.outbox)


@pytest.mark.django_db(transaction=True)
def test_with_rate_limits_on_a_burst_of_pledges_sends_at_most_five_emails(server, settings):
    """What production does with the same burst: the per-address limit (5 an hour) holds
    under concurrency, and everyone over it gets the friendly 429 page, not an error."""
    settings.PORTAL_RATE_LIMITS = True
    url = reverse("advocacy:pledge")
    browsers = [Browser(server.url) for _ in range(30)]

    def submit(index, browser, token):
        return browser.post(
            url,
            {
                "csrfmiddlewaretoken": token,
                "full_name": "Rosa Delgado",
                "email": "rosa@example.org",
                "credential": Credential.MLS,
                "job_title": "Medical Technologist",
                "institution": "Lakeside Memorial Hospital",
                "city": "Peoria",
                "state": "IL",
            },
        )

    sent = _submit_together(browsers, url, submit)

    assert _no_server_errors(sent)
    accepted = [r for r in sent if r.status == 302]
    refused = [r for r in sent if r.status == 429]
    assert len(accepted) == 5
    assert len(refused) == 25
    assert all("sent too many times in the last hour" in r.text for r in refused)
    assert Pledge.objects.count() == 1
    assert len(mail.outbox) == 5


@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_applications_by_one_seeker_make_one(server):
    seeker = UserFactory(email="sam.seeker@example.com")
    job = JobFactory(employer=EmployerFactory(contact_email="jobs@lab.example.org"))
    resume = ResumeFactory(owner=seeker, is_default=True)
    browsers = [Browser(server.url, login=seeker) for _ in range(30)]
    url = reverse("careers:apply", args=[job.slug])

    def submit(index, browser, token):
        sent = browser.post(
            url,
            {
                "csrfmiddlewaretoken": token,
                "apply-resume": resume.pk,
                "apply-cover_note": f"Submitted from tab {index}.",
            },
        )
        return sent, browser.get(sent.location) if sent.location else None

    results = _submit_together(browsers, job.get_absolute_url(), submit)

    sent = [s for s, _ in results]
    assert _no_server_errors(sent + [page for _, page in results if page])
    application = Application.objects.get()
    detail = reverse("careers:application_detail", args=[application.pk])
    assert {(s.status, s.location) for s in sent} == {(302, detail)}
    pages = [page.text for _, page in results]
    assert sum("has been sent to" in text for text in pages) == 1
    assert sum("You already applied on" in text for text in pages) == 29
    assert application.applicant == seeker
    assert ApplicationEvent.objects.filter(application=application).count() == 1
    # One copy of the resume kept for the employer; the losing requests' copies are gone.
    copies = [p for p in (settings.PRIVATE_MEDIA_ROOT / "applications").rglob("*") if p.is_file()]
    assert len(copies) == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["jobs@lab.example.org", seeker.email]


@pytest.mark.django_db(transaction=True)
def test_forty_members_registering_at_once_fill_exactly_twenty_five_seats(server):
    webinar = WebinarFactory(title="Coagulation case studies", capacity=25, join_url="")
    members = []
    for n in range(40):
        member = UserFactory(email=f"racer{n}@example.com")
        MembershipFactory(user=member)
        members.append(member)
    browsers = [Browser(server.url, login=member) for member in members]
    url = reverse("certification:webinar_register", args=[webinar.slug])

    def submit(index, browser, token):
        sent = browser.post(url, {"csrfmiddlewaretoken": token})
        return sent, browser.get(sent.location) if sent.location else None

    results = _submit_together(browsers, webinar.get_absolute_url(), submit)

    sent = [s for s, _ in results]
    assert _no_server_errors(sent + [page for _, page in results if page])
    assert {(s.status, s.location) for s in sent} == {(302, webinar.get_absolute_url())}
    seated = [i for i, (_, page) in enumerate(results) if "You’re registered for" in page.text]
    turned_away = [
        i
        for i, (_, page) in enumerate(results)
        if "Sorry, every seat for this webinar is taken." in page.text
    ]
    assert len(seated) == 25
    assert len(turned_away) == 15
    registered = set(
        WebinarRegistration.objects.filter(webinar=webinar).values_list("user__email", flat=True)
    )
    assert registered == {members[i].email for i in seated}
    # Only the 25 with a seat were sent a confirmation.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(registered)
