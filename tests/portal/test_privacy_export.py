"""A member downloads everything the portal holds about them, and nothing about anyone else."""

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from advocacy.models import Pledge
from tests.portal.privacy_people import pdf, person_with_everything

pytestmark = pytest.mark.django_db

DATA_URL = reverse("account_data_export")
FILES_URL = reverse("account_files_export")


@pytest.fixture
def alder():
    return person_with_everything("Alder")


@pytest.fixture
def birch(alder):
    # Applied to the same employer's job, pledged, took CE: all of it must stay out of Alder's.
    return person_with_everything("Birch", employer=alder.application.job.employer)


def download_json(client, user):
    client.force_login(user)
    response = client.get(DATA_URL)
    assert response.status_code == 200
    return response, json.loads(response.content)


def download_zip(client, user):
    client.force_login(user)
    response = client.get(FILES_URL)
    assert response.status_code == 200
    return response, zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_account_page_offers_both_downloads_and_deletion(client, alder):
    client.force_login(alder.user)

    page = client.get(reverse("account_profile")).content.decode()

    assert "Your data" in page
    assert f'href="{DATA_URL}"' in page
    assert f'href="{FILES_URL}"' in page
    assert f'href="{reverse("account_delete")}"' in page


@pytest.mark.parametrize("url", [DATA_URL, FILES_URL, reverse("account_delete")])
def test_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_json_download_is_a_private_attachment(client, alder):
    response, _ = download_json(client, alder.user)

    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "ascls-illinois-my-data-" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_json_holds_each_kind_of_record_the_member_has(client, alder, birch):
    _, data = download_json(client, alder.user)

    assert data["profile"]["full_name"] == "Alder Quill"
    assert data["profile"]["email"] == "alder@example.com"
    assert data["profile"]["credentials"] == "MLS(ASCP)CM"
    assert data["profile"]["joined"]
    assert {a["email"] for a in data["email_addresses"]} == {
        "alder@example.com",
        "alder.old@example.org",
        "alder.maybe@example.net",
    }
    assert [m["member_id"] for m in data["memberships"]] == ["IL-Alder"]
    assert data["memberships"][0]["active"] is True

    certification = data["certification"]
    assert [h["credential"] for h in certification["credentials"]] == ["MLS(ASCP)"]
    assert [a["title"] for a in certification["ce_activities"]] == ["Alder antibody workshop"]
    assert certification["ce_activities"][0]["notes"] == "Alder CE notes"
    assert certification["ce_activities"][0]["certificate_in_zip"] == (
        f"ce-certificates/{alder.activity.completed_on:%Y-%m-%d}-alder-antibody-workshop.pdf"
    )
    assert [r["webinar"] for r in certification["webinar_registrations"]] == ["Alder webinar"]
    assert certification["webinar_registrations"][0]["certificate_code"] == (
        alder.registration.certificate_code
    )

    careers = data["careers"]
    assert [r["title"] for r in careers["resumes"]] == ["Alder MLS resume"]
    (application,) = careers["applications"]
    assert application["job"] == "Alder night shift MLS"
    assert application["employer"] == "Alder Lab Corp"
    assert application["status"] == "Submitted"
    assert application["cover_note"] == "Alder cover note"
    assert application["resume_sent"] == "Alder resume.pdf"
    assert [event["status"] for event in application["timeline"]] == ["Submitted", "Reviewed"]
    assert [s["job"] for s in careers["saved_jobs"]] == ["Alder night shift MLS"]
    assert [a["name"] for a in careers["job_alerts"]] == ["Alder alert"]
    (service_request,) = careers["career_service_requests"]
    assert service_request["message"] == "Alder please review my resume"
    assert service_request["attachment_in_zip"].startswith("career-services/")
    assert careers["employers"] == [
        {
            "name": "Alder Reference Laboratory",
            "status": "Approved",
            "you_can_post_and_see_applicants": True,
            "you_asked_for_access": False,
        }
    ]

    advocacy = data["advocacy"]
    assert sorted(p["institution"] for p in advocacy["pledges"]) == [
        "Alder Clinic",
        "Alder Hospital",
    ]
    assert [s["institution"] for s in advocacy["institution_suggestions"]] == [
        "Alder Memorial Hospital"
    ]


