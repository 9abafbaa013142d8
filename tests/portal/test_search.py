"""Site-wide search at /search/: one query over every section, permission-aware."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from careers.models import Job
from portal.access import Visibility
from portal.search import highlight, parse_query, search_sources
from tests.advocacy.factories import FAQEntryFactory as CampaignFAQFactory
from tests.careers.factories import JobFactory
from tests.certification.factories_catalog import CEOptionFactory, WebinarFactory
from tests.factories import PageFactory, ResourceFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("search")


def _search(client, q, **params):
    response = client.get(SEARCH, {"q": q, **params})
    return response.content.decode()


def test_one_query_finds_items_from_every_kind_of_section(client):
    ResourceFactory(title="Hemoglobin electrophoresis guide")
    JobFactory(title="Hematology MLS", description="<p>Run hemoglobin variants daily.</p>")
    WebinarFactory(title="Hemoglobin disorders update", is_published=True)
    CEOptionFactory(name="Hemoglobin case studies")
    PageFactory(title="Our hemoglobin outreach", section="about")
    CampaignFAQFactory(question="Do hemoglobin specialists count?")

    html = _search(client, "hemoglobin")

    for title in [
        "Hemoglobin electrophoresis guide",
        "Hematology MLS",
        "Hemoglobin disorders update",
        "Hemoglobin case studies",
        "Our hemoglobin outreach",
        "Do hemoglobin specialists count?",
    ]:
        assert title in html, title
    assert "6 results for “hemoglobin”" in html
    for label in ["Laboratory Resources", "Career Center", "Webinars", "CE options"]:
        assert label in html


def test_member_only_bodies_never_reach_an_anonymous_search_or_snippet(client, member):
    ResourceFactory(
        title="Members bench guide",
        summary="A guide for the bench.",
        body="<p>The confidential zebrafish protocol.</p>",
        visibility=Visibility.MEMBERS,
    )
    PageFactory(
        title="Board minutes",
        summary="Notes from the board.",
        body="<p>The zebrafish budget.</p>",
        visibility=Visibility.MEMBERS,
    )

    anonymous = _search(client, "zebrafish")
    assert "Nothing found for “zebrafish”" in anonymous
    assert "Members bench guide" not in anonymous

    teaser = _search(client, "bench guide")
    assert "Members bench guide" in teaser
    assert "Members only" in teaser
    assert "confidential" not in teaser and "zebrafish" not in teaser

    client.force_login(member)
    as_member = _search(client, "zebrafish")
    assert "Members bench guide" in as_member and "Board minutes" in as_member
    assert "<mark>zebrafish</mark>" in as_member


def test_drafts_expired_pending_and_unpublished_items_never_appear(client):
    ResourceFactory(title="Draft coagulation guide", is_published=False)
    JobFactory(title="Coagulation tech (draft)", status=Job.Status.DRAFT)
    JobFactory(title="Coagulation tech (in review)", status=Job.Status.PENDING)
    JobFactory(
        title="Coagulation tech (expired)",
        closes_on=timezone.localdate() - timedelta(days=1),
    )
    WebinarFactory(title="Coagulation webinar (unpublished)", is_published=False)
    PageFactory(title="Coagulation page (unpublished)", is_published=False)
    ResourceFactory(title="Published coagulation guide")

    html = _search(client, "coagulation")

    assert "Published coagulation guide" in html
    assert "1 result for “coagulation”" in html
    for hidden in ["(draft)", "(in review)", "(expired)", "(unpublished)", "Draft coagulation"]:
        assert hidden not in html, hidden


def test_title_matches_rank_above_body_matches(client):
    ResourceFactory(
        title="Quality control basics", body="<p>Mentions troponin once.</p>", summary="QC."
    )
    ResourceFactory(title="Troponin testing", body="<p>All about it.</p>", summary="Cardiac.")

    html = _search(client, "troponin")

    assert html.index("Troponin testing") < html.index("Quality control basics")


def test_quoted_phrase_and_excluded_word(client):
    ResourceFactory(title="Blood bank safety", summary="Transfusion checks.")
    ResourceFactory(title="Bank of blood samples", summary="Storage.")
    ResourceFactory(title="Blood bank staffing", summary="Rotas.")

    phrase = _search(client, '"blood bank"')
    assert "Blood bank safety" in phrase and "Blood bank staffing" in phrase
    assert "Bank of blood samples" not in phrase

    excluded = _search(client, '"blood bank" -staffing')
    assert "Blood bank safety" in excluded
    assert "Blood bank staffing" not in excluded


def test_snippets_highlight_the_words_and_escape_what_editors_typed(client):
    ResourceFactory(
        title="Specimen labelling",
        summary="Why labels matter.",
        body="<p>Mislabelled specimens &lt;script&gt;alert(1)&lt;/script&gt; cause errors.</p>",
    )

    html = _search(client, "specimens")

    assert "<mark>specimens</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_highlight_escapes_text_and_marks_word_endings():
    parsed = parse_query("test")

    marked = highlight("Tests & <b>testing</b>", parsed)

    assert marked == "<mark>Tests</mark> &amp; &lt;b&gt;<mark>testing</mark>&lt;/b&gt;"


def test_results_can_be_narrowed_to_one_section_with_counts_for_each(client):
    ResourceFactory(title="Urinalysis atlas")
    JobFactory(title="Urinalysis technician")

    html = _search(client, "urinalysis", section="jobs")

    assert "Urinalysis technician" in html
    assert "Urinalysis atlas" not in html
    assert 'Laboratory Resources <span class="count">(1)</span>' in html
    assert 'Career Center <span class="count">(1)</span>' in html


def test_results_are_paginated_across_sections(client):
    ResourceFactory.create_batch(15, summary="About microscopy.")
    JobFactory.create_batch(10, description="<p>Microscopy daily.</p>")

    first = _search(client, "microscopy")
    second = _search(client, "microscopy", page=2)

    assert "25 results" in first
    assert "Page 1 of 2" in first
    assert first.count('class="resource-card"') == 20
    assert second.count('class="resource-card"') == 5


def test_an_empty_search_or_no_results_offers_suggestions(client):
    empty = _search(client, "")
    assert "What are you looking for?" in empty
    assert f'href="{SEARCH}?q=phlebotomy"' in empty

    nothing = _search(client, "qwertyuiopzz")
    assert "Nothing found for “qwertyuiopzz”" in nothing
    assert "Check the spelling" in nothing


def test_a_misspelled_word_still_finds_titles_on_postgresql(client):
    ResourceFactory(title="Phlebotomy technique refresher")

    html = _search(client, "phlebotmy")

    if connection.vendor == "postgresql":
        assert "Phlebotomy technique refresher" in html
        assert "These titles have a word close to it" in html
    else:  # the substring fallback has no similarity search; it says so helpfully
        assert "Check the spelling" in html


def test_every_app_contributes_through_its_own_registry_entry():
    keys = [source.key for source in search_sources()]

    assert keys[:2] == ["resources", "jobs"]
    assert {"pages", "credentials", "webinars", "ce-options", "campaign", "campaign-faq"} <= set(
        keys
    )
    assert len(keys) == len(set(keys))


def test_search_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    ResourceFactory.create_batch(30, summary="Serology notes.")
    JobFactory.create_batch(10, description="<p>Serology bench.</p>")

    # One query per section; only a section with more matches than a page is counted apart.
    with django_assert_max_num_queries(len(search_sources()) + 1):
        html = _search(client, "serology")

    assert "40 results" in html


def test_the_search_box_keeps_what_was_typed(client):
    html = _search(client, '"cell count" <b>')

    assert 'value="&quot;cell count&quot; &lt;b&gt;"' in html


def test_very_common_words_stop_counting_at_the_cap(client, monkeypatch):
    monkeypatch.setattr("portal.search.COUNT_CAP", 3)
    ResourceFactory.create_batch(5, summary="Laboratory safety.")
    JobFactory(description="<p>Laboratory work.</p>")

    html = _search(client, "laboratory")

    assert "More than 4 results for “laboratory”" in html
    assert 'Laboratory Resources <span class="count">(3+)</span>' in html
    assert 'Career Center <span class="count">(1)</span>' in html
    assert html.count('class="resource-card"') == 5
