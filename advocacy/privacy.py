"""What I AM MLS holds about a person, for their data download, account deletion and the
retention rule for pledges nobody confirmed (the rules are described in portal/privacy.py).

A pledge is the person's if it is linked to their account or was made with one of their verified
addresses. It goes with the account, and so does its audit trail, which copies the name.
"""

from datetime import timedelta

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from advocacy.models import Institution, Pledge
from portal.privacy import UNCONFIRMED_PLEDGE_DAYS


def _pledges(user, emails):
    return Pledge.objects.annotate(email_lower=Lower("email")).filter(
        Q(user=user) | Q(email_lower__in=sorted(emails))
    )


def _suggestions(emails):
    return Institution.objects.annotate(email_lower=Lower("suggested_by_email")).filter(
        email_lower__in=sorted(emails)
    )


def _delete_with_history(pledges) -> int:
    ids = list(pledges.values_list("pk", flat=True))
    if not ids:
        return 0
    # Deleting writes one last history row per pledge, so the trail is purged afterwards.
    Pledge.objects.filter(pk__in=ids).delete()
    Pledge.history.filter(id__in=ids).delete()
    return len(ids)


def export(user, *, emails):
    # The token is the secret in the confirm and withdraw links: never exported.
    return {
        "pledges": [
            {
                "full_name": pledge.full_name,
                "email": pledge.email,
                "credential": pledge.get_credential_display(),
                "all_credentials": pledge.other_credentials,
                "job_title": pledge.job_title,
                "institution": pledge.institution,
                "city": pledge.city,
                "state": pledge.state,
                "show_name_publicly": pledge.show_publicly,
                "campaign_emails": pledge.campaign_emails,
                "submitted_at": pledge.created_at,
                "confirmed_at": pledge.confirmed_at,
            }
            for pledge in _pledges(user, emails)
        ],
        "institution_suggestions": [
            {
                "institution": suggestion.name,
                "city": suggestion.city,
                "state": suggestion.state,
                "year_adopted": suggestion.year_adopted,
                "note": suggestion.note,
                "your_name": suggestion.suggested_by_name,
                "your_email": suggestion.suggested_by_email,
                "status": suggestion.get_status_display(),
                "suggested_at": suggestion.created_at,
            }
            for suggestion in _suggestions(emails)
        ],
    }


def erase(user, *, emails):
    # A suggested institution is about the institution: it stays, without who suggested it.
    anonymized = _suggestions(emails).update(suggested_by_name="", suggested_by_email="")
    return {
        "pledges": _delete_with_history(_pledges(user, emails)),
        "institution suggestions anonymized": anonymized,
    }


def expire(*, now, dry_run=False):
    cutoff = now - timedelta(days=UNCONFIRMED_PLEDGE_DAYS)
    stale = Pledge.objects.pending().filter(created_at__lt=cutoff).order_by("created_at", "pk")
    described = [
        f"pledge {pk}, submitted {timezone.localdate(created):%Y-%m-%d}"
        for pk, created in stale.values_list("pk", "created_at")
    ]
    if not dry_run:
        _delete_with_history(stale)
    return {"unconfirmed pledges": described}