def test_json_holds_nothing_of_anyone_else_nor_any_secret(client, alder, birch):
    response, _ = download_json(client, alder.user)
    text = response.content.decode()

    assert "Alder" in text
    assert "Birch" not in text
    assert "birch" not in text
    # The employer's and the society's private notes, and who on their side acted, are theirs.
    assert "employer private note" not in text
    assert "staff private note" not in text
    assert "Recruiter Person" not in text
    # A pledge made with an address the member never confirmed may be someone else's.
    assert "Not Alder Maybe" not in text
    # Tokens are the secrets in confirm, withdraw and unsubscribe links.
    for pledge in alder.pledges:
        assert str(pledge.token) not in text
    assert str(alder.alert.token) not in text
    assert "password" not in text


def test_zip_holds_the_real_files_with_friendly_names_and_the_json(client, alder, birch):
    response, archive = download_zip(client, alder.user)

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".zip" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"

    names = set(archive.namelist())
    assert names == {
        "data.json",
        "resumes/Alder_resume.pdf",
        "applications/alder-night-shift-mls/Alder_resume.pdf",
        f"ce-certificates/{alder.activity.completed_on:%Y-%m-%d}-alder-antibody-workshop.pdf",
        f"career-services/{alder.service_request.created_at:%Y-%m-%d}-resume_review.pdf",
    }
    assert archive.read("resumes/Alder_resume.pdf") == pdf("Alder", "resume")
    assert archive.read("applications/alder-night-shift-mls/Alder_resume.pdf") == pdf(
        "Alder", "application copy"
    )
    certificate = next(n for n in names if n.startswith("ce-certificates/"))
    assert archive.read(certificate) == pdf("Alder", "certificate")
    request_file = next(n for n in names if n.startswith("career-services/"))
    assert archive.read(request_file) == pdf("Alder", "service request")
    assert json.loads(archive.read("data.json"))["profile"]["email"] == "alder@example.com"
    assert not any(b"Birch" in archive.read(name) for name in names)


def test_zip_lists_a_file_that_has_gone_missing_from_storage(client, alder):
    alder.resume.file.storage.delete(alder.resume.file.name)

    _, archive = download_zip(client, alder.user)

    assert "resumes/Alder_resume.pdf" not in archive.namelist()
    assert "resumes/Alder_resume.pdf" in archive.read("missing-files.txt").decode()


def test_someone_with_nothing_yet_gets_a_profile_and_empty_lists(client, non_member):
    _, data = download_json(client, non_member)

    assert data["profile"]["email"] == "visitor@example.com"
    assert data["memberships"] == []
    assert data["careers"]["applications"] == []
    assert data["advocacy"]["pledges"] == []
    _, archive = download_zip(client, non_member)
    assert archive.namelist() == ["data.json"]


def test_json_download_takes_a_fixed_number_of_queries(
    client, alder, birch, django_assert_max_num_queries
):
    client.force_login(alder.user)
    # Session and user, then one query per kind of record (applications' timelines prefetched).
    with django_assert_max_num_queries(16):
        client.get(DATA_URL)


def test_more_records_do_not_mean_more_queries(client, alder):
    client.force_login(alder.user)
    with CaptureQueriesContext(connection) as few:
        client.get(DATA_URL)
    more = person_with_everything("Cedar")
    # Move Cedar's records onto Alder: twice as many of every kind.
    for related in [
        "memberships",
        "ce_activities",
        "webinar_registrations",
        "applications",
        "saved_jobs",
        "job_alerts",
        "career_requests",
    ]:
        manager = getattr(more.user, related)
        field = manager.field.name
        manager.all().update(**{field: alder.user})
    more.user.resumes.update(owner=alder.user, is_default=False)
    Pledge.objects.filter(user=more.user).update(user=alder.user)
    alder.user.employers.add(more.employer)

    with CaptureQueriesContext(connection) as many:
        response = client.get(DATA_URL)

    assert len(json.loads(response.content)["careers"]["applications"]) == 2
    assert len(many) == len(few)
