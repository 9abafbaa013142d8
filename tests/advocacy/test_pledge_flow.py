"""Taking the pledge: the double opt-in link, re-sending it, duplicates and withdrawing."""

import re
import time

import pytest
from django.core import mail, signing
from django.urls import reverse

from advocacy.models import Credential, Pledge
from advocacy.services.pledges import CONFIRM_SALT, pledge_count, pledge_from_confirm_token
from tests.advocacy.factories import PledgeFactory

pytestmark = pytest.mark.django_db

PLEDGE_URL = reverse("advocacy:pledge")
CHECK_EMAIL_URL = reverse("advocacy:pledge_check_email")
RESEND_URL = reverse("advocacy:pledge_resend")
WALL_URL = reverse("advocacy:wall")
THANKS_URL = reverse("advocacy:pledge_thanks")


def pledge_data(**overrides):
    data = {
        "full_name": "Rosa Delgado",
        "email": "rosa@example.org",
        "credential": Credential.MLS,
        "other_credentials": "MLS(ASCP)CM, SBB",
        "job_title": "Medical Technologist II",
        "institution": "Lakeside Memorial Hospital",
        "city": "Peoria",
        "state": "IL",
        "show_publicly": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def links_in(message):
    return re.findall(r"http://testserver/\S+", message.body)


def confirm_link(message):
    [link] = [u for u in links_in(message) if "/pledge/confirm/" in u]
    return link.removeprefix("http://testserver")


def withdraw_link(message):
    [link] = [u for u in links_in(message) if "/pledge/withdraw/" in u]
    return link.removeprefix("http://testserver")


def signed_days_ago(pledge, days):
    class SignedInThePast(signing.TimestampSigner):
        def timestamp(self):
            return signing.b62_encode(int(time.time()) - days * 24 * 60 * 60)

    signed = SignedInThePast(salt=CONFIRM_SALT).sign(str(pledge.token))
    return reverse("advocacy:pledge_confirm", args=[signed])


def page(response):
    return response.content.decode()


# --- The whole loop ----------------------------------------------------------------------------


def test_pledge_counts_and_appears_on_the_wall_only_after_the_emailed_link_is_confirmed(
    client, send_queued_mail
):
    response = send_queued_mail(client.post, PLEDGE_URL, pledge_data())

    assert response.status_code == 302
    assert response["Location"] == CHECK_EMAIL_URL
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is None and pledge.confirmation_sent_at is not None
    assert pledge_count() == 0
    assert "Rosa D." not in page(client.get(WALL_URL))

    [message] = mail.outbox
    assert message.to == ["rosa@example.org"]
    assert "confirm your I AM MLS pledge" in message.subject
    assert "Lakeside Memorial Hospital" in message.body
    assert "Medical Technologist II" in message.body
    assert "7 days" in message.body
    assert withdraw_link(message) == reverse("advocacy:pledge_withdraw", args=[pledge.token])

    # Opening the link (as a mail scanner would) shows the pledge but does not confirm it.
    link = confirm_link(message)
    shown = client.get(link)
    assert shown.status_code == 200
    assert "Confirm my pledge" in page(shown)
    assert "Lakeside Memorial Hospital" in page(shown)
    pledge.refresh_from_db()
    assert pledge.confirmed_at is None

    confirmed = send_queued_mail(client.post, link, follow=True)

    assert confirmed.redirect_chain[-1][0] == THANKS_URL
    assert "Thank you for taking the pledge" in page(confirmed)
    assert "You are the first laboratory professional to pledge" in page(confirmed)
    pledge.refresh_from_db()
    assert pledge.confirmed_at is not None
    assert pledge_count() == 1
    wall = page(client.get(WALL_URL))
    assert "Rosa D." in wall and "Peoria" in wall

    thanks = mail.outbox[-1]
    assert thanks.subject.endswith("Thank you for taking the I AM MLS pledge")
    assert withdraw_link(thanks) == reverse("advocacy:pledge_withdraw", args=[pledge.token])
    assert "http://testserver/advocacy/" in thanks.body


def test_pledge_without_consent_is_counted_but_not_on_the_wall(client, send_queued_mail):
    send_queued_mail(client.post, PLEDGE_URL, pledge_data(show_publicly=None))
    send_queued_mail(client.post, confirm_link(mail.outbox[0]))

    pledge = Pledge.objects.get()
    assert pledge.show_publicly is False and pledge.is_confirmed
    assert pledge_count() == 1
    wall = page(client.get(WALL_URL))
    assert "Rosa" not in wall
    assert "1 laboratory professional has taken the I AM MLS pledge" in wall
    assert "counted but your name is not shown" in mail.outbox[-1].body


def test_confirming_twice_changes_nothing_and_sends_one_thank_you(client, send_queued_mail):
    send_queued_mail(client.post, PLEDGE_URL, pledge_data())
    link = confirm_link(mail.outbox[0])
    send_queued_mail(client.post, link)
    first = Pledge.objects.get().confirmed_at

    again = send_queued_mail(client.post, link, follow=True)

    assert again.redirect_chain[-1][0] == THANKS_URL
    assert Pledge.objects.get().confirmed_at == first
    assert [m.subject.split("] ")[-1] for m in mail.outbox] == [
        "Please confirm your I AM MLS pledge",
        "Thank you for taking the I AM MLS pledge",
    ]
    assert "already confirmed" in page(client.get(link))


# --- Links that do not work --------------------------------------------------------------------


def test_expired_link_shows_a_clear_page_and_counts_nothing(client, send_queued_mail):
    pledge = PledgeFactory(email="late@example.org", confirmed_at=None)
    link = signed_days_ago(pledge, 8)

    shown = client.get(link)
    pressed = send_queued_mail(client.post, link)

    for response in (shown, pressed):
        assert response.status_code == 410
        assert "This confirmation link has expired" in page(response)
        assert "Send me a new link" in page(response)
        assert 'value="late@example.org"' in page(response)
    pledge.refresh_from_db()
    assert pledge.confirmed_at is None
    assert pledge_count() == 0
    assert mail.outbox == []


def test_link_six_days_old_still_confirms(client, send_queued_mail):
    pledge = PledgeFactory(confirmed_at=None)

    send_queued_mail(client.post, signed_days_ago(pledge, 6))

    pledge.refresh_from_db()
    assert pledge.is_confirmed


@pytest.mark.parametrize(
    "tamper",
    [
        lambda signed: signed[:-1] + ("A" if signed[-1] != "A" else "B"),  # signature changed
        lambda signed: signed[: len(signed) // 2],  # cut short by a mail program
        lambda signed: "not-a-link",
    ],
    ids=["changed", "cut-short", "nonsense"],
)
def test_tampered_link_shows_a_clear_page_and_counts_nothing(client, send_queued_mail, tamper):
    send_queued_mail(client.post, PLEDGE_URL, pledge_data())
    signed = confirm_link(mail.outbox[0]).split("/")[-2]
    bad = reverse("advocacy:pledge_confirm", args=[tamper(signed)])

    for response in (client.get(bad), send_queued_mail(client.post, bad)):
        assert response.status_code == 404
        assert "This link is not valid" in page(response)
        assert "nothing has been confirmed or counted" in page(response)
    assert pledge_count() == 0
    assert len(mail.outbox) == 1


def test_a_genuine_link_for_another_purpose_or_a_withdrawn_pledge_is_not_valid(client):
    pledge = PledgeFactory(confirmed_at=None)
    other_salt = signing.TimestampSigner(salt="something.else").sign(str(pledge.token))
    valid = reverse("advocacy:pledge_confirm", args=[signed_days_ago(pledge, 0).split("/")[-2]])
    pledge.delete()

    assert "This link is not valid" in page(
        client.get(reverse("advocacy:pledge_confirm", args=[other_salt]))
    )
    assert "This link is not valid" in page(client.post(valid))
    assert pledge_count() == 0


# --- Asking for the link again -----------------------------------------------------------------


def test_resend_emails_a_fresh_link_that_confirms(client, send_queued_mail):
    pledge = PledgeFactory(email="Rosa@Example.org", confirmed_at=None, confirmation_sent_at=None)

    response = send_queued_mail(client.post, RESEND_URL, {"email": "rosa@example.ORG"})

    assert response["Location"] == CHECK_EMAIL_URL
    [message] = mail.outbox
    assert message.to == ["Rosa@Example.org"]
    assert withdraw_link(message) == reverse("advocacy:pledge_withdraw", args=[pledge.token])
    pledge.refresh_from_db()
    assert pledge.confirmation_sent_at is not None
    assert pledge_from_confirm_token(confirm_link(message).split("/")[-2]) == pledge

    send_queued_mail(client.post, confirm_link(message))

    pledge.refresh_from_db()
    assert pledge.is_confirmed and pledge_count() == 1


def test_resend_for_a_confirmed_pledge_sends_the_already_pledged_note(client, send_queued_mail):
    pledge = PledgeFactory(email="done@example.org")

    response = send_queued_mail(client.post, RESEND_URL, {"email": "done@example.org"})

    assert response["Location"] == CHECK_EMAIL_URL
    [message] = mail.outbox
    assert "already taken the I AM MLS pledge" in message.subject
    assert withdraw_link(message) == reverse("advocacy:pledge_withdraw", args=[pledge.token])
    assert "/pledge/confirm/" not in message.body


def test_resend_for_an_unknown_address_sends_nothing_and_looks_the_same(client, send_queued_mail):
    response = send_queued_mail(
        client.post, RESEND_URL, {"email": "nobody@example.org"}, follow=True
    )

    assert response.redirect_chain == [(CHECK_EMAIL_URL, 302)]
    assert "Check your email" in page(response)
    assert "nobody@example.org" not in page(response)
    assert mail.outbox == []


def test_resend_is_limited_per_address(client, settings, send_queued_mail):
    settings.PORTAL_RATE_LIMITS = True
    PledgeFactory(email="pending@example.org", confirmed_at=None)
    responses = [
        send_queued_mail(client.post, RESEND_URL, {"email": "pending@example.org"})
        for _ in range(4)
    ]

    assert [r.status_code for r in responses] == [302, 302, 302, 429]
    assert "too many times" in page(responses[-1])
    assert 'value="pending@example.org"' in page(responses[-1])
    assert len(mail.outbox) == 3


def test_resend_is_limited_per_client_address(client, settings, send_queued_mail):
    settings.PORTAL_RATE_LIMITS = True
    responses = [
        send_queued_mail(client.post, RESEND_URL, {"email": f"someone{n}@example.org"})
        for n in range(6)
    ]

    assert [r.status_code for r in responses] == [302] * 5 + [429]


def test_resend_honeypot_sends_nothing_but_looks_the_same(client, send_queued_mail):
    PledgeFactory(email="pending@example.org", confirmed_at=None)

    response = send_queued_mail(
        client.post, RESEND_URL, {"email": "pending@example.org", "website": "http://spam"}
    )

    assert response["Location"] == CHECK_EMAIL_URL
    assert mail.outbox == []


# --- One pledge per address --------------------------------------------------------------------


def test_same_address_in_another_case_keeps_one_pledge_shows_the_same_page_and_emails_a_note(
    client, send_queued_mail
):
    pledge = PledgeFactory(email="rosa@example.org", full_name="Rosa Delgado", city="Peoria")

    response = send_queued_mail(
        client.post,
        PLEDGE_URL,
        pledge_data(email="ROSA@Example.ORG", full_name="Someone Else", city="Chicago"),
    )

    assert response["Location"] == CHECK_EMAIL_URL
    assert Pledge.objects.count() == 1
    pledge.refresh_from_db()
    assert (pledge.full_name, pledge.city) == ("Rosa Delgado", "Peoria")
    [message] = mail.outbox
    assert message.to == ["rosa@example.org"]
    assert "already taken the I AM MLS pledge" in message.subject
    assert withdraw_link(message) == reverse("advocacy:pledge_withdraw", args=[pledge.token])
    # The page after a new address and after a known one are the same page.
    neutral = page(client.get(CHECK_EMAIL_URL))
    assert "rosa@example.org" not in neutral.lower()
    assert "Check your email" in neutral


def test_resubmitting_a_pending_pledge_replaces_its_details_and_sends_a_fresh_link(
    client, send_queued_mail
):
    send_queued_mail(client.post, PLEDGE_URL, pledge_data(city="Peoria"))
    send_queued_mail(client.post, PLEDGE_URL, pledge_data(email="Rosa@example.org", city="Urbana"))

    pledge = Pledge.objects.get()
    assert pledge.city == "Urbana"
    assert len(mail.outbox) == 2
    assert "Urbana" in mail.outbox[1].body
    # Whichever link is followed, what gets confirmed is the latest submission.
    shown = page(client.get(confirm_link(mail.outbox[0])))
    assert "Urbana" in shown and "Peoria" not in shown
    send_queued_mail(client.post, confirm_link(mail.outbox[1]))
    pledge.refresh_from_db()
    assert pledge.is_confirmed and pledge.city == "Urbana"


# --- Withdrawing -------------------------------------------------------------------------------


def test_withdraw_asks_first_then_removes_the_pledge_from_count_and_wall(client, send_queued_mail):
    send_queued_mail(client.post, PLEDGE_URL, pledge_data())
    send_queued_mail(client.post, confirm_link(mail.outbox[0]))
    assert "Rosa D." in page(client.get(WALL_URL))
    link = withdraw_link(mail.outbox[-1])

    asked = client.get(link)

    assert "Withdraw and delete my pledge" in page(asked)
    assert pledge_count() == 1

    done = client.post(link)

    assert "Your pledge is withdrawn" in page(done)
    assert Pledge.objects.count() == 0
    assert pledge_count() == 0
    assert "Rosa D." not in page(client.get(WALL_URL))


def test_withdraw_link_for_no_pledge_explains_itself(client):
    pledge = PledgeFactory()
    link = reverse("advocacy:pledge_withdraw", args=[pledge.token])
    client.post(link)

    again = client.get(link)

    assert again.status_code == 404
    assert "There is no pledge to withdraw at this link" in page(again)
    assert "already been withdrawn" in page(again)


def test_thank_you_page_shows_the_count_and_ways_to_share_the_campaign(client):
    PledgeFactory.create_batch(3)
    PledgeFactory(confirmed_at=None)

    text = page(client.get(THANKS_URL))

    assert "You are one of 3 laboratory professionals who have pledged" in text
    assert (
        "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver%2Fadvocacy%2F"
        in text
    )
    assert "mailto:?subject=I%20AM%20MLS" in text
    assert f'href="{WALL_URL}"' in text
    assert 'href="/advocacy/"' in text


def test_check_your_email_page_is_the_same_for_everyone(client):
    PledgeFactory(email="known@example.org")

    text = page(client.get(CHECK_EMAIL_URL))

    assert "Check your email" in text
    assert "7 days" in text
    assert "known@example.org" not in text
    assert f'href="{RESEND_URL}"' in text
