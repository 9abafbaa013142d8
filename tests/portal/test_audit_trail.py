"""The audit trail (portal.audit): staff changes to memberships and pages, and the roster
import, are recorded with who, when and what changed, and shown on each record's History page
in the admin to the staff who may view the record."""

import html
import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import formats, timezone

from portal.audit import EMPTY, MAX_CHARS, display_value, recorded_as
from portal.groups import CONTENT_EDITORS, MEMBERSHIP_MANAGERS
from portal.models import Membership, MembershipCategory, Page
from portal.roster import roster_import
from tests.factories import MembershipFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- Helpers the other apps' audit-trail tests share ----------------------------------------------


def staff(email, full_name, group):
    user = UserFactory(email=email, full_name=full_name, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def history_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def page_text(response) -> str:
    """What a person reads on the page: the text without tags, spaces collapsed."""
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def history_text(client, obj) -> str:
    response = client.get(history_url(obj))
    assert response.status_code == 200
    return page_text(response)


def history_rows(client, obj) -> list[str]:
    """The History page's table rows, newest first, as text."""
    response = client.get(history_url(obj))
    assert response.status_code == 200
    body = response.content.decode().split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        " ".join(html.unescape(re.sub(r"<[^>]+>", " ", row)).split())
        for row in re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    ]


def when(version) -> str:
    return formats.date_format(timezone.localtime(version.history_date), "DATETIME_FORMAT")


# --- Memberships ----------------------------------------------------------------------------------


@pytest.fixture
def manager(db):
    return staff("manager@example.com", "Mona Manager", MEMBERSHIP_MANAGERS)


@pytest.fixture
def editor(db):
    return staff("editor@example.com", "Eddie Editor", CONTENT_EDITORS)


def membership_form(membership, **changes):
    data = {
        "member_id": membership.member_id,
        "first_name": membership.first_name,
        "last_name": membership.last_name,
        "email": membership.email,
        "category": membership.category_id,
        "start_date": membership.start_date.isoformat() if membership.start_date else "",
        "expiry_date": membership.expiry_date.isoformat(),
        "user": membership.user_id or "",
    }
    return {**data, **changes}


def test_a_managers_change_to_an_expiry_date_shows_who_when_and_what(client, manager):
    membership = MembershipFactory(
        member_id="IL-1001", first_name="Ana", last_name="Lopez", expiry_date=date(2025, 12, 31)
    )
    client.force_login(manager)

    response = client.post(
        reverse("admin:portal_membership_change", args=[membership.pk]),
        membership_form(membership, expiry_date="2026-06-30"),
    )

    assert response.status_code == 302
    version = membership.history.first()
    assert version.history_user == manager
    newest = history_rows(client, membership)[0]
    assert when(version) in newest
    assert "Mona Manager (manager@example.com)" in newest
    assert "Changed" in newest
    assert "Expiry date: Dec. 31, 2025 → June 30, 2026" in newest
    # Only what changed is listed.
    assert "First name" not in newest
    assert len(history_rows(client, membership)) == 2  # created, then changed


def test_the_change_form_still_links_to_the_history(client, manager):
    membership = MembershipFactory()
    client.force_login(manager)

    page = client.get(reverse("admin:portal_membership_change", args=[membership.pk]))

    assert f'href="{history_url(membership)}"' in page.content.decode()


def test_a_category_and_a_linked_account_are_shown_by_their_names(client, manager):
    membership = MembershipFactory(category=MembershipCategory.objects.create(name="Student"))
    member = UserFactory(email="ana@example.com", full_name="Ana Lopez")
    client.force_login(manager)

    client.post(
        reverse("admin:portal_membership_change", args=[membership.pk]),
        membership_form(
            membership,
            category=MembershipCategory.objects.create(name="Professional").pk,
            user=member.pk,
        ),
    )

    newest = history_rows(client, membership)[0]
    assert "Category: Student → Professional" in newest
    assert f"User: {EMPTY} → Ana Lopez" in newest


