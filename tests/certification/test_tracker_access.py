"""Who may use the CE tracker, and that nobody reaches anyone else's records."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certification.models import CEActivity, CredentialHolding
from tests.certification.factories_tracker import (
    CEActivityFactory,
    CredentialHoldingFactory,
    make_categories,
    make_mls,
)
from tests.factories import MINIMAL_PDF, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ["tracker", "holding_add", "activity_add"]


@pytest.fixture
def cats(db):
    return make_categories()


@pytest.fixture
def other_member(db):
    user = UserFactory(email="other@example.com", full_name="Other Member")
    MembershipFactory(user=user, expiry_date=timezone.localdate() + timedelta(days=90))
    return user


@pytest.fixture
def others_records(other_member, cats):
    holding = CredentialHoldingFactory(user=other_member, credential=make_mls(cats))
    activity = CEActivityFactory(
        user=other_member,
        title="Their private course",
        category=cats["Chemistry"],
        certificate=SimpleUploadedFile("theirs.pdf", MINIMAL_PDF),
    )
    return holding, activity


@pytest.mark.parametrize("name", PAGES)
def test_anonymous_visitors_are_sent_to_log_in(client, name):
    url = reverse(f"certification:{name}")
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("name", PAGES)
def test_a_logged_in_non_member_learns_the_tracker_is_a_member_benefit(client, non_member, name):
    client.force_login(non_member)
    response = client.get(reverse(f"certification:{name}"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "The CE tracker is one of the benefits of ASCLS membership." in html
    assert 'href="/membership/"' in html
    assert "Join ASCLS" in html
    assert '<form method="post" action="/certification/tracker' not in html


def test_an_expired_member_is_asked_to_renew_and_told_their_records_are_kept(
    client, expired_member
):
    client.force_login(expired_member)
    response = client.get(reverse("certification:tracker"))
    html = response.content.decode()
    assert response.status_code == 403
    assert "Your membership has expired" in html
    assert "Everything you logged is kept" in html
    assert "Renew your membership" in html
    assert 'href="/membership/"' in html


def test_a_non_member_cannot_post_an_activity(client, non_member, cats):
    client.force_login(non_member)
    response = client.post(
        reverse("certification:activity_add"),
        {"title": "Sneaky", "provider": "X", "completed_on": "2025-01-01", "amount": "1"},
    )
    assert response.status_code == 403
    assert not CEActivity.objects.exists()


def test_staff_may_use_the_tracker_without_a_membership(client, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("certification:tracker"))
    assert response.status_code == 200
    assert "No credentials yet." in response.content.decode()


@pytest.mark.parametrize(
    "name",
    ["activity_edit", "activity_delete", "activity_certificate"],
)
def test_a_member_cannot_reach_someone_elses_activity(client, member, others_records, name):
    _, activity = others_records
    client.force_login(member)
    url = reverse(f"certification:{name}", kwargs={"pk": activity.pk})

    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Mine now", "provider": "Me"}).status_code in {404, 405}
    activity.refresh_from_db()
    assert activity.title == "Their private course"


@pytest.mark.parametrize(
    "name", ["holding_edit", "holding_delete", "transcript_csv", "transcript_pdf"]
)
def test_a_member_cannot_reach_someone_elses_credential_or_transcript(
    client, member, others_records, name
):
    holding, _ = others_records
    client.force_login(member)
    url = reverse(f"certification:{name}", kwargs={"pk": holding.pk})
    assert client.get(url).status_code == 404


def test_posting_to_delete_someone_elses_records_changes_nothing(client, member, others_records):
    holding, activity = others_records
    client.force_login(member)

    client.post(reverse("certification:holding_delete", kwargs={"pk": holding.pk}))
    client.post(reverse("certification:activity_delete", kwargs={"pk": activity.pk}))

    assert CredentialHolding.objects.filter(pk=holding.pk).exists()
    assert CEActivity.objects.filter(pk=activity.pk).exists()
    assert activity.certificate.storage.exists(activity.certificate.name)


def test_someone_elses_activities_never_show_on_my_dashboard(client, member, others_records):
    client.force_login(member)
    html = client.get(reverse("certification:tracker")).content.decode()
    assert "Their private course" not in html
    assert "No activities yet." in html


def test_the_owner_downloads_their_certificate_privately(client, other_member, others_records):
    _, activity = others_records
    client.force_login(other_member)
    response = client.get(reverse("certification:activity_certificate", kwargs={"pk": activity.pk}))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="ce-certificate-their-private-course.pdf"' in response["Content-Disposition"]


def test_an_activity_without_a_certificate_has_nothing_to_download(client, member, cats):
    activity = CEActivityFactory(user=member, category=cats["Chemistry"])
    client.force_login(member)
    url = reverse("certification:activity_certificate", kwargs={"pk": activity.pk})
    assert client.get(url).status_code == 404
