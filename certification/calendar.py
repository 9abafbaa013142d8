"""A webinar as an iCalendar file (RFC 5545) that any calendar program can add.

The public file (the “Add to calendar” link) never carries the join link; the copy attached to a
registered member's confirmation email may (``join_url``).
"""

from datetime import UTC, datetime
from decimal import Decimal
from html import unescape
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator

PRODUCT_ID = "-//ASCLS-Illinois//Laboratory Professionals Portal//EN"
DESCRIPTION_WORDS = 120
# The society schedules its webinars on Illinois clocks and names the zone when it shows a time.
CHICAGO = ZoneInfo("America/Chicago")


def chicago_time(value: datetime) -> datetime:
    return timezone.localtime(value, CHICAGO)


def format_when(value: datetime) -> str:
    """“Thursday 15 January 2026, 7:00 PM CT”: the date and time people read, zone named."""
    local = chicago_time(value)
    return f"{formats.date_format(local, 'l j F Y')}, {formats.date_format(local, 'g:i A')} CT"


def format_day(value: datetime) -> str:
    """“15 January 2026”, the day on Illinois clocks."""
    return formats.date_format(chicago_time(value), "j F Y")


def format_hours(value) -> str:
    """1 → “1”, 1.50 → “1.5”: contact hours without trailing zeros."""
    text = f"{Decimal(value):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def format_contact_hours(value) -> str:
    hours = format_hours(value)
    return f"{hours} contact hour{'' if hours == '1' else 's'}"


def _utc(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _escape(text: str) -> str:
    """TEXT values: backslash, semicolon, comma and line breaks escaped (RFC 5545 3.3.11)."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1),
    never splitting a UTF-8 character."""
    parts, current, size, limit = [], "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append(current)
            current, size, limit = "", 0, 74
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def plain_text(html: str) -> str:
    """Rich text as one paragraph of plain words."""
    return " ".join(unescape(strip_tags(html or "")).split())


def calendar_uid(webinar, page_url: str) -> str:
    host = urlsplit(page_url).hostname or "localhost"
    return f"webinar-{webinar.pk}@{host}"


def webinar_calendar(webinar, *, page_url: str, join_url: str = "", now=None) -> str:
    """The iCalendar text for ``webinar``: one VEVENT with a stable UID (so a second download
    updates the same event), start and end in UTC, the title, the page's address and a short
    description. ``join_url`` is included only when given."""
    now = now or timezone.now()
    details = [
        f"Presented by {webinar.presenter}.",
        f"{format_when(webinar.starts_at)}, {webinar.duration_minutes} minutes.",
        f"{format_contact_hours(webinar.contact_hours)} of CE credit"
        f" ({webinar.category.name}, {webinar.get_level_display().lower()} level).",
    ]
    if webinar.pace_number:
        details.append(f"P.A.C.E. program number {webinar.pace_number}.")
    summary = Truncator(plain_text(webinar.description)).words(DESCRIPTION_WORDS)
    if summary:
        details.append("")
        details.append(summary)
    details.append("")
    if join_url:
        details.append(f"Join the webinar: {join_url}")
    else:
        details.append("Registered members find the join link on the webinar page.")
    details.append(f"Webinar page: {page_url}")

    organizer = settings.SOCIETY_NAME.replace('"', "")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{calendar_uid(webinar, page_url)}",
        f"DTSTAMP:{_utc(now)}",
        f"DTSTART:{_utc(webinar.starts_at)}",
        f"DTEND:{_utc(webinar.ends_at)}",
        f"SUMMARY:{_escape(webinar.title)}",
        f"DESCRIPTION:{_escape(chr(10).join(details))}",
        f"LOCATION:{_escape(join_url or 'Online')}",
        f"URL:{page_url}",
        f'ORGANIZER;CN="{organizer}":mailto:{settings.SOCIETY_CONTACT_EMAIL}',
        "STATUS:CONFIRMED",
        "TRANSP:OPAQUE",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
