"""Job alerts: which new jobs an alert should announce, and sending the alerts that are due.

An alert is a saved job search (``JobAlert.query``, the search page's URL parameters). Jobs are
matched with the search page's own filters (``careers.search.filter_jobs``), so an alert finds
exactly what the person would see by running the search. ``JobAlertDelivery`` remembers every
job sent to an alert: a job is never announced twice, and running the sender twice is harmless.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from careers.models import Job, JobAlert, JobAlertDelivery
from careers.search import JobFilterForm, filter_jobs
from portal.mail import absolute_url, send_templated_email, unsubscribe_headers

logger = logging.getLogger(__name__)

# How far back a new alert looks, and the usual gap between two emails.
FREQUENCY_WINDOW = {
    JobAlert.Frequency.DAILY: timedelta(days=1),
    JobAlert.Frequency.WEEKLY: timedelta(days=7),
}
# An alert is due a little before a full period has passed, so a job that runs at the same
# time each day (or week) never skips a turn because the last run finished a minute later.
DUE_AFTER = {
    JobAlert.Frequency.DAILY: timedelta(hours=23),
    JobAlert.Frequency.WEEKLY: timedelta(days=6.9),
}
MAX_JOBS_PER_EMAIL = 25
DEFAULT_ALERT_NAME = "My job search"
# Filters that do not change which jobs match.
_NOT_FILTERS = {"sort", "page"}


def jobs_for_alert(alert: JobAlert, now=None):
    """Live jobs matching ``alert``'s search that it has not announced yet, newest first.

    A job counts as new when it was published after the later of the alert's creation and its
    last email, or within the alert's frequency window (so a new weekly alert's first email
    covers the past week, and a missed run loses nothing). Jobs already sent are left out.
    """
    now = now or timezone.now()
    since = alert.created_at
    if alert.last_sent_at and alert.last_sent_at > since:
        since = alert.last_sent_at
    since = min(since, now - FREQUENCY_WINDOW[alert.frequency])
    live = Job.objects.live(today=timezone.localdate(now))
    return (
        filter_jobs(live, QueryDict(alert.query))
        .filter(published_at__gte=since, published_at__lte=now)
        .exclude(pk__in=JobAlertDelivery.objects.filter(alert=alert).values("job_id"))
        .select_related("employer")
        .defer("description")
        .order_by("-published_at", "-pk")
    )


def alert_is_due(alert: JobAlert, now=None) -> bool:
    now = now or timezone.now()
    if not alert.is_active:
        return False
    return alert.last_sent_at is None or alert.last_sent_at <= now - DUE_AFTER[alert.frequency]


def due_alerts(now=None, frequency=None):
    """Active alerts whose next email is due (of one frequency, or all)."""
    now = now or timezone.now()
    due = Q()
    for name, gap in DUE_AFTER.items():
        if frequency and name != frequency:
            continue
        due |= Q(frequency=name) & (Q(last_sent_at__isnull=True) | Q(last_sent_at__lte=now - gap))
    return JobAlert.objects.filter(due, is_active=True, user__is_active=True).order_by("pk")


def describe_search(query: str) -> list[str]:
    """The alert's search in words, e.g. ["Keywords: blood bank", "Shift: Night"]."""
    form = JobFilterForm(QueryDict(query or ""))
    parts = []
    for name, value in form.filters().items():
        if name in _NOT_FILTERS:
            continue
        field = form.fields[name]
        label = field.label or name.replace("_", " ").capitalize()
        shown = dict(getattr(field, "choices", ())).get(value, value)
        parts.append(f"{label}: {shown}")
    return parts


def suggest_alert_name(query: str) -> str:
    """A name for an alert on this search: its keywords and place, or a plain default."""
    filters = JobFilterForm(QueryDict(query or "")).filters()
    words = filters.get("q", "")
    place = filters.get("location", "")
    if words and place:
        return f"{words} in {place}"[:120]
    if words:
        return words[:120]
    if place:
        return f"Jobs in {place}"[:120]
    return DEFAULT_ALERT_NAME


@dataclass
class AlertRun:
    alerts_checked: int = 0
    emails_sent: int = 0
    jobs_sent: int = 0
    failures: int = 0


def send_job_alert(alert: JobAlert, *, now=None, base_url=None) -> int:
    """Email ``alert``'s new jobs, if it is due and has any. Returns how many jobs were sent.

    The deliveries, ``last_sent_at`` and the queued email are one transaction: either all of
    them happen or none, and the email leaves only after the commit.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # Lock the alert so two runs at once cannot both send it.
        alert = JobAlert.objects.select_for_update().filter(pk=alert.pk).first()
        if alert is None or not alert_is_due(alert, now):
            return 0
        matching = jobs_for_alert(alert, now)
        jobs = list(matching[:MAX_JOBS_PER_EMAIL])
        if not jobs:
            return 0
        more = matching.count() - len(jobs) if len(jobs) == MAX_JOBS_PER_EMAIL else 0
        _queue_alert_email(alert, jobs, more=more, base_url=base_url)
        JobAlertDelivery.objects.bulk_create(
            [JobAlertDelivery(alert=alert, job=job) for job in jobs], ignore_conflicts=True
        )
        JobAlert.objects.filter(pk=alert.pk).update(last_sent_at=now)
    return len(jobs)


def send_due_alerts(*, frequency=None, base_url=None, now=None) -> AlertRun:
    """Send every due alert; one failing alert does not stop the others."""
    now = now or timezone.now()
    run = AlertRun()
    for alert in due_alerts(now, frequency).only("pk", "frequency", "last_sent_at", "is_active"):
        run.alerts_checked += 1
        try:
            sent = send_job_alert(alert, now=now, base_url=base_url)
        except Exception:
            logger.exception("Could not send job alert %s", alert.pk)
            run.failures += 1
            continue
        if sent:
            run.emails_sent += 1
            run.jobs_sent += sent
    return run


def _queue_alert_email(alert: JobAlert, jobs, *, more: int, base_url) -> None:
    user = alert.user
    for job in jobs:
        job.absolute_url = absolute_url(job.get_absolute_url(), base_url)
    index = reverse("careers:index")
    unsubscribe_url = absolute_url(
        reverse("careers:alert_unsubscribe", kwargs={"token": alert.token}), base_url
    )
    context = {
        "alert": alert,
        "user": user,
        "jobs": jobs,
        "more": more,
        "search": describe_search(alert.query),
        "search_url": absolute_url(f"{index}?{alert.query}" if alert.query else index, base_url),
        "dashboard_url": absolute_url(reverse("careers:seeker_dashboard"), base_url),
        "unsubscribe_url": unsubscribe_url,
    }
    send_templated_email(
        "careers/email/seeker_job_alert",
        to=user.email,
        context=context,
        headers=unsubscribe_headers(unsubscribe_url),
    )
