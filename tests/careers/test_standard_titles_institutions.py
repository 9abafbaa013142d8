"""Moderators suggest employers whose posts switched to the standard title for the I AM MLS
institutions tracker, in one click."""

import html
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Institution
from advocacy.services.institutions import institution_suggest, institution_suggest_by_staff
from careers.models import Employer
from careers.standard_titles import employers_switched
from portal.groups import CAREER_MODERATORS
from tests.careers.factories import EmployerFactory, JobFactory
from tests.careers.test_moderation import admin_action
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EMPLOYERS = reverse("admin:careers_employer_changelist")


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.com", full_name="Mo Derator", is_staff=True)
    user.groups.add(Group.objects.get(name=CAREER_MODERATORS))
    return user


def _post(employer, title, days_ago):
    return JobFactory(
        employer=employer,
        title=title,
        published_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def employers(db):
    switched = EmployerFactory(name="Rock River Community Hospital", city="Rockford")
    _post(switched, "Medical Technologist, core lab", 300)
    _post(switched, "Phlebotomist", 5)  # another role: does not count either way
    first_standard = _post(switched, "Medical Laboratory Scientist, core lab", 120)
    _post(switched, "Medical Laboratory Technician, evenings", 20)

    went_back = EmployerFactory(name="Heartland Reference Laboratory")
    _post(went_back, "Medical Laboratory Scientist", 200)
    _post(went_back, "Medical Technologist", 10)

    always_standard = EmployerFactory(name="Lakeshore Health Laboratories")
    _post(always_standard, "Medical Laboratory Scientist", 50)

    never_published = EmployerFactory(name="Fox Valley Health System")
    _post(never_published, "Medical Technologist", 100)
    JobFactory(
        employer=never_published,
        title="Medical Laboratory Scientist",
        status="draft",
        published_at=None,
    )
    return {
        "switched": switched,
        "first_standard": first_standard,
        "others": [went_back, always_standard, never_published],
    }


def test_only_employers_whose_posts_switched_to_the_standard_title_are_found(employers):
    assert list(employers_switched()) == [employers["switched"]]


def test_the_employer_list_filters_by_switched_title(client, moderator, employers):
    client.force_login(moderator)

    response = client.get(EMPLOYERS + "?switched_title=yes")

    assert list(response.context["cl"].result_list) == [employers["switched"]]
    assert "By posts switched to the standard title" in html.unescape(response.content.decode())


def test_one_click_suggests_the_employer_for_review_once(client, moderator, employers):
    switched = employers["switched"]
    client.force_login(moderator)

    response = admin_action(
        client, EMPLOYERS, "suggest_for_institutions", [switched, *employers["others"]]
    )

    page = html.unescape(response.content.decode())
    assert "1 suggested for the institutions list, waiting for review" in page
    assert "Skipped, their posts have not switched" in page
    institution = Institution.objects.get()
    assert (institution.name, institution.city, institution.state) == (
        "Rock River Community Hospital",
        "Rockford",
        "IL",
    )
    # Waiting for staff review, like any suggestion: never straight onto the public list.
    assert institution.status == Institution.Status.SUGGESTED
    assert not Institution.objects.listed().exists()
    assert institution.year_adopted == employers["first_standard"].published_at.year
    assert "switched from “Medical Technologist” to the standard title" in institution.note
    assert "Medical Laboratory Scientist, core lab" in institution.note
    assert (institution.suggested_by_name, institution.suggested_by_email) == (
        "Mo Derator",
        "moderator@example.com",
    )
    # Who did it is in the admin's history of both records.
    assert LogEntry.objects.filter(
        object_id=str(institution.pk), user=moderator, change_message__contains="Career Center"
    ).exists()
    assert LogEntry.objects.filter(
        object_id=str(switched.pk),
        content_type__model="employer",
        change_message="Suggested for the I AM MLS institutions list.",
    ).exists()

    again = admin_action(client, EMPLOYERS, "suggest_for_institutions", [switched])

    assert "Already on the institutions tracker: Rock River Community Hospital." in (
        html.unescape(again.content.decode())
    )
    assert Institution.objects.count() == 1


def test_an_institution_staff_already_declined_is_not_suggested_again(client, moderator, employers):
    Institution.objects.create(
        name="rock river community hospital",
        city="Rockford",
        state="IL",
        status=Institution.Status.DECLINED,
    )
    client.force_login(moderator)

    admin_action(client, EMPLOYERS, "suggest_for_institutions", [employers["switched"]])

    assert Institution.objects.get().status == Institution.Status.DECLINED
    assert Employer.objects.count() == 4


def test_a_staff_suggestion_finds_the_publics_suggestion_of_the_same_institution(moderator):
    public = institution_suggest(
        name="Rock River Community Hospital ",
        city="Rockford",
        state="IL",
        year_adopted=None,
        note="They changed every title last spring.",
        suggested_by_name="Casey Bench",
        suggested_by_email="casey@example.org",
    )

    same, created = institution_suggest_by_staff(
        name=" ROCK RIVER community hospital",
        city="Rockford",
        state="IL",
        year_adopted=2026,
        note="Switched on the Career Center.",
        by=moderator,
    )
    elsewhere, created_elsewhere = institution_suggest_by_staff(
        name="Rock River Community Hospital",
        city="Beloit",
        state="WI",
        year_adopted=2026,
        note="x" * 1200,
        by=moderator,
    )

    assert (same, created) == (public, False)
    assert public.name == "Rock River Community Hospital"
    assert created_elsewhere and elsewhere.status == Institution.Status.SUGGESTED
    assert len(elsewhere.note) == 1000
    assert Institution.objects.count() == 2
