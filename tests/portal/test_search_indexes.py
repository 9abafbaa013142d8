"""Site search's indexes: the tables that can grow large (resources, jobs, society pages) keep
stored vectors current with a PostgreSQL trigger, searched through GIN indexes, and trigram
indexes on their titles for a misspelled word. On SQLite none of this exists; each test checks
there what the substring fallback gives instead."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F

from careers.models import Job
from portal.access import Visibility
from portal.models import Page
from portal.search import (
    _matches,
    _similar_matching,
    parse_query,
    search_sources,
    site_search,
)
from resources.models import Resource
from tests.careers.factories import EmployerFactory, JobFactory
from tests.factories import PageFactory, ResourceFactory

pytestmark = pytest.mark.django_db

# source key, a factory of one item, its full and teaser GIN indexes, its title trigram index
LARGE_SOURCES = [
    pytest.param(
        "resources",
        ResourceFactory,
        "resources_resource_search_gin",
        "resources_resource_teaser_gin",
        "resources_resource_title_trgm",
        id="resources",
    ),
    pytest.param(
        "jobs", JobFactory, "careers_job_site_search_gin", None, "careers_job_title_trgm", id="jobs"
    ),
    pytest.param(
        "pages",
        PageFactory,
        "portal_page_search_gin",
        "portal_page_teaser_gin",
        "portal_page_title_trgm",
        id="pages",
    ),
]


def _source(key):
    return next(source for source in search_sources() if source.key == key)


def _matched(key, query, *, bodies):
    """The queryset site search reads for one source, in the order it reads it."""
    source = _source(key)
    matched = _matches(
        source, source.queryset(AnonymousUser()), query, parse_query(query), bodies=bodies
    )
    return matched.order_by("-search_rank", f"-{source.date}", "-pk")[:20]


def _plans_as_on_a_large_table(factory):
    """Other rows, their index entries out of GIN's pending list, and fresh statistics, so the
    planner weighs the indexes as on a real table instead of reading every row through the
    ``is_published`` btree index; and no whole-table reads, for this test's transaction only."""
    model = factory._meta.model
    extra = {"employer": EmployerFactory()} if model is Job else {}
    rows = factory.build_batch(1000, **extra)
    if hasattr(model, "visibility"):  # a quarter of them member-only, as on the real site
        for row in rows[::4]:
            row.visibility = Visibility.MEMBERS
    model.objects.bulk_create(rows)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT gin_clean_pending_list(indexrelid) FROM pg_index JOIN pg_class i"
            " ON i.oid = indexrelid JOIN pg_am ON pg_am.oid = i.relam"
            " WHERE indrelid = %s::regclass AND amname = 'gin'",
            [table],
        )
        cursor.execute(f"ANALYZE {table}")
        cursor.execute("SET LOCAL enable_seqscan = off")


def _titles(query, user=None):
    outcome = site_search(query, user=user or AnonymousUser())
    return {result.title for result in outcome.page.object_list}


@pytest.mark.parametrize(("key", "factory", "full_index", "teaser_index", "_trgm"), LARGE_SOURCES)
def test_site_search_of_a_large_table_reads_its_gin_index(
    key, factory, full_index, teaser_index, _trgm
):
    item = factory(title="Coagulation bench guide")
    factory(title="Urinalysis bench guide")

    found = _matched(key, "coagulation", bodies=True)

    assert [row.pk for row in found] == [item.pk]
    if connection.vendor == "postgresql":
        _plans_as_on_a_large_table(factory)
        assert full_index in found.explain()
        if teaser_index:  # people who may not read member-only bodies search the teaser
            assert teaser_index in _matched(key, "coagulation", bodies=False).explain()
    else:  # SQLite matches substrings of the columns themselves
        assert "LIKE" in str(found.query)


