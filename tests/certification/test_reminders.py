"""send_ce_reminders: who is reminded, how often, what the email says, and unsubscribing."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certification.models import CEReminder
from certification.services.tracker import (
    holding_create,
    reminders_opted_out,
    reminders_send,
    reminders_token,
)
from tests.certification.factories_tracker import (
    CEActivityFactory,
    CredentialHoldingFactory,
    WebinarFactory,
    cycle_end_in,
    make_categories,
    make_mls,
    make_mlt,
)

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.org"


@pytest.fixture
def cats(db):
    return make_categories()


@pytest.fixture
def mls(cats):
    return make_mls(cats)


def _run(send_queued_mail):
    out = StringIO()
    send_queued_mail(call_command, "send_ce_reminders", "--base-url", BASE, stdout=out)
    return out.getvalue()


def _log(user, cats, name, amount):
    return CEActivityFactory(
        user=user,
        category=cats[name],
        amount=Decimal(amount),
        completed_on=timezone.localdate() - timedelta(days=20),
    )


def _complete(user, cats):
    for name, amount in [("Laboratory safety", 1), ("Medical ethics", 1), ("Blood bank", 2),
                         ("Chemistry", 2), ("Hematology", 2), ("Microbiology", 28)]:  # fmt: skip
        _log(user, cats, name, amount)


@pytest.fixture
def short_member(member, cats, mls):
    """A member 6 points and two categories short, with a cycle ending in 45 days."""
    holding = CredentialHoldingFactory(user=member, credential=mls, cycle_end=cycle_end_in(45))
    for name, amount in [("Medical ethics", 1), ("Blood bank", 2), ("Chemistry", 12),
                         ("Hematology", 15)]:  # fmt: skip
        _log(member, cats, name, amount)
    return holding


def test_a_member_short_of_ce_near_the_cycle_end_is_emailed_what_is_missing(
    send_queued_mail, member, short_member, cats
):
    webinar = WebinarFactory(title="Blood culture contamination", category=cats["Microbiology"],
                             starts_at=timezone.now() + timedelta(days=10))  # fmt: skip

    output = _run(send_queued_mail)

    assert "sent 1 reminder(s)" in output
    (message,) = mail.outbox
    assert message.to == ["member@example.com"]
    assert message.subject == (
        f"[ASCLS-Illinois] MLS(ASCP): your cycle ends on "
        f"{short_member.cycle_end:%-d %B %Y}, 6 points to go"
    )
    body = message.body
    assert "You have 30 of 36 points. 6 more points needed." in body
    assert "(45 days from now)" in body
    assert "- Laboratory safety: 1 more point\n" in body
    assert "- Microbiology: 2 more points\n" in body
    assert "Chemistry:" not in body
    assert f"upcoming webinar: {webinar.title}" in body
    assert f"{BASE}{webinar.get_absolute_url()}" in body
    assert f"{BASE}/certification/tracker/\n" in body
    token = reminders_token(member)
    unsubscribe = f"{BASE}/certification/reminders/unsubscribe/{token}/"
    assert unsubscribe in body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert CEReminder.objects.filter(holding=short_member).count() == 1


def test_running_twice_sends_one_email(send_queued_mail, short_member):
    _run(send_queued_mail)
    output = _run(send_queued_mail)

    assert len(mail.outbox) == 1
    assert "sent 0 reminder(s)" in output
    assert CEReminder.objects.count() == 1


def test_a_month_later_the_member_is_reminded_again(send_queued_mail, short_member):
    _run(send_queued_mail)
    CEReminder.objects.update(sent_at=timezone.now() - timedelta(days=29))
    _run(send_queued_mail)
    assert len(mail.outbox) == 1

    CEReminder.objects.update(sent_at=timezone.now() - timedelta(days=31))
    _run(send_queued_mail)
    assert len(mail.outbox) == 2
    assert CEReminder.objects.count() == 2


def test_complete_far_off_past_and_non_member_cycles_are_skipped(
    send_queued_mail, member, non_member, expired_member, cats, mls
):
    mlt = make_mlt(cats)
    CredentialHoldingFactory(user=member, credential=mls, cycle_end=cycle_end_in(30))
    _complete(member, cats)  # complete: nothing to remind
    CredentialHoldingFactory(user=member, credential=mlt, cycle_end=cycle_end_in(120))  # far off
    CredentialHoldingFactory(user=non_member, credential=mls, cycle_end=cycle_end_in(30))
    CredentialHoldingFactory(user=expired_member, credential=mls, cycle_end=cycle_end_in(30))
    ended = CredentialHoldingFactory(credential=mlt, cycle_end=cycle_end_in(-1))

    output = _run(send_queued_mail)

    assert mail.outbox == []
    assert "Checked 3 credential(s)" in output
    assert "1 already complete, 2 not held by an active member" in output
    assert not CEReminder.objects.exists()
    assert ended.pk  # a cycle already over is not "ending within 90 days"


def test_each_credential_is_reminded_separately(send_queued_mail, member, short_member, cats):
    CredentialHoldingFactory(user=member, credential=make_mlt(cats), cycle_end=cycle_end_in(80))
    _run(send_queued_mail)
    assert sorted(m.subject.split(":")[0] for m in mail.outbox) == [
        "[ASCLS-Illinois] MLS(ASCP)",
        "[ASCLS-Illinois] MLT(ASCP)",
    ]


def test_categories_short_with_all_points_in_is_still_a_reminder(
    send_queued_mail, member, cats, mls
):
    CredentialHoldingFactory(user=member, credential=mls, cycle_end=cycle_end_in(20))
    _log(member, cats, "Chemistry", 40)
    _run(send_queued_mail)
    (message,) = mail.outbox
    assert message.subject.endswith("a category is still short")
    assert "You have 40 of 36 points.\n" in message.body
    assert "- Medical ethics: 1 more point" in message.body


# --- Unsubscribing -------------------------------------------------------------------------------


def _unsubscribe_url(user):
    return reverse("certification:reminders_unsubscribe", kwargs={"token": reminders_token(user)})


def test_the_unsubscribe_page_asks_first_and_a_get_changes_nothing(client, member, short_member):
    response = client.get(_unsubscribe_url(member))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Stop CE reminder emails?" in html
    assert "(MLS(ASCP))" in html
    assert not CEReminder.objects.exists()
    assert not reminders_opted_out(user=member)


def test_posting_stops_the_reminders_without_logging_in(
    client, send_queued_mail, member, short_member
):
    url = _unsubscribe_url(member)
    response = client.post(url, follow=True)

    assert "CE reminder emails are off" in response.content.decode()
    assert reminders_opted_out(user=member)
    assert _run(send_queued_mail)
    assert mail.outbox == []
    # A second POST (a mail program's one-click unsubscribe after the page) adds nothing.
    count = CEReminder.objects.count()
    client.post(url)
    assert CEReminder.objects.count() == count


def test_a_credential_added_after_opting_out_stays_quiet(send_queued_mail, client, member, cats):
    client.post(_unsubscribe_url(member))  # no credentials yet: nothing to mark
    CredentialHoldingFactory(user=member, credential=make_mls(cats), cycle_end=cycle_end_in(40))
    client.post(_unsubscribe_url(member))
    holding_create(user=member, credential=make_mlt(cats), cycle_end=cycle_end_in(50))

    _run(send_queued_mail)

    assert mail.outbox == []


def test_reminders_can_be_turned_back_on(client, send_queued_mail, member, short_member):
    url = _unsubscribe_url(member)
    client.post(url)
    response = client.post(url, {"action": "resume"}, follow=True)

    assert "Stop CE reminder emails?" in response.content.decode()
    assert not reminders_opted_out(user=member)
    _run(send_queued_mail)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "token",
    [
        "not-a-token",
        signing.dumps(1, salt="some-other-purpose"),
        signing.dumps("1", salt="ce-reminders"),
    ],
    ids=["garbage", "other-salt", "not-an-id"],
)
def test_a_bad_link_explains_itself_and_changes_nothing(client, member, short_member, token):
    url = reverse("certification:reminders_unsubscribe", kwargs={"token": token})
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
    assert not CEReminder.objects.exists()


def test_the_dashboard_says_whether_reminders_are_on(client, member, short_member):
    client.force_login(member)
    tracker = reverse("certification:tracker")
    assert "Reminder emails: on." in client.get(tracker).content.decode()
    client.post(_unsubscribe_url(member))
    html = client.get(tracker).content.decode()
    assert "Reminder emails: off." in html
    assert f'href="{_unsubscribe_url(member)}"' in html


def test_the_service_reports_what_it_did(member, short_member, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = reminders_send(base_url=BASE)
    assert (run.checked, run.sent, run.complete, run.not_member) == (1, 1, 0, 0)
