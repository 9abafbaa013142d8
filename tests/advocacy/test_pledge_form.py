"""The pledge form: what it shows, bad input, bots, rate limits, and logged-in people."""

import html

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Campaign, Credential, Pledge
from advocacy.services.pledges import pledge_count
from tests.advocacy.factories import PledgeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PLEDGE_URL = reverse("advocacy:pledge")
CHECK_EMAIL_URL = reverse("advocacy:pledge_check_email")
THANKS_URL = reverse("advocacy:pledge_thanks")


def pledge_data(**overrides):
    data = {
        "full_name": "Rosa Delgado",
        "email": "rosa@example.org",
        "credential": Credential.MLS,
        "other_credentials": "MLS(ASCP)CM",
        "job_title": "Clinical Laboratory Scientist",
        "institution": "Lakeside Memorial Hospital",
        "city": "Peoria",
        "state": "IL",
        "show_publicly": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def page(response):
    return html.unescape(response.content.decode())


def test_pledge_page_shows_the_statement_above_a_form_with_consents_unchecked(client):
    response = client.get(PLEDGE_URL)

    text = response.content.decode()
    statement = Campaign.load().pledge_statement
    assert statement[:60] in page(response)
    assert page(response).index(statement[:60]) < text.index("<form", text.index("<main"))
    assert 'name="show_publicly"' in text and 'name="campaign_emails"' in text
    assert "checked" not in text
    assert '<option value="IL" selected>Illinois</option>' in text
    for label in ("Full name", "Email address", "Your job title at work today",
                  "Employer or institution", "City", "State"):  # fmt: skip
        assert f">{label}" in text
    assert 'name="website"' in text  # the honeypot


def test_missing_name_and_invalid_email_give_clear_errors_and_keep_what_was_typed(client):
    response = client.post(PLEDGE_URL, pledge_data(full_name="  ", email="rosa-at-example"))

    text = page(response)
    assert response.status_code == 200
    assert 'id="id_full_name_errors"' in text and "This field is required." in text
    assert "Enter a valid email address." in text
    assert 'value="rosa-at-example"' in text
    assert 'value="Lakeside Memorial Hospital"' in text
    assert 'value="Clinical Laboratory Scientist"' in text
    assert 'aria-invalid="true"' in text
    assert "Your pledge was not taken yet. Please correct the fields marked below." in text
    assert Pledge.objects.count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("field", "limit"),
    [("full_name", 150), ("job_title", 150), ("institution", 200), ("city", 100),
     ("other_credentials", 150)],
)  # fmt: skip
def test_ten_thousand_characters_give_an_at_most_error(client, field, limit):
    response = client.post(PLEDGE_URL, pledge_data(**{field: "x" * 10_000}))

    text = page(response)
    assert f"Ensure this value has at most {limit} characters (it has 10000)." in text
    assert f'id="id_{field}_errors"' in text
    assert 'value="Rosa Delgado"' in text or field == "full_name"
    assert Pledge.objects.count() == 0


def test_a_ten_thousand_character_email_is_refused(client):
    response = client.post(PLEDGE_URL, pledge_data(email="a" * 9_988 + "@example.org"))

    assert "Ensure this value has at most 254 characters (it has 10000)." in page(response)
    assert Pledge.objects.count() == 0


def test_an_unknown_credential_or_state_is_refused(client):
    response = client.post(PLEDGE_URL, pledge_data(credential="DR", state="ZZ"))

    assert page(response).count("Select a valid choice.") == 2
    assert Pledge.objects.count() == 0


def test_honeypot_filled_saves_nothing_but_shows_the_same_neutral_page(client, send_queued_mail):
    response = send_queued_mail(
        client.post, PLEDGE_URL, pledge_data(website="https://cheap.example"), follow=True
    )

    assert response.redirect_chain == [(CHECK_EMAIL_URL, 302)]
    assert "Check your email" in page(response)
    assert Pledge.objects.count() == 0
    assert mail.outbox == []


