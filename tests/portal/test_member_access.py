from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.access import Visibility, can_view, may_see_member_content
from portal.models import Page
from tests.factories import MembershipFactory, PageFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET = "Minutes of the closed board session"


@pytest.fixture
def members_page(db):
    return PageFactory(
        title="Board minutes",
        slug="board-minutes",
        summary="What the board decided this year.",
        body=f"<p>{SECRET}</p>",
        visibility=Visibility.MEMBERS,
    )


def test_anonymous_visitor_is_sent_to_log_in_and_comes_back(client, members_page, member):
    url = members_page.get_absolute_url()

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={url}"

    response = client.post(
        response.url, {"login": member.email, "password": "a-Long-test-passphrase-42"}
    )
    assert response.status_code == 302
    assert response.url == url
    assert SECRET in client.get(url).content.decode()


def test_logged_in_non_member_gets_403_naming_the_page_and_offering_to_join(
    client, members_page, non_member
):
    client.force_login(non_member)

    response = client.get(members_page.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 403
    assert "Board minutes" in html
    assert "This is for ASCLS members" in html
    assert "Join ASCLS" in html
    assert SECRET not in html


def test_expired_member_gets_403_with_a_renewal_prompt(client, members_page, expired_member):
    client.force_login(expired_member)

    response = client.get(members_page.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 403
    assert "Your membership has expired" in html
    assert "Renew your membership" in html
    assert SECRET not in html


def test_active_member_reads_the_page(client, members_page, member):
    client.force_login(member)
    response = client.get(members_page.get_absolute_url())
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_staff_read_the_page_without_a_membership(client, members_page, staff_user):
    client.force_login(staff_user)
    assert SECRET in client.get(members_page.get_absolute_url()).content.decode()


def test_membership_counts_through_its_last_day():
    user = UserFactory()
    today = timezone.localdate()
    MembershipFactory(user=user, expiry_date=today)
    assert may_see_member_content(user)

    later = UserFactory()
    MembershipFactory(user=later, expiry_date=today - timedelta(days=1))
    assert not may_see_member_content(later)


def test_the_longest_running_membership_decides(db):
    user = UserFactory()
    today = timezone.localdate()
    MembershipFactory(user=user, expiry_date=today - timedelta(days=400))
    MembershipFactory(user=user, expiry_date=today + timedelta(days=30))
    assert may_see_member_content(user)


def test_visible_to_filters_lists_by_the_same_rule(members_page, member, non_member, staff_user):
    from django.contrib.auth.models import AnonymousUser

    public = PageFactory(title="Open page")

    for user, expected in [
        (AnonymousUser(), {public}),
        (non_member, {public}),
        (member, {public, members_page}),
        (staff_user, {public, members_page}),
    ]:
        assert set(Page.objects.visible_to(user)) == expected
        assert {p for p in (public, members_page) if can_view(user, p)} == expected


def test_section_navigation_lists_member_pages_with_a_lock_but_no_body(client, members_page):
    other = PageFactory(title="Society history", slug="history")

    html = client.get(other.get_absolute_url()).content.decode()

    assert "Board minutes" in html
    assert "Members only" in html
    assert SECRET not in html


def test_unpublished_page_is_not_found_except_for_staff(client, staff_user):
    draft = PageFactory(title="Draft", slug="draft", is_published=False)

    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404

    client.force_login(staff_user)
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "This page is not published" in html
