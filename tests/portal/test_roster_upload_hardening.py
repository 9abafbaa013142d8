"""The national roster upload refuses hostile files with a clear error and imports nothing;
a CSV exactly at the limit is imported."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from portal.groups import MEMBERSHIP_MANAGERS
from portal.models import Membership, MembershipCategory, RosterImport
from portal.uploads import ROSTER
from tests.factories import UserFactory
from tests.upload_samples import (
    LINUX_PROGRAM,
    WEB_PAGE,
    WINDOWS_PROGRAM,
    csv_of_size,
    stored_files,
    zip_bomb,
)

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:portal_membership_import")
ROSTER_CSV = (
    b"Member ID,First Name,Last Name,Email,Category,Expiry Date\n"
    b"A100,Ana,Lopez,ana@example.com,Professional,2027-06-30\n"
)


@pytest.fixture
def manager(client, db):
    MembershipCategory.objects.get_or_create(name="Professional")
    user = UserFactory(email="manager@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=MEMBERSHIP_MANAGERS))
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        pytest.param(
            "roster.csv", WINDOWS_PROGRAM, "It is a Windows program", id="windows-program"
        ),
        pytest.param("roster.csv", LINUX_PROGRAM, "It is a Linux program", id="linux-program"),
        pytest.param(
            "roster.pdf", WEB_PAGE, "Upload the roster as a .csv file", id="web-page-named-pdf"
        ),
        pytest.param("roster.csv", WEB_PAGE, "It is a web page (HTML)", id="web-page-named-csv"),
        pytest.param("roster.csv", zip_bomb(), "This file is not a CSV file", id="zip-bomb"),
        pytest.param(
            "roster.docx", zip_bomb(), "Upload the roster as a .csv file", id="zip-bomb-as-docx"
        ),
        pytest.param("roster.csv", b"", ROSTER.empty, id="empty"),
        pytest.param(
            "roster.csv",
            "Member ID\nA100 Peña\n".encode("latin-1"),
            "The file is not UTF-8 text (unreadable byte at position 17)",
            id="not-utf8",
        ),
        pytest.param(
            "roster.csv",
            csv_of_size(ROSTER.max_bytes + 1, ROSTER_CSV),
            "The file is just over 5 MB; the largest roster accepted is 5 MB.",
            id="one-byte-over",
        ),
    ],
)
def test_the_roster_upload_refuses_hostile_files_and_imports_nothing(
    client, manager, settings, name, data, words
):
    response = client.post(IMPORT, {"roster": SimpleUploadedFile(name, data)})

    html = response.content.decode()
    assert response.status_code == 200
    assert words in html
    assert not Membership.objects.exists()
    assert not RosterImport.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_a_roster_exactly_at_the_limit_is_imported(client, manager):
    data = csv_of_size(ROSTER.max_bytes, ROSTER_CSV)
    assert len(data) == ROSTER.max_bytes

    response = client.post(IMPORT, {"roster": SimpleUploadedFile("roster.csv", data)}, follow=True)

    assert "Imported 1 rows from roster.csv: 1 new" in response.content.decode()
    assert Membership.objects.get().member_id == "A100"


def test_a_roster_saved_as_utf8_with_a_byte_order_mark_is_imported(client, manager):
    data = "\ufeff".encode() + ROSTER_CSV.replace(b"Lopez", "López".encode())

    client.post(IMPORT, {"roster": SimpleUploadedFile("roster.csv", data)})

    assert Membership.objects.get().last_name == "López"