def test_over_the_hourly_limit_the_form_returns_429_with_what_was_typed(
    client, settings, send_queued_mail
):
    settings.PORTAL_RATE_LIMITS = True
    for n in range(10):
        response = send_queued_mail(client.post, PLEDGE_URL, pledge_data(email=f"p{n}@example.org"))
        assert response.status_code == 302

    response = send_queued_mail(
        client.post, PLEDGE_URL, pledge_data(email="eleventh@example.org", city="Joliet")
    )

    text = page(response)
    assert response.status_code == 429
    assert "too many times in the last hour" in text
    assert 'role="alert"' in text
    assert 'value="eleventh@example.org"' in text and 'value="Joliet"' in text
    assert not Pledge.objects.with_email("eleventh@example.org").exists()
    assert len(mail.outbox) == 10


def test_one_address_cannot_be_sent_pledge_emails_without_limit(client, settings, send_queued_mail):
    settings.PORTAL_RATE_LIMITS = True
    statuses = [
        send_queued_mail(
            client.post, PLEDGE_URL, pledge_data(email="Target@example.org")
        ).status_code
        for _ in range(6)
    ]

    assert statuses == [302] * 5 + [429]
    assert len(mail.outbox) == 5


# --- Logged-in people --------------------------------------------------------------------------


def test_form_is_filled_in_from_the_profile(client):
    user = UserFactory(
        email="lee@example.org",
        full_name="Lee Okafor",
        credentials="MLT(ASCP)",
        employer="Heartland Clinic",
        city="Normal",
        state="IN",
    )
    client.force_login(user)

    text = page(client.get(PLEDGE_URL))

    for value in ("Lee Okafor", "lee@example.org", "MLT(ASCP)", "Heartland Clinic", "Normal"):
        assert f'value="{value}"' in text
    assert '<option value="IN" selected>Indiana</option>' in text


def test_logged_in_person_with_a_verified_address_pledges_without_email_confirmation(
    client, send_queued_mail
):
    user = UserFactory(email="lee@example.org", full_name="Lee Okafor")
    client.force_login(user)

    response = send_queued_mail(
        client.post, PLEDGE_URL, pledge_data(email="LEE@example.org", full_name="Lee Okafor"),
        follow=True,
    )  # fmt: skip

    assert response.redirect_chain[-1][0] == THANKS_URL
    pledge = Pledge.objects.get()
    assert pledge.is_confirmed and pledge.user == user
    assert pledge_count() == 1
    [message] = mail.outbox
    assert "Thank you for taking the I AM MLS pledge" in message.subject
    assert reverse("advocacy:pledge_withdraw", args=[pledge.token]) in message.body
    assert "/pledge/confirm/" not in message.body

    again = page(client.get(PLEDGE_URL))
    assert "You have taken the pledge" in again
    assert timezone.localtime(pledge.confirmed_at).strftime("%-d %B %Y") in again
    assert reverse("advocacy:pledge_withdraw", args=[pledge.token]) in again
    assert '<form method="post" action="/advocacy/pledge/"' not in again


def test_a_verified_person_confirms_the_pending_pledge_of_their_address(client, send_queued_mail):
    pending = PledgeFactory(email="lee@example.org", confirmed_at=None, city="Old City")
    user = UserFactory(email="lee@example.org")
    client.force_login(user)

    send_queued_mail(client.post, PLEDGE_URL, pledge_data(email="lee@example.org", city="Normal"))

    pending.refresh_from_db()
    assert pending.is_confirmed and pending.user == user and pending.city == "Normal"
    assert Pledge.objects.count() == 1


def test_logged_in_person_using_an_unverified_address_still_confirms_by_email(
    client, send_queued_mail
):
    user = UserFactory(email="lee@example.org", verified=False)
    client.force_login(user)

    response = send_queued_mail(client.post, PLEDGE_URL, pledge_data(email="lee@example.org"))

    assert response["Location"] == CHECK_EMAIL_URL
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is None and pledge.user is None
    assert "/pledge/confirm/" in mail.outbox[0].body


def test_logged_in_person_pledging_for_another_address_gets_the_neutral_flow(
    client, send_queued_mail
):
    PledgeFactory(email="colleague@example.org")
    client.force_login(UserFactory(email="lee@example.org"))

    response = send_queued_mail(client.post, PLEDGE_URL, pledge_data(email="colleague@example.org"))

    assert response["Location"] == CHECK_EMAIL_URL
    assert [m.to for m in mail.outbox] == [["colleague@example.org"]]
    assert "already taken" in mail.outbox[0].subject
