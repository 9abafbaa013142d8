"""The CE tracker: a member's credentials, their CE activities, and reminders before a cycle ends.

Every write with a rule is a keyword-only function named ``<thing>_<action>``; views only collect
input and show the outcome. Progress itself is counted by ``certification.progress.ce_progress``
and nowhere else: this module only loads what it needs, once, and hands it over.
"""

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify

from certification.models import (
    CategoryMinimum,
    CEActivity,
    CEReminder,
    Credential,
    CredentialHolding,
    RenewalRule,
)
from certification.progress import COMPLETE, ce_progress
from certification.services import webinars as webinar_services
from certification.suggestions import format_points, suggest_next_steps
from portal.access import may_see_member_content
from portal.files import delete_file_after_commit, delete_file_quietly
from portal.mail import absolute_url, send_templated_email, unsubscribe_headers
from portal.uploads import CERTIFICATE, validate_upload

logger = logging.getLogger(__name__)

# --- Rules for what a member logs ----------------------------------------------------------------

MAX_HOURS_PER_ACTIVITY = Decimal("40")
MIN_HOURS_PER_ACTIVITY = Decimal("0.25")
CERTIFICATE_MAX_BYTES = CERTIFICATE.max_bytes
CERTIFICATE_TYPES = CERTIFICATE.kinds
# How far from today a cycle end date may sensibly be.
CYCLE_END_GRACE = timedelta(days=366)

ACTIVITY_FIELDS = frozenset(
    {
        "title",
        "provider",
        "completed_on",
        "amount",
        "unit",
        "category",
        "format",
        "pace_number",
        "notes",
    }
)

HOURS_TYPO_MESSAGE = (
    "Over 40 hours for one activity looks like a typo. If it really was a long course, log "
    "each part (a day or a module) as its own activity."
)

UNIT_WORDS = {
    CEActivity.Unit.CONTACT_HOURS: ("contact hour", "contact hours"),
    CEActivity.Unit.SEMESTER_HOURS: ("college semester hour", "college semester hours"),
    CEActivity.Unit.QUARTER_HOURS: ("college quarter hour", "college quarter hours"),
}


def activity_amount_phrase(activity) -> str:
    """ "1.5 contact hours", "1 college semester hour"."""
    number = format_points(activity.amount)
    one, many = UNIT_WORDS.get(activity.unit, ("hour", "hours"))
    return f"{number} {one if number == '1' else many}"


def validate_activity_hours(amount) -> None:
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError(
            "Enter the hours as a number, for example 1 or 1.5.", code="invalid"
        ) from None
    if amount <= 0:
        raise ValidationError(
            "Hours must be more than zero. Enter the hours on your certificate, for example 1 "
            "or 1.5.",
            code="not_positive",
        )
    if amount < MIN_HOURS_PER_ACTIVITY:
        raise ValidationError(
            "The smallest amount the tracker records is 0.25 hours (15 minutes).",
            code="too_small",
        )
    if amount > MAX_HOURS_PER_ACTIVITY:
        raise ValidationError(HOURS_TYPO_MESSAGE, code="too_many_hours")


