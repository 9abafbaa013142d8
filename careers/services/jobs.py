"""A job post's life: draft → in review → live → closed or expired, and back through review.

Every change of a post's status goes through one of these keyword-only functions, so the dates,
the moderator's reason and the emails stay consistent whoever makes the change (an employer on
the dashboard, a moderator in the admin, or the nightly ``expire_jobs`` command). Emails go out
after the transaction commits, through ``portal.mail``.

A refused change raises ``django.core.exceptions.ValidationError`` with a sentence a person can
read; views and admin actions show it as it is.
"""

import secrets
from datetime import timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_update_with_history

from careers.models import MAX_POSTING_DAYS, Job
from portal.audit import recorded_as
from portal.mail import absolute_url, send_templated_email

EXPIRY_WARNING_DAYS = 7
EXTENSION_DAYS = 30

# What an employer may do from each status.
EDITABLE_STATUSES = frozenset(
    {Job.Status.DRAFT, Job.Status.REJECTED, Job.Status.PENDING, Job.Status.PUBLISHED}
)
SUBMITTABLE_STATUSES = frozenset({Job.Status.DRAFT, Job.Status.REJECTED})
CLOSABLE_STATUSES = frozenset({Job.Status.PUBLISHED})
RENEWABLE_STATUSES = frozenset({Job.Status.PUBLISHED, Job.Status.EXPIRED, Job.Status.CLOSED})
# What a moderator may do.
APPROVABLE_STATUSES = frozenset({Job.Status.PENDING})
REJECTABLE_STATUSES = frozenset({Job.Status.PENDING, Job.Status.PUBLISHED})
EXTENDABLE_STATUSES = frozenset({Job.Status.PENDING, Job.Status.PUBLISHED})


# --- Helpers ---------------------------------------------------------------------------------


def employer_recipients(employer) -> list[str]:
    """The employer's contact address and every active member's, each once."""
    seen, recipients = set(), []
    member_emails = [user.email for user in employer.members.all() if user.is_active]
    for address in [employer.contact_email, *member_emails]:
        if address and address.lower() not in seen:
            seen.add(address.lower())
            recipients.append(address)
    return recipients


def log_moderation(moderator, obj, message: str) -> None:
    """Note a moderator's decision in the admin's history of ``obj``."""
    if moderator is None or not moderator.pk:
        return
    LogEntry.objects.log_actions(
        user_id=moderator.pk,
        queryset=[obj],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


def _recorded_by(job: Job, moderator, reason: str):
    """The post's history names the moderator and the decision (the signed-in person when no
    moderator is given)."""
    by = {} if moderator is None else {"by": moderator}
    return recorded_as(job, reason=reason, **by)


def job_unique_slug(*, title: str, employer) -> str:
    """A web address for a new post: its title, the employer and a short random part."""
    base = slugify(f"{title} {employer.name}")[:200].strip("-") or "job"
    while True:
        slug = f"{base}-{secrets.token_hex(3)}"
        if not Job.objects.filter(slug=slug).exists():
            return slug


def locked_status(model, pk) -> str:
    """The row's status as stored, locked until the transaction ends, so two moderators
    deciding at once cannot both act (and email) on the same post or employer."""
    return model.objects.select_for_update().values_list("status", flat=True).get(pk=pk)


def _refuse(job: Job, doing: str):
    return ValidationError(
        f"“{job.title}” is {job.get_status_display().lower()}, so it cannot be {doing}.",
        code="wrong_status",
    )


def _email_employer(job: Job, template: str, base_url: str | None, **extra) -> None:
    context = {
        "job": job,
        "employer": job.employer,
        "job_url": absolute_url(job.get_absolute_url(), base_url),
        "edit_url": absolute_url(reverse("careers:job_edit", kwargs={"pk": job.pk}), base_url),
        "dashboard_url": absolute_url(reverse("careers:employer_dashboard"), base_url),
        **extra,
    }
    for address in employer_recipients(job.employer):
        send_templated_email(f"careers/email/{template}", to=address, context=context)


# --- Employers --------------------------------------------------------------------------------


@transaction.atomic
def job_save(*, job: Job, by, submit: bool = False) -> Job:
    """Save an employer's new or edited post (``job`` comes from the form, with its employer).

    A new post starts as a draft. ``submit`` sends a draft or a post that needs changes to
    review. Editing a post in review keeps it in review (and its place in the queue). Editing
    a live post sends it back to review: it leaves the job board until a moderator approves the
    changes. Closed and expired posts are renewed, not edited.
    """
    if job.pk is None:
        job.status = Job.Status.DRAFT
        job.created_by = by
        job.slug = job_unique_slug(title=job.title, employer=job.employer)
    elif job.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"“{job.title}” is {job.get_status_display().lower()}. Renew it to post it again.",
            code="wrong_status",
        )
    if job.status == Job.Status.PUBLISHED:
        job.status = Job.Status.PENDING
        job.submitted_at = timezone.now()
    job.save()
    if submit and job.status in SUBMITTABLE_STATUSES:
        job_submit(job=job)
    return job


