"""Member webinars: who may register, the seat count, attendance and the CE credit it earns.

Every write with a rule is a keyword-only function named ``<thing>_<action>``; the views and the
admin only collect input and show the outcome. The registration confirmation (with its calendar
file) is sent by a task queued after the transaction commits.

``upcoming_webinars()`` and ``past_webinars()`` add what the pages need to the model's own
``Webinar.objects.upcoming()`` / ``.past()``.
"""

import csv
import io
import smtplib
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from certification.calendar import (
    chicago_time,
    format_contact_hours,
    format_when,
    webinar_calendar,
)
from certification.models import CEActivity, Webinar, WebinarRegistration
from portal.access import may_see_member_content
from portal.mail import absolute_url, describe_mail_error, retry_or_give_up

CE_PROVIDER = "ASCLS-Illinois"
ATTENDANCE_MAX_ROWS = 5000

# Reasons a registration is refused, as ValidationError codes.
NOT_PUBLISHED = "not_published"
STARTED = "started"
NOT_YET_OPEN = "not_yet_open"
CLOSED = "closed"
MEMBERS_ONLY = "members_only"
FULL = "full"


# --- Lists -------------------------------------------------------------------------------------


def upcoming_webinars(*, now: datetime | None = None):
    """Published webinars that have not started yet, soonest first."""
    return Webinar.objects.upcoming(now).select_related("category")


def past_webinars(*, now: datetime | None = None):
    """Published webinars that have started, most recent first."""
    return Webinar.objects.past(now).select_related("category")


def visible_webinars(*, user):
    """Webinars a person may open: published ones, and drafts too for staff (to preview)."""
    webinars = Webinar.objects.select_related("category")
    if getattr(user, "is_staff", False):
        return webinars
    return webinars.published()


def with_seats_taken(webinars):
    """Annotate ``seats_taken`` (registrations so far) in the same query."""
    return webinars.annotate(seats_taken=Count("registrations"))


