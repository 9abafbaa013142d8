from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from careers.alerts import (
    alert_is_due,
    describe_search,
    jobs_for_alert,
    send_due_alerts,
    suggest_alert_name,
)
from careers.models import Job, JobAlert, JobAlertDelivery
from tests.careers.factories import EmployerFactory, JobFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BASE = "https://portal.example.org"


def _run(send_queued_mail, *args):
    out = StringIO()
    send_queued_mail(call_command, "send_job_alerts", "--base-url", BASE, *args, stdout=out)
    return out.getvalue()


def _hours_ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def seeker(member):
    return member


@pytest.fixture
def alert(seeker):
    return JobAlert.objects.create(
        user=seeker, name="Hematology nights", query="discipline=hematology&shift=night"
    )


def _job(title, **overrides):
    values = {
        "discipline": "hematology",
        "shift": "night",
        "published_at": _hours_ago(5),
        "employer": EmployerFactory(name="Heartland Labs"),
        "city": "Peoria",
        "title": title,
    }
    return JobFactory(**{**values, **overrides})


# --- Which jobs an alert announces -------------------------------------------------------------


def test_an_alert_finds_new_live_matching_jobs_only(alert):
    match = _job("Night hematology tech")
    _job("Day hematology tech", shift="day")
    _job("Night chemistry tech", discipline="chemistry")
    _job("Expired night hematology", status=Job.Status.EXPIRED)
    _job("Closed night hematology", status=Job.Status.CLOSED)
    _job("Past closing date", closes_on=timezone.localdate() - timedelta(days=1))
    _job("Old night hematology", published_at=_hours_ago(24 * 30))
    delivered = _job("Already sent")
    JobAlertDelivery.objects.create(alert=alert, job=delivered)

    assert list(jobs_for_alert(alert)) == [match]


def test_a_new_alert_looks_back_over_its_frequency_window(seeker):
    five_days_old = _job("Five days old", published_at=_hours_ago(24 * 5))
    weekly = JobAlert.objects.create(user=seeker, name="w", query="", frequency="weekly")
    daily = JobAlert.objects.create(user=seeker, name="d", query="", frequency="daily")

    assert five_days_old in jobs_for_alert(weekly)
    assert five_days_old not in jobs_for_alert(daily)


def test_keywords_match_like_the_search_page(seeker):
    JobAlert.objects.create(user=seeker, name="Blood bank", query="q=transfusion")
    wanted = _job("Transfusion service specialist")
    _job("Phlebotomist")
    assert list(jobs_for_alert(JobAlert.objects.get())) == [wanted]


def test_when_an_alert_is_due(alert):
    now = timezone.now()
    assert alert_is_due(alert, now)
    alert.last_sent_at = now - timedelta(hours=20)
    assert not alert_is_due(alert, now)
    alert.frequency = "daily"
    alert.last_sent_at = now - timedelta(hours=23, minutes=5)
    assert alert_is_due(alert, now)
    alert.frequency = "weekly"
    assert not alert_is_due(alert, now)
    alert.last_sent_at = now - timedelta(days=6, hours=23)
    assert alert_is_due(alert, now)
    alert.is_active = False
    assert not alert_is_due(alert, now)


def test_the_search_in_words_and_a_suggested_name():
    assert describe_search("q=blood+bank&location=Chicago&type=per_diem&page=3&sort=") == [
        "Keywords: blood bank",
        "City: Chicago",
        "Employment type: Per diem",
    ]
    assert describe_search("discipline=nonsense") == []
    assert suggest_alert_name("q=MLT&location=Peoria") == "MLT in Peoria"
    assert suggest_alert_name("location=Peoria") == "Jobs in Peoria"
    assert suggest_alert_name("shift=night") == "My job search"


# --- Sending -------------------------------------------------------------------------------------


