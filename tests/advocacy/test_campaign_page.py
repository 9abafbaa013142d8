import json
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from advocacy.content import DEFAULT_CAMPAIGN
from advocacy.models import Campaign, Institution, SampleLetter
from tests.advocacy.factories import FAQEntryFactory, InstitutionFactory, PledgeFactory
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def test_campaign_page_explains_the_title_and_the_position_paper_before_staff_edit_anything(
    client,
):
    html = client.get(reverse("advocacy:index")).content.decode()

    assert "<h1>I AM MLS: one profession, one title</h1>" in html
    paper = "Standardizing the Professional Title of Medical Laboratory Professionals"
    assert f"<cite>{paper}</cite>" in html
    assert '<time datetime="2020-07-02">2 July 2020</time>' in html
    assert f'href="{DEFAULT_CAMPAIGN["position_paper_url"]}">Read the position paper' in html
    assert "Visit ASCP's I am MLS site" in html
    assert f'href="{reverse("advocacy:pledge")}"' in html
    assert f'href="{reverse("advocacy:letter")}"' in html
    assert "No institutions are listed yet" in html


def test_staff_wording_replaces_the_built_in_texts(client):
    Campaign.objects.create(
        **{**DEFAULT_CAMPAIGN, "headline": "Say it with us: MLS", "lede": "Edited by staff."}
    )

    html = client.get(reverse("advocacy:index")).content.decode()

    assert "<h1>Say it with us: MLS</h1>" in html
    assert "Edited by staff." in html


def test_live_count_and_recent_public_pledgers_show_without_emails_or_employers(client):
    PledgeFactory(
        full_name="Maria Elena Lopez",
        email="maria@example.com",
        institution="Secret Employer Hospital",
        credential="MLT",
        city="Joliet",
    )
    PledgeFactory(full_name="Hidden Person", show_publicly=False)
    PledgeFactory(full_name="Not Yet Confirmed", confirmed_at=None)

    html = client.get(reverse("advocacy:index")).content.decode()

    assert "<strong>2</strong> laboratory professionals have taken the pledge" in html
    assert "Maria L." in html
    assert "MLT" in html and "Joliet, IL" in html
    assert "Hidden" not in html
    assert "Not Yet" not in html
    assert "maria@example.com" not in html
    assert "Secret Employer Hospital" not in html


def test_only_listed_institutions_appear_and_suggestions_wait(client):
    InstitutionFactory(name="Heartland Regional Laboratory", year_adopted=2021)
    InstitutionFactory(name="Waiting Review Clinic", status=Institution.Status.SUGGESTED)
    InstitutionFactory(name="Declined Place", status=Institution.Status.DECLINED)

    html = client.get(reverse("advocacy:index")).content.decode()

    assert "Heartland Regional Laboratory" in html
    assert "since 2021" in html
    assert "Waiting Review Clinic" not in html
    assert "Declined Place" not in html


def test_sample_letter_downloads_are_offered_only_once_staff_uploaded_them(client):
    letter_url = reverse("advocacy:sample_letter", kwargs={"kind": "pdf"})
    assert letter_url not in client.get(reverse("advocacy:index")).content.decode()

    letter = SampleLetter.load()
    letter.pdf_file.save("letter.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    letter.save()

    html = client.get(reverse("advocacy:index")).content.decode()
    assert f'href="{letter_url}"' in html
    assert reverse("advocacy:sample_letter", kwargs={"kind": "docx"}) not in html


def test_faq_shows_published_answers_and_describes_them_for_search_engines(client):
    FAQEntryFactory(question="Does the MLT credential count?", answer="<p>Yes, it does.</p>")
    FAQEntryFactory(question="Draft question?", is_published=False)

    html = client.get(reverse("advocacy:index")).content.decode()

    assert "<summary>Does the MLT credential count?</summary>" in html
    assert "Draft question?" not in html
    data = json.loads(
        re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)[1]
    )
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == ["Does the MLT credential count?"]


def test_share_links_are_plain_links_to_each_service_with_the_page_address(client):
    html = client.get(reverse("advocacy:index")).content.decode()

    page = "http%3A%2F%2Ftestserver%2Fadvocacy%2F"
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={page}" in html
    assert f"https://www.facebook.com/sharer/sharer.php?u={page}" in html
    assert "https://x.com/intent/post?text=I+took+the+I+AM+MLS+pledge" in html
    assert "mailto:?subject=" in html
    # No third-party script: every script on the page is our JSON-LD (none without FAQ).
    assert "<script" not in html


def test_staff_pages_of_the_section_are_listed(client):
    PageFactory(title="Talking to HR about titles", section="advocacy")

    html = client.get(reverse("advocacy:index")).content.decode()

    assert "Talking to HR about titles" in html


def test_home_page_shows_the_live_pledge_count(client):
    PledgeFactory.create_batch(3)
    PledgeFactory(confirmed_at=None)

    html = client.get(reverse("home")).content.decode()

    assert "3 laboratory professionals have taken the pledge so far." in html


def test_campaign_page_query_count_does_not_grow_with_pledges_or_institutions(
    client, django_assert_max_num_queries
):
    PledgeFactory.create_batch(20)
    InstitutionFactory.create_batch(10)
    FAQEntryFactory.create_batch(5)

    # Cold cache: the quarterly standard-title share is one more query, then kept.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("advocacy:index"))

    assert response.content.decode().count('class="pledger-name"') == 8