def job_submit(*, job: Job) -> Job:
    """Send a draft, or a post that needed changes, to the moderators. A post already in
    review stays where it is in the queue."""
    if job.status == Job.Status.PENDING:
        return job
    if job.status not in SUBMITTABLE_STATUSES:
        raise _refuse(job, "submitted for review")
    job.status = Job.Status.PENDING
    job.submitted_at = timezone.now()
    job.save(update_fields=["status", "submitted_at", "updated_at"])
    return job


def job_close(*, job: Job) -> Job:
    """Take a live post off the job board before its closing date."""
    if job.status not in CLOSABLE_STATUSES:
        raise _refuse(job, "closed")
    job.status = Job.Status.CLOSED
    job.closed_at = timezone.now()
    job.save(update_fields=["status", "closed_at", "updated_at"])
    return job


def job_renew(*, job: Job, today=None) -> Job:
    """Post a live, closed or expired job again for another default period.

    The new closing date is today plus the default posting period, and the post goes back to
    review like any other: a moderator approves it before it is live again.
    """
    if job.status not in RENEWABLE_STATUSES:
        raise _refuse(job, "renewed")
    today = today or timezone.localdate()
    job.status = Job.Status.PENDING
    job.closes_on = Job.default_closing_date(today)
    job.submitted_at = timezone.now()
    job.closed_at = None
    job.save(update_fields=["status", "closes_on", "submitted_at", "closed_at", "updated_at"])
    return job


# --- Moderators -------------------------------------------------------------------------------


@transaction.atomic
def job_approve(*, job: Job, moderator, base_url: str | None = None) -> Job:
    """Put a post in review live, and tell the employer.

    With no closing date (or one already past) the post stays up for the default period; a
    date further off than the longest period allowed is brought back to it.
    """
    job.status = locked_status(Job, job.pk)
    if job.status not in APPROVABLE_STATUSES:
        raise _refuse(job, "approved")
    today = timezone.localdate()
    if job.closes_on is None or job.closes_on < today:
        job.closes_on = Job.default_closing_date(today)
    job.closes_on = min(job.closes_on, Job.latest_closing_date(today))
    job.status = Job.Status.PUBLISHED
    job.published_at = timezone.now()
    # Set once: a renewal or an edit approved again keeps the quarter the post first went live
    # in (the campaign page's figure counts it there).
    if job.first_published_at is None:
        job.first_published_at = job.published_at
    job.closed_at = None
    job.rejection_reason = ""
    with _recorded_by(job, moderator, "Approved: the post is live."):
        job.save(
            update_fields=[
                "status",
                "published_at",
                "first_published_at",
                "closes_on",
                "closed_at",
                "rejection_reason",
                "updated_at",
            ]
        )
    log_moderation(moderator, job, "Approved: the post is live.")
    _email_employer(job, "employer_job_approved", base_url)
    return job