def test_matching_new_jobs_are_emailed_once(send_queued_mail, seeker, alert):
    first = _job("Night hematology tech", slug="night-hematology-tech")
    second = _job("Hematology lead, nights", published_at=_hours_ago(30), city="Normal")
    _job("Day chemistry", discipline="chemistry", shift="day")
    _job("Expired hematology night", closes_on=timezone.localdate() - timedelta(days=2))

    output = _run(send_queued_mail)

    assert "sent 1 email(s) listing 2 job(s)" in output
    (message,) = mail.outbox
    assert message.to == [seeker.email]
    assert message.subject == "[ASCLS-Illinois] 2 new jobs for your alert “Hematology nights”"
    body = message.body
    assert "Night hematology tech\nHeartland Labs, Peoria, IL\n" in body
    assert f"{BASE}/careers/jobs/night-hematology-tech/" in body
    assert f"{BASE}{second.get_absolute_url()}" in body
    assert body.index(first.title) < body.index(second.title)  # newest first
    assert "Day chemistry" not in body
    assert "Expired hematology night" not in body
    unsubscribe = f"{BASE}/careers/alerts/unsubscribe/{alert.token}/"
    assert unsubscribe in body
    assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
    assert f"{BASE}/careers/?discipline=hematology&shift=night" in body
    assert set(JobAlertDelivery.objects.values_list("job__title", flat=True)) == {
        first.title,
        second.title,
    }
    alert.refresh_from_db()
    assert alert.last_sent_at is not None


def test_running_twice_sends_nothing_more(send_queued_mail, alert):
    _job("Night hematology tech")

    _run(send_queued_mail)
    output = _run(send_queued_mail)

    assert len(mail.outbox) == 1
    assert "sent 0 email(s)" in output
    assert JobAlertDelivery.objects.count() == 1


def test_the_next_email_lists_only_jobs_not_sent_before(send_queued_mail, alert):
    already = _job("Sent last week")
    assert send_due_alerts(base_url=BASE).jobs_sent == 1
    JobAlert.objects.filter(pk=alert.pk).update(last_sent_at=_hours_ago(24 * 8))
    fresh = _job("Posted this morning", published_at=_hours_ago(2))
    mail.outbox.clear()

    _run(send_queued_mail)

    (message,) = mail.outbox
    assert fresh.title in message.body
    assert already.title not in message.body


def test_nothing_is_sent_when_nothing_new_matches(send_queued_mail, alert):
    _job("Chemistry", discipline="chemistry")
    output = _run(send_queued_mail)
    assert mail.outbox == []
    assert "sent 0 email(s)" in output
    alert.refresh_from_db()
    assert alert.last_sent_at is None


def test_frequency_option_and_stopped_alerts(send_queued_mail, seeker):
    _job("Night hematology tech")
    JobAlert.objects.create(user=seeker, name="Weekly", query="", frequency="weekly")
    JobAlert.objects.create(user=seeker, name="Stopped", query="", is_active=False)
    gone = UserFactory(is_active=False)
    JobAlert.objects.create(user=gone, name="Closed account", query="")

    _run(send_queued_mail, "--frequency", "daily")
    assert mail.outbox == []

    _run(send_queued_mail, "--frequency", "weekly")
    assert [m.subject for m in mail.outbox] == [
        "[ASCLS-Illinois] 1 new job for your alert “Weekly”"
    ]


def test_links_use_the_portal_base_url_setting_by_default(send_queued_mail, settings, alert):
    settings.PORTAL_BASE_URL = "https://jobs.ascls-il.example"
    _job("Night hematology tech")

    send_queued_mail(call_command, "send_job_alerts", stdout=StringIO())

    assert "https://jobs.ascls-il.example/careers/jobs/" in mail.outbox[0].body


# --- Unsubscribing -------------------------------------------------------------------------------


def test_unsubscribe_asks_first_and_then_stops_the_alert_without_login(client, alert):
    url = reverse("careers:alert_unsubscribe", args=[alert.token])

    page = client.get(url).content.decode()
    assert "Stop the job alert “Hematology nights”?" in page
    assert "Stop these emails" in page
    alert.refresh_from_db()
    assert alert.is_active  # GET changes nothing

    response = client.post(url, follow=True)
    alert.refresh_from_db()
    assert not alert.is_active
    assert "You will not get any more emails from this alert." in response.content.decode()


