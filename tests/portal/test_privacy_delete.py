"""A member deletes their account: their data goes, applications employers received stay
anonymized, and the deletion is recorded without naming them."""

import csv
import html
import io
import json
import logging

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from advocacy.models import Institution, Pledge
from careers.models import Application, ApplicationEvent, CareerServiceRequest, Employer, Resume
from certification.models import CEActivity, CredentialHolding, WebinarRegistration
from portal.files import private_storage
from portal.models import AccountDeletion, Membership, User
from tests.factories import PASSWORD, UserFactory
from tests.portal.privacy_people import person_with_everything

pytestmark = pytest.mark.django_db

DELETE_URL = reverse("account_delete")


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def recruiter():
    return UserFactory(email="recruiter@lab.example.org", full_name="Pat Recruiter")


@pytest.fixture
def alder(recruiter):
    person = person_with_everything("Alder")
    person.application.job.employer.members.add(recruiter)
    return person


@pytest.fixture
def birch(alder):
    return person_with_everything("Birch", employer=alder.application.job.employer)


def stored(field_file) -> bool:
    return private_storage().exists(field_file.name)


def delete(client, person, django_capture_on_commit_callbacks, **data):
    client.force_login(person.user)
    form = {"password": PASSWORD, "confirm": "on", **data}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(DELETE_URL, form)


def test_page_says_what_goes_and_what_stays_and_asks_for_the_password(client, alder):
    client.force_login(alder.user)

    page = text(client.get(DELETE_URL))

    assert "What is deleted" in page
    assert "Your resumes and their files" in page
    assert "What stays, without your name" in page
    assert "Applicant deleted their account" in page
    assert "membership record stays with the national roster" in page
    assert 'type="password"' in page
    assert 'type="checkbox"' in page
    assert "alder@example.com" in page  # where the confirmation goes


def test_wrong_password_keeps_everything_and_says_so(
    client, alder, django_capture_on_commit_callbacks
):
    response = delete(client, alder, django_capture_on_commit_callbacks, password="not-it")

    assert response.status_code == 200
    assert "That is not your password. Your account has not been deleted." in text(response)
    assert User.objects.filter(pk=alder.user.pk).exists()
    assert Resume.objects.filter(pk=alder.resume.pk).exists()
    assert stored(alder.resume.file)
    assert Application.objects.get(pk=alder.application.pk).applicant == alder.user
    assert Pledge.objects.filter(pk__in=[p.pk for p in alder.pledges]).count() == 2
    assert not AccountDeletion.objects.exists()
    assert mail.outbox == []
    # Still logged in.
    assert client.get(reverse("account_profile")).status_code == 200


def test_without_ticking_the_box_nothing_is_deleted(
    client, alder, django_capture_on_commit_callbacks
):
    response = delete(client, alder, django_capture_on_commit_callbacks, confirm="")

    assert "Tick the box to confirm" in text(response)
    assert User.objects.filter(pk=alder.user.pk).exists()


def test_right_password_deletes_the_account_its_records_and_files(
    client, alder, birch, django_capture_on_commit_callbacks
):
    user_pk = alder.user.pk
    files = [
        alder.resume.file,
        alder.activity.certificate,
        alder.application.resume_file,
        alder.service_request.resume_file,
    ]
    assert all(stored(f) for f in files)

    response = delete(client, alder, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not User.objects.filter(pk=user_pk).exists()
    assert not EmailAddress.objects.filter(user_id=user_pk).exists()
    assert not Resume.objects.filter(owner_id=user_pk).exists()
    assert not CEActivity.objects.filter(user_id=user_pk).exists()
    assert not CredentialHolding.objects.filter(user_id=user_pk).exists()
    assert not WebinarRegistration.objects.filter(user_id=user_pk).exists()
    assert not CareerServiceRequest.objects.filter(requester_id=user_pk).exists()
    assert not Employer.members.through.objects.filter(user_id=user_pk).exists()
    assert Employer.objects.filter(pk=alder.employer.pk).exists()  # colleagues keep it
    # The files are gone from storage, not just unlinked.
    assert not any(stored(f) for f in files)
    # Someone else's records and files are untouched.
    assert User.objects.filter(pk=birch.user.pk).exists()
    assert stored(birch.resume.file)
    assert stored(birch.application.resume_file)
    assert Pledge.objects.filter(pk__in=[p.pk for p in birch.pledges]).count() == 2


def test_pledges_and_their_audit_trail_go_but_not_one_made_with_an_unconfirmed_address(
    client, alder, django_capture_on_commit_callbacks
):
    pledge_ids = [p.pk for p in alder.pledges]
    assert Pledge.history.filter(id__in=pledge_ids).exists()

    delete(client, alder, django_capture_on_commit_callbacks)

    assert not Pledge.objects.filter(pk__in=pledge_ids).exists()
    assert not Pledge.history.filter(id__in=pledge_ids).exists()
    assert Pledge.objects.filter(pk=alder.unverified_pledge.pk).exists()
    suggestion = Institution.objects.get(pk=alder.suggestion.pk)
    assert (suggestion.suggested_by_name, suggestion.suggested_by_email) == ("", "")


def test_membership_stays_for_the_roster_but_is_unlinked(
    client, alder, django_capture_on_commit_callbacks
):
    delete(client, alder, django_capture_on_commit_callbacks)

    membership = Membership.objects.get(member_id="IL-Alder")
    assert membership.user is None


def test_application_is_anonymized_and_the_employer_still_sees_its_status_and_timeline(
    client, alder, recruiter, django_capture_on_commit_callbacks
):
    application = alder.application
    delete(client, alder, django_capture_on_commit_callbacks)

    application.refresh_from_db()
    assert application.applicant is None
    assert application.anonymized_at is not None
    assert application.cover_note == ""
    assert not application.resume_file
    assert application.resume_name == ""
    # The employer's own notes and the timeline are theirs and stay.
    assert application.employer_notes == "Alder employer private note"
    assert ApplicationEvent.objects.filter(application=application).count() == 2

    client.force_login(recruiter)
    listing = text(client.get(reverse("careers:applicants", args=[application.job.pk])))
    assert "Applicant deleted their account" in listing
    assert "Alder" not in listing.replace("Alder night shift MLS", "").replace("Alder Lab", "")
    assert "alder@example.com" not in listing
    assert "Removed" in listing

    detail = client.get(reverse("careers:applicant_detail", args=[application.pk]))
    assert detail.status_code == 200
    assert "Applicant deleted their account" in text(detail)
    assert "Alder cover note" not in text(detail)
    assert "Reviewed" in text(detail)

    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("careers:applicants_csv", args=[application.job.pk]))
                .content.decode()
                .lstrip("\ufeff")
            )
        )
    )
    assert rows[1][:3] == ["Applicant deleted their account", "", "Submitted"]

    resume = client.get(reverse("careers:applicant_resume_download", args=[application.pk]))
    assert resume.status_code == 404


