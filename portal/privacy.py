"""A person's own data: what they can download, what goes when they delete their account, what
is kept anonymized, and how long unconfirmed records are kept (the retention rules).

The portal imports no app by name. Each app that holds personal data ships ``<app>/privacy.py``
(found through ``portal.contributions.app_modules``) with:

- ``export(user, *, emails) -> dict``: the person's records, as plain JSON-ready values. Never
  another person's data (an employer's private notes, staff notes) and never a secret token.
- ``files(user, *, emails) -> iterable of (path in the zip, FieldFile)``: the person's own files.
- ``erase(user, *, emails) -> dict[str, int]``: called inside the deletion's transaction, just
  before the account row goes. Deletes (or anonymizes) what the account's cascade would not, and
  removes stored files once the transaction commits. Returns counts, never names.
- ``expire(*, now, dry_run) -> dict[str, list[str]]`` (optional): records past their retention
  period, described without personal data; deleted unless ``dry_run``.

``emails`` is the set of the person's *verified* addresses, lower-cased: records made with an
address count as theirs (a pledge signed before they had an account) only once they proved
they own it.
"""

import json
import logging
import shutil
import zipfile
from datetime import timedelta
from pathlib import PurePath
from tempfile import SpooledTemporaryFile

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from portal.contributions import app_modules
from portal.mail import send_templated_email
from portal.models import AccountDeletion, User

logger = logging.getLogger(__name__)

# Retention: a pledge nobody confirmed is kept this long, then deleted with its audit trail.
UNCONFIRMED_PLEDGE_DAYS = 30
# An account whose address was never confirmed (so it never logged in) is deleted after this.
UNVERIFIED_ACCOUNT_DAYS = 14

# The zip stays in memory up to this size, then moves to a temporary file on disk.
ZIP_SPOOL_BYTES = 8 * 1024 * 1024


def _modules(hook: str):
    for module in app_modules("privacy"):
        if hasattr(module, hook):
            yield module.__name__.split(".")[0], getattr(module, hook)


def verified_emails(user) -> set[str]:
    """The addresses ``user`` proved they own, lower-cased."""
    return {
        email.lower()
        for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    }


# --- Download ---------------------------------------------------------------------------------


def account_export(user, *, now=None) -> dict:
    """Everything the portal holds about ``user``, as one JSON-ready dictionary."""
    now = now or timezone.now()
    addresses = list(EmailAddress.objects.filter(user=user).order_by("-primary", "email"))
    emails = {a.email.lower() for a in addresses if a.verified}
    memberships = user.memberships.select_related("category").order_by("-expiry_date")
    data = {
        "about": (
            "Everything the ASCLS-Illinois Laboratory Professionals Portal holds about you, "
            "downloaded from My account. Your files (resumes, CE certificates) are in the zip "
            "download on the same page."
        ),
        "exported_at": now,
        "profile": {
            "full_name": user.full_name,
            "email": user.email,
            "credentials": user.credentials,
            "employer": user.employer,
            "city": user.city,
            "state": user.state,
            "joined": user.date_joined,
            "last_login": user.last_login,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary} for a in addresses
        ],
        "memberships": [
            {
                "member_id": m.member_id,
                "first_name": m.first_name,
                "last_name": m.last_name,
                "email": m.email,
                "category": m.category.name,
                "start_date": m.start_date,
                "expiry_date": m.expiry_date,
                "active": m.expiry_date >= timezone.localdate(now),
            }
            for m in memberships
        ],
    }
    for app, export in _modules("export"):
        data[app] = export(user, emails=emails)
    return data


def export_json(data: dict) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()


def export_filename(suffix: str, *, now=None) -> str:
    return f"ascls-illinois-my-data-{timezone.localdate(now):%Y-%m-%d}.{suffix}"


def _unique(path: str, taken: set[str]) -> str:
    candidate, n = path, 1
    while candidate.lower() in taken:
        n += 1
        pure = PurePath(path)
        candidate = str(pure.with_name(f"{pure.stem} ({n}){pure.suffix}"))
    taken.add(candidate.lower())
    return candidate


