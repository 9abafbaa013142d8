"""Pages kept for one signed-in session: the dashboards people reload (portal/pagecache.py)."""

import html
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.pagecache import HEADER
from tests.careers.factories import (
    ApplicationFactory,
    EmployerFactory,
    JobFactory,
    ResumeFactory,
)
from tests.certification.factories_tracker import CEActivityFactory, make_categories
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

TRACKER = reverse("certification:tracker")


@pytest.fixture(autouse=True)
def _page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 60


@pytest.fixture
def cats(db):
    return make_categories()


def _member(email, full_name):
    user = UserFactory(email=email, full_name=full_name)
    MembershipFactory(user=user, expiry_date=timezone.localdate() + timedelta(days=120))
    return user


def _signed_in(user, **options) -> Client:
    client = Client(**options)
    # As in a browser that signed in through the form, the CSRF cookie is already there.
    client.get(reverse("account_login"))
    client.force_login(user)
    return client


def _activity(user, cats, title):
    return CEActivityFactory(
        user=user,
        category=next(iter(cats.values())),
        title=title,
        amount=Decimal("1.5"),
        completed_on=timezone.localdate() - timedelta(days=3),
    )


def _queries(client, url) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), response


def test_a_members_second_look_is_kept_without_touching_the_database(cats):
    ana = _member("ana@example.com", "Ana Ruiz")
    _activity(ana, cats, "Coagulation update")
    client = _signed_in(ana)

    built, first = _queries(client, TRACKER)
    checked, second = _queries(client, TRACKER)

    assert first[HEADER] == "miss"
    assert second[HEADER] == "hit"
    assert second.content == first.content
    assert "Coagulation update" in second.content.decode()
    assert checked == 0
    assert built > 0


@pytest.mark.parametrize("page", ["seeker dashboard", "employer applicants"])
def test_the_career_dashboards_are_kept_for_their_session(page):
    recruiter = UserFactory(email="recruiter@example.org")
    job = JobFactory(employer=EmployerFactory(members=[recruiter]), title="Night MLS")
    seeker = UserFactory(email="jane@example.com", full_name="Jane Doe")
    ApplicationFactory(job=job, applicant=seeker)
    user, url = {
        "seeker dashboard": (seeker, reverse("careers:seeker_dashboard")),
        "employer applicants": (recruiter, reverse("careers:applicants", args=[job.pk])),
    }[page]
    client = _signed_in(user)

    built, first = _queries(client, url)
    checked, second = _queries(client, url)

    assert (first[HEADER], second[HEADER]) == ("miss", "hit")
    assert "Night MLS" in second.content.decode()
    assert checked == 0
    assert built > 0


def test_a_membership_ended_by_staff_is_refused_at_once_even_with_a_kept_copy(cats):
    ana = _member("ana@example.com", "Ana Ruiz")
    client = _signed_in(ana)
    client.get(TRACKER)
    assert client.get(TRACKER)[HEADER] == "hit"

    membership = ana.memberships.get()
    membership.expiry_date = timezone.localdate() - timedelta(days=1)
    membership.save()
    after = client.get(TRACKER)

    assert after.status_code == 403
    assert after.get(HEADER) != "hit"


def test_another_person_never_gets_someone_elses_kept_page(cats):
    ana, ben = _member("ana@example.com", "Ana Ruiz"), _member("ben@example.com", "Ben Okafor")
    _activity(ana, cats, "Ana's hematology course")
    _activity(ben, cats, "Ben's microbiology course")
    ana_client, ben_client = _signed_in(ana), _signed_in(ben)
    ana_client.get(TRACKER)
    ana_client.get(TRACKER)

    ben_page = html.unescape(ben_client.get(TRACKER).content.decode())

    assert "Ben's microbiology course" in ben_page
    assert "Ana's hematology course" not in ben_page


def test_the_same_person_in_another_browser_gets_their_own_copy(cats):
    ana = _member("ana@example.com", "Ana Ruiz")
    laptop, phone = _signed_in(ana), _signed_in(ana)
    laptop.get(TRACKER)

    on_phone = phone.get(TRACKER)

    # The phone's page carries a CSRF token made for the phone's cookie, not the laptop's.
    assert on_phone[HEADER] == "miss"


def test_what_the_member_adds_shows_on_the_next_look(cats):
    ana = _member("ana@example.com", "Ana Ruiz")
    client = _signed_in(ana)
    client.get(TRACKER)
    client.get(TRACKER)

    _activity(ana, cats, "Molecular diagnostics webinar")
    after = client.get(TRACKER)

    assert after[HEADER] == "miss"
    assert "Molecular diagnostics webinar" in after.content.decode()


