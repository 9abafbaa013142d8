import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from portal.models import User
from tests.factories import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://testserver(/accounts/[^\s]+)")


def _link_in(message):
    match = LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def _sign_up(client, send_queued_mail, email="new.person@example.com", **extra):
    data = {
        "email": email,
        "full_name": "Noor Newcomer",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **extra,
    }
    return send_queued_mail(client.post, reverse("account_signup"), data)


def test_sign_up_sends_a_verification_link_that_logs_the_person_in(client, send_queued_mail):
    response = _sign_up(client, send_queued_mail)

    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    user = User.objects.get(email="new.person@example.com")
    assert user.full_name == "Noor Newcomer"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["new.person@example.com"]
    assert message.subject.startswith("[ASCLS-Illinois]")

    confirm_url = _link_in(message)
    page = client.get(confirm_url)
    assert "Confirm" in page.content.decode()
    response = client.post(confirm_url)
    assert response.status_code == 302

    assert EmailAddress.objects.get(user=user).verified
    profile = client.get(reverse("account_profile"))
    assert profile.status_code == 200
    assert "Not a member." in profile.content.decode()
    assert profile.context["user"] == user


def test_sign_up_form_keeps_what_was_typed_and_says_what_to_fix(client, send_queued_mail):
    response = _sign_up(client, send_queued_mail, password2="something-else-entirely")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="new.person@example.com"' in html
    assert 'value="Noor Newcomer"' in html
    assert "same password" in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.exists()
    assert mail.outbox == []


def test_login_with_unverified_email_is_refused_and_a_fresh_link_offered(client, send_queued_mail):
    UserFactory(email="pending@example.com", verified=False)
    EmailAddress.objects.create(
        user=User.objects.get(email="pending@example.com"),
        email="pending@example.com",
        verified=False,
        primary=True,
    )

    response = send_queued_mail(
        client.post,
        reverse("account_login"),
        {"login": "pending@example.com", "password": PASSWORD},
        follow=True,
    )

    html = response.content.decode()
    assert "Confirm your email address" in html
    assert "log in again" in html
    assert not response.context["user"].is_authenticated
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["pending@example.com"]
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_login_with_a_wrong_password_keeps_the_email_and_explains(client, member):
    response = client.post(
        reverse("account_login"), {"login": "member@example.com", "password": "wrong-one"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="member@example.com"' in html
    assert "not correct" in html
    assert not response.context["user"].is_authenticated


def test_verified_person_logs_in_with_email_and_lands_on_their_account(client, member):
    response = client.post(
        reverse("account_login"),
        {"login": "MEMBER@example.com", "password": PASSWORD},
        follow=True,
    )

    assert response.context["user"] == member
    assert "Active member until" in response.content.decode()


def test_password_reset_end_to_end(client, non_member, send_queued_mail):
    send_queued_mail(
        client.post, reverse("account_reset_password"), {"email": "visitor@example.com"}
    )
    assert len(mail.outbox) == 1
    reset_url = _link_in(mail.outbox[0])

    response = client.get(reset_url, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else reset_url
    new_password = "Brand-new-passphrase-77"
    response = client.post(
        form_url, {"password1": new_password, "password2": new_password}, follow=True
    )
    assert "password is now changed" in response.content.decode().lower()

    non_member.refresh_from_db()
    assert non_member.check_password(new_password)
    assert client.login(email="visitor@example.com", password=new_password)


def test_signing_up_with_a_roster_email_makes_the_person_a_member_at_once(client, send_queued_mail):
    roster_entry = MembershipFactory(email="Roster.Person@Example.com")

    _sign_up(client, send_queued_mail, email="roster.person@example.com")

    user = User.objects.get(email="roster.person@example.com")
    roster_entry.refresh_from_db()
    assert roster_entry.user == user
    client.post(_link_in(mail.outbox[0]))
    assert "Active member until" in client.get(reverse("account_profile")).content.decode()


def test_a_verified_second_address_on_the_roster_links_the_membership(
    client, non_member, send_queued_mail
):
    roster_entry = MembershipFactory(email="work.address@hospital.example")
    client.force_login(non_member)

    send_queued_mail(
        client.post,
        reverse("account_email"),
        {"action_add": "", "email": "work.address@hospital.example"},
    )
    roster_entry.refresh_from_db()
    assert roster_entry.user is None, "an unverified address must not unlock membership"

    client.post(_link_in(mail.outbox[-1]))
    roster_entry.refresh_from_db()
    assert roster_entry.user == non_member


def test_profile_edit_saves_and_shows_a_confirmation(client, non_member):
    client.force_login(non_member)

    response = client.post(
        reverse("account_profile"),
        {
            "full_name": "Val Visitor",
            "credentials": "MLS(ASCP)CM",
            "employer": "Lakeshore Hospital",
            "city": "Evanston",
            "state": "IL",
        },
        follow=True,
    )

    assert "Your profile has been saved." in response.content.decode()
    non_member.refresh_from_db()
    assert (non_member.credentials, non_member.city, non_member.state) == (
        "MLS(ASCP)CM",
        "Evanston",
        "IL",
    )


def test_profile_edit_with_an_error_keeps_everything_typed(client, non_member):
    client.force_login(non_member)

    response = client.post(
        reverse("account_profile"),
        {"full_name": "Val", "credentials": "MLT(ASCP)", "employer": "Lab", "state": "ZZ"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Select a valid choice" in html
    assert 'value="MLT(ASCP)"' in html
    assert "Your profile was not saved" in html
    non_member.refresh_from_db()
    assert non_member.credentials == ""


def test_profile_needs_login(client):
    response = client.get(reverse("account_profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("fixture", "text"),
    [
        ("member", "Active member until"),
        ("expired_member", "Your membership expired on"),
        ("non_member", "Not a member."),
    ],
)
def test_account_page_states_membership_in_plain_words(client, request, fixture, text):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    html = client.get(reverse("account_profile")).content.decode()
    assert text in html
    if fixture == "expired_member":
        assert "renew your membership" in html


def test_login_rate_limit_is_on(client, member, settings):
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    for _ in range(3):
        client.post(reverse("account_login"), {"login": member.email, "password": "nope"})
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert "Too many failed login attempts" in response.content.decode()
    assert not client.session.get("_auth_user_id")


def test_account_emails_come_from_the_society(client, send_queued_mail):
    _sign_up(client, send_queued_mail)
    body = mail.outbox[0].body
    assert body.startswith("Hello from ASCLS-Illinois")
    assert "ASCLS-Illinois\ntestserver" in body


@pytest.mark.parametrize(
    "url_name",
    ["account_login", "account_signup", "account_reset_password"],
)
def test_allauth_entrance_pages_use_the_site_layout(client, url_name):
    html = client.get(reverse(url_name)).content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<nav class="main-nav" id="main-nav" aria-label="Main">' in html
    assert 'class="stack-form"' in html
    assert "page-narrow" in html


def test_change_password_in_the_account_settings(client, member):
    client.force_login(member)
    page = client.get(reverse("account_change_password")).content.decode()
    assert "Account settings" in page

    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "Another-long-passphrase-9",
            "password2": "Another-long-passphrase-9",
        },
        follow=True,
    )

    assert "Password successfully changed." in response.content.decode()
    member.refresh_from_db()
    assert member.check_password("Another-long-passphrase-9")