def validate_completed_on(completed_on: date, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if completed_on > today:
        raise ValidationError(
            "That date is still to come. Log an activity once you have completed it, with "
            "the date on your certificate.",
            code="future_date",
        )


def validate_certificate_file(upload) -> str:
    """Check an uploaded certificate (``portal.uploads.CERTIFICATE``); return its real type
    ('pdf', 'jpg' or 'png')."""
    return validate_upload(upload, CERTIFICATE).name


def validate_cycle_end(cycle_end: date, rule, today: date | None = None) -> None:
    today = today or timezone.localdate()
    if cycle_end < today - CYCLE_END_GRACE:
        raise ValidationError(
            "That cycle ended more than a year ago. Enter the last day of your current cycle; "
            "you will find it in your certifying body's online account.",
            code="cycle_long_over",
        )
    years = rule.cycle_years if rule is not None else 3
    latest = today + timedelta(days=365 * years) + CYCLE_END_GRACE
    if cycle_end > latest:
        raise ValidationError(
            f"A cycle for this credential lasts {years} year{'s' if years != 1 else ''}, so it "
            "cannot end that far ahead. Please check the year.",
            code="cycle_too_far",
        )


def _rule_of(credential):
    try:
        return credential.renewal_rule
    except RenewalRule.DoesNotExist:
        return None


# --- Reading: what the dashboard, transcripts and reminders load -------------------------------


def credentials_with_rules():
    """Credentials a member can track: those with a renewal rule, in body order."""
    return Credential.objects.filter(renewal_rule__isnull=False).select_related("body")


def _minimums_prefetch():
    return Prefetch(
        "credential__renewal_rule__minimums",
        queryset=CategoryMinimum.objects.select_related("category"),
    )


def holdings_for(user):
    """``user``'s credentials with everything ``ce_progress`` reads, in two queries."""
    return (
        CredentialHolding.objects.filter(user=user)
        .select_related("credential__body", "credential__renewal_rule")
        .prefetch_related(_minimums_prefetch())
        .order_by("cycle_end", "pk")
    )


def activities_for(user):
    """``user``'s CE activities, newest first, with their category and webinar."""
    return (
        CEActivity.objects.filter(user=user)
        .select_related("category", "webinar")
        .defer("webinar__description")
        .order_by("-completed_on", "-pk")
    )


def upcoming_webinars(now=None, limit=50) -> list:
    """Published webinars still to come, soonest first, for suggestions (the webinar
    service's own definition of "upcoming")."""
    return list(webinar_services.upcoming_webinars(now=now).defer("description")[:limit])


@dataclass
class HoldingSummary:
    holding: CredentialHolding
    progress: object | None
    steps: list = field(default_factory=list)


def tracker_summaries(*, holdings, activities, webinars, today=None) -> list[HoldingSummary]:
    """Progress and next steps for each holding from one list of activities (one activity may
    count toward several credentials). No queries beyond what was loaded."""
    today = today or timezone.localdate()
    summaries = []
    for holding in holdings:
        if _rule_of(holding.credential) is None:
            summaries.append(HoldingSummary(holding=holding, progress=None))
            continue
        progress = ce_progress(holding, activities, today=today)
        summaries.append(
            HoldingSummary(
                holding=holding,
                progress=progress,
                steps=suggest_next_steps(progress, webinars),
            )
        )
    return summaries


def holding_progress(*, holding, today=None):
    """Progress of one holding (for transcripts): loads the owner's activities once."""
    return ce_progress(holding, list(activities_for(holding.user_id)), today=today)


# --- Credentials held ----------------------------------------------------------------------------


def _duplicate_error(credential) -> ValidationError:
    return ValidationError(
        {
            "credential": ValidationError(
                f"You already track {credential.name}. Change its cycle end date on the "
                "existing entry instead of adding it again.",
                code="duplicate_holding",
            )
        }
    )


def _check_holding(user, credential, cycle_end, exclude_pk=None, today=None) -> None:
    rule = _rule_of(credential)
    if rule is None:
        raise ValidationError(
            {
                "credential": "We have no renewal rule for this credential yet, so the tracker "
                "cannot count it."
            }
        )
    others = CredentialHolding.objects.filter(user=user, credential=credential)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise _duplicate_error(credential)
    try:
        validate_cycle_end(cycle_end, rule, today)
    except ValidationError as error:
        raise ValidationError({"cycle_end": error}) from None


def holding_create(*, user, credential, cycle_end, today=None) -> CredentialHolding:
    """Start tracking ``credential`` for ``user``. One holding per credential per person."""
    _check_holding(user, credential, cycle_end, today=today)
    try:
        with transaction.atomic():
            # Someone who turned reminders off keeps them off for credentials added later.
            holding = CredentialHolding.objects.create(
                user=user,
                credential=credential,
                cycle_end=cycle_end,
                reminders_opt_out=reminders_opted_out(user=user),
            )
    except IntegrityError:
        raise _duplicate_error(credential) from None
    return holding


def holding_update(*, holding, credential, cycle_end, today=None) -> CredentialHolding:
    _check_holding(holding.user_id, credential, cycle_end, exclude_pk=holding.pk, today=today)
    holding.credential = credential
    holding.cycle_end = cycle_end
    try:
        with transaction.atomic():
            holding.save(update_fields=["credential", "cycle_end"])
    except IntegrityError:
        raise _duplicate_error(credential) from None
    return holding


def holding_delete(*, holding) -> None:
    """Stop tracking a credential. The activities stay: they may count for other credentials."""
    holding.delete()


# --- CE activities -------------------------------------------------------------------------------


def _certificate_name(kind: str) -> str:
    # Only the checked extension is kept; the stored name itself is generated by the model's
    # upload_to (certification.models.certificate_upload_to).
    return f"certificate.{kind}"


def certificate_download_name(activity) -> str:
    kind = PurePath(activity.certificate.name).suffix.lstrip(".").lower() or "pdf"
    stem = slugify(activity.title)[:60] or "certificate"
    return f"ce-certificate-{stem}.{kind}"


def _check_activity_fields(fields: dict) -> None:
    unknown = set(fields) - ACTIVITY_FIELDS
    if unknown:
        raise TypeError(f"Unknown activity fields: {', '.join(sorted(unknown))}")


def _save_activity(activity, *, certificate, remove_certificate, today) -> CEActivity:
    errors = {}
    for name, check in (
        ("amount", lambda: validate_activity_hours(activity.amount)),
        ("completed_on", lambda: validate_completed_on(activity.completed_on, today)),
    ):
        try:
            check()
        except ValidationError as error:
            errors[name] = error
    old_file = activity.certificate.name if activity.pk else ""
    storage = activity.certificate.storage
    if certificate:
        try:
            kind = validate_certificate_file(certificate)
        except ValidationError as error:
            errors["certificate"] = error
        else:
            certificate.name = _certificate_name(kind)
            activity.certificate = certificate
    elif remove_certificate:
        activity.certificate = ""
    if errors:
        raise ValidationError(errors)

    try:
        with transaction.atomic():
            activity.full_clean(exclude=["user", "webinar", "certificate"])
            activity.save()
            if old_file and old_file != activity.certificate.name:
                delete_file_after_commit(storage, old_file)
    except BaseException:
        # A new file already written to storage must not be left behind.
        new_file = activity.certificate
        if certificate and new_file and new_file._committed and new_file.name != old_file:
            delete_file_quietly(new_file.storage, new_file.name)
            activity.certificate = old_file
        raise
    return activity


def activity_create(*, user, certificate=None, today=None, **fields) -> CEActivity:
    """Log a CE activity for ``user``. ``fields`` are the activity's own fields (title,
    provider, completed_on, amount, unit, category, format, pace_number, notes).

    Raises ``ValidationError`` for hours outside 0.25–40, a date still to come, or a
    certificate that is not a PDF/JPEG/PNG of at most 10 MB (judged by its content).
    """
    _check_activity_fields(fields)
    activity = CEActivity(user=user, **fields)
    return _save_activity(activity, certificate=certificate, remove_certificate=False, today=today)


def activity_update(
    *, activity, certificate=None, remove_certificate=False, today=None, **fields
) -> CEActivity:
    """Change a logged activity; a new certificate replaces the old one, whose file is
    deleted once the change is saved."""
    _check_activity_fields(fields)
    for name, value in fields.items():
        setattr(activity, name, value)
    return _save_activity(
        activity, certificate=certificate, remove_certificate=remove_certificate, today=today
    )


def activity_delete(*, activity) -> None:
    storage, name = activity.certificate.storage, activity.certificate.name
    with transaction.atomic():
        activity.delete()
        delete_file_after_commit(storage, name)


# --- Reminder emails -----------------------------------------------------------------------------

REMINDER_SALT = "ce-reminders"
REMINDER_WINDOW = timedelta(days=90)
REMINDER_GAP = timedelta(days=30)


def reminders_token(user) -> str:
    """The signed token in a reminder's unsubscribe link: it carries the user's id."""
    return signing.dumps(user.pk, salt=REMINDER_SALT)


def reminders_token_user(token: str):
    """The user a token was made for, or None for a forged, damaged or stale one."""
    try:
        user_pk = signing.loads(token, salt=REMINDER_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(user_pk, int):
        return None
    return get_user_model().objects.filter(pk=user_pk).first()


def reminders_opted_out(*, user) -> bool:
    return CredentialHolding.objects.filter(user=user, reminders_opt_out=True).exists()


def reminders_opt_out(*, user) -> int:
    """Stop CE reminder emails for all of ``user``'s credentials. Returns how many holdings
    were newly muted (0 when they already were)."""
    return CredentialHolding.objects.filter(user=user, reminders_opt_out=False).update(
        reminders_opt_out=True
    )


def reminders_opt_in(*, user) -> None:
    """Turn CE reminder emails back on."""
    CredentialHolding.objects.filter(user=user).update(reminders_opt_out=False)


@dataclass
class ReminderRun:
    checked: int = 0
    sent: int = 0
    complete: int = 0
    not_member: int = 0
    failures: int = 0


def holdings_due_for_reminder(*, today, now):
    """Holdings whose cycle ends within 90 days and that were not reminded in the last 30."""
    recent = CEReminder.objects.filter(holding=OuterRef("pk"), sent_at__gt=now - REMINDER_GAP)
    return (
        CredentialHolding.objects.filter(
            cycle_end__gte=today,
            cycle_end__lte=today + REMINDER_WINDOW,
            user__is_active=True,
            reminders_opt_out=False,
            credential__renewal_rule__isnull=False,
        )
        .exclude(Exists(recent))
        .select_related("user", "credential__body", "credential__renewal_rule")
        .prefetch_related(_minimums_prefetch())
        .order_by("pk")
    )


def reminders_send(*, today=None, now=None, base_url=None) -> ReminderRun:
    """Email every member who is short on CE for a cycle ending within 90 days, at most once
    per 30 days per credential. Running it twice sends nothing more."""
    now = now or timezone.now()
    today = today or timezone.localdate(now)
    run = ReminderRun()
    holdings = list(holdings_due_for_reminder(today=today, now=now))
    if not holdings:
        return run
    users = {h.user_id: h.user for h in holdings}
    # Whoever may use the tracker (active members and staff) gets its reminders.
    allowed = {pk for pk, user in users.items() if may_see_member_content(user)}
    activities: dict[int, list] = {pk: [] for pk in allowed}
    for activity in CEActivity.objects.filter(user_id__in=allowed).select_related("category"):
        activities[activity.user_id].append(activity)
    webinars = upcoming_webinars(now)

    for holding in holdings:
        run.checked += 1
        if holding.user_id not in allowed:
            run.not_member += 1
            continue
        progress = ce_progress(holding, activities[holding.user_id], today=today)
        if progress.status == COMPLETE:
            run.complete += 1
            continue
        try:
            if _send_reminder(holding, progress, webinars, now=now, base_url=base_url):
                run.sent += 1
        except Exception:
            logger.exception("Could not send the CE reminder for holding %s", holding.pk)
            run.failures += 1
    return run


def _send_reminder(holding, progress, webinars, *, now, base_url) -> bool:
    with transaction.atomic():
        # Lock the holding so that two runs at once cannot both remind it.
        locked = CredentialHolding.objects.select_for_update().filter(pk=holding.pk).first()
        if locked is None:
            return False
        if CEReminder.objects.filter(holding=holding, sent_at__gt=now - REMINDER_GAP).exists():
            return False
        CEReminder.objects.create(holding=holding, sent_at=now)
        _queue_reminder_email(holding, progress, webinars, base_url=base_url)
    return True


def _queue_reminder_email(holding, progress, webinars, *, base_url) -> None:
    user = holding.user
    steps = [
        {"text": step.text, "url": absolute_url(step.url, base_url) if step.url else ""}
        for step in suggest_next_steps(progress, webinars)
    ]
    unsubscribe_url = absolute_url(
        reverse("certification:reminders_unsubscribe", kwargs={"token": reminders_token(user)}),
        base_url,
    )
    context = {
        "user": user,
        "credential": holding.credential,
        "progress": progress,
        "cycle_end": formats.date_format(progress.window_end, "j F Y"),
        "earned": format_points(progress.earned),
        "required": format_points(progress.required),
        "missing": format_points(progress.missing),
        "missing_categories": [
            {"name": c.category.name, "missing": format_points(c.missing)}
            for c in progress.missing_categories
        ],
        "steps": steps,
        "tracker_url": absolute_url(reverse("certification:tracker"), base_url),
        "unsubscribe_url": unsubscribe_url,
    }
    send_templated_email(
        "certification/email/ce_reminder",
        to=user.email,
        context=context,
        headers=unsubscribe_headers(unsubscribe_url),
    )
