"""The CE options directory and the option type pages."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certification.forms_public import CEOptionFilterForm
from tests.certification.factories_catalog import (
    CECategoryFactory,
    CEOptionFactory,
    CEOptionTypeFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("certification:options")


@pytest.fixture
def catalog():
    online = CEOptionTypeFactory(name="Online CE platforms", slug="online-platforms", order=1)
    meetings = CEOptionTypeFactory(name="Conferences", slug="conferences", order=2)
    micro = CECategoryFactory(name="Microbiology", slug="microbiology")
    chem = CECategoryFactory(name="Chemistry", slug="chemistry")
    return {
        "online": online,
        "meetings": meetings,
        "micro": micro,
        "chem": chem,
        "labce": CEOptionFactory(type=online, name="Micro course library", format="online",
                                 topics=[micro, chem], awards_pace=True, ascp_accepted=True,
                                 cost_note="Per course"),
        "chem_online": CEOptionFactory(type=online, name="Chemistry webinars", format="online",
                                       topics=[chem]),
        "micro_meeting": CEOptionFactory(type=meetings, name="Micro society meeting",
                                         format="in_person", topics=[micro], awards_pace=True),
        "hybrid": CEOptionFactory(type=meetings, name="Hybrid leadership summit",
                                  format="hybrid"),
        "hidden": CEOptionFactory(type=online, name="Unpublished course", is_published=False,
                                  topics=[micro]),
    }  # fmt: skip


def _names(response):
    return [o.name for o in response.context["options"]]


def test_directory_lists_option_types_and_published_entries(client, catalog):
    response = client.get(URL)
    html = response.content.decode()

    assert _names(response) == ["Chemistry webinars", "Micro course library",
                                "Hybrid leadership summit", "Micro society meeting"]  # fmt: skip
    assert "Unpublished course" not in html
    assert f'href="{catalog["online"].get_absolute_url()}">Online CE platforms</a>' in html
    assert f'href="{catalog["meetings"].get_absolute_url()}">Conferences</a>' in html
    assert "4 options" in html
    assert "<h1>Continuing education options for MLTs" in html


def test_entries_show_their_tags_as_filter_links(client, catalog):
    html = client.get(URL).content.decode()
    card = html.split("Micro course library", 1)[1].split("</li>", 1)[0]

    assert f'<a href="{URL}?format=online">Online</a>' in card
    assert f'<a href="{URL}?topic=microbiology">Microbiology</a>' in card
    assert f'<a href="{URL}?topic=chemistry">Chemistry</a>' in card
    assert f'<a href="{URL}?pace=1">P.A.C.E. credit</a>' in card
    assert f'<a href="{URL}?ascp=1">Accepted for ASCP CMP</a>' in card
    assert "Cost: Per course" in card


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("type=online-platforms", ["Chemistry webinars", "Micro course library"]),
        ("topic=microbiology", ["Micro course library", "Micro society meeting"]),
        ("format=in_person", ["Micro society meeting"]),
        ("topic=microbiology&format=online", ["Micro course library"]),
        ("type=conferences&topic=microbiology&format=in_person", ["Micro society meeting"]),
        ("pace=1", ["Micro course library", "Micro society meeting"]),
        ("pace=1&type=conferences", ["Micro society meeting"]),
        ("ascp=1", ["Micro course library"]),
        ("type=conferences&format=online", []),
    ],
)
def test_filters_combine(client, catalog, query, expected):
    assert _names(client.get(f"{URL}?{query}")) == expected


@pytest.mark.parametrize(
    "query",
    ["type=no-such-type", "topic=nope", "format=by_carrier_pigeon", "pace=yes", "ascp=0",
     "page=banana", "type=&topic=&format="],
)  # fmt: skip
def test_unknown_filter_values_are_ignored(client, catalog, query):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert len(_names(response)) == 4
    assert response.context["filters"] == {}


def test_an_unknown_value_does_not_drop_the_valid_filters_beside_it(client, catalog):
    response = client.get(f"{URL}?topic=microbiology&format=teleport&type=gone")

    assert _names(response) == ["Micro course library", "Micro society meeting"]


def test_active_filters_can_be_removed_one_at_a_time(client, catalog):
    html = client.get(f"{URL}?topic=microbiology&format=online").content.decode()

    assert "Topic: Microbiology" in html
    assert f'<a href="{URL}?format=online">remove' in html
    assert f'<a href="{URL}?topic=microbiology">remove' in html
    assert f'<a href="{URL}">Clear all</a>' in html


def test_no_match_shows_an_empty_state_with_a_way_back(client, catalog):
    html = client.get(f"{URL}?type=conferences&format=online").content.decode()

    assert "No options match these filters." in html
    assert f'<a href="{URL}">see every option</a>' in html


def test_empty_directory_says_so(client):
    html = client.get(URL).content.decode()

    assert "0 options" in html
    assert "The directory is empty for now." in html


def test_filter_form_keeps_its_values_and_labels_every_field(client, catalog):
    html = client.get(f"{URL}?topic=chemistry&pace=1").content.decode()
    form = html.split('class="filters"', 1)[1].split("</form>", 1)[0]

    for field in ["type", "topic", "format", "pace", "ascp"]:
        assert f'<label for="id_{field}">' in form, field
    assert '<option value="chemistry" selected>' in form
    assert re.search(r'<input type="checkbox" name="pace" value="1"[^>]*checked', form)
    assert not re.search(r'name="ascp"[^>]*checked', form)


def test_flag_filters_accept_only_one():
    assert CEOptionFilterForm({"pace": "1", "ascp": "on"}).filters() == {"pace": True}


def test_directory_pages_twenty_at_a_time_and_keeps_filters(client):
    topic = CECategoryFactory(slug="chemistry")
    option_type = CEOptionTypeFactory()
    for _ in range(45):
        CEOptionFactory(type=option_type, topics=[topic])

    first = client.get(f"{URL}?topic=chemistry")
    third = client.get(f"{URL}?topic=chemistry&page=3")

    assert len(first.context["options"]) == 20
    assert len(third.context["options"]) == 5
    assert "45 options" in first.content.decode()
    assert 'href="?topic=chemistry&amp;page=2" rel="next"' in first.content.decode()
    assert set(_names(first)).isdisjoint(_names(client.get(f"{URL}?topic=chemistry&page=2")))


def _queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("query", "expected"),
    # Count, kinds of CE, the type and topic choices, the page, its topics; a topic in the URL
    # adds the lookup that checks it.
    [("", 6), ("?topic=microbiology&format=online&pace=1", 7)],
)
def test_directory_query_count_does_not_grow_with_options(client, query, expected):
    topics = [CECategoryFactory(slug="microbiology"), CECategoryFactory()]
    types = [CEOptionTypeFactory(), CEOptionTypeFactory()]

    for n in range(10):
        CEOptionFactory(type=types[n % 2], topics=topics, awards_pace=True)
    with_ten = _queries_for(client, f"{URL}{query}")
    for n in range(90):
        CEOptionFactory(type=types[n % 2], topics=topics, awards_pace=True)
    with_hundred = _queries_for(client, f"{URL}{query}")

    assert with_ten == with_hundred == expected


def test_option_type_page_shows_its_explanation_and_only_its_entries(client, catalog):
    online = catalog["online"]
    online.explanation = "<p>Self-paced courses you take from home.</p>"
    online.save()

    response = client.get(online.get_absolute_url())
    html = response.content.decode()

    assert "<h1>Online CE platforms</h1>" in html
    assert "<p>Self-paced courses you take from home.</p>" in html
    assert _names(response) == ["Chemistry webinars", "Micro course library"]
    assert "Unpublished course" not in html
    assert f'href="{catalog["meetings"].get_absolute_url()}">Conferences</a>' in html
    assert f'href="{URL}?type=online-platforms"' in html


def test_option_type_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    option_type = CEOptionTypeFactory()
    topic = CECategoryFactory()
    for _ in range(30):
        CEOptionFactory(type=option_type, topics=[topic])

    with django_assert_max_num_queries(6):
        client.get(option_type.get_absolute_url())
