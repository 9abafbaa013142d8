"""Hammering a form ends in a friendly "too many attempts" answer (status 429, Retry-After),
and nothing beyond the limit is stored or emailed.

Log in, sign-up and password reset are limited by allauth (ACCOUNT_RATE_LIMITS), which renders
templates/429.html through portal.ratelimit.allauth_too_many_requests; the pledge, applying to a
job and career service requests by portal.ratelimit.hit, which answer with the form again and
what the person typed. The test settings turn both off; each test here turns them on.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from advocacy.models import Pledge
from advocacy.views.pledges import PLEDGE_LIMIT
from careers.models import Application, CareerServiceRequest
from careers.views import seeker as seeker_views
from careers.views.public import SERVICE_REQUEST_LIMIT
from portal.models import User
from portal.ratelimit import wait_text
from tests.careers.factories import JobFactory, ResumeFactory
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

FRIENDLY_PAGE = "Too many attempts: please wait a little"


class Browser(Client):
    """Posts as a browser would, with the transaction committed after each request, so the
    email it queues is sent (into mail.outbox) as it would be on the live site."""

    def __init__(self, capture_on_commit):
        super().__init__(raise_request_exception=True)
        self.capture_on_commit = capture_on_commit

    def post(self, *args, **kwargs):
        with self.capture_on_commit(execute=True):
            return super().post(*args, **kwargs)


@pytest.fixture
def browser(django_capture_on_commit_callbacks):
    return Browser(django_capture_on_commit_callbacks)


@pytest.fixture
def account_limits(settings):
    """allauth's limits, small enough to reach in a test (allauth reads them per request)."""

    def set_limits(**limits):
        settings.ACCOUNT_RATE_LIMITS = limits

    return set_limits


@pytest.fixture
def portal_limits(settings):
    settings.PORTAL_RATE_LIMITS = True


def _page(response) -> str:
    return response.content.decode()


def assert_friendly_429(response, *, retry_after: int):
    assert response.status_code == 429
    assert response["Retry-After"] == str(retry_after)
    html = _page(response)
    assert FRIENDLY_PAGE in html
    assert f"Please try again in {wait_text(retry_after)}." in html
    assert "nothing about your account has changed" in html
    assert 'href="/"' in html  # a way back home
    assert "style=" not in html


# --- allauth's account forms -----------------------------------------------------------------


def test_hammering_log_in_ends_in_the_friendly_page_and_even_the_right_password_waits(
    browser, member, account_limits
):
    account_limits(login="3/m/ip")
    url = reverse("account_login")
    for _ in range(3):
        response = browser.post(url, {"login": member.email, "password": "wrong guess"})
        assert response.status_code == 200
    response = browser.post(url, {"login": member.email, "password": PASSWORD})
    assert_friendly_429(response, retry_after=60)
    assert "_auth_user_id" not in browser.session