def test_the_roster_import_records_each_membership_with_the_importer(client, manager):
    for name in ("Professional", "Student"):
        MembershipCategory.objects.get_or_create(name=name)
    kept = MembershipFactory(
        member_id="A100", first_name="Ana", last_name="Lopez", email="ana@example.com",
        category=MembershipCategory.objects.get(name="Professional"),
        expiry_date=date(2026, 6, 30),
    )  # fmt: skip
    UserFactory(email="ben@example.com")
    data = (
        b"Member ID,First Name,Last Name,Email,Category,Expiry Date\n"
        b"A100,Ana,Lopez,ana@example.com,Professional,2027-06-30\n"
        b"A101,Ben,Okafor,ben@example.com,Student,2026-12-31\n"
    )

    roster_import(data=data, file_name="roster-2026-05.csv", imported_by=manager)

    updated = kept.history.first()
    assert (updated.history_type, updated.history_user, updated.history_change_reason) == (
        "~",
        manager,
        "Roster import roster-2026-05.csv",
    )
    created = Membership.objects.get(member_id="A101")
    versions = list(created.history.order_by("history_date", "history_id"))
    assert [v.history_type for v in versions] == ["+", "~"]  # created, then linked to Ben
    assert {v.history_user for v in versions} == {manager}
    assert versions[-1].user_id == created.user_id is not None

    client.force_login(manager)
    newest = history_rows(client, kept)[0]
    assert "Mona Manager (manager@example.com)" in newest
    assert "Changed: Roster import roster-2026-05.csv" in newest
    assert "Expiry date: June 30, 2026 → June 30, 2027" in newest


def test_an_unchanged_roster_row_adds_no_version(manager):
    MembershipCategory.objects.get_or_create(name="Professional")
    data = (
        b"Member ID,First Name,Last Name,Email,Category,Expiry Date\n"
        b"A100,Ana,Lopez,ana@example.com,Professional,2027-06-30\n"
    )
    roster_import(data=data, file_name="roster.csv", imported_by=manager)
    roster_import(data=data, file_name="roster.csv", imported_by=manager)

    assert Membership.objects.get(member_id="A100").history.count() == 1


# --- Pages ----------------------------------------------------------------------------------------


def page_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "section": page.section,
        "summary": page.summary,
        "body": page.body,
        "visibility": page.visibility,
        "is_published": "on" if page.is_published else "",
        "order": page.order,
    }
    data = {**data, **changes}
    return {key: value for key, value in data.items() if value != ""}


def test_an_editors_change_to_a_page_reads_as_plain_words(client, editor):
    page = PageFactory(
        title="Join the society",
        section="about",
        body="<p>Dues are <strong>$40</strong> a year.</p>",
        is_published=True,
    )
    client.force_login(editor)

    response = client.post(
        reverse("admin:portal_page_change", args=[page.pk]),
        page_form(
            page,
            title="Join ASCLS-Illinois",
            section="membership",
            body="<p>Dues are <strong>$45</strong> a year &amp; students pay less.</p>",
            is_published="",
        ),
    )

    assert response.status_code == 302
    newest = history_rows(client, page)[0]
    assert "Eddie Editor (editor@example.com)" in newest
    assert "Title: Join the society → Join ASCLS-Illinois" in newest
    assert "Section: About → Membership" in newest  # the labels, not "about"
    assert "Body: Dues are $40 a year. → Dues are $45 a year & students pay less." in newest
    assert "Published: Yes → No" in newest
    assert "<strong>" not in newest


def test_list_editable_changes_are_recorded_too(client, editor):
    page = PageFactory(title="About the society", order=1)
    client.force_login(editor)

    client.post(
        reverse("admin:portal_page_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": page.pk,
            "form-0-order": "5",
            "form-0-is_published": "on",
            "_save": "Save",
        },
    )

    version = page.history.first()
    assert (version.order, version.history_user) == (5, editor)
    assert "Order: 1 → 5" in history_rows(client, page)[0]


def test_an_editor_restores_an_earlier_version_of_a_page(client, editor):
    page = PageFactory(title="Old title")
    client.force_login(editor)
    client.post(
        reverse("admin:portal_page_change", args=[page.pk]), page_form(page, title="New title")
    )
    first = page.history.order_by("history_date", "history_id").first()
    version_url = reverse("admin:portal_page_simple_history", args=[page.pk, first.pk])

    form_page = client.get(version_url)
    assert "Revert" in page_text(form_page)
    # The rich-text editor's import map gets the page's CSP nonce here too.
    nonce = form_page.wsgi_request.csp_nonce
    assert f'nonce="{nonce}"' in form_page.content.decode()
    page.refresh_from_db()
    client.post(version_url, page_form(page, title="Old title"))

    page.refresh_from_db()
    assert page.title == "Old title"
    assert "Title: New title → Old title" in history_rows(client, page)[0]


