"""The I AM MLS pledge and the institution suggestion under random and hostile input.

Whatever is posted, never a 500: the pledge is either taken (or, for an address that already
pledged, answered the same way without a new row) or the form comes back with a clear error and
nothing stored.
"""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from advocacy.models import Credential, Institution, Pledge
from portal.states import US_STATES
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

states = st.sampled_from([code for code, _ in US_STATES])
checkbox = st.just("on")
words = st.text(min_size=1, max_size=100).filter(str.strip)

PLEDGE_TEXT = {"full_name": 150, "job_title": 150, "institution": 200, "city": 100}
PLEDGE_REQUIRED = ["full_name", "email", "credential", "job_title", "institution", "city", "state"]


@pytest.fixture
def browser():
    return Client(raise_request_exception=True)


@abuse_settings
@given(
    data=form_data(
        {
            "full_name": words,
            "email": st.emails(),
            "credential": st.sampled_from(Credential.values),
            "other_credentials": st.text(max_size=150),
            "job_title": words,
            "institution": words,
            "city": words,
            "state": states,
            "show_publicly": checkbox,
            "campaign_emails": checkbox,
        },
        required=PLEDGE_REQUIRED,
    )
)
def test_pledge_form_never_crashes_and_explains_what_to_fix(browser, data):
    pledges = Pledge.objects.count()
    email = posted(data, "email").strip()
    pledged_before = (
        0 < len(email) <= 254 and NUL not in email and Pledge.objects.with_email(email).exists()
    )
    response = post_like_a_browser(browser, reverse("advocacy:pledge"), data)
    created = Pledge.objects.count() - pledges
    must_fail = (
        has_nul(data, [*PLEDGE_TEXT, "email", "other_credentials"])
        or blank(data, PLEDGE_REQUIRED)
        or too_long(data, {**PLEDGE_TEXT, "other_credentials": 150, "email": 254})
    )
    # An address that pledged before gets the same answer as a new one, and no second row.
    taken = created == 1 or (pledged_before and response.status_code == 302)
    assert_saved_or_clear_error(response, saved=taken, must_fail=must_fail)
    if created:
        pledge = Pledge.objects.latest("pk")
        assert pledge.full_name == posted(data, "full_name").strip()
        assert not pledge.is_confirmed


SUGGESTION_TEXT = {"name": 200, "city": 100, "suggested_by_name": 150, "note": 1000}


@abuse_settings
@given(
    data=form_data(
        {
            "name": words,
            "city": words,
            "state": states,
            "year_adopted": st.integers(1990, 2026).map(str),
            "note": st.text(max_size=1000),
            "suggested_by_name": st.text(max_size=150),
            "suggested_by_email": st.emails(),
        },
        required=["name", "city", "state"],
    )
)
def test_institution_suggestion_never_crashes_and_explains_what_to_fix(browser, data):
    suggestions = Institution.objects.count()
    response = post_like_a_browser(browser, reverse("advocacy:institution_suggest"), data)
    created = Institution.objects.count() - suggestions
    must_fail = (
        has_nul(data, [*SUGGESTION_TEXT, "suggested_by_email", "year_adopted"])
        or blank(data, ["name", "city", "state"])
        or too_long(data, {**SUGGESTION_TEXT, "suggested_by_email": 254})
    )
    assert_saved_or_clear_error(response, saved=created == 1, must_fail=must_fail)
    if created:
        suggestion = Institution.objects.latest("pk")
        assert suggestion.status == Institution.Status.SUGGESTED
        assert suggestion.name == posted(data, "name").strip()


@abuse_settings
@given(
    page=st.one_of(st.integers(-(10**20), 10**20).map(str), hostile_text),
    wall=st.sampled_from(["advocacy:wall", "advocacy:institutions"]),
)
def test_the_wall_and_the_list_turn_any_page_number_into_a_page(browser, page, wall):
    response = browser.get(f"{reverse(wall)}?{urlencode({'page': page})}")
    assert_no_crash(response)
    assert response.status_code == 200


def test_a_pledge_with_a_nul_byte_is_refused_with_a_message_and_not_stored(browser):
    data = {
        "full_name": "Pat Doe",
        "email": "pat@example.com",
        "credential": "MLS",
        "job_title": f"Scientist{NUL}",
        "institution": "Prairie Lab",
        "city": "Peoria",
        "state": "IL",
    }
    response = post_like_a_browser(browser, reverse("advocacy:pledge"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Null characters are not allowed." in html
    assert "Please correct the fields marked below." in html
    assert not Pledge.objects.exists()


def test_a_pledge_in_right_to_left_script_with_emoji_is_taken_as_typed(browser):
    data = {
        "full_name": "سارة 👩\u200d🔬 Doe",
        "email": "sara@example.com",
        "credential": "MLS",
        "job_title": "\u202eMLS",
        "institution": "מעבדה",
        "city": "Chicago",
        "state": "IL",
    }
    response = post_like_a_browser(browser, reverse("advocacy:pledge"), data)
    assert response.status_code == 302
    pledge = Pledge.objects.get()
    assert pledge.full_name == "سارة 👩\u200d🔬 Doe"
    assert pledge.institution == "מעבדה"
