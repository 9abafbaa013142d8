"""The audit trail of pledges: a pledge staff delete leaves a "Deleted" entry naming who and
when; its history can be read, never restored (a pledge is what its owner said), and the token
of its confirm and withdraw links is never copied into it."""

import pytest
from django.urls import reverse

from advocacy.models import Pledge
from portal.groups import CAREER_MODERATORS, CONTENT_EDITORS
from tests.advocacy.factories import PledgeFactory
from tests.portal.test_audit_trail import history_rows, history_url, page_text, staff, when

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return staff("editor@example.com", "Eddie Editor", CONTENT_EDITORS)


def test_a_pledge_deleted_by_an_editor_leaves_who_and_when(client, editor):
    pledge = PledgeFactory(full_name="Dana Smith", email="dana@example.com")
    url = history_url(pledge)
    client.force_login(editor)

    response = client.post(
        reverse("admin:advocacy_pledge_delete", args=[pledge.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Pledge.objects.exists()
    deleted = Pledge.history.filter(id=pledge.pk).first()
    assert (deleted.history_type, deleted.history_user) == ("-", editor)
    # The History page still opens for the deleted pledge.
    newest = history_rows(client, pledge)[0]
    assert url == history_url(pledge)
    assert when(deleted) in newest
    assert "Eddie Editor (editor@example.com)" in newest
    assert "Deleted" in newest


def test_pledges_deleted_from_the_list_are_each_recorded(client, editor):
    pledges = PledgeFactory.create_batch(3)
    client.force_login(editor)

    client.post(
        reverse("admin:advocacy_pledge_changelist"),
        {"action": "delete_selected", "_selected_action": [p.pk for p in pledges], "post": "yes"},
    )

    assert not Pledge.objects.exists()
    deletions = Pledge.history.filter(history_type="-")
    assert sorted(deletions.values_list("id", flat=True)) == sorted(p.pk for p in pledges)
    assert {d.history_user for d in deletions} == {editor}


def test_a_pledges_history_can_be_read_but_never_restored(client, superuser):
    pledge = PledgeFactory(job_title="Medical Technologist")
    pledge.job_title = "Laboratory Manager"
    pledge.save()
    first = pledge.history.order_by("history_date", "history_id").first()
    version_url = reverse("admin:advocacy_pledge_simple_history", args=[pledge.pk, first.pk])
    client.force_login(superuser)

    newest = history_rows(client, pledge)[0]
    assert "Job title used at work today: Medical Technologist → Laboratory Manager" in newest
    page = page_text(client.get(version_url))
    assert "Revert" not in page
    assert client.post(version_url, {"full_name": "Someone else"}).status_code == 403
    pledge.refresh_from_db()
    assert pledge.job_title == "Laboratory Manager"


def test_the_token_never_reaches_the_history(client, superuser):
    pledge = PledgeFactory()
    client.force_login(superuser)

    assert not hasattr(pledge.history.first(), "token")
    assert str(pledge.token) not in client.get(history_url(pledge)).content.decode()


def test_editors_read_pledge_history_and_others_do_not(client, editor):
    pledge = PledgeFactory()
    outsider = staff("moderator@example.com", "Mo Derator", CAREER_MODERATORS)

    client.force_login(editor)
    assert client.get(history_url(pledge)).status_code == 200
    client.force_login(outsider)
    assert client.get(history_url(pledge)).status_code == 403
