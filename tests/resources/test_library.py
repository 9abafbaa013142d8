import pytest
from django.urls import reverse

from portal.access import Visibility
from tests.factories import AudienceFactory, ResourceFactory, TopicFactory

pytestmark = pytest.mark.django_db

LIBRARY = reverse("resources:library")


def _titles(response):
    return [r.title for r in response.context["resources"]]


@pytest.fixture
def library(db):
    mls = AudienceFactory(name="Medical Laboratory Scientists", slug="mls")
    phleb = AudienceFactory(name="Phlebotomists", slug="phlebotomist")
    chem = TopicFactory(name="Chemistry", slug="chemistry")
    safety = TopicFactory(name="Laboratory and patient safety", slug="safety")
    return {
        "qc": ResourceFactory(
            title="Westgard rules for chemistry QC", summary="Quality control rules.",
            body="<p>Levey-Jennings charts explained.</p>", audiences=[mls], topics=[chem],
            link=True,
        ),
        "labels": ResourceFactory(
            title="Specimen labeling checklist", summary="Two identifiers at the bedside.",
            body="<p>Label in front of the patient.</p>", audiences=[phleb], topics=[safety],
            document=True,
        ),
        "sharps": ResourceFactory(
            title="Sharps safety refresher", summary="Needlestick prevention.",
            body="<p>Activate the safety device.</p>", audiences=[phleb, mls], topics=[safety],
            visibility=Visibility.MEMBERS,
        ),
        "draft": ResourceFactory(title="Unpublished chemistry draft", topics=[chem],
                                 is_published=False),
    }  # fmt: skip


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"Westgard rules for chemistry QC", "Specimen labeling checklist",
              "Sharps safety refresher"}),
        ({"audience": "phlebotomist"}, {"Specimen labeling checklist", "Sharps safety refresher"}),
        ({"topic": "safety", "audience": "mls"}, {"Sharps safety refresher"}),
        ({"kind": "document"}, {"Specimen labeling checklist"}),
        ({"access": "members"}, {"Sharps safety refresher"}),
        ({"access": "public", "topic": "safety"}, {"Specimen labeling checklist"}),
        ({"q": "chemistry"}, {"Westgard rules for chemistry QC"}),
        ({"q": "identifiers", "audience": "phlebotomist"}, {"Specimen labeling checklist"}),
        ({"q": "checklist", "kind": "link"}, set()),
    ],
)  # fmt: skip
def test_filters_and_search_combine(client, library, params, expected):
    assert set(_titles(client.get(LIBRARY, params))) == expected


def test_a_title_match_ranks_above_a_body_match(client):
    ResourceFactory(title="Quality indicators", body="<p>Reduce hemolysis in the ED.</p>")
    ResourceFactory(title="Hemolysis: causes and prevention", body="<p>Causes.</p>")

    titles = _titles(client.get(LIBRARY, {"q": "hemolysis"}))

    assert titles == ["Hemolysis: causes and prevention", "Quality indicators"]


def test_sort_by_title_and_newest(client, library):
    assert _titles(client.get(LIBRARY, {"sort": "title"})) == [
        "Sharps safety refresher",
        "Specimen labeling checklist",
        "Westgard rules for chemistry QC",
    ]
    newest = _titles(client.get(LIBRARY, {"sort": "newest"}))
    assert newest[0] == "Sharps safety refresher"


def test_filter_state_lives_in_the_url_and_survives_paging(client):
    topic = TopicFactory(slug="hematology", name="Hematology")
    ResourceFactory.create_batch(25, topics=[topic])

    response = client.get(LIBRARY, {"topic": "hematology"})

    html = response.content.decode()
    assert "25 resources" in html
    assert len(response.context["resources"]) == 20
    assert 'href="?topic=hematology&amp;page=2"' in html
    assert '<option value="hematology" selected>' in html
    assert len(client.get(LIBRARY, {"topic": "hematology", "page": 2}).context["resources"]) == 5


def test_empty_results_say_so_and_suggest_removing_a_filter(client, library):
    html = client.get(LIBRARY, {"q": "zebrafish", "topic": "chemistry"}).content.decode()
    assert "No resources match these filters." in html
    assert "Try removing a filter" in html


@pytest.mark.parametrize(
    "params",
    [
        {"topic": "no-such-topic"},
        {"audience": "'; DROP TABLE x; --"},
        {"kind": "hologram", "access": "secret", "sort": "random"},
    ],
)
def test_unknown_filter_values_are_ignored(client, library, params):
    response = client.get(LIBRARY, params)
    assert response.status_code == 200
    assert len(_titles(response)) == 3


def test_a_page_past_the_end_shows_the_last_page(client):
    ResourceFactory.create_batch(25)
    response = client.get(LIBRARY, {"page": 99})
    assert response.context["page_obj"].number == 2
    assert len(_titles(response)) == 5


@pytest.mark.parametrize("query", ["!!! && || ()", "-", '"', "x" * 500, "hemolysis " * 60])
def test_odd_searches_return_a_normal_page(client, library, query):
    response = client.get(LIBRARY, {"q": query})
    assert response.status_code == 200
    assert "Resource library" in response.content.decode()


def test_list_query_count_is_the_same_for_10_and_200_resources(
    client, member, django_assert_num_queries
):
    topic = TopicFactory()
    ResourceFactory.create_batch(10, topics=[topic])
    client.force_login(member)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(LIBRARY, {"topic": topic.slug})
    ResourceFactory.create_batch(190, topics=[topic])
    with django_assert_num_queries(len(small)):
        response = client.get(LIBRARY, {"topic": topic.slug})
    assert "200 resources" in response.content.decode()


def test_landing_page_offers_ways_in(client, library, django_assert_max_num_queries):
    library["qc"].is_featured = True
    library["qc"].save()

    with django_assert_max_num_queries(6):
        html = client.get(reverse("resources:index")).content.decode()

    assert "Welcome to Laboratory Resources" in html
    assert "Westgard rules for chemistry QC" in html
    assert 'href="/resources/library/?audience=phlebotomist"' in html
    assert 'href="/resources/library/?topic=safety"' in html
    for url in ("/careers/", "/advocacy/", "/certification/", "/membership/"):
        assert f'href="{url}"' in html
    assert "are for ASCLS members" in html
    assert 'type="application/atom+xml"' in html
