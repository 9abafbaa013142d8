"""Staff working with pledges in the admin: the list, its filters, the CSV export and who may
see what (advocacy/admin.py)."""

import csv
import io
from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Credential, Pledge
from advocacy.stats import week_start
from portal.groups import CONTENT_EDITORS, MEMBERSHIP_MANAGERS
from tests.advocacy.factories import PledgeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:advocacy_pledge_changelist")
EXPORT = reverse("admin:advocacy_pledge_export")


@pytest.fixture
def editor(db):
    user = UserFactory(email="editor@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    return user


def _chicago(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())


def _csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def _shown(response):
    return {p.email for p in response.context["cl"].result_list}


# --- The list ---------------------------------------------------------------------------------


def test_pledge_list_shows_people_and_never_the_token(client, editor):
    pledge = PledgeFactory(
        full_name="Rosa Delgado", email="rosa@example.com", institution="Sangamon Valley Hospital"
    )
    client.force_login(editor)

    html = client.get(CHANGELIST).content.decode()

    assert "Rosa Delgado" in html
    assert "rosa@example.com" in html
    assert "Sangamon Valley Hospital" in html
    assert str(pledge.token) not in html
    change = client.get(reverse("admin:advocacy_pledge_change", args=[pledge.pk]))
    assert change.status_code == 200
    assert str(pledge.token) not in change.content.decode()


def test_pledge_list_query_count_does_not_grow_with_rows(
    client, editor, django_assert_max_num_queries
):
    PledgeFactory.create_batch(40, user=UserFactory())
    client.force_login(editor)

    with django_assert_max_num_queries(9):
        response = client.get(CHANGELIST)

    assert len(response.context["cl"].result_list) == 40


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"confirmed": "yes"}, {"done@example.com", "wi@example.com"}),
        ({"confirmed": "no"}, {"waiting@example.com"}),
        ({"show_publicly__exact": "0"}, {"wi@example.com"}),
        ({"state__exact": "WI"}, {"wi@example.com"}),
        ({"credential__exact": "MLT"}, {"waiting@example.com"}),
        ({"q": "Kenosha"}, {"wi@example.com"}),
        ({"q": "done@"}, {"done@example.com"}),
    ],
)
def test_pledges_are_filterable_and_searchable(client, editor, params, expected):
    PledgeFactory(email="done@example.com")
    PledgeFactory(email="waiting@example.com", confirmed_at=None, credential=Credential.MLT)
    PledgeFactory(email="wi@example.com", state="WI", city="Kenosha", show_publicly=False)
    client.force_login(editor)

    assert _shown(client.get(CHANGELIST, params)) == expected


def test_week_filter_takes_monday_to_sunday_in_chicago_time(client, editor):
    monday = week_start(timezone.localdate()) - timedelta(weeks=2)
    PledgeFactory(email="monday@example.com", confirmed_at=_chicago(monday, 0, 30))
    PledgeFactory(email="sunday@example.com", confirmed_at=_chicago(monday + timedelta(6), 23, 30))
    # 23:30 on the Sunday before is already Monday in UTC: it still belongs to the week before.
    PledgeFactory(email="before@example.com", confirmed_at=_chicago(monday - timedelta(1), 23, 30))
    PledgeFactory(email="pending@example.com", confirmed_at=None)
    client.force_login(editor)

    response = client.get(CHANGELIST, {"week": monday.isoformat()})

    assert _shown(response) == {"monday@example.com", "sunday@example.com"}
    label = f"Week of {monday.day} {monday:%b %Y}"
    assert label in response.content.decode()
    earlier = client.get(CHANGELIST, {"week": (monday - timedelta(1)).isoformat()})
    assert _shown(earlier) == {"before@example.com"}


def test_week_filter_with_a_mistyped_date_shows_the_admin_error_not_a_crash(client, editor):
    client.force_login(editor)

    response = client.get(CHANGELIST, {"week": "next-tuesday"})

    assert response.status_code == 302
    assert response["Location"].endswith("?e=1")
    assert client.get(EXPORT, {"week": "next-tuesday"})["Location"].endswith("?e=1")


# --- CSV export -------------------------------------------------------------------------------


