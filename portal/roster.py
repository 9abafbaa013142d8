"""Importing the national ASCLS roster: the file staff upload in the admin.

The import is all or nothing: every row is checked first, and one bad row means nothing is
written and every problem is reported with its line number. Rows are matched by member ID, so
importing the same file again changes nothing.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from portal.models import Membership, MembershipCategory, RosterImport, User

COLUMNS = {
    "member_id": "member ID",
    "first_name": "first name",
    "last_name": "last name",
    "email": "email",
    "category": "category",
    "expiry_date": "expiry date",
}
HEADER_ALIASES = {
    "memberid": "member_id",
    "member_number": "member_id",
    "id": "member_id",
    "firstname": "first_name",
    "lastname": "last_name",
    "email_address": "email",
    "e_mail": "email",
    "membership_category": "category",
    "expiry": "expiry_date",
    "expires": "expiry_date",
    "expiration_date": "expiry_date",
    "expiration": "expiry_date",
}
DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y")


@dataclass
class RosterRow:
    line: int
    member_id: str
    first_name: str
    last_name: str
    email: str
    category: MembershipCategory
    expiry_date: date


class RosterError(Exception):
    """The file cannot be imported; ``problems`` lists every reason, one line each."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def _column_key(header: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")
    return HEADER_ALIASES.get(key, key)


def _parse_date(value: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _decode(data: bytes) -> str:
    limit = settings.ROSTER_MAX_BYTES
    if len(data) > limit:
        raise RosterError(
            [
                f"The file is {len(data) / 1024 / 1024:.1f} MB; the largest roster accepted is "
                f"{limit // 1024 // 1024} MB. Split it into smaller files and import each."
            ]
        )
    if not data.strip():
        raise RosterError(["The file is empty."])
    if b"\x00" in data:
        raise RosterError(
            [
                "This is not a CSV file. Export the roster from your spreadsheet as CSV "
                "and try again."
            ]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RosterError(
            [
                f"The file is not UTF-8 text (unreadable byte at position {exc.start}). In your "
                'spreadsheet choose "Save as: CSV UTF-8" and upload it again.'
            ]
        ) from None


def parse_roster(data: bytes) -> list[RosterRow]:
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error:
        raise RosterError(["This is not a CSV file that can be read."]) from None
    keys = [_column_key(h) for h in header]
    missing = [label for key, label in COLUMNS.items() if key not in keys]
    if missing:
        raise RosterError(
            [
                "Line 1: the header is missing the column(s) "
                + ", ".join(f'"{m}"' for m in missing)
                + ". The roster needs: "
                + ", ".join(COLUMNS.values())
                + "."
            ]
        )
    position = {key: keys.index(key) for key in COLUMNS}
    categories = {c.name.lower(): c for c in MembershipCategory.objects.all()}

    rows, problems, seen = [], [], {}
    try:
        records = list(reader)
    except csv.Error as exc:
        raise RosterError([f"Line {reader.line_num}: the CSV cannot be read ({exc})."]) from None
    line = 1
    for record in records:
        line += 1
        if not any(cell.strip() for cell in record):
            continue
        if len(record) < len(header):
            problems.append(f"Line {line}: expected {len(header)} columns, found {len(record)}.")
            continue
        value = {key: record[index].strip() for key, index in position.items()}
        row_problems = []
        for key in ("member_id", "first_name", "last_name", "email"):
            if not value[key]:
                row_problems.append(f"{COLUMNS[key]} is empty")
        if value["member_id"]:
            if value["member_id"] in seen:
                row_problems.append(
                    f'member ID "{value["member_id"]}" already appears on line '
                    f"{seen[value['member_id']]}"
                )
            else:
                seen[value["member_id"]] = line
        if value["email"]:
            try:
                validate_email(value["email"])
            except ValidationError:
                row_problems.append(f'"{value["email"]}" is not an email address')
        category = categories.get(value["category"].lower())
        if category is None:
            known = ", ".join(c.name for c in categories.values()) or "none defined yet"
            row_problems.append(f'unknown category "{value["category"]}" (known: {known})')
        expiry = _parse_date(value["expiry_date"])
        if expiry is None:
            row_problems.append(
                f'expiry date "{value["expiry_date"]}" is not a date (use YYYY-MM-DD or MM/DD/YYYY)'
            )
        if row_problems:
            problems.append(f"Line {line}: " + "; ".join(row_problems) + ".")
            continue
        rows.append(
            RosterRow(
                line=line,
                member_id=value["member_id"],
                first_name=value["first_name"],
                last_name=value["last_name"],
                email=value["email"].lower(),
                category=category,
                expiry_date=expiry,
            )
        )
    if problems:
        raise RosterError(problems)
    if not rows:
        raise RosterError(["The file has a header but no member rows."])
    return rows


UPDATABLE_FIELDS = ("first_name", "last_name", "email", "category_id", "expiry_date")


@transaction.atomic
def roster_import(*, data: bytes, file_name: str, imported_by) -> RosterImport:
    """Create or update memberships from a roster file and link them to accounts by email.

    Raises RosterError (and writes nothing) when any row is bad.
    """
    rows = parse_roster(data)
    existing = {
        m.member_id: m for m in Membership.objects.filter(member_id__in=[r.member_id for r in rows])
    }
    to_create, to_update, unchanged = [], [], 0
    for row in rows:
        wanted = {
            "first_name": row.first_name,
            "last_name": row.last_name,
            "email": row.email,
            "category_id": row.category.pk,
            "expiry_date": row.expiry_date,
        }
        membership = existing.get(row.member_id)
        if membership is None:
            to_create.append(
                Membership(member_id=row.member_id, start_date=timezone.localdate(), **wanted)
            )
        elif any(getattr(membership, f) != v for f, v in wanted.items()):
            for field, value in wanted.items():
                setattr(membership, field, value)
            membership.updated_at = timezone.now()
            to_update.append(membership)
        else:
            unchanged += 1
    # Each membership's history names the person who imported the file, and the file.
    audit = {
        "default_user": imported_by,
        "default_change_reason": f"Roster import {file_name}"[:100],
    }
    bulk_create_with_history(to_create, Membership, batch_size=500, **audit)
    bulk_update_with_history(
        to_update, Membership, [*UPDATABLE_FIELDS, "updated_at"], batch_size=500, **audit
    )

    linked = _link_accounts({r.email for r in rows}, audit=audit)
    return RosterImport.objects.create(
        file_name=file_name[:255],
        imported_by=imported_by,
        rows=len(rows),
        created=len(to_create),
        updated=len(to_update),
        unchanged=unchanged,
        linked=linked,
    )


def _link_accounts(emails: set[str], *, audit: dict) -> int:
    users = {
        u.email_lower: u.pk
        for u in User.objects.annotate(email_lower=Lower("email")).filter(email_lower__in=emails)
    }
    memberships = list(Membership.objects.unlinked_for_emails(users.keys()))
    for membership in memberships:
        membership.user_id = users[membership.email.lower()]
    bulk_update_with_history(memberships, Membership, ["user"], batch_size=500, **audit)
    return len(memberships)
