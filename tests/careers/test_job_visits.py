"""Visits to a job page: counted in the cache, stored in batches, all shown to the employer."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from careers import job_views
from careers.models import Job
from portal.pagecache import HEADER
from tests.careers.factories import EmployerFactory, JobFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _stored(job) -> int:
    return Job.objects.get(pk=job.pk).view_count


def test_visits_wait_in_the_cache_and_every_twentieth_stores_twenty(client):
    job = JobFactory(title="Phlebotomist, days")
    url = job.get_absolute_url()

    for _ in range(job_views.MOVE_EVERY - 1):
        client.get(url)
    before = (_stored(job), job_views.visits(job))
    client.get(url)
    at = (_stored(job), job_views.visits(job))
    client.get(url)
    after = (_stored(job), job_views.visits(job))

    assert before == (0, 19)
    assert at == (20, 20)
    assert after == (20, 21)


def test_the_employer_and_staff_reading_their_own_post_are_not_counted(client, staff_user):
    recruiter = UserFactory(email="recruiter@example.org")
    job = JobFactory(employer=EmployerFactory(members=[recruiter]))
    client.force_login(recruiter)
    client.get(job.get_absolute_url())
    client.force_login(staff_user)
    client.get(job.get_absolute_url())

    assert job_views.visits(job) == 0


def test_the_employer_dashboard_shows_stored_and_waiting_visits(client):
    recruiter = UserFactory(email="recruiter@example.org")
    job = JobFactory(
        employer=EmployerFactory(members=[recruiter]), title="Live post", view_count=37
    )
    for _ in range(3):
        job_views.record(job.pk)
    client.force_login(recruiter)

    html = client.get(reverse("careers:employer_dashboard")).content.decode()
    row = html[html.index(">Live post<") :]
    row = row[: row.index("</tr>")]

    assert "<td>40</td>" in row
    assert _stored(job) == 37


def test_expire_jobs_stores_what_is_waiting_once(capsys):
    job, other = JobFactory(), JobFactory()
    for _ in range(3):
        job_views.record(job.pk)
    job_views.record(other.pk)

    call_command("expire_jobs")
    first = capsys.readouterr().out
    call_command("expire_jobs")
    second = capsys.readouterr().out

    assert "4 job page visit(s) stored." in first
    assert "0 job page visit(s) stored." in second
    assert (_stored(job), _stored(other)) == (3, 1)
    assert (job_views.visits(job), job_views.visits(other)) == (3, 1)


def test_storing_visits_keeps_the_page_kept(client, settings):
    settings.PAGE_CACHE_SECONDS = 60
    job = JobFactory(title="Histotechnician")
    url = job.get_absolute_url()

    answers = [client.get(url)[HEADER] for _ in range(job_views.MOVE_EVERY + 2)]

    assert _stored(job) == job_views.MOVE_EVERY
    assert answers[0] == "miss"
    assert set(answers[1:]) == {"hit"}
    assert job_views.visits(job) == job_views.MOVE_EVERY + 2


def test_a_closed_post_is_not_counted(client):
    from datetime import timedelta

    from django.utils import timezone

    job = JobFactory(closes_on=timezone.localdate() - timedelta(days=1))
    client.get(job.get_absolute_url())

    assert job_views.visits(job) == 0


def test_a_nightly_move_racing_a_visit_never_stores_a_visit_twice():
    job = JobFactory()
    for _ in range(job_views.MOVE_EVERY - 1):
        job_views.record(job.pk)
    read_by_the_nightly_move = job_views.waiting([job.pk])[job.pk]

    job_views.record(job.pk)  # the 20th visit moves 20 first
    moved_late = job_views._move(job.pk, read_by_the_nightly_move)
    for _ in range(job_views.MOVE_EVERY - 1):
        job_views.record(job.pk)

    assert moved_late == 0
    assert _stored(job) == 20
    assert job_views.visits(job) == 39
