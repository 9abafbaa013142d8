"""Staff review suggested institutions in the admin."""

import pytest
from django.urls import reverse

from advocacy.models import Institution
from advocacy.services.institutions import institution_review
from tests.advocacy.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:advocacy_institution_changelist")
LIST_URL = reverse("advocacy:institutions")


def _action(client, action, institutions):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [i.pk for i in institutions]},
        follow=True,
    )


def test_listing_a_suggestion_puts_it_on_the_public_list(client, superuser):
    suggestion = InstitutionFactory(name="Prairie View", status=Institution.Status.SUGGESTED)
    client.force_login(superuser)
    assert "Prairie View" not in client.get(LIST_URL).content.decode()

    response = _action(client, "list_selected", [suggestion])

    assert "1 institution(s) now on the public list." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == Institution.Status.LISTED
    assert suggestion.reviewed_at is not None
    assert f'id="institution-{suggestion.pk}"' in client.get(LIST_URL).content.decode()


def test_declining_suggestions_keeps_them_off_the_list(client, superuser):
    first, second = InstitutionFactory.create_batch(2, status=Institution.Status.SUGGESTED)
    client.force_login(superuser)

    response = _action(client, "decline_selected", [first, second])

    assert "2 institution(s) declined." in response.content.decode()
    assert set(Institution.objects.values_list("status", flat=True)) == {"declined"}
    assert Institution.objects.filter(reviewed_at__isnull=True).count() == 0
    assert "No institutions are on the list yet" in client.get(LIST_URL).content.decode()


def test_the_status_filter_shows_how_many_wait_for_review(client, superuser):
    InstitutionFactory.create_batch(3, status=Institution.Status.SUGGESTED)
    InstitutionFactory(name="Already listed")
    client.force_login(superuser)

    response = client.get(CHANGELIST, {"status": "suggested"})

    assert "Waiting for review (3)" in response.content.decode()
    assert len(response.context["cl"].result_list) == 3
    assert "Already listed" not in {i.name for i in response.context["cl"].result_list}


def test_staff_find_a_suggestion_by_the_suggesters_email(client, superuser):
    InstitutionFactory(name="Found", suggested_by_email="sam@example.com")
    InstitutionFactory(name="Other", suggested_by_email="kim@example.com")
    client.force_login(superuser)

    response = client.get(CHANGELIST, {"q": "sam@example"})

    assert [i.name for i in response.context["cl"].result_list] == ["Found"]


def test_changing_the_status_by_hand_records_when_it_was_reviewed(client, superuser):
    suggestion = InstitutionFactory(status=Institution.Status.SUGGESTED)
    client.force_login(superuser)

    client.post(
        reverse("admin:advocacy_institution_change", args=[suggestion.pk]),
        {
            "name": suggestion.name,
            "city": suggestion.city,
            "state": suggestion.state,
            "year_adopted": "2022",
            "note": "",
            "status": Institution.Status.LISTED,
            "suggested_by_name": "",
            "suggested_by_email": "",
        },
    )

    suggestion.refresh_from_db()
    assert suggestion.status == Institution.Status.LISTED
    assert suggestion.reviewed_at is not None


def test_a_review_only_lists_or_declines():
    with pytest.raises(ValueError):
        institution_review(
            institutions=Institution.objects.all(), status=Institution.Status.SUGGESTED
        )
