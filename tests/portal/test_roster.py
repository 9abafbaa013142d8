from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.groups import MEMBERSHIP_MANAGERS
from portal.models import Membership, MembershipCategory, RosterImport
from portal.roster import RosterError, roster_import
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "Member ID,First Name,Last Name,Email,Category,Expiry Date\n"


@pytest.fixture(autouse=True)
def categories(db):
    for name in ("Professional", "Student", "Retired"):
        MembershipCategory.objects.get_or_create(name=name)


def _csv(*rows, header=HEADER):
    return (header + "".join(r + "\n" for r in rows)).encode()


def _import(data, user=None):
    return roster_import(data=data, file_name="roster.csv", imported_by=user)


def test_new_rows_create_memberships():
    result = _import(
        _csv(
            "A100,Ana,Lopez,ana@example.com,Professional,2027-06-30",
            "A101,Ben,Okafor,ben@example.com,student,12/31/2026",
        )
    )

    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    ana = Membership.objects.get(member_id="A100")
    assert (ana.first_name, ana.last_name, ana.email) == ("Ana", "Lopez", "ana@example.com")
    assert ana.category.name == "Professional"
    assert ana.expiry_date == date(2027, 6, 30)
    assert Membership.objects.get(member_id="A101").expiry_date == date(2026, 12, 31)


def test_changed_rows_update_and_the_same_file_twice_changes_nothing():
    _import(_csv("A100,Ana,Lopez,ana@example.com,Professional,2026-06-30"))
    renewed = _csv("A100,Ana,Lopez-Reyes,ana@example.com,Professional,2027-06-30")

    first = _import(renewed)
    snapshot = list(Membership.objects.values())
    second = _import(renewed)

    assert (first.created, first.updated, first.unchanged) == (0, 1, 0)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 1)
    assert list(Membership.objects.values()) == snapshot
    ana = Membership.objects.get(member_id="A100")
    assert (ana.last_name, ana.expiry_date) == ("Lopez-Reyes", date(2027, 6, 30))


def test_one_bad_row_imports_nothing_and_every_problem_is_named_by_line():
    data = _csv(
        "A100,Ana,Lopez,ana@example.com,Professional,2027-06-30",
        "A101,Ben,Okafor,ben@example.com,Platinum,2027-06-30",
        "A102,Cy,Ng,cy@example.com,Student,2027-02-31",
        "A100,Dee,Park,dee@example.com,Student,2027-06-30",
        "A103,Eve,Hart,not-an-email,Student,2027-06-30",
        "A104,Fay",
    )

    with pytest.raises(RosterError) as error:
        _import(data)

    problems = error.value.problems
    assert problems[0].startswith("Line 3:") and 'unknown category "Platinum"' in problems[0]
    assert problems[1].startswith("Line 4:") and '"2027-02-31" is not a date' in problems[1]
    assert problems[2].startswith("Line 5:") and "already appears on line 2" in problems[2]
    assert problems[3].startswith("Line 6:") and "not an email address" in problems[3]
    assert problems[4].startswith("Line 7:") and "expected 6 columns, found 2" in problems[4]
    assert not Membership.objects.exists()
    assert not RosterImport.objects.exists()


def test_missing_column_is_reported_against_the_header():
    data = (
        b"Member ID,First Name,Last Name,Email,Expiry Date\nA1,Ana,Lopez,a@example.com,2027-01-01\n"
    )
    with pytest.raises(RosterError) as error:
        _import(data)
    assert error.value.problems == [
        'Line 1: the header is missing the column(s) "category". The roster needs: member ID, '
        "first name, last name, email, category, expiry date."
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Member ID,Naïve\n".encode("latin-1"), "not UTF-8 text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV file"),
        (b"", "The file is empty."),
        (HEADER.encode(), "no member rows"),
    ],
)
def test_unreadable_files_get_a_clear_message(data, message):
    with pytest.raises(RosterError) as error:
        _import(data)
    assert message in error.value.problems[0]


def test_too_large_file_is_refused(settings):
    settings.ROSTER_MAX_BYTES = 100
    with pytest.raises(RosterError) as error:
        _import(
            _csv(*[f"A1{i:02d},Ana,Lopez,a@example.com,Professional,2027-06-30" for i in range(5)])
        )
    assert "largest roster accepted" in error.value.problems[0]


def test_import_links_memberships_to_accounts_with_the_same_email_case_insensitively():
    person = UserFactory(email="ana.lopez@example.com")

    result = _import(_csv("A100,Ana,Lopez,Ana.Lopez@Example.COM,Professional,2027-06-30"))

    assert result.linked == 1
    assert Membership.objects.get(member_id="A100").user == person


def test_import_does_not_take_a_membership_from_the_account_it_is_linked_to():
    owner = UserFactory(email="owner@example.com")
    MembershipFactory(member_id="A100", user=owner, email="owner@example.com")
    UserFactory(email="new.address@example.com")

    _import(_csv("A100,Ana,Lopez,new.address@example.com,Professional,2027-06-30"))

    assert Membership.objects.get(member_id="A100").user == owner


# --- the admin screens -------------------------------------------------------------------------


@pytest.fixture
def manager(db):
    from django.contrib.auth.models import Group

    user = UserFactory(email="manager@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=MEMBERSHIP_MANAGERS))
    return user


def test_membership_manager_imports_a_roster_in_admin(client, manager):
    client.force_login(manager)
    upload = SimpleUploadedFile(
        "roster.csv", _csv("A100,Ana,Lopez,ana@example.com,Professional,2027-06-30")
    )

    response = client.post(
        reverse("admin:portal_membership_import"), {"roster": upload}, follow=True
    )

    html = response.content.decode()
    assert "Imported 1 rows from roster.csv: 1 new, 0 updated, 0 unchanged" in html
    assert Membership.objects.filter(member_id="A100").exists()
    assert RosterImport.objects.get().imported_by == manager


def test_admin_import_with_problems_lists_them_and_imports_nothing(client, manager):
    client.force_login(manager)
    upload = SimpleUploadedFile(
        "roster.csv", _csv("A100,Ana,Lopez,ana@example.com,Gold,2027-06-30")
    )

    response = client.post(reverse("admin:portal_membership_import"), {"roster": upload})

    html = response.content.decode()
    assert "Nothing was imported" in html
    assert "Line 2: unknown category &quot;Gold&quot;" in html
    assert not Membership.objects.exists()


def test_admin_import_refuses_a_file_that_is_not_csv(client, manager):
    client.force_login(manager)
    upload = SimpleUploadedFile("roster.xlsx", b"PK\x03\x04 spreadsheet bytes")

    response = client.post(reverse("admin:portal_membership_import"), {"roster": upload})

    assert "Upload the roster as a .csv file" in response.content.decode()
    assert not Membership.objects.exists()


def test_content_editors_cannot_import_the_roster(client, db):
    from django.contrib.auth.models import Group

    from portal.groups import CONTENT_EDITORS

    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    client.force_login(editor)

    response = client.get(reverse("admin:portal_membership_import"))

    assert response.status_code == 403
