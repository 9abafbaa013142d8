"""Staff mark who attended, and each attendee's CE credit appears in their tracker once."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import MultiWidget
from django.urls import reverse

from certification.models import CEActivity, WebinarRegistration
from certification.services.webinars import (
    attendance_import,
    registration_mark_attended,
    registration_unmark_attended,
)
from tests.certification.factories_webinars import (
    CECategoryFactory,
    WebinarFactory,
    WebinarRegistrationFactory,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHICAGO = ZoneInfo("America/Chicago")
REGISTRATIONS = reverse("admin:certification_webinarregistration_changelist")


@pytest.fixture
def webinar(db):
    # 10:30 PM in Chicago on 17 January is already 18 January in UTC: the CE date is Chicago's.
    return WebinarFactory(
        title="Transfusion reactions",
        starts_at=datetime(2026, 1, 17, 22, 30, tzinfo=CHICAGO),
        contact_hours=Decimal("1.50"),
        category=CECategoryFactory(name="Blood bank/immunohematology"),
        pace_number="519-555-26",
    )


def attendance_url(webinar):
    return reverse("admin:certification_webinar_attendance", args=[webinar.pk])


# --- The service ------------------------------------------------------------------------------


def test_marking_attended_adds_the_webinar_to_the_members_ce_tracker(webinar, member):
    registration = WebinarRegistrationFactory(webinar=webinar, user=member)

    activity = registration_mark_attended(registration=registration)

    registration.refresh_from_db()
    assert registration.attended is True
    assert activity == CEActivity.objects.get()
    assert activity.user == member
    assert activity.webinar == webinar
    assert activity.title == "Transfusion reactions"
    assert activity.provider == "ASCLS-Illinois"
    assert activity.completed_on == date(2026, 1, 17)
    assert activity.amount == Decimal("1.50")
    assert activity.unit == CEActivity.Unit.CONTACT_HOURS
    assert activity.category.name == "Blood bank/immunohematology"
    assert activity.format == CEActivity.Format.ONLINE
    assert activity.pace_number == "519-555-26"


def test_marking_twice_makes_one_ce_record(webinar, member):
    registration = WebinarRegistrationFactory(webinar=webinar, user=member)

    first = registration_mark_attended(registration=registration)
    second = registration_mark_attended(registration=registration)

    assert first == second
    assert CEActivity.objects.count() == 1


def test_unmarking_keeps_the_ce_record_the_member_may_have_edited(webinar, member):
    registration = WebinarRegistrationFactory(webinar=webinar, user=member)
    activity = registration_mark_attended(registration=registration)
    CEActivity.objects.filter(pk=activity.pk).update(notes="Counted toward my MLS renewal.")

    registration_unmark_attended(registration=registration)
    registration.refresh_from_db()
    assert registration.attended is False
    assert CEActivity.objects.get().notes == "Counted toward my MLS renewal."

    again = registration_mark_attended(registration=registration)
    assert again.pk == activity.pk
    assert CEActivity.objects.count() == 1


def test_a_record_the_member_deleted_is_not_forced_back_by_a_repeat_upload(webinar, member):
    registration = WebinarRegistrationFactory(webinar=webinar, user=member)
    registration_mark_attended(registration=registration)
    CEActivity.objects.all().delete()

    assert registration_mark_attended(registration=registration) is None
    assert not CEActivity.objects.exists()


def test_csv_import_marks_registered_people_and_reports_the_rest_by_line(webinar, member):
    WebinarRegistrationFactory(webinar=webinar, user=member)
    other = WebinarRegistrationFactory(
        webinar=webinar, user=UserFactory(email="sam.lee@example.com", full_name="Sam Lee")
    )
    UserFactory(email="walk.in@example.com", full_name="Wally Walkin")
    csv = (
        "Name,Email,Minutes\r\n"
        "Member,MEMBER@Example.com,58\r\n"
        "\r\n"
        "Stranger,nobody@example.com,60\r\n"
        "Wally,walk.in@example.com,45\r\n"
        "Typo,not-an-email,60\r\n"
        "Sam,sam.lee@example.com,60\r\n"
        "Member again,member@example.com,58\r\n"
    )

    result = attendance_import(webinar=webinar, data=csv.encode())

    assert [r.user.email for r in result.marked] == ["member@example.com", "sam.lee@example.com"]
    assert [str(p) for p in result.problems] == [
        "Line 4: No account uses nobody@example.com, so nobody was marked.",
        "Line 5: Wally Walkin (walk.in@example.com) has an account but didn’t register for this "
        "webinar, so they weren’t marked. Add a registration for them first if they did attend.",
        "Line 6: “not-an-email” isn’t an email address.",
    ]
    assert CEActivity.objects.count() == 2
    other.refresh_from_db()
    assert other.attended

    again = attendance_import(webinar=webinar, data=csv.encode())
    assert again.marked == [] and len(again.already) == 2
    assert CEActivity.objects.count() == 2


def test_csv_without_a_header_reads_the_first_column(webinar, member):
    WebinarRegistrationFactory(webinar=webinar, user=member)

    result = attendance_import(webinar=webinar, data=b"member@example.com\n")

    assert len(result.marked) == 1 and result.problems == []


# --- The admin --------------------------------------------------------------------------------


def admin_form_data(response):
    """What the admin change form would post back unchanged (main form and inlines)."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            widget = getattr(bound.field.widget, "widget", bound.field.widget)
            if isinstance(widget, MultiWidget):
                for index, part in enumerate(widget.decompress(value)):
                    data[f"{bound.html_name}_{index}"] = "" if part is None else str(part)
            elif isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif value is not None:
                data[bound.html_name] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for bound in formset.management_form:
            data[bound.html_name] = bound.value()
        for form in formset.forms:
            add(form)
    return data