def account_files_zip(user, *, now=None) -> SpooledTemporaryFile:
    """A zip of ``user``'s files plus ``data.json``, in a temporary file rewound for reading.

    Files are copied in chunks, so a member with many large resumes never fills the memory.
    """
    emails = verified_emails(user)
    # Returned open: the response streams it, then closes it.
    spool = SpooledTemporaryFile(max_size=ZIP_SPOOL_BYTES)  # noqa: SIM115
    taken = {"data.json", "missing-files.txt"}
    missing = []
    with zipfile.ZipFile(spool, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", export_json(account_export(user, now=now)))
        for _app, files in _modules("files"):
            for path, field_file in files(user, emails=emails):
                if not field_file or not field_file.storage.exists(field_file.name):
                    missing.append(path)
                    continue
                with (
                    field_file.open("rb") as source,
                    archive.open(_unique(path, taken), "w", force_zip64=True) as target,
                ):
                    shutil.copyfileobj(source, target, 1024 * 1024)
        if missing:
            archive.writestr(
                "missing-files.txt",
                "These files are listed in your data but could no longer be found:\n"
                + "\n".join(missing)
                + "\n",
            )
    spool.seek(0)
    return spool


# --- Deletion ---------------------------------------------------------------------------------


def deletion_refused_reason(user) -> str:
    """Why ``user`` may not delete their own account here, or "" when they may."""
    if user.is_superuser:
        return (
            "You are a site administrator. So that the portal is never left without one, "
            "another administrator must remove your account in the admin."
        )
    return ""


def account_delete(
    *, user, reason: str = AccountDeletion.Reason.REQUEST, notify: bool = True
) -> AccountDeletion:
    """Delete ``user``'s account and their personal data, keep anonymized what others rely on
    (applications employers received, the national roster's membership record), and record
    that it happened with counts only.

    With ``notify``, a confirmation goes to their address once the deletion has committed.
    """
    if deletion_refused_reason(user):
        raise PermissionError(deletion_refused_reason(user))
    user_pk = user.pk
    with transaction.atomic():
        emails = verified_emails(user)
        if notify:
            # Queued now, sent after commit: the address must be read before the row goes.
            send_templated_email(
                "portal/email/account_deleted",
                to=user.email,
                context={
                    "name": user.get_short_name(),
                    "contact_email": settings.SOCIETY_CONTACT_EMAIL,
                },
            )
        counts = {
            "portal": {
                "email addresses": EmailAddress.objects.filter(user=user).count(),
                "memberships unlinked (kept for the national roster)": user.memberships.count(),
            }
        }
        for app, erase in _modules("erase"):
            counts[app] = erase(user, emails=emails)
        user.delete()
        record = AccountDeletion.objects.create(reason=reason, counts=counts)
    # The user id alone: enough to match a support request, nothing that names the person.
    logger.info("Account %s deleted (%s): %s", user_pk, reason, json.dumps(counts))
    return record


# --- Retention --------------------------------------------------------------------------------


def unverified_accounts(now=None):
    """Accounts never confirmed: no verified address, never logged in, not staff, and older
    than UNVERIFIED_ACCOUNT_DAYS."""
    now = now or timezone.now()
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return (
        User.objects.filter(
            last_login__isnull=True,
            is_staff=False,
            is_superuser=False,
            date_joined__lt=now - timedelta(days=UNVERIFIED_ACCOUNT_DAYS),
        )
        .exclude(Exists(verified))
        .order_by("pk")
    )


def apply_retention(*, now=None, dry_run: bool = False) -> dict[str, list[str]]:
    """Delete what is kept past its retention period. Returns, per kind, a description of each
    record (ids and dates, no names)."""
    now = now or timezone.now()
    outcome = {}
    for _app, expire in _modules("expire"):
        outcome.update(expire(now=now, dry_run=dry_run))
    accounts = list(unverified_accounts(now))
    outcome["unconfirmed accounts"] = [
        f"account {user.pk}, signed up {timezone.localdate(user.date_joined):%Y-%m-%d}"
        for user in accounts
    ]
    if not dry_run:
        for user in accounts:
            account_delete(user=user, reason=AccountDeletion.Reason.RETENTION, notify=False)
    return outcome
