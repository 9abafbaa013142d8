"""Staff editing the campaign page's texts and the FAQ in the admin (advocacy/admin.py)."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from advocacy.content import DEFAULT_CAMPAIGN
from advocacy.models import Campaign, FAQEntry
from portal.groups import CONTENT_EDITORS, STAFF_GROUP_PERMISSIONS
from tests.advocacy.factories import FAQEntryFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:advocacy_campaign_changelist")
ADD = reverse("admin:advocacy_campaign_add")


@pytest.fixture
def editor(db):
    user = UserFactory(email="editor@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    return user


def _form_data(**changes):
    data = {**DEFAULT_CAMPAIGN, **changes}
    data["position_paper_date"] = data["position_paper_date"].isoformat()
    return data


def test_before_the_first_save_the_list_opens_the_add_form_filled_with_the_built_in_wording(
    client, editor
):
    client.force_login(editor)

    response = client.get(CHANGELIST, follow=True)

    assert response.redirect_chain == [(ADD, 302)]
    form = response.context["adminform"].form
    assert form.initial["headline"] == DEFAULT_CAMPAIGN["headline"]
    assert form.initial["pledge_statement"] == DEFAULT_CAMPAIGN["pledge_statement"]
    assert DEFAULT_CAMPAIGN["headline"] in response.content.decode()


def test_content_editor_saves_the_campaign_texts_and_can_edit_them_again(client, editor):
    client.force_login(editor)

    response = client.post(ADD, _form_data(headline="One title for one profession"))

    assert response.status_code == 302
    campaign = Campaign.objects.get()
    assert campaign.headline == "One title for one profession"
    assert Campaign.load() == campaign

    change_url = reverse("admin:advocacy_campaign_change", args=[campaign.pk])
    client.post(change_url, _form_data(share_message="I am MLS. Are you?"))
    campaign.refresh_from_db()
    assert campaign.share_message == "I am MLS. Are you?"
    assert Campaign.objects.count() == 1


def test_once_saved_the_list_opens_the_one_campaign_and_a_second_cannot_be_added(client, superuser):
    campaign = Campaign.objects.create(**DEFAULT_CAMPAIGN)
    client.force_login(superuser)
    change_url = reverse("admin:advocacy_campaign_change", args=[campaign.pk])

    assert client.get(CHANGELIST)["Location"] == change_url
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, _form_data(headline="A second one")).status_code == 403
    assert Campaign.objects.count() == 1
    html = client.get(change_url).content.decode()
    assert "Position paper" in html and "Pledge and sharing" in html
    assert "deletelink" not in html


def test_the_campaign_cannot_be_deleted(client, superuser):
    campaign = Campaign.objects.create(**DEFAULT_CAMPAIGN)
    client.force_login(superuser)

    response = client.post(
        reverse("admin:advocacy_campaign_delete", args=[campaign.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Campaign.objects.filter(pk=campaign.pk).exists()


def test_campaign_form_groups_the_texts_and_loads_the_editor_under_the_csp(client, editor):
    client.force_login(editor)

    response = client.get(ADD)
    html = response.content.decode()

    legends = [fieldset.name for fieldset in response.context["adminform"]]
    assert legends[:4] == [
        "Headline",
        "Position paper",
        "The “I am MLS” site",
        "Pledge and sharing",
    ]
    assert f'nonce="{response.wsgi_request.csp_nonce}"' in html


def test_faq_list_edits_order_and_publishing_in_place_and_is_searchable(client, editor):
    first = FAQEntryFactory(question="Does MLT count?", order=1)
    second = FAQEntryFactory(question="Can I withdraw?", order=2)
    client.force_login(editor)
    url = reverse("admin:advocacy_faqentry_changelist")

    found = client.get(url, {"q": "withdraw"}).context["cl"].result_list
    assert [entry.question for entry in found] == ["Can I withdraw?"]

    response = client.post(url, {
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2",
        "form-0-id": second.pk, "form-0-order": "0", "form-0-is_published": "on",
        "form-1-id": first.pk, "form-1-order": "5",
        "_save": "Save",
    })  # fmt: skip

    assert response.status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.order, first.is_published) == (5, False)
    assert (second.order, second.is_published) == (0, True)
    assert list(FAQEntry.objects.values_list("question", flat=True)) == [
        "Can I withdraw?",
        "Does MLT count?",
    ]


def test_content_editors_hold_the_campaign_permissions_and_only_view_delete_pledges():
    perms = set(STAFF_GROUP_PERMISSIONS[CONTENT_EDITORS])
    group = Group.objects.get(name=CONTENT_EDITORS)
    stored = set(
        group.permissions.filter(content_type__app_label="advocacy").values_list(
            "codename", flat=True
        )
    )

    assert {"change_campaign", "add_faqentry", "change_sampleletter",
            "change_institution", "view_pledge", "delete_pledge"} <= stored  # fmt: skip
    assert "add_pledge" not in stored and "change_pledge" not in stored
    assert "delete_campaign" not in stored
    assert {p for p in perms if p.startswith("advocacy.")} == {
        f"advocacy.{codename}" for codename in stored
    }
