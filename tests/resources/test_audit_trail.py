"""The audit trail of the resource library: an editor's change, topics and audiences included,
is one version with who, when and what changed; list actions are recorded too."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.groups import CONTENT_EDITORS
from resources.models import Resource
from tests.factories import AudienceFactory, ResourceFactory, TopicFactory
from tests.portal.test_audit_trail import history_rows, staff

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:resources_resource_changelist")


@pytest.fixture
def editor(db):
    return staff("editor@example.com", "Eddie Editor", CONTENT_EDITORS)


@pytest.fixture
def topics(db):
    return {
        name: TopicFactory(name=name, slug=name.lower().replace(" ", "-"))
        for name in ("Safety", "Quality control", "Microbiology")
    }


def resource_form(resource, **changes):
    published = timezone.localtime(resource.published_at)
    data = {
        "title": resource.title,
        "slug": resource.slug,
        "kind": resource.kind,
        "summary": resource.summary,
        "body": resource.body,
        "url": resource.url,
        "audiences": [a.pk for a in resource.audiences.all()] if resource.pk else [],
        "topics": [t.pk for t in resource.topics.all()] if resource.pk else [],
        "visibility": resource.visibility,
        "is_published": "on" if resource.is_published else "",
        "is_featured": "on" if resource.is_featured else "",
        "published_at_0": published.date().isoformat(),
        "published_at_1": published.time().strftime("%H:%M:%S"),
        "last_reviewed": resource.last_reviewed.isoformat() if resource.last_reviewed else "",
    }
    data = {**data, **changes}
    return {key: value for key, value in data.items() if value != ""}


def test_an_editors_change_with_new_topics_is_one_version(client, editor, topics):
    resource = ResourceFactory(title="Biosafety basics", topics=[topics["Safety"]])
    before = resource.history.count()
    client.force_login(editor)

    response = client.post(
        reverse("admin:resources_resource_change", args=[resource.pk]),
        resource_form(
            resource,
            title="Biosafety in the clinical laboratory",
            topics=[topics["Safety"].pk, topics["Quality control"].pk],
            audiences=[AudienceFactory(name="Students", slug="students").pk],
            visibility="members",
        ),
    )

    assert response.status_code == 302
    assert resource.history.count() == before + 1
    newest = history_rows(client, resource)[0]
    assert "Eddie Editor (editor@example.com)" in newest
    assert "Title: Biosafety basics → Biosafety in the clinical laboratory" in newest
    assert "Topics: Safety → Quality control, Safety" in newest
    assert "Audiences: (none) → Students" in newest
    assert "Visibility: Public → Members only" in newest


def test_removing_every_topic_is_recorded(client, editor, topics):
    resource = ResourceFactory(topics=[topics["Safety"], topics["Microbiology"]])
    client.force_login(editor)

    client.post(
        reverse("admin:resources_resource_change", args=[resource.pk]),
        resource_form(resource, topics=""),
    )

    assert "Topics: Microbiology, Safety → (none)" in history_rows(client, resource)[0]


def test_adding_a_resource_with_topics_records_its_creation_and_its_topics(client, editor, topics):
    client.force_login(editor)
    new = Resource(
        title="Gram stain guide",
        slug="gram-stain-guide",
        kind="webpage",
        summary="How to read a Gram stain.",
        body="<p>Steps.</p>",
        published_at=timezone.now(),
    )

    response = client.post(
        reverse("admin:resources_resource_add"),
        resource_form(new, topics=[topics["Microbiology"].pk], is_published="on"),
    )

    assert response.status_code == 302
    resource = Resource.objects.get(slug="gram-stain-guide")
    rows = history_rows(client, resource)
    assert "First version" in rows[-1]
    assert "Topics: (none) → Microbiology" in rows[0]
    assert {v.history_user for v in resource.history.all()} == {editor}


def test_publishing_from_the_list_is_recorded_for_each_resource(client, editor, topics):
    drafts = [
        ResourceFactory(title=f"Draft {n}", is_published=False, topics=[topics["Safety"]])
        for n in range(3)
    ]
    client.force_login(editor)

    client.post(
        CHANGELIST, {"action": "publish", "_selected_action": [r.pk for r in drafts]}, follow=True
    )

    for resource in drafts:
        version = resource.history.first()
        assert (version.history_user, version.history_change_reason) == (editor, "Published")
        newest = history_rows(client, resource)[0]
        assert "Changed: Published" in newest
        assert "Published: No → Yes" in newest
        assert "Topics" not in newest  # the topics were kept in the version, unchanged


def test_marking_reviewed_from_the_list_is_recorded(client, editor):
    resource = ResourceFactory(last_reviewed=timezone.localdate() - timedelta(days=400))
    client.force_login(editor)

    client.post(
        CHANGELIST,
        {"action": "mark_reviewed_today", "_selected_action": [resource.pk]},
        follow=True,
    )

    newest = history_rows(client, resource)[0]
    assert "Changed: Marked as reviewed today" in newest
    assert "Last reviewed: " in newest


def test_the_resource_history_page_has_a_fixed_cost(
    client, editor, topics, django_assert_max_num_queries
):
    resource = ResourceFactory(topics=[topics["Safety"]])
    names = list(topics.values())
    for n in range(30):
        resource.topics.set([names[n % 3]])
        resource.title = f"Version {n}"
        resource.save()
    client.force_login(editor)

    with django_assert_max_num_queries(14):
        response = client.get(reverse("admin:resources_resource_history", args=[resource.pk]))

    assert "Version 28 → Version 29" in response.content.decode()


def test_a_past_version_of_a_document_opens_for_restoring(client, editor):
    resource = ResourceFactory(document=True, title="Old guide")
    resource.title = "New guide"
    resource.save()
    first = resource.history.order_by("history_date", "history_id").first()
    client.force_login(editor)

    response = client.get(
        reverse("admin:resources_resource_simple_history", args=[resource.pk, first.pk])
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Old guide"' in html
    assert 'value="Revert"' in html
    assert f'nonce="{response.wsgi_request.csp_nonce}"' in html
