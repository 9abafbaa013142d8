"""The institutions list: suggestions from the public and staff review of them."""

from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Institution
from portal.mail import absolute_url, send_templated_email

# How many suggestions one address may send in an hour (portal.ratelimit).
SUGGESTIONS_PER_HOUR = 5


def _create_suggestion(
    *,
    name: str,
    city: str,
    state: str,
    year_adopted: int | None,
    note: str,
    suggested_by_name: str,
    suggested_by_email: str,
) -> Institution:
    """A new institution waiting for review, whoever suggested it (never listed straight away).
    The note is cut to the field's length: a staff note is composed, not typed in a form."""
    return Institution.objects.create(
        name=name.strip(),
        city=city.strip(),
        state=state,
        year_adopted=year_adopted,
        note=note.strip()[: Institution._meta.get_field("note").max_length],
        suggested_by_name=suggested_by_name.strip(),
        suggested_by_email=suggested_by_email.strip(),
        status=Institution.Status.SUGGESTED,
    )


def institution_suggest(
    *,
    name: str,
    city: str,
    state: str,
    year_adopted: int | None,
    note: str,
    suggested_by_name: str,
    suggested_by_email: str,
    base_url: str | None = None,
) -> Institution:
    """Save a suggestion from the public, waiting for review (it is never listed straight away),
    and tell the society so staff can check it."""
    institution = _create_suggestion(
        name=name,
        city=city,
        state=state,
        year_adopted=year_adopted,
        note=note,
        suggested_by_name=suggested_by_name,
        suggested_by_email=suggested_by_email,
    )
    already_listed = (
        Institution.objects.listed().same_as(institution.name, institution.state).exists()
    )
    review_path = reverse("admin:advocacy_institution_changelist")
    send_templated_email(
        "advocacy/email/institution_suggested",
        to=settings.SOCIETY_CONTACT_EMAIL,
        context={
            "institution": institution,
            "already_listed": already_listed,
            "change_url": absolute_url(
                reverse("admin:advocacy_institution_change", args=[institution.pk]), base_url
            ),
            "waiting_url": absolute_url(
                f"{review_path}?status={Institution.Status.SUGGESTED}", base_url
            ),
            "waiting_count": Institution.objects.awaiting_review().count(),
        },
        reply_to=[institution.suggested_by_email] if institution.suggested_by_email else None,
    )
    return institution


def institution_review(*, institutions, status: str, now=None) -> int:
    """Put the given institutions on the public list (``Institution.Status.LISTED``) or decline
    them (``DECLINED``), noting when. Returns how many changed."""
    if status not in {Institution.Status.LISTED, Institution.Status.DECLINED}:
        raise ValueError(f"A review lists or declines; {status!r} is neither.")
    return institutions.exclude(status=status).update(
        status=status, reviewed_at=now or timezone.now()
    )


def institution_suggest_by_staff(
    *,
    name: str,
    city: str,
    state: str,
    year_adopted: int | None,
    note: str,
    by,
) -> tuple[Institution, bool]:
    """A suggestion made by a staff member (the Career Center's moderators suggest employers
    whose job posts switched to the standard title). It waits for review like any other and is
    never listed straight away.

    Idempotent: an institution of that name in that state already on the tracker (waiting,
    listed or declined) is returned unchanged with ``False``; staff have already decided, or
    will. The admin's history of the new institution names who suggested it."""
    existing = Institution.objects.same_as(name, state).order_by("pk").first()
    if existing is not None:
        return existing, False
    institution = _create_suggestion(
        name=name,
        city=city,
        state=state,
        year_adopted=year_adopted,
        note=note,
        suggested_by_name=by.get_full_name() or by.email,
        suggested_by_email=by.email,
    )
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[institution],
        action_flag=ADDITION,
        change_message=f"Suggested from the Career Center: {note.strip()}"[:1000],
        single_object=True,
    )
    return institution, True
