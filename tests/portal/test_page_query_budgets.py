"""Every main page asks the database the same small number of questions, however much data.

Each test builds a small data set, counts the page's queries, grows the same kinds of rows
fivefold, and counts again: the two counts must be equal and at most ``BUDGET``. The benchmark
(``make bench``) measures the same pages at 1x, 10x and 100x; these tests keep a regression
from reaching it.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Campaign
from careers.models import Application, JobAlert, SavedJob
from certification.models import CEActivity
from tests.advocacy.factories import FAQEntryFactory, PledgeFactory
from tests.careers.factories import ApplicationFactory, EmployerFactory, JobFactory, ResumeFactory
from tests.certification.factories_tracker import (
    CEActivityFactory,
    CredentialHoldingFactory,
    make_categories,
    make_mls,
)
from tests.certification.factories_webinars import WebinarFactory
from tests.factories import (
    AudienceFactory,
    PageFactory,
    ResourceFactory,
    TopicFactory,
    UserFactory,
)

BUDGET = 10
SMALL, LARGE = 3, 15

pytestmark = pytest.mark.django_db


def _count(client, url):
    """The queries of a request after the first: the steady state, once the cached pieces are
    in the cache (tests/portal/test_fragment_cache.py checks what a cold request does)."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), [q["sql"] for q in queries.captured_queries], response


def _assert_flat(client, url, grow, *, contains=""):
    """Count ``url``'s queries, call ``grow()`` to add four times as many rows, count again."""
    small, _, response = _count(client, url)
    if contains:
        assert contains in response.content.decode()
    grow()
    large, large_sql, response = _count(client, url)
    listing = "\n".join(f"{i + 1}. {sql}" for i, sql in enumerate(large_sql))
    assert small == large, f"{url}: {small} queries at 1x, {large} at 5x\n{listing}"
    assert large <= BUDGET, f"{url}: {large} queries, budget {BUDGET}\n{listing}"
    return response


# --- Builders: the same shape at any size -----------------------------------------------------


def _resources(n, topics=None, audiences=None):
    topics = topics or [TopicFactory(name="Phlebotomy", slug="phlebotomy")]
    audiences = audiences or [AudienceFactory(name="Students", slug="students")]
    return [
        ResourceFactory(
            title=f"Phlebotomy guide {ResourceFactory._meta.next_sequence()}",
            topics=topics,
            audiences=audiences,
        )
        for _ in range(n)
    ]


def _jobs(n, employer=None):
    return [
        JobFactory(
            employer=employer or EmployerFactory(),
            discipline="microbiology",
            state="IL",
            is_featured=i % 3 == 0,
        )
        for i in range(n)
    ]


def _pledges(n):
    PledgeFactory.create_batch(n)
    PledgeFactory.create_batch(n, credential="MLT", state="WI")


def _webinars(n):
    WebinarFactory.create_batch(n)


def _all_public(n):
    _resources(n)
    _jobs(n)
    _pledges(n)
    _webinars(n)
    PageFactory.create_batch(n, title="Phlebotomy week")


# --- Public pages -----------------------------------------------------------------------------


def test_home_page_queries_stay_flat(client):
    _all_public(SMALL)
    _assert_flat(client, reverse("home"), lambda: _all_public(LARGE - SMALL))


def test_home_page_as_a_member_queries_stay_flat(client, member):
    _all_public(SMALL)
    client.force_login(member)
    _assert_flat(client, reverse("home"), lambda: _all_public(LARGE - SMALL))


def test_resource_library_queries_stay_flat(client):
    topics = [TopicFactory(name=f"Topic {i}", slug=f"topic-x{i}") for i in range(3)]
    _resources(SMALL, topics=topics)
    _assert_flat(
        client,
        reverse("resources:library"),
        lambda: _resources(LARGE - SMALL, topics=topics),
        contains="Phlebotomy guide",
    )


def test_resources_index_queries_stay_flat(client):
    _resources(SMALL)
    _assert_flat(client, reverse("resources:index"), lambda: _resources(LARGE - SMALL))


def test_resource_search_queries_stay_flat(client):
    _resources(SMALL)
    _assert_flat(
        client,
        reverse("resources:library") + "?q=phlebotomy&topic=phlebotomy",
        lambda: _resources(LARGE - SMALL),
        contains="Phlebotomy guide",
    )


