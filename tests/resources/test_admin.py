from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from portal.access import Visibility
from portal.groups import CONTENT_EDITORS
from resources.models import Resource
from tests.factories import AudienceFactory, ResourceFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:resources_resource_changelist")


@pytest.fixture
def editor(db):
    user = UserFactory(email="editor@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    return user


def _action(client, action, resources):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [r.pk for r in resources]},
        follow=True,
    )


def test_content_editors_bulk_publish_unpublish_and_lock(client, editor):
    client.force_login(editor)
    a, b = ResourceFactory(is_published=False), ResourceFactory(is_published=False)

    response = _action(client, "publish", [a, b])
    assert "2 resource(s) published." in response.content.decode()
    assert Resource.objects.published().count() == 2

    _action(client, "make_members_only", [a])
    a.refresh_from_db()
    assert a.visibility == Visibility.MEMBERS

    _action(client, "unpublish", [b])
    b.refresh_from_db()
    assert not b.is_published


def test_filter_finds_resources_not_reviewed_in_twelve_months(client, editor):
    today = timezone.localdate()
    fresh = ResourceFactory(title="Fresh", last_reviewed=today - timedelta(days=30))
    ResourceFactory(title="Stale", last_reviewed=today - timedelta(days=400))
    ResourceFactory(title="Never", last_reviewed=None)
    client.force_login(editor)

    response = client.get(CHANGELIST, {"review": "stale"})
    shown = {r.title for r in response.context["cl"].result_list}
    assert shown == {"Stale", "Never"}

    _action(client, "mark_reviewed_today", [fresh])
    fresh.refresh_from_db()
    assert fresh.last_reviewed == today


def test_admin_list_filters_and_search(client, editor):
    ResourceFactory(title="Blood bank antibody panel guide", kind="document", document=True)
    ResourceFactory(
        title="Urinalysis atlas", kind="webpage", topics=[TopicFactory()],
        audiences=[AudienceFactory()],
    )  # fmt: skip
    client.force_login(editor)

    response = client.get(CHANGELIST, {"q": "antibody"})
    assert [r.title for r in response.context["cl"].result_list] == [
        "Blood bank antibody panel guide"
    ]
    response = client.get(CHANGELIST, {"kind__exact": "webpage"})
    assert [r.title for r in response.context["cl"].result_list] == ["Urinalysis atlas"]
    filters = {spec.title for spec in response.context["cl"].filter_specs}
    assert {"kind", "visibility", "published", "review", "topics", "audiences"} <= filters


def test_editing_a_document_in_the_admin_shows_its_file_without_a_public_address(client, editor):
    resource = ResourceFactory(document=True)
    client.force_login(editor)

    response = client.get(reverse("admin:resources_resource_change", args=[resource.pk]))

    html = response.content.decode()
    download = reverse("admin:resources_resource_file", args=[resource.pk])
    # Named after the resource, never the generated name it is stored under.
    assert f'href="{download}">{resource.slug}.pdf</a>' in html
    assert "/media/" not in html
    file = client.get(download)
    assert b"".join(file.streaming_content).startswith(b"%PDF-")
