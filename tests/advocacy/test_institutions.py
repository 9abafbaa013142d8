"""The public list of institutions that use the MLS title, and suggesting one."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Institution
from tests.advocacy.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

LIST_URL = reverse("advocacy:institutions")
SUGGEST_URL = reverse("advocacy:institution_suggest")
THANKS_URL = reverse("advocacy:institution_suggest_thanks")

SUGGESTION = {
    "name": "Prairie View Hospital",
    "city": "Urbana",
    "state": "IL",
    "year_adopted": "2023",
    "note": "The whole core lab changed badges in March.",
    "suggested_by_name": "Sam Lee",
    "suggested_by_email": "sam@example.com",
}


# --- The list -----------------------------------------------------------------------------------


def test_the_list_shows_listed_institutions_only_each_with_an_anchor(client):
    listed = InstitutionFactory(name="Lakeview Medical Center", year_adopted=2021, note="All labs.")
    InstitutionFactory(name="Waiting Hospital", status=Institution.Status.SUGGESTED)
    InstitutionFactory(name="Declined Clinic", status=Institution.Status.DECLINED)

    response = client.get(LIST_URL)

    page = response.content.decode()
    assert f'<tr id="institution-{listed.pk}">' in page
    assert "Lakeview Medical Center" in page and "Peoria" in page and "Illinois" in page
    assert "2021" in page and "All labs." in page
    assert "1 institution on the list" in page
    assert "Waiting Hospital" not in page and "Declined Clinic" not in page
    assert SUGGEST_URL in page
    assert listed.get_absolute_url() == f"{LIST_URL}#institution-{listed.pk}"


def test_an_empty_list_invites_a_suggestion(client):
    InstitutionFactory(status=Institution.Status.SUGGESTED)

    page = client.get(LIST_URL).content.decode()

    assert "No institutions are on the list yet" in page
    assert "<table" not in page
    assert SUGGEST_URL in page


def test_the_list_is_alphabetical_in_pages_of_fifty_with_a_fixed_number_of_queries(
    client, django_assert_max_num_queries
):
    for number in range(60):
        InstitutionFactory(name=f"Hospital {number:02d}", year_adopted=2020 + number % 5)

    with django_assert_max_num_queries(2):
        first = client.get(LIST_URL)
    with django_assert_max_num_queries(2):
        second = client.get(LIST_URL, {"page": 2})

    assert [i.name for i in first.context["institutions"]][:2] == ["Hospital 00", "Hospital 01"]
    assert len(first.context["institutions"]) == 50
    assert "60 institutions on the list, showing 1 to 50" in first.content.decode()
    assert [i.name for i in second.context["institutions"]] == [
        f"Hospital {n}" for n in range(50, 60)
    ]
    assert "Page 2 of 2" in second.content.decode()


def test_what_institutions_say_is_shown_as_text(client):
    InstitutionFactory(name="<script>alert(1)</script> Hospital", note="<b>bold</b>")

    page = client.get(LIST_URL).content.decode()

    assert "&lt;script&gt;alert(1)&lt;/script&gt; Hospital" in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page


# --- Suggesting one -----------------------------------------------------------------------------


def test_the_form_says_why_it_asks_for_a_name_and_email(client):
    page = client.get(SUGGEST_URL).content.decode()

    assert "We use them only to follow up on this suggestion" in page
    assert 'name="website"' in page  # the honeypot, hidden from people


def test_a_suggestion_waits_for_review_and_the_society_is_told(client, send_queued_mail, settings):
    settings.SOCIETY_CONTACT_EMAIL = "office@example.org"

    response = send_queued_mail(client.post, SUGGEST_URL, SUGGESTION)

    assert response.status_code == 302 and response.url == THANKS_URL
    institution = Institution.objects.get()
    assert institution.status == Institution.Status.SUGGESTED
    assert (institution.name, institution.city, institution.state) == (
        "Prairie View Hospital", "Urbana", "IL",
    )  # fmt: skip
    assert institution.year_adopted == 2023
    assert institution.suggested_by_email == "sam@example.com"
    assert "Prairie View Hospital" not in client.get(LIST_URL).content.decode()
    (message,) = mail.outbox
    assert message.to == ["office@example.org"]
    assert message.reply_to == ["sam@example.com"]
    assert "Prairie View Hospital" in message.subject
    change = reverse("admin:advocacy_institution_change", args=[institution.pk])
    assert f"http://testserver{change}" in message.body
    assert "Urbana, Illinois" in message.body
    assert "Sam Lee <sam@example.com>" in message.body
    assert "already on the list" not in message.body
    thanks = client.get(THANKS_URL).content.decode()
    assert "we have your suggestion" in thanks


def test_a_suggestion_of_an_institution_already_listed_is_flagged_to_staff(
    client, send_queued_mail
):
    InstitutionFactory(name="Prairie View Hospital", state="IL")

    send_queued_mail(client.post, SUGGEST_URL, {**SUGGESTION, "name": "prairie view hospital"})

    (message,) = mail.outbox
    assert "is already on the list, so this may be a duplicate" in message.body


def test_only_the_institution_is_required(client, send_queued_mail):
    data = {"name": "Riverside Lab", "city": "Joliet", "state": "IL"}

    response = send_queued_mail(client.post, SUGGEST_URL, data)

    assert response.status_code == 302
    institution = Institution.objects.get()
    assert institution.year_adopted is None
    assert institution.suggested_by_email == ""
    (message,) = mail.outbox
    assert message.reply_to == []
    assert "Year adopted: not given" in message.body


def test_bad_answers_show_clear_errors_and_keep_what_was_typed(client, send_queued_mail):
    this_year = timezone.localdate().year
    data = {
        **SUGGESTION,
        "state": "",
        "year_adopted": str(this_year + 1),
        "suggested_by_email": "not-an-email",
    }

    response = send_queued_mail(client.post, SUGGEST_URL, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Enter a year between 1990 and {this_year}, or leave it empty." in page
    assert "Enter a valid email address." in page
    assert 'id="id_state_errors"' in page
    assert 'value="Prairie View Hospital"' in page
    assert "The whole core lab changed badges in March." in page
    assert not Institution.objects.exists()
    assert mail.outbox == []


def test_a_ten_thousand_character_note_gets_a_clear_length_error(client):
    response = client.post(SUGGEST_URL, {**SUGGESTION, "note": "x" * 10_000})

    assert "Ensure this value has at most 1000 characters (it has 10000)." in (
        response.content.decode()
    )
    assert not Institution.objects.exists()


def test_a_bot_that_fills_the_hidden_field_is_thanked_but_nothing_is_saved(
    client, send_queued_mail
):
    response = send_queued_mail(
        client.post, SUGGEST_URL, {**SUGGESTION, "website": "http://spam.example"}
    )

    assert response.status_code == 302 and response.url == THANKS_URL
    assert not Institution.objects.exists()
    assert mail.outbox == []


def test_more_than_five_suggestions_an_hour_from_one_address_are_refused(
    client, send_queued_mail, settings
):
    settings.PORTAL_RATE_LIMITS = True
    for number in range(5):
        response = send_queued_mail(
            client.post, SUGGEST_URL, {**SUGGESTION, "name": f"Hospital {number}"}
        )
        assert response.status_code == 302

    response = send_queued_mail(client.post, SUGGEST_URL, {**SUGGESTION, "name": "One Too Many"})

    page = response.content.decode()
    assert response.status_code == 429
    assert "You have sent several suggestions in the last hour" in page
    assert 'value="One Too Many"' in page
    assert Institution.objects.count() == 5
    assert not Institution.objects.filter(name="One Too Many").exists()
    assert len(mail.outbox) == 5