@pytest.mark.parametrize(("key", "factory", "_full", "_teaser", "trgm_index"), LARGE_SOURCES)
def test_a_misspelled_word_finds_titles_through_the_trigram_index(
    key, factory, _full, _teaser, trgm_index
):
    item = factory(title="Phlebotomy technique refresher")
    factory(title="Urinalysis sediment atlas")

    if connection.vendor == "postgresql":
        _plans_as_on_a_large_table(factory)
        source = _source(key)
        similar, _rank = _similar_matching(source, source.queryset(AnonymousUser()), "phlebotmy")
        assert [row.pk for row in similar] == [item.pk]
        assert trgm_index in similar.explain()
    else:  # no similarity search on SQLite: the word spelled right still finds the title
        assert "Phlebotomy technique refresher" in _titles("phlebotomy")
        assert "Urinalysis sediment atlas" not in _titles("phlebotomy")


def test_editing_a_job_keeps_site_search_current():
    job = JobFactory(title="Coagulation bench lead", description="<p>Run the analyzers.</p>")
    assert "Coagulation bench lead" in _titles("coagulation")

    job.title = "Hemostasis bench lead"
    job.save()
    assert _titles("hemostasis") == {"Hemostasis bench lead"}
    assert _titles("coagulation") == set()

    Job.objects.filter(pk=job.pk).update(description="<p>Weekend urinalysis rotation.</p>")
    assert _titles("urinalysis") == {"Hemostasis bench lead"}
    assert _titles("analyzers") == set()

    # A view counted is an update too; it leaves what the job is found by as it was.
    Job.objects.filter(pk=job.pk).update(view_count=F("view_count") + 1)
    assert _titles("hemostasis urinalysis") == {"Hemostasis bench lead"}
    if connection.vendor == "postgresql":
        assert "hemostasi" in str(Job.objects.get(pk=job.pk).site_search_vector)


def test_editing_a_page_keeps_site_search_current(member):
    page = PageFactory(
        title="Board minutes",
        summary="What the board decided.",
        body="<p>The zebrafish budget.</p>",
        visibility=Visibility.MEMBERS,
    )
    assert _titles("zebrafish", member) == {"Board minutes"}
    assert _titles("zebrafish") == set()  # a member-only body never reaches an anonymous search

    page.body = "<p>The axolotl budget.</p>"
    page.save()
    assert _titles("axolotl", member) == {"Board minutes"}
    assert _titles("zebrafish", member) == set()

    Page.objects.filter(pk=page.pk).update(summary="What the treasurer reported.")
    assert _titles("treasurer") == {"Board minutes"}  # the teaser everyone may search
    assert _titles("decided") == set()
    assert _titles("axolotl") == set()
    if connection.vendor == "postgresql":
        page.refresh_from_db()
        assert "treasur" in str(page.teaser_vector)
        assert "axolotl" not in str(page.teaser_vector)
        assert "axolotl" in str(page.search_vector)


def test_html_tags_in_bodies_are_not_searchable_words(member):
    JobFactory(
        title="Night shift MLS",
        description='<p><strong>Weekend</strong> rotation, see <a href="https://lab.example.org/">'
        "our lab</a>.</p>",
    )
    PageFactory(title="Bench notes", body="<p>Read the <em>bench</em> <strong>notes</strong>.</p>")

    # The words people read are found on every backend.
    assert _titles("weekend rotation", member) == {"Night shift MLS"}
    assert _titles("read", member) == {"Bench notes"}
    if connection.vendor == "postgresql":
        for markup in ["strong", "em", "href", "example"]:
            assert _titles(markup, member) == set(), markup


def test_the_search_benchmark_keeps_nothing_it_generates_and_needs_postgresql():
    out = StringIO()

    if connection.vendor == "postgresql":
        call_command("benchmark_search", rows=40, jobs=10, pages=5, repeat=1, stdout=out)
        report = out.getvalue()
        assert "Generated 40 resources, 10 jobs and 5 pages" in report
        assert "site_search as anonymous" in report and "median" in report
        assert "EXPLAIN ANALYZE of the resource query" in report
        assert "Rolled back" in report
    else:
        with pytest.raises(CommandError, match="PostgreSQL"):
            call_command("benchmark_search", rows=40, stdout=out)
    assert not Resource.objects.exists()
    assert not Job.objects.exists()
    assert not Page.objects.exists()
