"""What Certification & CE holds about a person, for their data download and account deletion
(the rules are described in portal/privacy.py). Everything here is the person's own record and
goes with their account."""

from pathlib import PurePath

from django.utils.text import slugify

from certification.models import CEActivity, CredentialHolding, WebinarRegistration
from portal.files import delete_file_after_commit


def _activities(user):
    return CEActivity.objects.filter(user=user).select_related("category", "webinar")


def export(user, *, emails):
    return {
        "credentials": [
            {
                "credential": holding.credential.name,
                "title": holding.credential.title,
                "certifying_body": holding.credential.body.name,
                "cycle_end": holding.cycle_end,
                "no_reminder_emails": holding.reminders_opt_out,
                "added_at": holding.created_at,
            }
            for holding in CredentialHolding.objects.filter(user=user).select_related(
                "credential__body"
            )
        ],
        "ce_activities": [
            {
                "title": activity.title,
                "provider": activity.provider,
                "completed_on": activity.completed_on,
                "amount": activity.amount,
                "unit": activity.get_unit_display(),
                "category": activity.category.name,
                "format": activity.get_format_display(),
                "pace_number": activity.pace_number,
                "notes": activity.notes,
                "certificate_in_zip": _certificate_path(activity) if activity.certificate else "",
                "webinar": activity.webinar.title if activity.webinar else "",
                "created_at": activity.created_at,
            }
            for activity in _activities(user)
        ],
        "webinar_registrations": [
            {
                "webinar": registration.webinar.title,
                "starts_at": registration.webinar.starts_at,
                "registered_at": registration.registered_at,
                "attended": registration.attended,
                "certificate_code": registration.certificate_code,
            }
            for registration in WebinarRegistration.objects.filter(user=user).select_related(
                "webinar"
            )
        ],
    }


def _certificate_path(activity) -> str:
    # Stored names are generated; the zip names the file after the activity instead.
    suffix = PurePath(activity.certificate.name).suffix.lower()
    title = slugify(activity.title)[:60] or "certificate"
    return f"ce-certificates/{activity.completed_on:%Y-%m-%d}-{title}{suffix}"


def files(user, *, emails):
    for activity in _activities(user).exclude(certificate=""):
        yield _certificate_path(activity), activity.certificate


def erase(user, *, emails):
    activities = CEActivity.objects.filter(user=user)
    storage = CEActivity._meta.get_field("certificate").storage
    for name in activities.exclude(certificate="").values_list("certificate", flat=True):
        delete_file_after_commit(storage, name)
    # The rows themselves go with the account (they cascade).
    return {
        "credentials": CredentialHolding.objects.filter(user=user).count(),
        "CE activities": activities.count(),
        "CE certificates": activities.exclude(certificate="").count(),
        "webinar registrations": WebinarRegistration.objects.filter(user=user).count(),
    }
