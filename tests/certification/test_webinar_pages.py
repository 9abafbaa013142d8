"""The webinar list, the webinar page and its calendar file, as visitors, members and staff
see them."""

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certification.services.webinars import past_webinars, upcoming_webinars
from tests.certification.factories_webinars import (
    CECategoryFactory,
    WebinarFactory,
    WebinarRegistrationFactory,
)

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
LIST = reverse("certification:webinar_list")
JOIN = "https://meet.example.org/j/8675309?pwd=secret"


def chicago(*args):
    return datetime(*args, tzinfo=CHICAGO)


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def html_of(response):
    return response.content.decode()


def unfolded(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")


# --- The list ---------------------------------------------------------------------------------


def test_upcoming_soonest_first_and_past_most_recent_first(client):
    later = WebinarFactory(title="Later: molecular panels", starts_at=chicago(2030, 2, 14, 19))
    sooner = WebinarFactory(title="Sooner: blood bank puzzles", starts_at=chicago(2030, 1, 17, 19))
    older = WebinarFactory(title="Older: urinalysis", starts_at=ago(days=60))
    recent = WebinarFactory(title="Recent: lab safety", starts_at=ago(days=5))
    WebinarFactory(title="Draft: not ready", is_published=False)

    assert list(upcoming_webinars()) == [sooner, later]
    assert list(past_webinars()) == [recent, older]
    html = html_of(client.get(LIST))

    coming, past = html.split('id="past-title"')
    assert coming.index("Sooner: blood bank puzzles") < coming.index("Later: molecular panels")
    assert past.index("Recent: lab safety") < past.index("Older: urinalysis")
    assert "Draft: not ready" not in html
    assert "Thursday 17 January 2030, 7:00 PM CT" in html


def test_times_are_shown_on_chicago_clocks_in_summer_too(client):
    WebinarFactory(title="Summer session", starts_at=chicago(2030, 7, 18, 19))

    html = html_of(client.get(LIST))

    assert "Thursday 18 July 2030, 7:00 PM CT" in html
    assert 'datetime="2030-07-18T19:00:00-05:00"' in html


def test_past_webinars_are_paginated_by_twenty_and_upcoming_shown_on_the_first_page(client):
    WebinarFactory(title="Next month’s webinar")
    for n in range(25):
        WebinarFactory(title=f"Archive {n:02d}", starts_at=ago(days=10 + n))

    first = html_of(client.get(LIST))
    second = html_of(client.get(LIST, {"page": 2}))

    assert "Archive 00" in first and "Archive 19" in first and "Archive 20" not in first
    assert "Page 1 of 2" in first
    assert "Archive 20" in second and "Archive 24" in second and "Archive 00" not in second
    assert "Next month’s webinar" in first and "Next month’s webinar" not in second


def test_empty_calendar_says_so(client):
    html = html_of(client.get(LIST))
    assert "There are no webinars on the calendar right now." in html


def test_list_shows_seats_and_what_the_member_registered_for(client, member):
    full = WebinarFactory(title="Tiny room", capacity=1)
    WebinarRegistrationFactory(webinar=full)
    mine = WebinarFactory(title="My pick", capacity=50)
    WebinarRegistrationFactory(webinar=mine, user=member)
    attended = WebinarFactory(title="Last month", starts_at=ago(days=30))
    registration = WebinarRegistrationFactory(webinar=attended, user=member, attended=True)
    client.force_login(member)

    html = html_of(client.get(LIST))

    assert "Fully booked" in html
    assert "49 seats left" in html
    assert "You’re registered" in html
    assert "You attended" in html
    assert reverse("certification:certificate_download", args=[registration.pk]) in html
    assert "As a member you register for free." in html


def _count_list_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(LIST).status_code == 200
    return len(queries)


def _make_webinars(count, member):
    category = CECategoryFactory()
    for n in range(count):
        upcoming = WebinarFactory(
            category=category, starts_at=timezone.now() + timedelta(days=n + 1)
        )
        past = WebinarFactory(
            category=CECategoryFactory(name=f"Category {n}"),
            starts_at=ago(days=n + 1),
            recording_url="https://video.example.org/rec",
        )
        WebinarRegistrationFactory(webinar=upcoming, user=member)
        WebinarRegistrationFactory(webinar=past, user=member, attended=True)
        WebinarRegistrationFactory(webinar=past)


def test_list_query_count_does_not_grow_with_the_number_of_webinars(client, member):
    client.force_login(member)
    _make_webinars(3, member)
    few = _count_list_queries(client)

    _make_webinars(27, member)
    many = _count_list_queries(client)

    assert few == many
    assert many <= 7


def test_list_query_count_for_anonymous_visitors_is_small(client, django_assert_max_num_queries):
    for n in range(30):
        WebinarFactory(starts_at=timezone.now() + timedelta(days=n + 1))
        WebinarFactory(starts_at=ago(days=n + 1))
    with django_assert_max_num_queries(3):
        client.get(LIST)


# --- The webinar page -------------------------------------------------------------------------


def test_webinar_page_shows_everything_someone_deciding_needs(client):
    webinar = WebinarFactory(
        title="Platelet disorders",
        presenter="Dr. Amara Osei",
        description="<p>From ITP to HIT.</p><script>alert(1)</script>",
        starts_at=chicago(2030, 1, 17, 19),
        duration_minutes=75,
        contact_hours=Decimal("1.50"),
        category=CECategoryFactory(name="Hematology/coagulation"),
        level="advanced",
        pace_number="519-123-30",
        capacity=40,
    )
    WebinarRegistrationFactory(webinar=webinar)

    html = html_of(client.get(webinar.get_absolute_url()))

    for text in (
        "Platelet disorders",
        "Dr. Amara Osei",
        "From ITP to HIT.",
        "Thursday 17 January 2030, 7:00 PM CT",
        "75 minutes",
        "1.5 contact hours",
        "Hematology/coagulation",
        "Advanced",
        "519-123-30",
        "39 of 40",
    ):
        assert text in html, text
    assert "<script>alert(1)" not in html
    assert reverse("certification:webinar_ics", args=[webinar.slug]) in html


def test_anonymous_visitor_sees_what_membership_gives_and_a_log_in_link(client):
    webinar = WebinarFactory()

    html = html_of(client.get(webinar.get_absolute_url()))

    assert "Webinars are free for ASCLS members" in html
    assert f'href="/accounts/login/?next={webinar.get_absolute_url()}"' in html
    assert 'href="/membership/"' in html
    assert reverse("certification:webinar_register", args=[webinar.slug]) not in html


@pytest.mark.parametrize(
    ("person", "text"),
    [
        ("non_member", "We don’t have a membership on record for visitor@example.com."),
        ("expired_member", "Your ASCLS membership ended on"),
    ],
)
def test_people_without_an_active_membership_are_shown_how_to_get_one(
    client, request, person, text
):
    webinar = WebinarFactory()
    client.force_login(request.getfixturevalue(person))

    html = html_of(client.get(webinar.get_absolute_url()))

    assert text in html
    assert 'href="/membership/"' in html
    assert reverse("certification:webinar_register", args=[webinar.slug]) not in html


def test_member_sees_a_one_click_register_button(client, member):
    webinar = WebinarFactory()
    client.force_login(member)

    html = html_of(client.get(webinar.get_absolute_url()))

    assert f'action="{reverse("certification:webinar_register", args=[webinar.slug])}"' in html
    assert "Register for free" in html


def test_join_link_only_for_registered_members_and_staff(client, member, staff_user):
    webinar = WebinarFactory(join_url=JOIN)

    client.force_login(member)
    unregistered_html = html_of(client.get(webinar.get_absolute_url()))
    WebinarRegistrationFactory(webinar=webinar, user=member)
    registered_html = html_of(client.get(webinar.get_absolute_url()))
    client.force_login(staff_user)
    staff_html = html_of(client.get(webinar.get_absolute_url()))
    client.logout()
    anonymous_html = html_of(client.get(webinar.get_absolute_url()))

    assert "meet.example.org" not in unregistered_html
    assert "meet.example.org" not in anonymous_html
    assert f'href="{JOIN}"' in registered_html
    assert "Join the webinar" in registered_html
    assert "meet.example.org" in staff_html


def test_join_link_hidden_from_a_registered_person_whose_membership_lapsed(client, expired_member):
    webinar = WebinarFactory(join_url=JOIN)
    WebinarRegistrationFactory(webinar=webinar, user=expired_member)
    client.force_login(expired_member)

    html = html_of(client.get(webinar.get_absolute_url()))

    assert "meet.example.org" not in html
    assert "Your membership has ended since you registered" in html


def test_recording_of_a_past_webinar_is_for_members_only(
    client, member, non_member, expired_member
):
    webinar = WebinarFactory(starts_at=ago(days=7), recording_url="https://video.example.org/r/42")

    client.force_login(member)
    member_html = html_of(client.get(webinar.get_absolute_url()))
    assert 'href="https://video.example.org/r/42"' in member_html
    assert "Watch the recording" in member_html

    for person in (non_member, expired_member, None):
        if person:
            client.force_login(person)
        else:
            client.logout()
        html = html_of(client.get(webinar.get_absolute_url()))
        assert "video.example.org" not in html
        assert "A recording of this webinar is available to ASCLS members." in html


def test_past_webinar_says_registration_is_over(client, member):
    webinar = WebinarFactory(starts_at=ago(days=3), join_url=JOIN)
    client.force_login(member)

    html = html_of(client.get(webinar.get_absolute_url()))

    assert "This webinar has taken place, so registration is closed." in html
    assert "meet.example.org" not in html


def test_a_webinar_not_yet_published_is_only_for_staff(client, member, staff_user):
    webinar = WebinarFactory(is_published=False)

    client.force_login(member)
    assert client.get(webinar.get_absolute_url()).status_code == 404
    assert client.get(reverse("certification:webinar_ics", args=[webinar.slug])).status_code == 404
    client.force_login(staff_user)
    html = html_of(client.get(webinar.get_absolute_url()))
    assert "only staff can see this page" in html


# --- Add to calendar --------------------------------------------------------------------------


def test_calendar_file_is_a_valid_event_without_the_join_link(client, member):
    webinar = WebinarFactory(
        title="Sepsis; lactate, and you",
        starts_at=chicago(2030, 1, 17, 19),
        duration_minutes=90,
        join_url=JOIN,
        description="<p>A long look at sepsis markers &amp; what they mean. "
        + "Word " * 60
        + "</p>",
    )
    WebinarRegistrationFactory(webinar=webinar, user=member)
    client.force_login(member)  # even a registered member gets the public file here

    response = client.get(reverse("certification:webinar_ics", args=[webinar.slug]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{webinar.slug}.ics"' in response["Content-Disposition"]
    ics = response.content.decode()
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    lines = unfolded(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == ""
    assert "BEGIN:VEVENT" in lines and "END:VEVENT" in lines
    assert f"UID:webinar-{webinar.pk}@testserver" in lines
    assert "DTSTART:20300118T010000Z" in lines
    assert "DTEND:20300118T023000Z" in lines
    assert "SUMMARY:Sepsis\\; lactate\\, and you" in lines
    assert f"URL:http://testserver{webinar.get_absolute_url()}" in lines
    description = next(line for line in lines if line.startswith("DESCRIPTION:"))
    assert "Presented by Dana Whitfield" in description
    assert "sepsis markers & what they mean" in description
    assert any(line.startswith("DTSTAMP:") and line.endswith("Z") for line in lines)
    assert "meet.example.org" not in ics
    assert "8675309" not in ics


def test_webinar_page_query_count_is_pinned(client, member, django_assert_max_num_queries):
    webinar = WebinarFactory(join_url=JOIN)
    WebinarRegistrationFactory(webinar=webinar, user=member)
    WebinarRegistrationFactory.create_batch(5, webinar=webinar)
    client.force_login(member)

    with django_assert_max_num_queries(6):
        html = html_of(client.get(webinar.get_absolute_url()))

    assert "You’re registered" in html
