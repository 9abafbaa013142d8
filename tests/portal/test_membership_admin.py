import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from portal.groups import CONTENT_EDITORS, MEMBERSHIP_MANAGERS, STAFF_GROUP_PERMISSIONS
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(db):
    user = UserFactory(email="manager@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=MEMBERSHIP_MANAGERS))
    return user


@pytest.fixture
def roster(db):
    today = timezone.localdate()
    return {
        "active": MembershipFactory(
            member_id="M-1", first_name="Ana", last_name="Active", email="ana@example.com",
            expiry_date=today + timedelta(days=200),
        ),
        "soon": MembershipFactory(
            member_id="M-2", first_name="Sol", last_name="Soon", email="sol@example.com",
            expiry_date=today + timedelta(days=10),
        ),
        "expired": MembershipFactory(
            member_id="M-3", first_name="Ed", last_name="Expired", email="ed@example.com",
            expiry_date=today - timedelta(days=1),
        ),
    }  # fmt: skip


def _changelist(client, **params):
    return client.get(reverse("admin:portal_membership_changelist"), params)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "active"}, {"M-1", "M-2"}),
        ({"status": "expired"}, {"M-3"}),
        ({"status": "expiring"}, {"M-2"}),
        ({"q": "sol@example"}, {"M-2"}),
        ({"q": "Expired"}, {"M-3"}),
        ({"q": "M-1"}, {"M-1"}),
    ],
)
def test_memberships_are_searchable_and_filterable(client, manager, roster, params, expected):
    client.force_login(manager)
    response = _changelist(client, **params)
    shown = {m.member_id for m in response.context["cl"].result_list}
    assert shown == expected


def test_membership_list_query_count_does_not_grow_with_rows(
    client, manager, roster, django_assert_max_num_queries
):
    MembershipFactory.create_batch(30, user=None)
    client.force_login(manager)
    with django_assert_max_num_queries(14):
        response = _changelist(client)
    assert len(response.context["cl"].result_list) == 33


def test_csv_export_follows_the_filter_in_use(client, manager, roster):
    client.force_login(manager)
    changelist = _changelist(client, status="active").content.decode()
    assert "Export these memberships as CSV" in changelist

    response = client.get(reverse("admin:portal_membership_export"), {"status": "active"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["member ID", "first name", "last name"]
    assert sorted(r[0] for r in rows[1:]) == ["M-1", "M-2"]
    assert {r[7] for r in rows[1:]} == {"active"}


def test_staff_groups_exist_with_their_permissions(db):
    editors = Group.objects.get(name=CONTENT_EDITORS)
    managers = Group.objects.get(name=MEMBERSHIP_MANAGERS)
    assert "change_page" in editors.permissions.values_list("codename", flat=True)
    assert "import_roster" in managers.permissions.values_list("codename", flat=True)
    assert "change_membership" not in editors.permissions.values_list("codename", flat=True)
    assert len(STAFF_GROUP_PERMISSIONS) == 3
    assert Group.objects.filter(name="Career Center moderators").exists()


def test_content_editor_cannot_see_memberships(client, db):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client.force_login(editor)

    assert _changelist(client).status_code == 403
    assert client.get(reverse("admin:portal_membership_export")).status_code == 403
    assert client.get(reverse("admin:portal_page_add")).status_code == 200


def test_admin_is_titled_with_the_society_name(client, manager):
    client.force_login(manager)
    html = client.get(reverse("admin:index")).content.decode()
    assert "ASCLS-Illinois portal administration" in html