def registrations_by_webinar(*, user, webinars) -> dict[int, WebinarRegistration]:
    """``user``'s registrations for ``webinars``, keyed by webinar id (one query)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    ids = [w.pk for w in webinars]
    if not ids:
        return {}
    registrations = WebinarRegistration.objects.filter(user=user, webinar_id__in=ids).only(
        "pk", "webinar_id", "user_id", "attended"
    )
    return {r.webinar_id: r for r in registrations}


def webinar_seats_left(webinar: Webinar, *, seats_taken: int | None = None) -> int:
    if seats_taken is None:
        seats_taken = webinar.registrations.count()
    return max(0, webinar.capacity - seats_taken)


# --- Registering -------------------------------------------------------------------------------


def webinar_window_problem(webinar: Webinar, *, now: datetime | None = None):
    """Why nobody can register for ``webinar`` right now (a ValidationError), or None."""
    now = now or timezone.now()
    if not webinar.is_published:
        return ValidationError("This webinar isn’t open for registration yet.", code=NOT_PUBLISHED)
    if now >= webinar.starts_at:
        return ValidationError(
            "This webinar has already begun, so registration is closed.", code=STARTED
        )
    if webinar.registration_opens and now < webinar.registration_opens:
        return ValidationError(
            f"Registration opens on {format_when(webinar.registration_opens)}. "
            "Please come back then to save your seat.",
            code=NOT_YET_OPEN,
        )
    if webinar.registration_closes and now >= webinar.registration_closes:
        return ValidationError(
            f"Registration closed on {format_when(webinar.registration_closes)}.", code=CLOSED
        )
    return None


def check_may_register(user) -> None:
    """Registering is free for active members (and open to staff); raises otherwise."""
    if not may_see_member_content(user):
        raise ValidationError(
            "Webinars are free for ASCLS members with an active membership, so registering "
            "needs one. See the membership page for how to join or renew.",
            code=MEMBERS_ONLY,
        )


def webinar_register(
    *, webinar: Webinar, user, base_url: str | None = None, now: datetime | None = None
) -> tuple[WebinarRegistration, bool]:
    """Save ``user`` a seat at ``webinar``. Returns (registration, created).

    Raises ``ValidationError`` (with one of the codes above) when the person is not an active
    member, registration is not open, or every seat is taken. A person already registered gets
    their registration back with ``created`` False. The seat count never goes over capacity:
    the webinar row is locked while seats are counted and the registration is added, so
    simultaneous registrations take turns (SQLite serialises writers by itself). After commit,
    the person is emailed a confirmation with a calendar file.
    """
    check_may_register(user)
    with transaction.atomic():
        locked = Webinar.objects.select_for_update().get(pk=webinar.pk)
        existing = WebinarRegistration.objects.filter(webinar=locked, user=user).first()
        if existing is not None:
            return existing, False
        problem = webinar_window_problem(locked, now=now)
        if problem is not None:
            raise problem
        if WebinarRegistration.objects.filter(webinar=locked).count() >= locked.capacity:
            raise ValidationError(
                "Sorry, every seat for this webinar is taken.",
                code=FULL,
            )
        try:
            with transaction.atomic():
                registration = WebinarRegistration.objects.create(webinar=locked, user=user)
        except IntegrityError:
            # The same person in another tab: the unique constraint kept it to one.
            existing = WebinarRegistration.objects.filter(webinar=locked, user=user).first()
            if existing is None:  # pragma: no cover - the conflict was something else
                raise
            return existing, False
        transaction.on_commit(
            partial(
                send_registration_confirmation.enqueue,
                registration_id=registration.pk,
                base_url=base_url,
            )
        )
    return registration, True


def registration_cancel(*, webinar: Webinar, user, now: datetime | None = None) -> bool:
    """Give up ``user``'s seat at ``webinar`` before it starts. Returns whether there was one.

    After the start there is nothing to cancel (attendance and credit may follow), so that
    raises ``ValidationError``.
    """
    now = now or timezone.now()
    with transaction.atomic():
        registration = (
            WebinarRegistration.objects.select_for_update()
            .filter(webinar=webinar, user=user)
            .first()
        )
        if registration is None:
            return False
        if now >= webinar.starts_at:
            raise ValidationError(
                "This webinar has already begun, so the registration can no longer be cancelled.",
                code=STARTED,
            )
        registration.delete()
    return True


# --- Attendance and CE credit ------------------------------------------------------------------


def _ce_activity_fields(webinar: Webinar) -> dict:
    return {
        "title": webinar.title,
        "provider": CE_PROVIDER,
        "completed_on": chicago_time(webinar.starts_at).date(),
        "amount": webinar.contact_hours,
        "unit": CEActivity.Unit.CONTACT_HOURS,
        "category_id": webinar.category_id,
        "format": CEActivity.Format.ONLINE,
        "pace_number": webinar.pace_number,
    }


def registration_mark_attended(*, registration: WebinarRegistration) -> CEActivity | None:
    """Record that the person attended, and add the webinar to their CE tracker.

    Idempotent: a registration already marked attended is left as it is and no second CE
    record is made (so a member who edited or removed the record keeps it that way). The CE
    record is also made at most once per person per webinar (a database constraint), so
    un-marking and marking again reuses the one already there. Returns the person's CE record
    for the webinar, or None when there is none (a webinar worth no contact hours, or a record
    the member removed).
    """
    activity = None
    with transaction.atomic():
        locked = (
            WebinarRegistration.objects.select_for_update(of=("self",))
            .select_related("webinar")
            .get(pk=registration.pk)
        )
        activities = CEActivity.objects.filter(user_id=locked.user_id, webinar_id=locked.webinar_id)
        if locked.attended:
            activity = activities.first()
        else:
            WebinarRegistration.objects.filter(pk=locked.pk).update(attended=True)
            if locked.webinar.contact_hours > 0:
                activity = activities.first() or _ce_activity_create(locked)
    registration.attended = True
    return activity


def _ce_activity_create(registration: WebinarRegistration) -> CEActivity:
    activities = CEActivity.objects.filter(
        user_id=registration.user_id, webinar_id=registration.webinar_id
    )
    try:
        with transaction.atomic():
            return CEActivity.objects.create(
                user_id=registration.user_id,
                webinar_id=registration.webinar_id,
                **_ce_activity_fields(registration.webinar),
            )
    except IntegrityError:  # made at the same moment by another path
        return activities.get()


def registration_unmark_attended(*, registration: WebinarRegistration) -> WebinarRegistration:
    """Take back the attended mark (the certificate stops being available).

    The CE record in the member's tracker is kept: they may have edited it or attached notes.
    Staff remove it under CE activities if it really should go.
    """
    WebinarRegistration.objects.filter(pk=registration.pk).update(attended=False)
    registration.attended = False
    return registration


@dataclass(frozen=True)
class AttendanceProblem:
    line: int
    value: str
    reason: str

    def __str__(self):
        return f"Line {self.line}: {self.reason}"


@dataclass
class AttendanceImport:
    marked: list = field(default_factory=list)  # newly marked attended
    already: list = field(default_factory=list)  # were marked attended before
    problems: list = field(default_factory=list)
    rows: int = 0


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _email_column(cells: list[str]) -> int | None:
    """The column headed like an email address (“Email”, “E-mail”, “Attendee email”), if this
    row is a header."""
    if any("@" in cell for cell in cells):
        return None
    for index, cell in enumerate(cells):
        label = cell.lower().replace("-", "").replace("_", " ")
        if "email" in label:
            return index
    return None


def _attendance_rows(text: str):
    """(line number, email as written) for each non-empty row of an attendee CSV."""
    reader = csv.reader(io.StringIO(text))
    column = None
    first = True
    for cells in reader:
        cells = [cell.strip() for cell in cells]
        if not any(cells):
            continue
        if first:
            first = False
            column = _email_column(cells)
            if column is not None:
                continue
        if column is not None and column < len(cells):
            value = cells[column]
        else:
            value = next((cell for cell in cells if "@" in cell), cells[0])
        yield reader.line_num, value


def attendance_import(*, webinar: Webinar, data: bytes | str) -> AttendanceImport:
    """Mark attended everyone registered for ``webinar`` whose email is in ``data`` (a CSV).

    The email is taken from a column headed “Email” (any case, as attendee reports from video
    meeting tools have it), or else from the first cell holding an ``@``. Matching ignores
    case and also uses the other verified addresses on a person's account. Lines with no
    valid address, an address no account uses, or a person who did not register are reported
    by line number and change nothing; everyone else is marked through
    ``registration_mark_attended`` (so their CE credit is added once).
    """
    result = AttendanceImport()
    rows = []
    for number, value in _attendance_rows(_decode(data)):
        result.rows += 1
        if result.rows > ATTENDANCE_MAX_ROWS:
            raise ValidationError(
                f"The file has more than {ATTENDANCE_MAX_ROWS} rows; split it and upload each part."
            )
        try:
            validate_email(value)
        except ValidationError:
            shown = value[:80] or "(empty)"
            result.problems.append(
                AttendanceProblem(number, value, f"“{shown}” isn’t an email address.")
            )
            continue
        rows.append((number, value, value.lower()))

    wanted = {email for _, _, email in rows}
    user_by_email = {}
    if wanted:
        users = (
            get_user_model()
            .objects.annotate(email_lower=Lower("email"))
            .filter(email_lower__in=wanted)
            .only("pk", "email", "full_name")
        )
        user_by_email = {user.email_lower: user for user in users}
        missing = wanted - user_by_email.keys()
        if missing:
            addresses = (
                EmailAddress.objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=missing, verified=True)
                .select_related("user")
            )
            for address in addresses:
                user_by_email.setdefault(address.email_lower, address.user)

    registrations = {
        r.user_id: r
        for r in WebinarRegistration.objects.filter(
            webinar=webinar, user_id__in=[u.pk for u in user_by_email.values()]
        ).select_related("user")
    }
    done = set()
    for number, value, email in rows:
        user = user_by_email.get(email)
        if user is None:
            result.problems.append(
                AttendanceProblem(number, value, f"No account uses {value}, so nobody was marked.")
            )
            continue
        registration = registrations.get(user.pk)
        if registration is None:
            result.problems.append(
                AttendanceProblem(
                    number,
                    value,
                    f"{user.get_full_name()} ({value}) has an account but didn’t register for "
                    "this webinar, so they weren’t marked. Add a registration for them first if "
                    "they did attend.",
                )
            )
            continue
        if registration.pk in done:
            continue  # listed twice
        done.add(registration.pk)
        if registration.attended:
            result.already.append(registration)
        else:
            registration_mark_attended(registration=registration)
            result.marked.append(registration)
    result.problems.sort(key=lambda problem: problem.line)
    return result


# --- Certificates ------------------------------------------------------------------------------


def normalise_certificate_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def certificate_lookup(*, code: str) -> WebinarRegistration | None:
    """The attended registration a certificate code belongs to, or None."""
    code = normalise_certificate_code(code)
    if not code:
        return None
    return (
        WebinarRegistration.objects.filter(certificate_code=code, attended=True)
        .select_related("webinar", "user")
        .first()
    )


def certificate_name(user) -> str:
    """The name printed on a certificate."""
    return (user.full_name or "").strip() or user.email


def certificate_verify_url(registration: WebinarRegistration, base_url: str | None = None):
    path = reverse("certification:certificate_verify") + f"?code={registration.certificate_code}"
    return absolute_url(path, base_url)


# --- The confirmation email --------------------------------------------------------------------


@task()
def send_registration_confirmation(
    *, registration_id: int, base_url: str | None = None, attempt: int = 1
) -> None:
    """Email a new registration's confirmation with the webinar's calendar file attached.

    ``portal.mail.queue_email`` carries no attachments, so this task builds the whole message
    when it runs. A registration cancelled before the task ran gets no email.
    """
    registration = (
        WebinarRegistration.objects.select_related("webinar__category", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    webinar, user = registration.webinar, registration.user
    page_url = absolute_url(webinar.get_absolute_url(), base_url)
    context = {
        "registration": registration,
        "webinar": webinar,
        "user": user,
        "when": format_when(webinar.starts_at),
        "contact_hours": format_contact_hours(webinar.contact_hours),
        "webinar_url": page_url,
    }
    subject = render_to_string("certification/email/webinar_registered_subject.txt", context)
    body = render_to_string("certification/email/webinar_registered_message.txt", context)
    message = EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.strip().splitlines()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )
    calendar = webinar_calendar(webinar, page_url=page_url, join_url=webinar.join_url)
    message.attach(f"{webinar.slug}.ics", calendar, "text/calendar")
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        retry_or_give_up(
            send_registration_confirmation,
            {"registration_id": registration_id, "base_url": base_url},
            kind="webinar_registered",
            attempt=attempt,
            reason=describe_mail_error(error),
        )
