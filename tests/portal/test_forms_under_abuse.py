"""The account forms and the site search under random and hostile input (hypothesis).

Sign-up, log in, password reset, the profile, site search and the resource library's filters:
whatever is posted, never a 500; a submission is either taken or comes back with a clear error
and nothing stored. Run on PostgreSQL too, where NUL bytes and very long strings used to crash.
"""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from portal.models import User
from portal.states import US_STATES
from tests.factories import PASSWORD, PageFactory, ResourceFactory
from tests.hostile_input import (
    NUL,
    abuse_settings,
    assert_no_crash,
    assert_saved_or_clear_error,
    blank,
    form_data,
    has_nul,
    hostile_text,
    post_like_a_browser,
    posted,
    too_long,
)

pytestmark = pytest.mark.django_db

names = st.text(min_size=1, max_size=150).filter(str.strip)
passwords = st.one_of(st.just(PASSWORD), st.text(min_size=8, max_size=40))
states = st.sampled_from([code for code, _ in US_STATES] + [""])
page_numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["last", "0", "-1", "1.5", "1e9", "NaN", "", "\uff11", "\u0661", "\u00b2"]),
    st.just("9" * 5000),
    hostile_text,
)


@pytest.fixture
def browser():
    # Any exception in a view fails the test at once instead of turning into a 500 page.
    return Client(raise_request_exception=True)


def _emails():
    return st.one_of(st.emails(), st.just("member@example.com"))


@st.composite
def signup_data(draw):
    data = draw(
        form_data(
            {
                "full_name": names,
                "email": _emails(),
                "password1": passwords,
                "password2": passwords,
            },
            required=("full_name", "email", "password1", "password2"),
        )
    )
    # People mostly type the same password twice, so most examples reach the save.
    if "password1" in data and draw(st.booleans()):
        data["password2"] = data["password1"]
    return data


@abuse_settings
@given(data=signup_data())
def test_sign_up_never_crashes_and_explains_what_to_fix(browser, data):
    users = User.objects.count()
    email = posted(data, "email").strip()
    registered = (
        0 < len(email) <= 254
        and NUL not in email
        and User.objects.filter(email__iexact=email).exists()
    )
    response = post_like_a_browser(browser, reverse("account_signup"), data)
    created = User.objects.count() - users
    must_fail = (
        has_nul(data, ["full_name", "email", "password1", "password2"])
        or blank(data, ["full_name", "email", "password1"])
        or too_long(data, {"full_name": 150, "email": 254})
    )
    # An address that already has an account gets the same "check your email" page as a new
    # one (allauth's protection against finding out who has an account), and no new account.
    taken = created == 1 or (registered and response.status_code == 302)
    assert_saved_or_clear_error(response, saved=taken, must_fail=must_fail)
    if created:
        user = User.objects.latest("pk")
        assert user.full_name == posted(data, "full_name").strip()
        browser.logout()


@abuse_settings
@given(
    data=form_data(
        {"login": st.just("member@example.com"), "password": st.just(PASSWORD)},
        required=("login", "password"),
    )
)
def test_log_in_never_crashes_and_lets_only_the_right_password_in(browser, member, data):
    response = post_like_a_browser(browser, reverse("account_login"), data)
    logged_in = "_auth_user_id" in browser.session
    right = posted(data, "login").strip().lower() == member.email and (
        posted(data, "password") == PASSWORD
    )
    assert_saved_or_clear_error(response, saved=logged_in, must_fail=not right)
    browser.logout()


@abuse_settings
@given(data=form_data({"email": _emails()}, required=("email",)))
def test_password_reset_never_crashes_and_mails_only_a_real_account(browser, member, data):
    mail.outbox.clear()
    response = post_like_a_browser(browser, reverse("account_reset_password"), data)
    must_fail = has_nul(data) or blank(data, ["email"]) or too_long(data, {"email": 254})
    # The same "check your email" page whether or not the address has an account.
    assert_saved_or_clear_error(response, saved=response.status_code == 302, must_fail=must_fail)
    sent_to = [address for message in mail.outbox for address in message.to]
    assert set(sent_to) <= {member.email}


PROFILE_FIELDS = ["full_name", "credentials", "employer", "city", "state"]