def test_resource_page_queries_stay_flat(client):
    topics = [TopicFactory(name="Phlebotomy", slug="phlebotomy")]
    resource = _resources(SMALL, topics=topics)[0]
    _assert_flat(
        client,
        reverse("resources:detail", args=[resource.slug]),
        lambda: _resources(LARGE - SMALL, topics=topics),
        contains=resource.title,
    )


def test_job_search_with_two_filters_queries_stay_flat(client):
    _jobs(SMALL)
    _assert_flat(
        client,
        reverse("careers:index") + "?discipline=microbiology&state=IL",
        lambda: _jobs(LARGE - SMALL),
        contains="Medical Laboratory Scientist",
    )


def test_job_page_queries_stay_flat(client):
    employer = EmployerFactory()
    job = _jobs(SMALL, employer=employer)[0]

    def grow():
        _jobs(LARGE - SMALL, employer=employer)
        ApplicationFactory.create_batch(LARGE, job=job)

    _assert_flat(client, reverse("careers:job_detail", args=[job.slug]), grow, contains=job.title)


def test_job_page_as_a_seeker_queries_stay_flat(client, non_member):
    employer = EmployerFactory()
    job = _jobs(SMALL, employer=employer)[0]
    ResumeFactory(owner=non_member, is_default=True)
    client.force_login(non_member)

    def grow():
        _jobs(LARGE - SMALL, employer=employer)
        ApplicationFactory.create_batch(LARGE, job=job)

    _assert_flat(client, reverse("careers:job_detail", args=[job.slug]), grow, contains=job.title)


def test_campaign_page_queries_stay_flat(client):
    _pledges(SMALL)
    _assert_flat(client, reverse("advocacy:index"), lambda: _pledges(LARGE - SMALL))


def test_site_search_queries_stay_flat(client):
    _all_public(SMALL)
    # Past a page of matches per section (20), a section counts the rest of its matches.
    _assert_flat(client, reverse("search") + "?q=phlebotomy", lambda: _all_public(25))


# --- Logged-in pages --------------------------------------------------------------------------


def test_ce_dashboard_queries_stay_flat(client, member):
    categories = make_categories()
    credential = make_mls(categories)
    CredentialHoldingFactory(user=member, credential=credential)
    _webinars(SMALL)
    client.force_login(member)

    def activities(n):
        for i in range(n):
            CEActivityFactory(
                user=member,
                category=list(categories.values())[i % len(categories)],
                completed_on=timezone.localdate() - timedelta(days=i + 1),
            )

    activities(SMALL)

    def grow():
        activities(LARGE - SMALL)
        _webinars(LARGE - SMALL)
        # Other members' activities are not this member's business, nor this page's cost.
        CEActivityFactory.create_batch(LARGE, category=categories["Chemistry"])

    response = _assert_flat(client, reverse("certification:tracker"), grow)
    assert CEActivity.objects.filter(user=member).count() == LARGE
    assert "MLS(ASCP)" in response.content.decode()


def test_seeker_dashboard_queries_stay_flat(client, non_member):
    client.force_login(non_member)
    ResumeFactory(owner=non_member, is_default=True)

    def seeker_data(n):
        for job in _jobs(n):
            ApplicationFactory(job=job, applicant=non_member)
        for job in _jobs(n):
            SavedJob.objects.create(user=non_member, job=job)
        for i in range(n):
            JobAlert.objects.create(
                user=non_member, name=f"Micro {i}", query="discipline=microbiology&state=IL"
            )

    seeker_data(SMALL)
    response = _assert_flat(
        client, reverse("careers:seeker_dashboard"), lambda: seeker_data(LARGE - SMALL)
    )
    assert "Medical Laboratory Scientist" in response.content.decode()