def test_staff_tick_attended_on_the_webinar_and_credit_follows(client, superuser, webinar, member):
    registration = WebinarRegistrationFactory(webinar=webinar, user=member)
    WebinarRegistrationFactory(webinar=webinar)
    client.force_login(superuser)
    change_url = reverse("admin:certification_webinar_change", args=[webinar.pk])

    page = client.get(change_url)
    html = page.content.decode()
    assert "keeps the CE record in the member’s tracker" in html
    assert attendance_url(webinar) in html
    data = admin_form_data(page)
    index = next(
        i
        for i, form in enumerate(page.context["inline_admin_formsets"][0].formset.forms)
        if form.instance.pk == registration.pk
    )
    data[f"registrations-{index}-attended"] = "on"

    response = client.post(change_url, data, follow=True)

    assert response.status_code == 200
    assert "was changed successfully" in response.content.decode()
    registration.refresh_from_db()
    assert registration.attended
    assert CEActivity.objects.get().user == member

    # Saving the form again (box still ticked) makes no second record.
    client.post(change_url, admin_form_data(client.get(change_url)), follow=True)
    assert CEActivity.objects.count() == 1


def test_mark_attended_action_on_registrations(client, superuser, webinar, member):
    mine = WebinarRegistrationFactory(webinar=webinar, user=member)
    other = WebinarRegistrationFactory(webinar=webinar)
    client.force_login(superuser)

    def run(action):
        return client.post(
            REGISTRATIONS,
            {"action": action, "_selected_action": [mine.pk, other.pk]},
            follow=True,
        ).content.decode()

    html = run("mark_attended")
    assert "Marked 2 registration(s) attended and added their CE credit." in html
    assert CEActivity.objects.count() == 2

    html = run("mark_attended")
    assert "Marked 0 registration(s) attended and added their CE credit; 2 were already" in html
    assert CEActivity.objects.count() == 2

    html = run("mark_not_attended")
    assert "the CE records in their trackers were kept" in html
    assert not WebinarRegistration.objects.filter(attended=True).exists()
    assert CEActivity.objects.count() == 2


def test_ticking_attended_on_one_registration_in_the_admin(client, superuser, webinar, member):
    registration = WebinarRegistrationFactory(webinar=webinar, user=member)
    client.force_login(superuser)
    url = reverse("admin:certification_webinarregistration_change", args=[registration.pk])
    assert "does not delete the CE record" in client.get(url).content.decode()

    client.post(url, {"attended": "on"}, follow=True)

    registration.refresh_from_db()
    assert registration.attended
    assert CEActivity.objects.filter(user=member, webinar=webinar).count() == 1


def test_csv_upload_in_the_admin_reports_bad_lines(client, superuser, webinar, member):
    WebinarRegistrationFactory(webinar=webinar, user=member)
    client.force_login(superuser)
    upload = b"Email\nMember@Example.com\nghost@example.com\n"

    response = client.post(
        attendance_url(webinar),
        {"attendees": SimpleUploadedFile("zoom-attendees.csv", upload, "text/csv")},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Newly marked attended: 1" in html
    assert "Line 3: No account uses ghost@example.com, so nobody was marked." in html
    assert "member@example.com" in html
    assert CEActivity.objects.get().user == member

    response = client.post(
        attendance_url(webinar),
        {"attendees": SimpleUploadedFile("zoom-attendees.csv", upload, "text/csv")},
    )
    assert "Already marked before: 1" in response.content.decode()
    assert CEActivity.objects.count() == 1


def test_csv_upload_refuses_a_file_that_is_not_csv(client, superuser, webinar):
    client.force_login(superuser)

    response = client.post(
        attendance_url(webinar),
        {"attendees": SimpleUploadedFile("attendees.xlsx", b"PK\x03\x04\x00\x00")},
    )

    assert "Upload a .csv file" in response.content.decode()


def test_csv_upload_needs_permission_to_change_registrations(client, staff_user, webinar):
    client.force_login(staff_user)
    assert client.get(attendance_url(webinar)).status_code == 403


def test_webinar_admin_lists_counts_filters_and_search(client, superuser, webinar):
    WebinarRegistrationFactory(webinar=webinar, attended=True)
    WebinarRegistrationFactory(webinar=webinar)
    WebinarFactory(title="Molecular methods")
    client.force_login(superuser)
    changelist = reverse("admin:certification_webinar_changelist")

    response = client.get(changelist, {"q": "transfusion"})

    [row] = response.context["cl"].result_list
    assert row == webinar and row._registered == 2 and row._attended == 1
    assert "Saturday 17 January 2026, 10:30 PM CT" in response.content.decode()
    filters = {spec.title for spec in response.context["cl"].filter_specs}
    assert {"when", "published", "category", "level"} <= filters
    past = client.get(changelist, {"when": "past"}).context["cl"].result_list
    assert list(past) == [webinar]


@pytest.mark.django_db(transaction=True)
def test_staff_marking_the_same_person_at_the_same_moment_make_one_ce_record():
    from tests.certification.test_webinar_capacity_concurrency import _run_together

    registration = WebinarRegistrationFactory()

    _run_together(
        4,
        lambda index: registration_mark_attended(
            registration=WebinarRegistration.objects.get(pk=registration.pk)
        ),
    )

    assert CEActivity.objects.filter(user=registration.user).count() == 1
    registration.refresh_from_db()
    assert registration.attended