def test_a_change_to_the_account_itself_shows_on_the_next_look(cats):
    ana = _member("ana@example.com", "Ana Ruiz")
    client = _signed_in(ana)
    client.get(TRACKER)

    ana.memberships.update(expiry_date=timezone.localdate() - timedelta(days=1))
    # A queryset update sends no signal; an admin saving the account does.
    ana.full_name = "Ana Ruiz-Park"
    ana.save()
    after = client.get(TRACKER)

    assert after.get(HEADER) != "hit"
    assert after.status_code == 403


def test_a_logged_out_session_cookie_is_never_answered_with_the_kept_page(cats):
    ana = _member("ana@example.com", "Ana Ruiz")
    _activity(ana, cats, "Blood bank case studies")
    client = _signed_in(ana)
    client.get(TRACKER)
    old_session = client.cookies["sessionid"].value

    old_csrf = client.cookies["csrftoken"].value
    assert client.get(TRACKER)[HEADER] == "hit"

    client.post(reverse("account_logout"))
    replay = Client()
    replay.cookies["sessionid"] = old_session
    replay.cookies["csrftoken"] = old_csrf
    again = replay.get(TRACKER)

    assert again.status_code == 302
    assert again["Location"].startswith(reverse("account_login"))
    assert "Blood bank case studies" not in again.content.decode()


def test_a_page_showing_a_message_is_not_kept_so_the_message_shows_once(cats):
    ana = _member("ana@example.com", "Ana Ruiz")
    doomed = _activity(ana, cats, "Duplicate entry")
    _activity(ana, cats, "Urinalysis refresher")
    client = _signed_in(ana)
    client.get(TRACKER)

    with_message = client.post(
        reverse("certification:activity_delete", args=[doomed.pk]), follow=True
    )
    later = client.get(TRACKER)

    assert "“Duplicate entry” is deleted." in with_message.content.decode()
    assert "is deleted." not in later.content.decode()
    assert "Urinalysis refresher" in later.content.decode()


def test_the_csrf_token_on_a_kept_page_still_works(cats):
    ana = _member("ana@example.com", "Ana Ruiz")
    client = _signed_in(ana, enforce_csrf_checks=True)
    client.get(TRACKER)
    kept = client.get(TRACKER)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', kept.content.decode())

    logged_out = client.post(reverse("account_logout"), {"csrfmiddlewaretoken": token.group(1)})

    assert kept[HEADER] == "hit"
    assert logged_out.status_code == 302
    assert "_auth_user_id" not in client.session


def test_pages_not_marked_are_built_on_every_visit_when_signed_in(cats):
    client = _signed_in(_member("ana@example.com", "Ana Ruiz"))
    library = reverse("resources:library")
    client.get(library)

    assert HEADER not in client.get(library)


def test_nothing_is_kept_when_the_page_cache_is_off(settings, cats):
    settings.PAGE_CACHE_SECONDS = 0
    client = _signed_in(_member("ana@example.com", "Ana Ruiz"))
    client.get(TRACKER)

    assert HEADER not in client.get(TRACKER)


def test_what_the_person_changes_shows_at_once_even_without_a_save_signal():
    seeker = UserFactory(email="jane@example.com")
    alpha = ResumeFactory(owner=seeker, title="Alpha resume", is_default=True)
    beta = ResumeFactory(owner=seeker, title="Beta resume")
    client = _signed_in(seeker)
    dashboard = reverse("careers:seeker_dashboard")
    client.get(dashboard)
    assert client.get(dashboard)[HEADER] == "hit"

    # Making a resume the default is a queryset update: no save signal, only the request.
    client.post(reverse("careers:resume_edit", args=[beta.pk]), {"action": "default"}, follow=True)
    after = client.get(dashboard)

    html = after.content.decode()
    assert after.get(HEADER) != "hit"
    assert re.search(r"Beta resume\s*<span class=\"badge\">Default</span>", html)
    assert not re.search(r"Alpha resume\s*<span class=\"badge\">Default</span>", html)
    assert alpha.pk != beta.pk


def test_someone_else_signing_in_does_not_empty_kept_pages(cats):
    ana = _member("ana@example.com", "Ana Ruiz")
    ben = _member("ben@example.com", "Ben Okafor")
    ben.set_password("a long passphrase 42")
    ben.save()
    client = _signed_in(ana)
    client.get(TRACKER)

    assert Client().login(email="ben@example.com", password="a long passphrase 42")

    assert client.get(TRACKER)[HEADER] == "hit"