@abuse_settings
@given(
    data=form_data(
        {
            "full_name": names,
            "credentials": st.text(max_size=200),
            "employer": st.text(max_size=200),
            "city": st.text(max_size=100),
            "state": states,
        }
    )
)
def test_profile_edit_never_crashes_and_saves_only_clean_values(browser, member, data):
    browser.force_login(member)
    before = {name: getattr(member, name) for name in PROFILE_FIELDS}
    response = post_like_a_browser(browser, reverse("account_profile"), data)
    member.refresh_from_db()
    after = {name: getattr(member, name) for name in PROFILE_FIELDS}
    must_fail = has_nul(data, PROFILE_FIELDS[:4]) or too_long(
        data, {"full_name": 150, "credentials": 200, "employer": 200, "city": 100}
    )
    saved = response.status_code == 302
    assert_saved_or_clear_error(response, saved=saved, must_fail=must_fail)
    if saved:
        assert after["city"] == posted(data, "city").strip()
    else:
        assert after == before


# --- Searches: GET parameters with random values ----------------------------------------------


@pytest.fixture
def something_to_find():
    PageFactory(title="Phlebotomy basics", body="<p>Drawing blood safely.</p>")
    ResourceFactory(title="Blood bank guide")


def _get(browser, url, params):
    return browser.get(f"{url}?{urlencode(params, doseq=True)}")


def _shows_no_raw_markup(response):
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "<img src=x onerror" not in html


@abuse_settings
@given(
    params=form_data(
        {
            "q": st.one_of(st.just("blood"), st.text(max_size=40)),
            "section": st.sampled_from(["pages", "resources", "jobs", "bogus", ""]),
            "page": page_numbers,
        }
    )
)
def test_site_search_answers_any_query_without_crashing(browser, something_to_find, params):
    response = _get(browser, reverse("search"), params)
    assert_no_crash(response)
    assert response.status_code == 200
    assert "Search" in response.content.decode()
    _shows_no_raw_markup(response)


@abuse_settings
@given(
    params=form_data(
        {
            "q": st.one_of(st.just("blood"), st.text(max_size=40)),
            "audience": st.text(max_size=20),
            "topic": st.text(max_size=20),
            "kind": st.sampled_from(["document", "link", "video", "bogus"]),
            "access": st.sampled_from(["public", "members", "x"]),
            "sort": st.sampled_from(["", "newest", "title", "nonsense"]),
            "page": page_numbers,
        }
    )
)
def test_resource_library_filters_ignore_what_does_not_fit(browser, something_to_find, params):
    response = _get(browser, reverse("resources:library"), params)
    assert_no_crash(response)
    assert response.status_code == 200
    _shows_no_raw_markup(response)


def test_a_nul_byte_in_the_search_box_finds_nothing_rather_than_crashing(
    browser, something_to_find
):
    for url in (reverse("search"), reverse("resources:library"), reverse("careers:index")):
        response = _get(browser, url, {"q": f"blood{NUL}bank", "page": NUL})
        assert response.status_code == 200, url


def test_a_signup_with_a_nul_byte_in_the_name_is_refused_with_a_message(browser):
    data = {
        "full_name": f"Pat{NUL}Doe",
        "email": "pat@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = post_like_a_browser(browser, reverse("account_signup"), data)
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not User.objects.filter(email="pat@example.com").exists()


def test_a_hundred_thousand_character_name_is_refused_with_its_limit(browser):
    data = {
        "full_name": "é" * 100_000,
        "email": "long@example.com",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = post_like_a_browser(browser, reverse("account_signup"), data)
    assert "at most 150 characters" in response.content.decode()
    assert not User.objects.filter(email="long@example.com").exists()


@pytest.mark.parametrize("page", ["\u00b2", "9" * 5000, "0" * 4400 + "2"])
def test_any_page_of_the_site_survives_a_page_number_python_cannot_read(browser, page):
    for url in (reverse("home"), reverse("advocacy:wall"), reverse("careers:index")):
        response = _get(browser, url, {"page": page})
        assert response.status_code == 200, url
        # Search engines are pointed at the list itself, not at a page that cannot exist.
        assert f'<link rel="canonical" href="http://testserver{url}">' in response.content.decode()