def test_mail_programs_one_click_unsubscribe_works_without_a_form_token(alert):
    strict = Client(enforce_csrf_checks=True)
    url = reverse("careers:alert_unsubscribe", args=[alert.token])
    response = strict.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 302
    alert.refresh_from_db()
    assert not alert.is_active


def test_an_unknown_token_is_a_404(client):
    url = reverse("careers:alert_unsubscribe", args=["7d9f1c4e-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


def test_a_stopped_alert_sends_nothing(send_queued_mail, client, alert):
    _job("Night hematology tech")
    client.post(reverse("careers:alert_unsubscribe", args=[alert.token]))
    _run(send_queued_mail)
    assert mail.outbox == []


# --- Creating and deleting alerts ----------------------------------------------------------------


def _alert_box(user, query_string, filters=None):
    request = RequestFactory().get(f"/careers/?{query_string}")
    request.user = user or AnonymousUser()
    context = {"query_string": query_string, "user": request.user, "filters": filters or {}}
    return render_to_string("careers/seeker/_alert_box.html", context, request=request)


def test_the_alert_box_offers_a_form_with_the_search(seeker):
    html = _alert_box(seeker, "q=MLT&location=Peoria", {"q": "MLT", "location": "Peoria"})
    assert f'action="{reverse("careers:alert_create")}"' in html
    assert '<input type="hidden" name="query" value="q=MLT&amp;location=Peoria">' in html
    assert 'value="MLT in Peoria"' in html
    assert 'value="weekly" id="alert-frequency-weekly" checked' in html
    assert '<label for="alert-name">Alert name</label>' in html

    assert 'value="My job search"' in _alert_box(seeker, "shift=night")


def test_anonymous_visitors_are_invited_to_log_in_for_alerts():
    html = _alert_box(None, "shift=night")
    assert "to get an email when new jobs match this search" in html
    assert "/accounts/login/?next=/careers/%3Fshift%3Dnight" in html
    assert "<form" not in html


def test_saving_an_alert_from_the_job_search(client, seeker):
    client.force_login(seeker)
    data = {"name": "Peoria MLT", "frequency": "daily", "query": "q=MLT&location=Peoria&page=2"}

    response = client.post(reverse("careers:alert_create"), data)

    alert = JobAlert.objects.get()
    assert (alert.user, alert.name, alert.frequency) == (seeker, "Peoria MLT", "daily")
    assert alert.query == "location=Peoria&q=MLT"
    assert response["Location"] == "/careers/?location=Peoria&q=MLT"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == [
        "Your job alert “Peoria MLT” is saved. We will email you every day when new jobs "
        "match this search."
    ]

    client.post(reverse("careers:alert_create"), {**data, "name": "Renamed", "frequency": "weekly"})
    alert = JobAlert.objects.get()  # still one
    assert (alert.name, alert.frequency) == ("Renamed", "weekly")


def test_an_alert_without_a_name_is_named_after_the_search(client, seeker):
    client.force_login(seeker)
    client.post(
        reverse("careers:alert_create"), {"name": "", "frequency": "weekly", "query": "q=MLT"}
    )
    assert JobAlert.objects.get().name == "MLT"


def test_a_bad_alert_form_shows_errors_and_keeps_what_was_typed(client, seeker):
    client.force_login(seeker)
    response = client.post(
        reverse("careers:alert_create"),
        {"name": "Peoria nights", "frequency": "hourly", "query": "shift=night"},
    )
    html = response.content.decode()
    assert "Your alert was not saved yet." in html
    assert "Select a valid choice." in html
    assert 'value="Peoria nights"' in html
    assert "Search: Shift: Night." in html
    assert not JobAlert.objects.exists()


def test_deleting_an_alert(client, seeker, alert):
    client.force_login(seeker)
    response = client.post(reverse("careers:alert_delete", args=[alert.pk]), follow=True)
    assert not JobAlert.objects.exists()
    assert "The job alert “Hematology nights” is deleted." in response.content.decode()
