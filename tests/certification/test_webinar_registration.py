"""Registering for a webinar and cancelling: who may, when, how many, and the confirmation."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from certification.models import WebinarRegistration
from certification.services.webinars import (
    send_registration_confirmation,
    webinar_register,
)
from tests.certification.factories_webinars import WebinarFactory, WebinarRegistrationFactory
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
JOIN = "https://meet.example.org/j/8675309?pwd=secret"


def register_url(webinar):
    return reverse("certification:webinar_register", args=[webinar.slug])


def cancel_url(webinar):
    return reverse("certification:webinar_cancel", args=[webinar.slug])


def page_text(response):
    return response.content.decode()


def test_member_registers_in_one_click_and_gets_a_confirmation_with_a_calendar_file(
    client, member, send_queued_mail
):
    member.full_name = "Rosa Delgado"
    member.save()
    webinar = WebinarFactory(
        title="Antibody identification",
        starts_at=datetime(2030, 1, 17, 19, tzinfo=CHICAGO),
        join_url=JOIN,
        pace_number="519-777-30",
    )
    client.force_login(member)

    response = send_queued_mail(client.post, register_url(webinar), follow=True)

    html = page_text(response)
    assert response.redirect_chain[-1][0] == webinar.get_absolute_url()
    assert "You’re registered for “Antibody identification”." in html
    assert f'href="{JOIN}"' in html
    assert "Cancel my registration" in html
    assert WebinarRegistration.objects.filter(webinar=webinar, user=member).count() == 1

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["member@example.com"]
    assert message.subject == "[ASCLS-Illinois] You’re registered: Antibody identification"
    assert "Hello Rosa," in message.body
    assert "Thursday 17 January 2030, 7:00 PM CT" in message.body
    assert "519-777-30" in message.body
    assert f"http://testserver{webinar.get_absolute_url()}" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert filename == f"{webinar.slug}.ics"
    assert mimetype == "text/calendar"
    assert "BEGIN:VEVENT" in content
    assert "DTSTART:20300118T010000Z" in content
    assert "SUMMARY:Antibody identification" in content
    # The member's own copy may carry the join link (never the public one).
    assert "8675309" in content.replace("\r\n ", "")


def test_registering_twice_keeps_one_seat_and_one_email(client, member, send_queued_mail):
    webinar = WebinarFactory()
    client.force_login(member)

    send_queued_mail(client.post, register_url(webinar))
    response = send_queued_mail(client.post, register_url(webinar), follow=True)

    assert "you were already registered" in page_text(response)
    assert WebinarRegistration.objects.filter(webinar=webinar).count() == 1
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("person", ["non_member", "expired_member"])
def test_people_without_an_active_membership_cannot_register(
    client, request, person, send_queued_mail
):
    webinar = WebinarFactory()
    client.force_login(request.getfixturevalue(person))

    response = send_queued_mail(client.post, register_url(webinar), follow=True)

    assert "Webinars are free for ASCLS members with an active membership" in page_text(response)
    assert not WebinarRegistration.objects.exists()
    assert mail.outbox == []


def test_anonymous_visitor_is_sent_to_log_in_and_brought_back(client):
    webinar = WebinarFactory()

    response = client.post(register_url(webinar))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={webinar.get_absolute_url()}"
    assert not WebinarRegistration.objects.exists()


def test_following_a_register_link_just_shows_the_webinar(client, member):
    webinar = WebinarFactory()
    client.force_login(member)

    response = client.get(register_url(webinar))

    assert response.status_code == 302
    assert response["Location"] == webinar.get_absolute_url()
    assert not WebinarRegistration.objects.exists()


def test_registration_not_open_yet(client, member):
    opens = datetime(2030, 1, 3, 9, tzinfo=CHICAGO)
    webinar = WebinarFactory(
        starts_at=datetime(2030, 1, 17, 19, tzinfo=CHICAGO), registration_opens=opens
    )
    client.force_login(member)

    page = page_text(client.get(webinar.get_absolute_url()))
    response = client.post(register_url(webinar), follow=True)

    assert "Registration opens on Thursday 3 January 2030, 9:00 AM CT." in page
    assert "Register for free" not in page
    assert "Registration opens on Thursday 3 January 2030, 9:00 AM CT." in page_text(response)
    assert not WebinarRegistration.objects.exists()


def test_registration_closed(client, member):
    webinar = WebinarFactory(registration_closes=timezone.now() - timedelta(hours=1))
    client.force_login(member)

    response = client.post(register_url(webinar), follow=True)

    assert "Registration closed on" in page_text(response)
    assert not WebinarRegistration.objects.exists()


def test_no_registration_once_the_webinar_has_begun(client, member):
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(minutes=10))
    client.force_login(member)

    response = client.post(register_url(webinar), follow=True)

    assert "This webinar has already begun, so registration is closed." in page_text(response)
    assert not WebinarRegistration.objects.exists()


def test_a_full_webinar_refuses_politely(client, member):
    webinar = WebinarFactory(capacity=2)
    WebinarRegistrationFactory.create_batch(2, webinar=webinar)
    client.force_login(member)

    page = page_text(client.get(webinar.get_absolute_url()))
    response = client.post(register_url(webinar), follow=True)

    assert "Fully booked" in page
    assert "Sorry, every seat for this webinar is taken." in page_text(response)
    assert WebinarRegistration.objects.filter(webinar=webinar).count() == 2


def test_staff_may_register_without_a_membership(staff_user):
    webinar = WebinarFactory()
    registration, created = webinar_register(webinar=webinar, user=staff_user)
    assert created and registration.user == staff_user


def test_service_refuses_with_a_code_the_caller_can_act_on(non_member):
    webinar = WebinarFactory()
    with pytest.raises(ValidationError) as refused:
        webinar_register(webinar=webinar, user=non_member)
    assert refused.value.code == "members_only"


# --- Cancelling -------------------------------------------------------------------------------


def test_member_cancels_before_the_start_and_the_seat_is_free_again(client, member):
    webinar = WebinarFactory(capacity=1)
    WebinarRegistrationFactory(webinar=webinar, user=member)
    client.force_login(member)

    response = client.post(cancel_url(webinar), follow=True)

    html = page_text(response)
    assert "Your registration for" in html and "is cancelled" in html
    assert not WebinarRegistration.objects.exists()
    assert "Register for free" in html
    assert "1 of 1" in html


def test_no_cancelling_once_it_has_begun(client, member):
    webinar = WebinarFactory(starts_at=timezone.now() - timedelta(minutes=5))
    WebinarRegistrationFactory(webinar=webinar, user=member)
    client.force_login(member)

    page = page_text(client.get(webinar.get_absolute_url()))
    response = client.post(cancel_url(webinar), follow=True)

    assert "Cancel my registration" not in page
    assert "can no longer be cancelled" in page_text(response)
    assert WebinarRegistration.objects.count() == 1


def test_cancelling_without_a_registration_changes_nothing(client, member):
    webinar = WebinarFactory()
    other = WebinarRegistrationFactory(webinar=webinar)
    client.force_login(member)

    response = client.post(cancel_url(webinar), follow=True)

    assert "You weren’t registered for this webinar" in page_text(response)
    assert list(WebinarRegistration.objects.all()) == [other]


def test_anonymous_cancel_goes_to_log_in(client):
    webinar = WebinarFactory()
    response = client.post(cancel_url(webinar))
    assert response["Location"].startswith("/accounts/login/?next=")


def test_a_registration_cancelled_before_its_email_went_out_gets_none():
    registration = WebinarRegistrationFactory(
        user=UserFactory(), webinar=WebinarFactory(join_url="")
    )
    MembershipFactory(user=registration.user)
    pk = registration.pk
    registration.delete()

    send_registration_confirmation.call(registration_id=pk)

    assert mail.outbox == []