# --- Who may read a history -----------------------------------------------------------------------


def test_only_staff_who_may_view_the_record_see_its_history(client, manager, editor):
    membership = MembershipFactory()
    page = PageFactory()

    client.force_login(editor)
    assert client.get(history_url(membership)).status_code == 403
    assert client.get(history_url(page)).status_code == 200
    version = membership.history.first()
    version_url = reverse(
        "admin:portal_membership_simple_history", args=[membership.pk, version.pk]
    )
    assert client.get(version_url).status_code == 403

    client.force_login(manager)
    assert client.get(history_url(membership)).status_code == 200
    assert client.get(history_url(page)).status_code == 403

    client.force_login(UserFactory(email="member@example.com"))
    assert client.get(history_url(membership)).status_code == 302  # to the admin's sign-in
    client.logout()
    assert client.get(history_url(membership)).status_code == 302


def test_staff_who_may_only_view_cannot_restore_a_version(client):
    viewer = UserFactory(email="viewer@example.com", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_page"))
    page = PageFactory(title="Kept")
    first = page.history.first()
    url = reverse("admin:portal_page_simple_history", args=[page.pk, first.pk])
    client.force_login(viewer)

    assert "Revert" not in page_text(client.get(url))
    assert client.post(url, page_form(page, title="Changed by a viewer")).status_code == 403
    page.refresh_from_db()
    assert page.title == "Kept"


# --- The History page's cost ----------------------------------------------------------------------


def test_the_history_page_costs_the_same_for_three_versions_or_forty(
    client, manager, django_assert_max_num_queries
):
    short = MembershipFactory(member_id="IL-1")
    long = MembershipFactory(member_id="IL-2")
    students = MembershipCategory.objects.create(name="Student")
    for n in range(40):
        target = long if n >= 2 else short
        with recorded_as(target, by=manager, reason=f"Change {n}"):
            target.expiry_date += timedelta(days=1)
            target.category = students if n % 2 else MembershipCategory.objects.first()
            target.save()
    client.force_login(manager)

    for membership in (short, long):
        with django_assert_max_num_queries(10):
            response = client.get(history_url(membership))
        assert response.status_code == 200


def test_the_last_row_of_a_page_still_says_what_changed(client, manager, monkeypatch):
    from django.contrib import admin

    monkeypatch.setattr(admin.site._registry[Membership], "history_list_per_page", 2)
    membership = MembershipFactory(expiry_date=date(2026, 1, 1))
    for day in (2, 3, 4):
        membership.expiry_date = date(2026, 1, day)
        membership.save()
    client.force_login(manager)

    rows = history_rows(client, membership)

    assert len(rows) == 2
    assert "View or restore version 4" in rows[0]
    assert "View or restore version 3" in rows[1]
    assert "Expiry date: Jan. 2, 2026 → Jan. 3, 2026" in rows[1]
    assert "4 versions" in history_text(client, membership)


# --- How values read ------------------------------------------------------------------------------


def test_values_read_as_staff_see_them_on_the_form():
    field = Page._meta.get_field
    long_body = "<p>" + "word " * 100 + "</p>"

    assert display_value(field("section"), "careers") == "Career Center"
    assert display_value(field("is_published"), False) == "No"
    assert display_value(field("summary"), "") == EMPTY
    body = display_value(field("body"), long_body)
    assert body.startswith("word word") and body.endswith("…")
    assert len(body) == MAX_CHARS
    assert display_value(Membership._meta.get_field("category"), 999, {}) == (
        "deleted membership category (#999)"
    )


def test_linking_a_membership_to_a_new_account_is_recorded(client, manager):
    membership = MembershipFactory(member_id="IL-2002", email="lee.park@example.com")

    response = client.post(
        reverse("account_signup"),
        {
            "email": "lee.park@example.com",
            "full_name": "Lee Park",
            "password1": "a-Long-test-passphrase-42",
            "password2": "a-Long-test-passphrase-42",
        },
    )

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.user.email == "lee.park@example.com"
    client.force_login(manager)
    newest = history_rows(client, membership)[0]
    assert "Linked to the account with the same email address" in newest
    assert "Lee Park" in newest