@transaction.atomic
def job_reject(*, job: Job, moderator, reason: str, base_url: str | None = None) -> Job:
    """Send a post back to the employer with the changes it needs. A live post comes off the
    job board until the employer fixes it and a moderator approves it again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            "Tell the employer what needs to change: the reason is required.", code="no_reason"
        )
    job.status = locked_status(Job, job.pk)
    if job.status not in REJECTABLE_STATUSES:
        raise _refuse(job, "sent back for changes")
    job.status = Job.Status.REJECTED
    job.rejection_reason = reason
    with _recorded_by(job, moderator, "Sent back for changes"):
        job.save(update_fields=["status", "rejection_reason", "updated_at"])
    log_moderation(moderator, job, f"Sent back for changes: {reason}")
    _email_employer(job, "employer_job_rejected", base_url, reason=reason)
    return job


def job_extend_closing_date(
    *, job: Job, days: int = EXTENSION_DAYS, moderator=None, today=None
) -> bool:
    """Move a live or in-review post's closing date ``days`` later, never beyond the longest
    posting period from today. Returns whether the date changed."""
    if job.status not in EXTENDABLE_STATUSES or job.closes_on is None:
        return False
    today = today or timezone.localdate()
    extended = min(max(job.closes_on, today) + timedelta(days=days), Job.latest_closing_date(today))
    if extended <= job.closes_on:
        return False
    job.closes_on = extended
    with _recorded_by(job, moderator, f"Closing date extended by {days} days"):
        job.save(update_fields=["closes_on", "updated_at"])
    log_moderation(moderator, job, f"Closing date moved to {extended.isoformat()}.")
    return True


# --- The nightly command ----------------------------------------------------------------------


def job_expire_due(*, today=None) -> int:
    """Mark live posts past their closing date as expired. Returns how many were.

    Each post's history records the change as made by nobody, "Expired automatically"."""
    today = today or timezone.localdate()
    with transaction.atomic():
        # Locked, so a moderator's decision in the same moment is not overwritten.
        jobs = list(Job.objects.due_to_expire(today).select_for_update())
        now = timezone.now()
        for job in jobs:
            job.status = Job.Status.EXPIRED
            job.updated_at = now
        return bulk_update_with_history(
            jobs,
            Job,
            ["status", "updated_at"],
            batch_size=500,
            default_user=None,
            default_change_reason="Expired automatically",
        )


def _warning_due(job: Job) -> bool:
    # A warning sent on day D covers every closing date up to D + 7 days; a later closing date
    # (after a renewal or an extension) deserves its own warning.
    sent = job.expiry_warning_sent_on
    return sent is None or sent < job.closes_on - timedelta(days=EXPIRY_WARNING_DAYS)


def job_warn_expiring(*, today=None, base_url: str | None = None) -> int:
    """Email the employer of each live post that closes within a week, once per closing date.
    Returns how many posts were warned about. Safe to run again: nothing is sent twice."""
    today = today or timezone.localdate()
    candidates = (
        Job.objects.expiring_within(EXPIRY_WARNING_DAYS, today)
        .filter(Q(expiry_warning_sent_on__isnull=True) | Q(expiry_warning_sent_on__lt=today))
        .select_related("employer")
        .prefetch_related("employer__members")
        .order_by("closes_on", "pk")
    )
    warned = 0
    for job in candidates:
        if not _warning_due(job):
            continue
        with transaction.atomic():
            # Claim the warning first, so two runs at once cannot both send it.
            claimed = Job.objects.filter(
                pk=job.pk, expiry_warning_sent_on=job.expiry_warning_sent_on
            ).update(expiry_warning_sent_on=today)
            if not claimed:
                continue
            job.expiry_warning_sent_on = today
            # A version for the claim too, or the date would show up as the next editor's change.
            bulk_update_with_history(
                [job], Job, [], default_change_reason="Closing-soon warning emailed"
            )
            _email_employer(
                job,
                "employer_job_expiring",
                base_url,
                days_left=(job.closes_on - today).days,
                max_days=MAX_POSTING_DAYS,
            )
        warned += 1
    return warned
