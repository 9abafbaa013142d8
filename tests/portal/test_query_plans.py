"""Every list filter and ordering of the main pages can be served by an index.

On PostgreSQL each query is EXPLAINed (``QuerySet.explain()``) with sequential scans turned off
for the test's transaction, so the plan shows whether an index *can* serve it, whatever the
planner would choose for a table this small; the plan must name the index. On SQLite, which has
no such switch, the index is found by introspection with the columns it must lead with.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Count
from django.utils import timezone

from advocacy.models import Pledge
from careers.models import Application, Job
from certification.models import CEActivity, Webinar
from resources.models import Resource
from tests.advocacy.factories import PledgeFactory
from tests.careers.factories import ApplicationFactory, EmployerFactory, JobFactory
from tests.certification.factories_tracker import CEActivityFactory
from tests.certification.factories_webinars import WebinarFactory
from tests.factories import AudienceFactory, ResourceFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

SCAN_SETTINGS = ("enable_seqscan", "enable_bitmapscan", "enable_sort", "enable_incremental_sort")


def _index_columns(table: str) -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return {name: info["columns"] for name, info in constraints.items() if info["index"]}


def _indexes_leading_with(table: str, columns: list[str]) -> list[str]:
    return [
        name
        for name, indexed in _index_columns(table).items()
        if indexed[: len(columns)] == columns
    ]


def assert_served_by_index(queryset, table, columns, name=None):
    """An index on ``table`` starts with ``columns`` (and is called ``name`` when given), and on
    PostgreSQL the plan of ``queryset`` reads it."""
    found = _indexes_leading_with(table, columns)
    assert found, f"no index on {table} starting with {columns}: {_index_columns(table)}"
    if name:
        assert name in found, f"{name} is not an index on {table} starting with {columns}"
        found = [name]
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
        # Not what the planner would pick for thirty rows, but what it *can* do: every way to
        # the rows other than this index costs more than any index scan.
        for setting in SCAN_SETTINGS:
            cursor.execute(f"SET LOCAL {setting} = off")
    plan = queryset.explain()
    with connection.cursor() as cursor:
        for setting in SCAN_SETTINGS:
            cursor.execute(f"SET LOCAL {setting} = on")
    assert any(index in plan for index in found), f"none of {found} used:\n{plan}"


@pytest.fixture
def jobs(db):
    employer = EmployerFactory()
    kinds = [
        {"discipline": "microbiology", "state": "IL", "credential": "mls"},
        {"discipline": "chemistry", "state": "WI", "credential": "mlt", "shift": "night"},
        {"discipline": "generalist", "state": "IN", "workplace": "remote"},
    ]
    for i in range(30):
        JobFactory(employer=employer, is_featured=i % 10 == 0, **kinds[i % 3])
    JobFactory.create_batch(5, employer=employer, status=Job.Status.DRAFT, published_at=None)


# --- The job board --------------------------------------------------------------------------


def test_live_jobs_newest_first_read_the_board_order_index(jobs):
    board = Job.objects.live().order_by("-is_featured", "-published_at", "-pk")[:20]
    assert_served_by_index(
        board, "careers_job", ["status", "is_featured", "published_at", "id"], "job_board_order_idx"
    )


def test_live_jobs_by_closing_date_read_the_live_index(jobs):
    assert_served_by_index(
        Job.objects.filter(status="published", closes_on__gte=timezone.localdate()).order_by(
            "closes_on"
        ),
        "careers_job",
        ["status", "closes_on"],
        "job_live_idx",
    )


def test_published_jobs_newest_first_read_the_published_index(jobs):
    assert_served_by_index(
        Job.objects.filter(status="published").order_by("-published_at")[:20],
        "careers_job",
        ["status", "published_at"],
        "job_published_idx",
    )


@pytest.mark.parametrize(
    ("field", "value", "index"),
    [
        ("discipline", "microbiology", "job_discipline_idx"),
        ("state", "IL", "job_location_idx"),
        ("credential", "mlt", "job_credential_idx"),
        ("employment_type", "part_time", "job_type_idx"),
        ("workplace", "remote", "job_workplace_idx"),
        ("shift", "night", "job_shift_idx"),
    ],
)
def test_each_job_board_filter_has_its_index(jobs, field, value, index):
    assert_served_by_index(Job.objects.filter(**{field: value}), "careers_job", [field], index)


# --- The resource library --------------------------------------------------------------------


@pytest.fixture
def library(db):
    topics = [TopicFactory(name=f"Topic {i}", slug=f"plan-topic-{i}") for i in range(5)]
    audiences = [AudienceFactory(name=f"Audience {i}", slug=f"plan-aud-{i}") for i in range(3)]
    for i in range(30):
        ResourceFactory(
            kind="link" if i % 3 == 0 else "webpage",
            url="https://www.ascls.org/" if i % 3 == 0 else "",
            topics=[topics[i % 5]],
            audiences=[audiences[i % 3]],
        )
    return topics, audiences


def test_library_newest_first_reads_the_published_index(library):
    assert_served_by_index(
        Resource.objects.published().order_by("-published_at")[:20],
        "resources_resource",
        ["is_published", "published_at"],
        "resource_published_idx",
    )


def test_library_by_kind_reads_the_kind_index(library):
    assert_served_by_index(
        Resource.objects.filter(kind="link"), "resources_resource", ["kind"], "resource_kind_idx"
    )


def test_library_by_topic_and_audience_read_their_link_tables_indexes(library):
    topics, audiences = library
    assert_served_by_index(
        Resource.topics.through.objects.filter(topic=topics[0]),
        "resources_resource_topics",
        ["topic_id"],
    )
    assert_served_by_index(
        Resource.audiences.through.objects.filter(audience=audiences[0]),
        "resources_resource_audiences",
        ["audience_id"],
    )


# --- Pledges -----------------------------------------------------------------------------------


@pytest.fixture
def pledges(db):
    for i in range(30):
        PledgeFactory(
            credential=["MLS", "MLT", "CLS"][i % 3],
            state=["IL", "WI"][i % 2],
            show_publicly=i % 4 != 0,
        )


def test_the_wall_reads_the_wall_index(pledges):
    assert_served_by_index(
        Pledge.objects.on_the_wall()[:50],
        "advocacy_pledge",
        ["show_publicly", "confirmed_at", "id"],
        "pledge_wall_idx",
    )


def test_pledge_counts_by_credential_and_state_read_their_indexes(pledges):
    for field in ("credential", "state"):
        counts = Pledge.objects.confirmed().values(field).annotate(total=Count("pk"))
        assert_served_by_index(counts.order_by(field), "advocacy_pledge", [field])


# --- CE activities, applications, webinars ------------------------------------------------------


def test_a_members_ce_activities_by_date_read_their_index(db):
    member, other = UserFactory(), UserFactory()
    for i in range(10):
        CEActivityFactory(user=member, completed_on=timezone.localdate() - timedelta(days=i))
        CEActivityFactory(user=other)
    assert_served_by_index(
        CEActivity.objects.filter(user=member).order_by("-completed_on"),
        "certification_ceactivity",
        ["user_id", "completed_on"],
        "ce_activity_user_date_idx",
    )


def test_a_jobs_applicants_newest_first_and_by_status_read_their_indexes(db):
    job, other = JobFactory(), JobFactory()
    ApplicationFactory.create_batch(10, job=job)
    ApplicationFactory.create_batch(10, job=other)
    assert_served_by_index(
        Application.objects.filter(job=job).order_by("-submitted_at")[:20],
        "careers_application",
        ["job_id", "submitted_at"],
        "application_job_newest_idx",
    )
    by_status = Application.objects.filter(job=job).values("status").annotate(total=Count("pk"))
    # With twenty rows the planner may as well walk the status index and filter by job; what
    # must hold is that an index exists to find one job's applications by status.
    assert "application_job_status_idx" in _indexes_leading_with(
        "careers_application", ["job_id", "status"]
    )
    assert by_status.order_by("status").count() == 1


def test_upcoming_webinars_read_their_index(db):
    WebinarFactory.create_batch(10)
    WebinarFactory.create_batch(
        10, starts_at=timezone.now() - timedelta(days=30), is_published=True
    )
    assert_served_by_index(
        Webinar.objects.upcoming(),
        "certification_webinar",
        ["is_published", "starts_at"],
        "webinar_upcoming_idx",
    )
