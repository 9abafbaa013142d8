"""Counting a visit or a download never rebuilds a search vector (PostgreSQL triggers fire only
when the text changes), and changing the text still does."""

import pytest
from django.db import connection
from django.db.models import F

from careers.models import Job
from resources.models import Resource
from tests.careers.factories import JobFactory

pytestmark = pytest.mark.django_db

SENTINEL = "'sentinel'"


def _vector(table, pk):
    column = "search_vector::text" if connection.vendor == "postgresql" else "search_vector"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        return cursor.fetchone()[0]


def _plant_sentinel(table, pk):
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET search_vector = %s::tsvector WHERE id = %s",  # noqa: S608
                ["sentinel", pk],
            )


def test_a_job_page_visit_leaves_the_search_vector_alone_and_a_title_change_rebuilds_it():
    job = JobFactory(title="Blood bank scientist")
    _plant_sentinel("careers_job", job.pk)

    Job.objects.filter(pk=job.pk).update(view_count=F("view_count") + 1)

    if connection.vendor == "postgresql":
        assert _vector("careers_job", job.pk) == SENTINEL
        Job.objects.filter(pk=job.pk).update(title="Microbiology scientist")
        assert "microbiolog" in _vector("careers_job", job.pk)
    else:
        # SQLite has no triggers: the vectors stay empty and search falls back to text.
        assert _vector("careers_job", job.pk) is None
    assert Job.objects.get(pk=job.pk).view_count == 1


def test_a_download_leaves_the_resource_vectors_alone_and_an_edit_rebuilds_them():
    resource = Resource.objects.create(
        title="Quality control basics", slug="qc-basics", summary="Levey-Jennings charts."
    )
    _plant_sentinel("resources_resource", resource.pk)

    Resource.objects.filter(pk=resource.pk).update(download_count=F("download_count") + 1)

    if connection.vendor == "postgresql":
        assert _vector("resources_resource", resource.pk) == SENTINEL
        Resource.objects.filter(pk=resource.pk).update(summary="Westgard rules explained.")
        assert "westgard" in _vector("resources_resource", resource.pk)
    else:
        assert _vector("resources_resource", resource.pk) is None
    assert Resource.objects.get(pk=resource.pk).download_count == 1
