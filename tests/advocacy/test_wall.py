"""The public wall of pledges: who is on it, what it shows of them, and what it never shows."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Credential
from tests.advocacy.factories import PledgeFactory

pytestmark = pytest.mark.django_db

WALL_URL = reverse("advocacy:wall")


def page(response):
    return response.content.decode()


def test_wall_shows_first_name_last_initial_credential_city_and_state(client):
    PledgeFactory(
        full_name="Rosa María Delgado",
        email="rosa.delgado@example.org",
        credential=Credential.SPECIALIST,
        job_title="Medical Technologist II",
        institution="Lakeside Memorial Hospital",
        city="Peoria",
        state="IL",
    )

    text = page(client.get(WALL_URL))

    assert '<th scope="row">Rosa D.</th>' in text
    assert "<td>Specialist</td>" in text
    assert "<td>Peoria</td>" in text and "<td>IL</td>" in text
    assert "Delgado" not in text
    assert "María" not in text


def test_wall_never_shows_emails_employers_or_job_titles(client):
    for n in range(3):
        PledgeFactory(
            email=f"private{n}@hospital.example.org",
            institution=f"Secret Regional Hospital {n}",
            job_title=f"Lab Tech Level {n}",
            other_credentials="MLS(ASCP)CM, SBB",
        )

    text = page(client.get(WALL_URL))

    assert "private" not in text
    assert "@hospital.example.org" not in text
    assert "Secret Regional Hospital" not in text
    assert "Lab Tech Level" not in text
    assert "SBB" not in text
    assert text.count('<th scope="row">') == 3


def test_wall_lists_only_confirmed_consenting_pledges_newest_first_with_the_total(client):
    now = timezone.now()
    PledgeFactory(full_name="Older Person", confirmed_at=now - timedelta(days=2))
    PledgeFactory(full_name="Newer Person", confirmed_at=now - timedelta(hours=1))
    PledgeFactory(full_name="Private Person", show_publicly=False)
    PledgeFactory(full_name="Pending Person", confirmed_at=None)

    text = page(client.get(WALL_URL))

    assert text.index("Newer P.") < text.index("Older P.")
    assert "Private P." not in text
    assert "Pending P." not in text
    # The private pledge counts; the pending one does not.
    assert "3 laboratory professionals have taken the I AM MLS pledge" in text


def test_wall_is_paginated_fifty_a_page_with_a_pinned_query_count(
    client, django_assert_max_num_queries
):
    now = timezone.now()
    for n in range(120):
        PledgeFactory(full_name=f"Person{n:03d} Lab", confirmed_at=now - timedelta(minutes=n))

    with django_assert_max_num_queries(3):
        first = page(client.get(WALL_URL))
    with django_assert_max_num_queries(3):
        third = page(client.get(WALL_URL, {"page": 3}))

    assert first.count('<th scope="row">') == 50
    assert "Person000 L." in first and "Person050 L." not in first
    assert "Page 1 of 3" in first and 'rel="next"' in first
    assert third.count('<th scope="row">') == 20
    assert "Person119 L." in third
    assert "120 laboratory professionals" in third


def test_empty_wall_invites_the_first_pledge(client):
    text = page(client.get(WALL_URL))

    assert "No names on the wall yet." in text
    assert "Nobody has taken the I AM MLS pledge yet." in text
    assert reverse("advocacy:pledge") in text
    assert "<table" not in text


def test_wall_with_only_private_pledges_says_they_are_counted(client):
    PledgeFactory(show_publicly=False)

    text = page(client.get(WALL_URL))

    assert "No names on the wall yet." in text
    assert "chose to stay private" in text
    assert "1 laboratory professional has taken the I AM MLS pledge" in text


def test_a_page_number_out_of_range_shows_the_last_page(client):
    PledgeFactory(full_name="Only Person")

    text = page(client.get(WALL_URL, {"page": 99}))

    assert "Only P." in text
