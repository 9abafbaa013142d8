"""schema.org Event data for search engines, from a webinar."""

from html import unescape

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags


def _plain_text(html: str) -> str:
    return " ".join(unescape(strip_tags(html)).split())


def _local_iso(moment) -> str:
    """ISO 8601 in the society's time zone, with its UTC offset (2026-03-12T18:00:00-05:00)."""
    return timezone.localtime(moment).replace(microsecond=0).isoformat()


def webinar_event(webinar, request) -> dict:
    """An online Event whose location is the webinar's page on the portal. The join link is for
    registered members only and never goes in here."""
    page_url = request.build_absolute_uri(webinar.get_absolute_url())
    description = _plain_text(webinar.description) or (
        f"A {settings.SOCIETY_NAME} webinar with {webinar.presenter}."
    )
    return {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": webinar.title,
        "description": description,
        "startDate": _local_iso(webinar.starts_at),
        "endDate": _local_iso(webinar.ends_at),
        "eventAttendanceMode": "https://schema.org/OnlineEventAttendanceMode",
        "eventStatus": "https://schema.org/EventScheduled",
        "location": {"@type": "VirtualLocation", "url": page_url},
        "organizer": {
            "@type": "Organization",
            "name": settings.SOCIETY_NAME,
            "url": request.build_absolute_uri(reverse("home")),
        },
        "performer": {"@type": "Person", "name": webinar.presenter},
        "url": page_url,
    }