def test_export_holds_exactly_the_filtered_and_searched_pledges_on_every_page(client, editor):
    wanted = {
        PledgeFactory(email=f"ok{n}@example.com", institution="Prairie Star Medical Center").email
        for n in range(55)
    }  # more than one page of 50
    PledgeFactory(email="pending@example.com", institution="Prairie Star Medical Center",
                  confirmed_at=None)  # fmt: skip
    PledgeFactory(email="indiana@example.com", institution="Prairie Star Medical Center",
                  state="IN")  # fmt: skip
    PledgeFactory(email="elsewhere@example.com", institution="Kankakee River Medical Center")
    client.force_login(editor)
    params = {"confirmed": "yes", "state__exact": "IL", "q": "Prairie Star"}

    changelist = client.get(CHANGELIST, params)
    export_url = changelist.context["export_url"]
    rows = _csv_rows(client.get(export_url))

    assert changelist.context["cl"].result_count == 55
    assert len(changelist.context["cl"].result_list) == 50
    assert "Export these pledges (CSV)" in changelist.content.decode()
    assert rows[0] == ["full name", "email", "credential", "all credentials", "job title",
                       "institution", "city", "state", "show publicly", "campaign emails",
                       "submitted", "confirmed"]  # fmt: skip
    assert {row[1] for row in rows[1:]} == wanted
    assert len(rows) == 56


def test_export_rows_carry_the_pledge_as_stored(client, editor):
    confirmed_at = _chicago(timezone.localdate() - timedelta(days=3), 14, 5)
    PledgeFactory(
        full_name="Kwame Mensah", email="kwame@example.com", credential=Credential.MLT,
        other_credentials="MLT(ASCP)CM", job_title="Lab Tech II", institution="Cardinal Point",
        city="Quincy", state="IL", show_publicly=False, campaign_emails=True,
        created_at=confirmed_at - timedelta(minutes=10), confirmed_at=confirmed_at,
    )  # fmt: skip
    PledgeFactory(email="waiting@example.com", confirmed_at=None)
    client.force_login(editor)

    rows = {row[1]: row for row in _csv_rows(client.get(EXPORT))[1:]}

    assert rows["kwame@example.com"] == [
        "Kwame Mensah", "kwame@example.com", "MLT", "MLT(ASCP)CM", "Lab Tech II", "Cardinal Point",
        "Quincy", "IL", "no", "yes", (confirmed_at - timedelta(minutes=10)).strftime(
            "%Y-%m-%d %H:%M"), confirmed_at.strftime("%Y-%m-%d %H:%M"),
    ]  # fmt: skip
    assert rows["waiting@example.com"][11] == ""


def test_export_neutralizes_cells_a_spreadsheet_would_run(client, editor):
    PledgeFactory(full_name='=HYPERLINK("http://evil.example")', email="f@example.com",
                  institution="+1 lab")  # fmt: skip
    client.force_login(editor)

    row = _csv_rows(client.get(EXPORT))[1]

    assert row[0] == '\'=HYPERLINK("http://evil.example")'
    assert row[5] == "'+1 lab"


# --- Who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["plain staff", "membership manager"])
def test_staff_without_pledge_permission_cannot_export_or_see_statistics(client, who):
    PledgeFactory()
    user = UserFactory(is_staff=True)
    if who == "membership manager":
        user.groups.add(Group.objects.get(name=MEMBERSHIP_MANAGERS))
    client.force_login(user)

    assert client.get(EXPORT).status_code == 403
    assert client.get(reverse("admin:advocacy_pledge_statistics")).status_code == 403
    assert client.get(CHANGELIST).status_code == 403


def test_visitor_who_is_not_staff_is_sent_to_the_admin_login(client, member):
    client.force_login(member)

    response = client.get(EXPORT)

    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_content_editor_sees_pledges_but_cannot_add_or_change_one(client, editor):
    pledge = PledgeFactory(full_name="Nia Robinson", email="nia@example.com")
    client.force_login(editor)

    assert client.get(reverse("admin:advocacy_pledge_add")).status_code == 403
    change_url = reverse("admin:advocacy_pledge_change", args=[pledge.pk])
    html = client.get(change_url).content.decode()
    assert "Nia Robinson" in html
    assert 'name="full_name"' not in html  # read-only for editors
    response = client.post(change_url, {"full_name": "Someone Else", "email": "x@example.com"})
    assert response.status_code == 403
    pledge.refresh_from_db()
    assert pledge.full_name == "Nia Robinson"
    assert client.get(EXPORT).status_code == 200


def test_content_editor_can_delete_a_pledge_on_request(client, editor):
    pledge = PledgeFactory(email="withdraw-me@example.com")
    client.force_login(editor)

    response = client.post(
        reverse("admin:advocacy_pledge_delete", args=[pledge.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Pledge.objects.filter(email="withdraw-me@example.com").exists()


def test_superuser_may_add_a_pledge_by_hand(client, superuser):
    client.force_login(superuser)

    html = client.get(reverse("admin:advocacy_pledge_add")).content.decode()

    assert 'name="full_name"' in html
    assert 'name="token"' not in html
    assert 'name="confirmed_at"' not in html  # set by the confirmation link only
