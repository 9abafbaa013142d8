"""Employers writing, submitting, editing, closing and renewing their job posts."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.models import DEFAULT_POSTING_DAYS, Job
from tests.careers.factories import ApplicationFactory, EmployerFactory, JobFactory
from tests.careers.test_moderation import job_form_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("careers:job_create")
DASHBOARD = reverse("careers:employer_dashboard")


def text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def recruiter(db):
    return UserFactory(email="recruiter@prairie.example.org", full_name="Pat Recruiter")


@pytest.fixture
def employer(recruiter):
    return EmployerFactory(name="Prairie Health Laboratory", members=[recruiter])


@pytest.fixture
def other_employer(db):
    rival = UserFactory(email="rival@lakeshore.example.org")
    return EmployerFactory(name="Lakeshore Reference Lab", members=[rival])


def test_a_draft_is_saved_without_review_and_submitted_later(client, recruiter, employer):
    client.force_login(recruiter)

    response = client.post(CREATE, job_form_data(action="draft"), follow=True)

    assert "saved as a draft" in text(response)
    job = Job.objects.get()
    assert (job.status, job.employer, job.submitted_at) == (Job.Status.DRAFT, employer, None)
    assert "Submit for review" in text(client.get(DASHBOARD))

    response = client.post(reverse("careers:job_submit", args=[job.pk]), follow=True)

    assert "is with the moderators for review" in text(response)
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert job.submitted_at is not None


def test_the_form_page_loads_the_rich_text_editor_under_the_csp(client, recruiter, employer):
    client.force_login(recruiter)

    response = client.get(CREATE)

    page = response.content.decode()
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script type="importmap" nonce="{nonce}">' in page
    assert "django_prose_editor/editor.js" in page
    assert "Save as draft" in page
    assert "Submit for review" in page


def test_minimum_salary_above_maximum_is_refused_and_keeps_what_was_typed(
    client, recruiter, employer
):
    client.force_login(recruiter)

    response = client.post(CREATE, job_form_data(salary_min="90000", salary_max="60000"))

    assert response.status_code == 200
    page = text(response)
    assert "The minimum salary is higher than the maximum." in page
    assert 'value="90000"' in page
    assert 'value="60000"' in page
    assert 'value="Medical Laboratory Scientist, nights"' in page
    assert 'aria-invalid="true"' in page
    assert not Job.objects.exists()


def test_closing_date_more_than_90_days_away_is_refused(client, recruiter, employer):
    client.force_login(recruiter)
    too_far = timezone.localdate() + timedelta(days=91)

    response = client.post(CREATE, job_form_data(closes_on=too_far.isoformat()))

    assert "A post can stay up at most 90 days" in text(response)
    assert not Job.objects.exists()


def test_closing_date_in_the_past_is_refused(client, recruiter, employer):
    client.force_login(recruiter)
    yesterday = timezone.localdate() - timedelta(days=1)

    response = client.post(CREATE, job_form_data(closes_on=yesterday.isoformat()))

    assert "This date has passed." in text(response)


def test_a_chosen_closing_date_is_kept(client, recruiter, employer):
    client.force_login(recruiter)
    chosen = timezone.localdate() + timedelta(days=90)

    client.post(CREATE, job_form_data(closes_on=chosen.isoformat()))

    assert Job.objects.get().closes_on == chosen


@pytest.mark.parametrize(
    ("method", "field", "message"),
    [
        ("url", "apply_url", "Give the web address where people apply for this job."),
        ("email", "apply_email", "Give the email address applications go to."),
    ],
)
def test_applying_elsewhere_needs_the_address(client, recruiter, employer, method, field, message):
    client.force_login(recruiter)

    response = client.post(CREATE, job_form_data(apply_method=method))

    assert message in text(response)
    assert not Job.objects.exists()


def test_only_the_address_for_the_chosen_way_to_apply_is_kept(client, recruiter, employer):
    client.force_login(recruiter)

    client.post(
        CREATE,
        job_form_data(
            apply_method="url", apply_url="careers.prairie.example.org/mls", apply_email="x@y.org"
        ),
    )

    job = Job.objects.get()
    assert job.apply_url == "https://careers.prairie.example.org/mls"
    assert job.apply_email == ""


def test_a_description_is_needed_and_is_sanitised(client, recruiter, employer):
    client.force_login(recruiter)

    response = client.post(CREATE, job_form_data(description="<p></p>"))
    assert "Describe the job" in text(response)

    client.post(
        CREATE,
        job_form_data(description='<p onclick="steal()">Nights</p><script>alert(1)</script>'),
    )
    description = Job.objects.get().description
    assert "Nights" in description
    assert "script" not in description
    assert "onclick" not in description


def test_editing_a_post_in_review_keeps_it_in_review_and_its_place(client, recruiter, employer):
    sent = timezone.now() - timedelta(days=2)
    job = JobFactory(employer=employer, status="pending", submitted_at=sent, published_at=None)
    client.force_login(recruiter)

    page = text(client.get(reverse("careers:job_edit", args=[job.pk])))
    assert "Your changes stay in review" in page
    client.post(reverse("careers:job_edit", args=[job.pk]), job_form_data(action="save"))

    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert job.submitted_at == sent
    assert job.title == "Medical Laboratory Scientist, nights"


def test_editing_a_live_post_sends_it_back_to_review(client, recruiter, employer):
    job = JobFactory(employer=employer)
    client.force_login(recruiter)

    page = text(client.get(reverse("careers:job_edit", args=[job.pk])))
    assert "Saving changes sends it back to a moderator for review" in page
    assert "Save and send for review" in page
    response = client.post(
        reverse("careers:job_edit", args=[job.pk]), job_form_data(action="save"), follow=True
    )

    assert "off the job board until they approve your changes" in text(response)
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert job not in Job.objects.live()


def test_saving_a_post_that_needs_changes_without_resubmitting(client, recruiter, employer):
    job = JobFactory(employer=employer, status="rejected", rejection_reason="Add the salary.")
    client.force_login(recruiter)

    client.post(reverse("careers:job_edit", args=[job.pk]), job_form_data(action="draft"))

    job.refresh_from_db()
    assert job.status == Job.Status.REJECTED
    assert job.rejection_reason == "Add the salary."


def test_closed_and_expired_posts_are_renewed_not_edited(client, recruiter, employer):
    job = JobFactory(employer=employer, status="expired")
    client.force_login(recruiter)

    response = client.get(reverse("careers:job_edit", args=[job.pk]), follow=True)

    assert response.redirect_chain[-1][0] == DASHBOARD
    assert "Renew it to post it again" in text(response)


def test_closing_a_live_post_early(client, recruiter, employer):
    job = JobFactory(employer=employer)
    client.force_login(recruiter)

    response = client.post(reverse("careers:job_close", args=[job.pk]), follow=True)

    assert "is closed and no longer on the job board" in text(response)
    job.refresh_from_db()
    assert job.status == Job.Status.CLOSED
    assert job.closed_at is not None
    assert not job.is_open()


def test_only_live_posts_can_be_closed(client, recruiter, employer):
    job = JobFactory(employer=employer, status="draft", published_at=None)
    client.force_login(recruiter)

    response = client.post(reverse("careers:job_close", args=[job.pk]), follow=True)

    assert "is draft, so it cannot be closed" in text(response)
    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT


def test_closing_needs_a_post_request(client, recruiter, employer):
    job = JobFactory(employer=employer)
    client.force_login(recruiter)

    assert client.get(reverse("careers:job_close", args=[job.pk])).status_code == 405
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED


@pytest.mark.parametrize("status", ["published", "expired", "closed"])
def test_renewing_sets_a_new_closing_date_and_goes_back_to_review(
    client, recruiter, employer, status
):
    job = JobFactory(
        employer=employer, status=status, closes_on=timezone.localdate() - timedelta(days=3)
    )
    client.force_login(recruiter)

    response = client.post(reverse("careers:job_renew", args=[job.pk]), follow=True)

    assert "is renewed" in text(response)
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING
    assert job.closes_on == timezone.localdate() + timedelta(days=DEFAULT_POSTING_DAYS)
    assert job.closed_at is None


def test_drafts_cannot_be_renewed(client, recruiter, employer):
    job = JobFactory(employer=employer, status="draft", published_at=None)
    client.force_login(recruiter)

    client.post(reverse("careers:job_renew", args=[job.pk]))

    job.refresh_from_db()
    assert job.status == Job.Status.DRAFT


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("careers:job_edit", "get"),
        ("careers:job_edit", "post"),
        ("careers:job_submit", "post"),
        ("careers:job_close", "post"),
        ("careers:job_renew", "post"),
        ("careers:applicants", "get"),
        ("careers:applicants_csv", "get"),
    ],
)
def test_an_employer_cannot_touch_another_employers_post(
    client, recruiter, employer, other_employer, name, method
):
    theirs = JobFactory(employer=other_employer, title="Their job")
    client.force_login(recruiter)

    response = getattr(client, method)(reverse(name, args=[theirs.pk]), job_form_data())

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.status, theirs.title) == (Job.Status.PUBLISHED, "Their job")


def test_the_dashboard_lists_only_the_employers_own_posts(
    client, recruiter, employer, other_employer
):
    JobFactory(employer=employer, title="Our hematology post")
    JobFactory(employer=other_employer, title="Their chemistry post")
    client.force_login(recruiter)

    page = text(client.get(DASHBOARD))

    assert "Our hematology post" in page
    assert "Their chemistry post" not in page


def test_a_pending_employer_waits_and_cannot_post(client, recruiter):
    EmployerFactory(name="New Lab", status="pending", approved_at=None, members=[recruiter])
    client.force_login(recruiter)

    assert "Waiting for approval" in text(client.get(DASHBOARD))
    response = client.post(CREATE, job_form_data(), follow=True)

    assert response.redirect_chain[-1][0] == DASHBOARD
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    "name",
    ["careers:job_edit", "careers:job_submit", "careers:job_close", "careers:job_renew"],
)
def test_someone_without_employer_access_gets_nothing(client, non_member, name):
    job = JobFactory()
    client.force_login(non_member)

    response = client.post(reverse(name, args=[job.pk]), job_form_data())

    assert response.status_code == 404
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED


def test_someone_without_employer_access_is_shown_how_to_ask(client, non_member):
    client.force_login(non_member)

    page = text(client.get(DASHBOARD))
    assert "Ask for employer access" in page
    assert client.get(CREATE).url == DASHBOARD


@pytest.mark.parametrize(
    "url",
    [
        DASHBOARD,
        CREATE,
        reverse("careers:employer_request"),
        reverse("careers:job_edit", args=[1]),
        reverse("careers:applicants", args=[1]),
        reverse("careers:applicant_detail", args=[1]),
    ],
)
def test_anonymous_visitors_are_asked_to_log_in(client, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_someone_posting_for_two_employers_chooses_which(client, recruiter, employer):
    second = EmployerFactory(name="Second Site Lab", members=[recruiter])
    client.force_login(recruiter)

    assert "Posting for" in text(client.get(CREATE))
    client.post(CREATE, job_form_data(employer=second.pk))

    assert Job.objects.get().employer == second


def test_dashboard_shows_views_application_counts_and_actions(client, recruiter, employer):
    live = JobFactory(employer=employer, title="Live post", view_count=37)
    ApplicationFactory.create_batch(2, job=live)
    ApplicationFactory(job=live, status="reviewed")
    JobFactory(employer=employer, title="Draft post", status="draft", published_at=None)
    client.force_login(recruiter)

    response = client.get(DASHBOARD)

    jobs = {job.title: job for job in response.context["jobs"]}
    assert jobs["Live post"].application_count == 3
    assert jobs["Live post"].new_application_count == 2
    page = text(response)
    assert "37" in page
    assert "2 new" in page
    assert "Close now" in page
    assert reverse("careers:applicants", args=[live.pk]) in page


@pytest.mark.parametrize("count", [3, 30])
def test_dashboard_query_count_does_not_grow_with_posts(
    client, recruiter, employer, django_assert_max_num_queries, count
):
    for job in JobFactory.create_batch(count, employer=employer):
        ApplicationFactory(job=job)
    client.force_login(recruiter)

    # Session, user, employers, the page count, the posts with their application counts.
    with django_assert_max_num_queries(5):
        response = client.get(DASHBOARD)

    assert len(response.context["jobs"]) == min(count, 20)
