"""The CE tracker's forms under random and hostile input (hypothesis).

Logging and editing a CE activity (with or without a certificate) and adding a credential held:
whatever is posted, never a 500; the activity is either saved or the form comes back with a
clear error and nothing stored.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from certification.models import CEActivity, CredentialHolding
from tests.certification.factories_tracker import (
    PNG_BYTES,
    CEActivityFactory,
    make_categories,
    make_mls,
)
from tests.factories import MINIMAL_PDF
from tests.hostile_input import (
    NUL,
    abuse_settings,
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

words = st.text(min_size=1, max_size=100).filter(str.strip)
past_dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2025, 12, 31)).map(date.isoformat)
any_dates = st.one_of(past_dates, st.dates().map(date.isoformat))
hours = st.one_of(
    st.decimals(min_value=0, max_value=999, places=2).map(str),
    st.sampled_from(["1", "1.5", "0", "-1", "NaN", "Infinity", "1e309", "1,5", "1.555"]),
)
ACTIVITY_TEXT = {"title": 200, "provider": 200, "pace_number": 40, "notes": 2000}
ACTIVITY_REQUIRED = ["title", "provider", "completed_on", "amount", "unit", "category", "format"]


@pytest.fixture
def browser(member):
    client = Client(raise_request_exception=True)
    client.force_login(member)
    return client


@pytest.fixture
def categories():
    return make_categories()


def activity_data(categories):
    category_pks = [str(category.pk) for category in categories.values()]
    return form_data(
        {
            "title": words,
            "provider": words,
            "completed_on": any_dates,
            "amount": hours,
            "unit": st.sampled_from(CEActivity.Unit.values),
            "category": st.sampled_from(category_pks),
            "format": st.sampled_from(CEActivity.Format.values),
            "pace_number": st.text(max_size=40),
            "notes": st.text(max_size=2000),
        },
        required=ACTIVITY_REQUIRED,
    )


def _must_fail(data) -> bool:
    return (
        has_nul(data, [*ACTIVITY_TEXT, "completed_on", "amount"])
        or blank(data, ["title", "provider", "completed_on", "amount"])
        or too_long(data, ACTIVITY_TEXT)
        or posted(data, "completed_on").strip() > timezone.localdate().isoformat()
    )


@abuse_settings
@given(data=st.data())
def test_logging_a_ce_activity_never_crashes_and_explains_what_to_fix(
    browser, member, categories, data
):
    posted_data = data.draw(activity_data(categories))
    activities = CEActivity.objects.filter(user=member).count()
    response = post_like_a_browser(browser, reverse("certification:activity_add"), posted_data)
    created = CEActivity.objects.filter(user=member).count() - activities
    assert_saved_or_clear_error(response, saved=created == 1, must_fail=_must_fail(posted_data))
    if created:
        activity = CEActivity.objects.filter(user=member).latest("pk")
        assert activity.title == posted(posted_data, "title").strip()
        assert activity.amount > 0


@abuse_settings
@given(data=st.data())
def test_editing_a_ce_activity_never_crashes_and_keeps_it_on_an_error(
    browser, member, categories, data
):
    activity = CEActivityFactory(user=member, title="Safety refresher")
    posted_data = data.draw(activity_data(categories))
    response = post_like_a_browser(
        browser, reverse("certification:activity_edit", args=[activity.pk]), posted_data
    )
    saved = response.status_code == 302
    assert_saved_or_clear_error(response, saved=saved, must_fail=_must_fail(posted_data))
    activity.refresh_from_db()
    if saved:
        assert activity.title == posted(posted_data, "title").strip()
    else:
        assert activity.title == "Safety refresher"


def _browser_file_name(name: str) -> str:
    name = name.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")
    return name.encode()[-255:].decode(errors="ignore") or "certificate.pdf"


@abuse_settings
@given(
    name=st.one_of(st.just("certificate.pdf"), hostile_text.map(lambda n: f"{n}.png")).map(
        _browser_file_name
    ),
    content=st.sampled_from([MINIMAL_PDF, PNG_BYTES, b"", b"<html><script>x</script>"]),
)
def test_a_certificate_with_any_name_is_stored_or_refused_never_a_crash(
    browser, member, categories, name, content
):
    data = {
        "title": "Transfusion update",
        "provider": "ASCLS",
        "completed_on": "2025-03-14",
        "amount": "1.5",
        "unit": "contact_hours",
        "category": next(iter(categories.values())).pk,
        "format": "online",
        "certificate": SimpleUploadedFile(name, content),
    }
    activities = CEActivity.objects.filter(user=member).count()
    response = browser.post(reverse("certification:activity_add"), data)
    created = CEActivity.objects.filter(user=member).count() - activities
    must_fail = content in (b"", b"<html><script>x</script>")
    assert_saved_or_clear_error(response, saved=created == 1, must_fail=must_fail)


@abuse_settings
@given(
    data=form_data(
        {"credential": st.just("MLS"), "cycle_end": any_dates}, required=["credential", "cycle_end"]
    )
)
def test_adding_a_credential_held_never_crashes(browser, member, categories, data):
    credential = CredentialHolding._meta.get_field("credential").related_model.objects.first()
    credential = credential or make_mls(categories)
    if data.get("credential") == "MLS":
        data["credential"] = str(credential.pk)
    CredentialHolding.objects.filter(user=member).delete()
    response = post_like_a_browser(browser, reverse("certification:holding_add"), data)
    created = CredentialHolding.objects.filter(user=member).exists()
    must_fail = has_nul(data) or posted(data, "credential") != str(credential.pk)
    assert_saved_or_clear_error(response, saved=created, must_fail=must_fail)


def test_an_activity_with_a_nul_byte_in_its_notes_is_refused_with_a_message(
    browser, member, categories
):
    data = {
        "title": "Hemostasis basics",
        "provider": "ASCLS",
        "completed_on": "2025-02-01",
        "amount": "1",
        "unit": "contact_hours",
        "category": next(iter(categories.values())).pk,
        "format": "online",
        "notes": f"Good{NUL}course",
    }
    response = post_like_a_browser(browser, reverse("certification:activity_add"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Null characters are not allowed." in html
    assert "The activity was not saved yet." in html
    assert not CEActivity.objects.filter(user=member).exists()