def test_employer_applicants_list_queries_stay_flat(client):
    recruiter = UserFactory(email="recruiter@example.org")
    employer = EmployerFactory(members=[recruiter])
    job = JobFactory(employer=employer)
    client.force_login(recruiter)

    def applicants(n):
        for i, application in enumerate(ApplicationFactory.create_batch(n, job=job)):
            if i % 2:
                Application.objects.filter(pk=application.pk).update(
                    status=Application.Status.REVIEWED
                )

    applicants(SMALL)
    response = _assert_flat(
        client, reverse("careers:applicants", args=[job.pk]), lambda: applicants(LARGE - SMALL)
    )
    assert job.title in response.content.decode()


# --- Cached pieces: cheaper, and never stale after staff save --------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response.content.decode()


def test_campaign_page_is_read_from_the_cache_until_staff_save(client, staff_user):
    PledgeFactory(full_name="Ada Pledger", institution="Lakeside Clinic")
    first, _ = _queries(client, reverse("advocacy:index"))
    again, page = _queries(client, reverse("advocacy:index"))
    assert again < first
    assert "Ada P" in page

    campaign = Campaign.load()
    campaign.headline = "Say it with us: I AM MLS"
    campaign.save()
    FAQEntryFactory(question="Who may take the pledge?")
    _, page = _queries(client, reverse("advocacy:index"))
    assert "Say it with us: I AM MLS" in page
    assert "Who may take the pledge?" in page


def test_a_new_pledge_shows_at_once_on_the_home_and_campaign_pages(client):
    PledgeFactory.create_batch(2)
    assert "2 laboratory professionals have taken the pledge" in client.get("/").content.decode()

    PledgeFactory(full_name="Grace Newcomer")
    assert "3 laboratory professionals have taken the pledge" in client.get("/").content.decode()
    page = client.get(reverse("advocacy:index")).content.decode()
    assert "Grace N" in page
    assert "<strong>3</strong>" in page


def test_cached_pages_still_show_each_person_their_own_header(client, member, staff_user):
    PledgeFactory()
    anonymous = client.get(reverse("advocacy:index")).content.decode()
    client.force_login(member)
    mine = client.get(reverse("advocacy:index")).content.decode()
    client.force_login(staff_user)
    staff = client.get(reverse("advocacy:index")).content.decode()
    assert "Log out" not in anonymous and "csrfmiddlewaretoken" not in anonymous
    assert "Log out" in mine and "Staff admin" not in mine
    assert "Staff admin" in staff
    assert _csrf_token(mine) != _csrf_token(staff)


def _csrf_token(page):
    return page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]


def test_resource_topic_counts_change_when_staff_add_a_resource(client):
    topic = TopicFactory(name="Blood bank", slug="blood-bank")
    ResourceFactory(topics=[topic])
    first, page = _queries(client, reverse("resources:index"))
    again, _ = _queries(client, reverse("resources:index"))
    assert again < first
    assert "Blood bank" in page

    newer = ResourceFactory(title="Antibody identification primer")
    newer.topics.add(topic)  # as the admin does: the row first, then its topics
    newer.is_featured = True
    newer.save()
    page = client.get(reverse("resources:index")).content.decode()
    assert "Antibody identification primer" in page
    assert _topic_total(client, "Blood bank") == 2


def _topic_total(client, name):
    response = client.get(reverse("resources:index"))
    return next(t.total for t in response.context["topics"] if t.name == name)


def test_section_page_links_follow_a_staff_edit(client):
    page = PageFactory(section="advocacy", title="Our letter to legislators")
    assert "Our letter to legislators" in client.get(reverse("advocacy:index")).content.decode()
    page.title = "Letters we sent to legislators"
    page.save()
    body = client.get(reverse("advocacy:index")).content.decode()
    assert "Letters we sent to legislators" in body
    page.delete()
    assert "Letters we sent" not in client.get(reverse("advocacy:index")).content.decode()


def test_job_board_count_is_kept_until_a_job_changes(client):
    _jobs(2)
    url = reverse("careers:index") + "?discipline=microbiology&state=IL"
    first, page = _queries(client, url)
    again, _ = _queries(client, url)
    assert again == first - 1  # the count, read once
    assert "2 jobs" in page

    job = JobFactory(discipline="microbiology", state="IL", title="Microbiology lead")
    page = client.get(url).content.decode()
    assert "3 jobs" in page and "Microbiology lead" in page
    job.status = job.Status.CLOSED
    job.save()
    assert "2 jobs" in client.get(url).content.decode()