def test_hammering_sign_up_ends_in_the_friendly_page_and_creates_no_more_accounts(
    browser, account_limits
):
    account_limits(signup="2/5m/ip")
    url = reverse("account_signup")
    responses = [
        browser.post(
            url,
            {
                "full_name": f"Pat Doe {n}",
                "email": f"pat{n}@example.com",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
        for n in range(4)
    ]
    assert [r.status_code for r in responses[:2]] == [302, 302]
    assert_friendly_429(responses[2], retry_after=300)
    assert responses[3].status_code == 429
    assert sorted(User.objects.values_list("email", flat=True)) == [
        "pat0@example.com",
        "pat1@example.com",
    ]


def test_hammering_password_reset_ends_in_the_friendly_page_and_sends_no_more_email(
    browser, member, account_limits
):
    account_limits(reset_password="20/m/ip,2/m/key")
    url = reverse("account_reset_password")
    responses = [browser.post(url, {"email": member.email}) for _ in range(4)]
    assert [r.status_code for r in responses[:2]] == [302, 302]
    assert_friendly_429(responses[2], retry_after=60)
    assert len(mail.outbox) == 2


# --- The portal's own limits ------------------------------------------------------------------


def _pledge(n):
    return {
        "full_name": f"Alex Rivera {n}",
        "email": f"alex{n}@example.com",
        "credential": "MLS",
        "job_title": "Medical Laboratory Scientist",
        "institution": "Prairie Lab",
        "city": "Peoria",
        "state": "IL",
    }


def test_hammering_the_pledge_keeps_what_was_typed_and_stores_no_more_pledges(
    browser, portal_limits
):
    url = reverse("advocacy:pledge")
    for n in range(PLEDGE_LIMIT):
        assert browser.post(url, _pledge(n)).status_code == 302
    mails = len(mail.outbox)
    assert mails == PLEDGE_LIMIT  # one confirmation link each
    response = browser.post(url, _pledge("last"))
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = _page(response)
    assert "sent too many times in the last hour" in html
    assert "what you typed is still here" in html
    assert 'value="Alex Rivera last"' in html
    assert Pledge.objects.count() == PLEDGE_LIMIT
    assert not Pledge.objects.filter(email="alexlast@example.com").exists()
    assert len(mail.outbox) == mails


def test_hammering_apply_keeps_the_note_and_sends_no_more_applications(
    browser, member, portal_limits, monkeypatch
):
    # Twenty an hour in production; three jobs are enough to show what happens past it.
    monkeypatch.setattr(seeker_views, "APPLY_LIMIT", 2)
    resume = ResumeFactory(owner=member, is_default=True)
    jobs = [JobFactory(title=f"Blood bank MLS {n}") for n in range(3)]
    browser.force_login(member)
    for job in jobs[:2]:
        response = browser.post(
            reverse("careers:apply", args=[job.slug]),
            {"apply-resume": resume.pk, "apply-cover_note": "Hello"},
        )
        assert response.status_code == 302
    mails = len(mail.outbox)
    assert mails >= 2  # at least the applicant's confirmations
    response = browser.post(
        reverse("careers:apply", args=[jobs[2].slug]),
        {"apply-resume": resume.pk, "apply-cover_note": "Nights suit me well."},
    )
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = _page(response)
    assert "a lot of applications in the last hour" in html
    assert "Nights suit me well." in html
    assert not Application.objects.filter(job=jobs[2]).exists()
    assert Application.objects.count() == 2
    assert len(mail.outbox) == mails


def test_hammering_career_service_requests_keeps_the_message_and_stores_no_more(
    browser, member, portal_limits
):
    url = reverse("careers:service_request", args=["coaching"])
    browser.force_login(member)
    for n in range(SERVICE_REQUEST_LIMIT):
        data = {"preferred_contact": "email", "message": f"Help me plan, take {n}"}
        assert browser.post(url, data).status_code == 302
    mails = len(mail.outbox)
    assert mails >= SERVICE_REQUEST_LIMIT
    response = browser.post(url, {"preferred_contact": "email", "message": "One more, please"})
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    html = _page(response)
    assert "several requests in the last hour" in html
    assert "One more, please" in html
    assert CareerServiceRequest.objects.count() == SERVICE_REQUEST_LIMIT
    assert len(mail.outbox) == mails


def test_an_applicant_under_the_limit_is_not_held_up_by_it(browser, member, portal_limits):
    resume = ResumeFactory(owner=member, is_default=True)
    job = JobFactory()
    browser.force_login(member)
    response = browser.post(reverse("careers:apply", args=[job.slug]), {"apply-resume": resume.pk})
    assert response.status_code == 302
    assert Application.objects.filter(job=job, applicant=member).exists()


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(30, "a minute"), (60, "a minute"), (300, "5 minutes"), (3600, "an hour"), (7200, "2 hours")],
)
def test_the_wait_is_said_the_way_people_say_it(seconds, text):
    assert wait_text(seconds) == text