def test_employer_can_still_move_an_anonymized_application_along_without_emailing_anyone(
    client, alder, recruiter, django_capture_on_commit_callbacks
):
    delete(client, alder, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    client.force_login(recruiter)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("careers:applicant_detail", args=[alder.application.pk]),
            {"action": "status", "status-status": "interviewing"},
            follow=True,
        )

    assert "Status changed to “Interviewing”." in text(response)
    assert Application.objects.get(pk=alder.application.pk).status == "interviewing"
    assert mail.outbox == []


def test_deletion_is_logged_and_recorded_without_personal_data(
    client, alder, caplog, django_capture_on_commit_callbacks
):
    user_pk = alder.user.pk
    with caplog.at_level(logging.INFO, logger="portal.privacy"):
        delete(client, alder, django_capture_on_commit_callbacks)

    (line,) = [r.getMessage() for r in caplog.records if r.name == "portal.privacy"]
    assert f"Account {user_pk} deleted" in line
    assert "alder" not in line.lower()
    assert "example" not in line

    record = AccountDeletion.objects.get()
    assert record.reason == AccountDeletion.Reason.REQUEST
    assert record.counts["careers"]["resumes"] == 1
    assert record.counts["careers"]["applications anonymized"] == 1
    assert record.counts["certification"]["CE activities"] == 1
    assert record.counts["advocacy"]["pledges"] == 2
    assert record.counts["portal"]["email addresses"] == 3
    stored_text = json.dumps(record.counts) + str(record)
    assert "alder" not in stored_text.lower()
    assert "@" not in stored_text


def test_member_is_logged_out_sent_home_with_a_message_and_emailed(
    client, alder, django_capture_on_commit_callbacks
):
    response = delete(client, alder, django_capture_on_commit_callbacks)

    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Your account has been deleted" in m for m in messages)
    assert "_auth_user_id" not in client.session
    profile = client.get(reverse("account_profile"))
    assert profile["Location"].startswith(reverse("account_login"))
    (email,) = mail.outbox
    assert email.to == ["alder@example.com"]
    assert "deleted" in email.subject
    assert "Hello Alder," in email.body
    assert "stay with them without your name" in email.body


def test_staff_may_delete_their_own_account(client, django_capture_on_commit_callbacks):
    editor = UserFactory(email="editor@example.com", is_staff=True)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})

    assert not User.objects.filter(pk=editor.pk).exists()


def test_a_superuser_is_asked_to_go_through_another_administrator(
    client, superuser, django_capture_on_commit_callbacks
):
    client.force_login(superuser)

    page = text(client.get(DELETE_URL))
    assert "another administrator must remove your account" in page
    assert 'type="password"' not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(DELETE_URL, {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 403
    assert User.objects.filter(pk=superuser.pk).exists()
    assert mail.outbox == []


def test_only_superusers_see_the_deletion_records_in_the_admin(client, superuser, staff_user):
    AccountDeletion.objects.create(counts={"careers": {"resumes": 2}})
    url = reverse("admin:portal_accountdeletion_changelist")

    client.force_login(superuser)
    listing = text(client.get(url))
    assert "The person deleted their account" in listing
    assert "2 resumes" in listing

    # Even a staff member given every permission on the model does not see it.
    staff_user.user_permissions.add(
        *Permission.objects.filter(codename__endswith="accountdeletion")
    )
    client.force_login(staff_user)
    assert client.get(url).status_code == 403


def test_admin_shows_an_anonymized_application_without_failing(
    client, alder, superuser, django_capture_on_commit_callbacks
):
    delete(client, alder, django_capture_on_commit_callbacks)
    client.force_login(superuser)

    listing = client.get(reverse("admin:careers_application_changelist"))
    change = client.get(reverse("admin:careers_application_change", args=[alder.application.pk]))

    assert listing.status_code == 200
    assert "Deleted account → Alder night shift MLS" in text(change)


def test_guessing_the_password_on_the_deletion_form_is_limited(
    client, alder, settings, django_capture_on_commit_callbacks
):
    settings.PORTAL_RATE_LIMITS = True
    for _ in range(5):
        response = delete(client, alder, django_capture_on_commit_callbacks, password="guess")
        assert response.status_code == 200

    response = delete(client, alder, django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert "several attempts to delete this account" in text(response)
    assert User.objects.filter(pk=alder.user.pk).exists()
    assert not AccountDeletion.objects.exists()
