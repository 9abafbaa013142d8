"""Every path to a member-only resource, for every kind of visitor."""

import pytest
from django.urls import reverse

from portal.access import Visibility
from tests.factories import MINIMAL_PDF, ResourceFactory

pytestmark = pytest.mark.django_db

SECRET_BODY = "Confidential bench procedure for stat potassium"


@pytest.fixture
def locked(db):
    return ResourceFactory(
        title="Members' critical values policy template",
        slug="critical-values-template",
        summary="A template policy for calling critical values.",
        body=f"<p>{SECRET_BODY}</p>",
        visibility=Visibility.MEMBERS,
        document=True,
    )


@pytest.fixture
def open_resource(db):
    return ResourceFactory(title="Open hand hygiene poster", slug="hand-hygiene", document=True)


def _as(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


ALLOWED = ["member", "staff_user"]
REFUSED = ["non_member", "expired_member"]


@pytest.mark.parametrize("who", ALLOWED)
def test_members_and_staff_read_and_download_a_member_only_resource(client, request, locked, who):
    _as(client, request, who)

    page = client.get(locked.get_absolute_url()).content.decode()
    download = client.get(reverse("resources:download", args=[locked.slug]))

    assert SECRET_BODY in page
    assert b"".join(download.streaming_content) == MINIMAL_PDF
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="critical-values-template.pdf"'
    assert download["X-Content-Type-Options"] == "nosniff"
    locked.refresh_from_db()
    assert locked.download_count == 1


@pytest.mark.parametrize("who", REFUSED)
def test_non_members_and_expired_members_get_neither_body_nor_file(client, request, locked, who):
    _as(client, request, who)

    page = client.get(locked.get_absolute_url())
    download = client.get(reverse("resources:download", args=[locked.slug]))

    for response in (page, download):
        html = response.content.decode()
        assert response.status_code == 403
        assert "Members&#x27; critical values policy template" in html
        assert SECRET_BODY not in html
        assert MINIMAL_PDF.decode() not in html
    expected = "Your membership has expired" if who == "expired_member" else "Join ASCLS"
    assert expected in page.content.decode()
    locked.refresh_from_db()
    assert locked.download_count == 0


def test_anonymous_visitors_are_sent_to_log_in_for_page_and_file(client, locked):
    for url in (locked.get_absolute_url(), reverse("resources:download", args=[locked.slug])):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url}"


def test_the_log_in_page_says_why_and_offers_how_to_join(client, locked):
    response = client.get(locked.get_absolute_url(), follow=True)

    html = response.content.decode()
    assert "Members&#x27; critical values policy template” is for ASCLS members" in html
    assert f'<a href="{reverse("membership")}">how to join ASCLS</a>' in html
    assert 'name="password"' in html


@pytest.mark.parametrize("who", ["anonymous", *REFUSED])
def test_lists_show_member_only_items_as_locked_teasers(client, request, locked, who):
    _as(client, request, who)

    html = client.get(reverse("resources:library")).content.decode()

    assert "Members&#x27; critical values policy template" in html
    assert "A template policy for calling critical values." in html
    assert "Members only" in html
    assert SECRET_BODY not in html
    assert reverse("resources:download", args=[locked.slug]) not in html


@pytest.mark.parametrize("who", ["anonymous", *REFUSED])
def test_search_never_reveals_a_member_only_body(client, request, locked, who):
    _as(client, request, who)

    by_body = client.get(reverse("resources:library"), {"q": "potassium"})
    by_title = client.get(reverse("resources:library"), {"q": "critical values"})

    assert [r.title for r in by_body.context["resources"]] == []
    assert [r.title for r in by_title.context["resources"]] == [locked.title]
    assert SECRET_BODY not in by_title.content.decode()


@pytest.mark.parametrize("who", ALLOWED)
def test_members_find_member_only_resources_by_their_body(client, request, locked, who):
    _as(client, request, who)
    response = client.get(reverse("resources:library"), {"q": "potassium"})
    assert [r.title for r in response.context["resources"]] == [locked.title]


@pytest.mark.parametrize("who", ["anonymous", "member", "staff_user"])
def test_the_feed_carries_only_public_resources_whoever_asks(
    client, request, locked, open_resource, who
):
    _as(client, request, who)

    xml = client.get(reverse("resources:feed")).content.decode()

    assert "<feed" in xml
    assert "Open hand hygiene poster" in xml
    assert "critical values" not in xml
    assert SECRET_BODY not in xml


def test_unpublished_resource_is_hidden_from_everyone_but_staff(client, member, staff_user):
    draft = ResourceFactory(title="Draft guide", is_published=False, document=True)
    client.force_login(member)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("resources:download", args=[draft.slug])).status_code == 404
    assert "Draft guide" not in client.get(reverse("resources:library")).content.decode()

    client.force_login(staff_user)
    assert "not published" in client.get(draft.get_absolute_url()).content.decode()


def test_private_files_have_no_public_url(locked, settings):
    from pathlib import Path

    stored = Path(locked.file.path)
    assert Path(settings.MEDIA_ROOT) not in stored.parents
    with pytest.raises(ValueError):
        locked.file.url  # noqa: B018


def test_public_document_downloads_for_anyone(client, open_resource):
    response = client.get(reverse("resources:download", args=[open_resource.slug]))
    assert response["Content-Disposition"] == 'attachment; filename="hand-hygiene.pdf"'
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_link_resource_shows_where_it_goes_and_marks_it_external(client):
    link = ResourceFactory(title="ASCP", link=True)
    html = client.get(link.get_absolute_url()).content.decode()
    assert 'href="https://www.ascp.org/" rel="noopener external"' in html
    assert "(opens another site)" in html
    assert "Download" not in html


def test_sitemap_lists_public_resources_only(client, locked, open_resource):
    xml = client.get("/sitemap-resources.xml").content.decode()
    assert open_resource.get_absolute_url() in xml
    assert locked.get_absolute_url() not in xml
