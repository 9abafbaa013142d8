"""The Career Center's forms under random and hostile input (hypothesis).

Applying (with a kept resume or a new upload), career service requests, employer access
requests, job posts and the job board's filters: whatever is sent, never a 500; a submission is
either saved (a redirect) or comes back with a clear error and nothing stored.
"""

from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from careers.choices import (
    ApplyMethod,
    Credential,
    Discipline,
    EmploymentType,
    SalaryPeriod,
    Shift,
    Workplace,
)
from careers.models import Application, CareerServiceRequest, Employer, Job, Resume
from portal.states import US_STATES
from tests.careers.factories import EmployerFactory, JobFactory, ResumeFactory
from tests.factories import MINIMAL_PDF
from tests.hostile_input import (
    NUL,
    abuse_settings,
    assert_no_crash,
    assert_saved_or_clear_error,
    blank,
    form_data,
    has_nul,
    hostile_text,
    post_like_a_browser,
    posted,
    too_long,
)

pytestmark = pytest.mark.django_db

states = st.sampled_from([code for code, _ in US_STATES])
words = st.text(min_size=1, max_size=100).filter(str.strip)
money = st.decimals(min_value=0, max_value=9_999_999, places=2).map(str)


@pytest.fixture
def browser():
    return Client(raise_request_exception=True)


@pytest.fixture
def job():
    return JobFactory(title="Night shift MLS", apply_method="portal")


def _browser_file_name(name: str) -> str:
    # Browsers escape these three in a multipart file name (the HTML standard's form encoding),
    # and a file on disk has a name of at most 255 bytes.
    name = name.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")
    return name.encode()[-255:].decode(errors="ignore") or "resume.pdf"


file_names = st.one_of(
    st.just("resume.pdf"),
    st.sampled_from(["../../etc/passwd.pdf", "résumé 👩\u200d🔬.pdf", "\u202efdp.exe", "a" * 300]),
    hostile_text.map(lambda name: f"{name}.pdf"),
).map(_browser_file_name)
EXECUTABLE = b"MZ\x90\x00" + b"\x00" * 64
file_contents = st.sampled_from([MINIMAL_PDF, b"", EXECUTABLE, b"%PDF-"])


# --- Applying to a job -----------------------------------------------------------------------


@abuse_settings
@given(
    data=form_data(
        {
            "apply-resume": st.just("KEPT"),
            "apply-cover_note": st.text(max_size=5000),
        },
        required=["apply-resume"],
    )
)
def test_applying_with_a_kept_resume_never_crashes(browser, member, job, data):
    kept = ResumeFactory(owner=member, is_default=True) if not member.resumes.exists() else None
    kept = kept or member.resumes.get()
    if data.get("apply-resume") == "KEPT":
        data["apply-resume"] = str(kept.pk)
    Application.objects.filter(job=job).delete()
    browser.force_login(member)
    response = post_like_a_browser(browser, reverse("careers:apply", args=[job.slug]), data)
    sent = Application.objects.filter(job=job, applicant=member).exists()
    must_fail = (
        posted(data, "apply-resume").strip() != str(kept.pk)
        or has_nul(data, ["apply-cover_note"])
        or too_long(data, {"apply-cover_note": 5000})
    )
    assert_saved_or_clear_error(response, saved=sent, must_fail=must_fail)
    if sent:
        application = Application.objects.get(job=job, applicant=member)
        assert application.cover_note == posted(data, "apply-cover_note").strip()


@abuse_settings
@given(
    data=form_data(
        {"apply-resume_title": st.text(max_size=100), "apply-cover_note": st.text(max_size=80)}
    ),
    name=file_names,
    content=file_contents,
    attach=st.booleans(),
)
def test_applying_with_a_new_upload_never_crashes(
    browser, non_member, job, data, name, content, attach
):
    Application.objects.filter(job=job).delete()
    Resume.objects.filter(owner=non_member).delete()
    if attach:
        data["apply-resume_file"] = SimpleUploadedFile(name, content)
    browser.force_login(non_member)
    response = browser.post(reverse("careers:apply", args=[job.slug]), data)
    sent = Application.objects.filter(job=job, applicant=non_member).exists()
    must_fail = (
        not attach
        or content in (b"", EXECUTABLE)
        or has_nul(data, ["apply-resume_title", "apply-cover_note"])
        or too_long(data, {"apply-cover_note": 5000})
    )
    assert_saved_or_clear_error(response, saved=sent, must_fail=must_fail)
    if sent:
        resume = Resume.objects.get(owner=non_member)
        assert NUL not in resume.original_name
        assert "/" not in resume.original_name


# --- Career service requests -----------------------------------------------------------------


@abuse_settings
@given(
    data=form_data(
        {
            "preferred_contact": st.sampled_from(["email", "phone"]),
            "phone": st.text(max_size=40),
            "message": st.text(min_size=1, max_size=5000),
        },
        required=["preferred_contact", "message"],
    ),
    service=st.sampled_from(["resume-review", "reference-checking", "coaching"]),
)
def test_career_service_request_never_crashes_and_explains_what_to_fix(
    browser, member, data, service
):
    browser.force_login(member)
    requests = CareerServiceRequest.objects.count()
    response = post_like_a_browser(
        browser, reverse("careers:service_request", args=[service]), data
    )
    created = CareerServiceRequest.objects.count() - requests
    must_fail = (
        has_nul(data, ["phone", "message"])
        or blank(data, ["message"])
        or too_long(data, {"phone": 40, "message": 5000})
        or posted(data, "preferred_contact") not in ("email", "phone")
    )
    assert_saved_or_clear_error(response, saved=created == 1, must_fail=must_fail)


# --- Employers: asking for access, posting a job ------------------------------------------------

EMPLOYER_TEXT = {"name": 200, "city": 100, "contact_name": 150, "contact_phone": 40}


@abuse_settings
@given(
    data=form_data(
        {
            "name": words,
            "website": st.sampled_from(["https://lab.example.org/", "lab.example.org", ""]),
            "city": words,
            "state": states,
            "description": st.text(max_size=1000),
            "contact_name": words,
            "contact_email": st.emails(),
            "contact_phone": st.text(max_size=40),
        },
        required=["name", "city", "state", "contact_name", "contact_email"],
    )
)
def test_employer_request_never_crashes_and_explains_what_to_fix(browser, non_member, data):
    Employer.objects.filter(members=non_member).delete()
    browser.force_login(non_member)
    response = post_like_a_browser(browser, reverse("careers:employer_request"), data)
    created = Employer.objects.filter(members=non_member).count()
    must_fail = (
        has_nul(data, [*EMPLOYER_TEXT, "description", "contact_email", "website"])
        or blank(data, ["name", "city", "contact_name", "contact_email"])
        or too_long(data, {**EMPLOYER_TEXT, "description": 1000, "contact_email": 254})
    )
    assert_saved_or_clear_error(response, saved=created == 1, must_fail=must_fail)
    if created:
        employer = Employer.objects.get(members=non_member)
        assert employer.status == Employer.Status.PENDING
        assert employer.slug


@pytest.fixture
def employer_user(non_member):
    EmployerFactory(members=[non_member])
    return non_member


def _today_plus(days):
    return (timezone.localdate() + timezone.timedelta(days=days)).isoformat()


JOB_REQUIRED = [
    "title",
    "description",
    "city",
    "state",
    "workplace",
    "discipline",
    "credential",
    "employment_type",
    "shift",
    "salary_period",
    "apply_method",
]


@abuse_settings
@given(
    data=form_data(
        {
            "title": words,
            "description": st.one_of(
                words.map(lambda text: f"<p>{text}</p>"), st.just("<p>Bench work.</p>")
            ),
            "city": words,
            "state": states,
            "workplace": st.sampled_from(Workplace.values),
            "discipline": st.sampled_from(Discipline.values),
            "credential": st.sampled_from(Credential.values),
            "employment_type": st.sampled_from(EmploymentType.values),
            "shift": st.sampled_from(Shift.values),
            "salary_min": money,
            "salary_max": money,
            "salary_period": st.sampled_from(SalaryPeriod.values),
            "apply_method": st.just(ApplyMethod.PORTAL),
            "apply_url": st.just("https://lab.example.org/jobs/1"),
            "apply_email": st.emails(),
            "closes_on": st.integers(-5, 120).map(_today_plus),
            "action": st.sampled_from(["submit", "save"]),
        },
        required=JOB_REQUIRED,
    )
)
def test_job_post_never_crashes_and_explains_what_to_fix(browser, employer_user, data):
    browser.force_login(employer_user)
    jobs = Job.objects.count()
    response = post_like_a_browser(browser, reverse("careers:job_create"), data)
    created = Job.objects.count() - jobs
    must_fail = (
        has_nul(data, ["title", "description", "city", "apply_url", "apply_email"])
        or blank(data, ["title", "city"])
        or too_long(data, {"title": 200, "city": 100})
    )
    assert_saved_or_clear_error(response, saved=created == 1, must_fail=must_fail)
    if created:
        job = Job.objects.latest("pk")
        assert job.title == posted(data, "title").strip()
        assert job.status in (Job.Status.DRAFT, Job.Status.PENDING)


# --- The job board's filters -------------------------------------------------------------------


@abuse_settings
@given(
    params=form_data(
        {
            "q": st.one_of(st.just("night"), st.text(max_size=40)),
            "location": st.text(max_size=20),
            "state": states,
            "workplace": st.sampled_from(Workplace.values),
            "discipline": st.sampled_from(Discipline.values),
            "credential": st.sampled_from(Credential.values),
            "type": st.sampled_from(EmploymentType.values),
            "shift": st.sampled_from(Shift.values),
            "posted": st.sampled_from(["1", "7", "30", "365", "-1"]),
            "sort": st.sampled_from(["", "relevance", "salary"]),
            "page": st.one_of(st.integers(-(10**30), 10**30).map(str), hostile_text),
        }
    )
)
def test_job_board_filters_ignore_what_does_not_fit(browser, job, params):
    response = browser.get(f"{reverse('careers:index')}?{urlencode(params, doseq=True)}")
    assert_no_crash(response)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_cover_note_with_a_nul_byte_is_refused_and_nothing_is_sent(browser, member, job):
    resume = ResumeFactory(owner=member, is_default=True)
    browser.force_login(member)
    response = browser.post(
        reverse("careers:apply", args=[job.slug]),
        {"apply-resume": resume.pk, "apply-cover_note": f"Hello{NUL}"},
    )
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    assert not Application.objects.exists()


def test_a_file_name_longer_than_any_disk_allows_is_a_bad_request_not_a_crash(
    browser, non_member, job
):
    browser.force_login(non_member)
    upload = SimpleUploadedFile("👩\u200d🔬" * 200 + ".pdf", MINIMAL_PDF)
    response = browser.post(
        reverse("careers:apply", args=[job.slug]), {"apply-resume_file": upload}
    )
    # Django refuses multipart headers over 1 KB before the view runs.
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_a_nul_byte_in_a_resume_file_name_never_reaches_the_database(browser, non_member, job):
    browser.force_login(non_member)
    upload = SimpleUploadedFile(f"cv{NUL}evil.pdf", MINIMAL_PDF)
    response = browser.post(
        reverse("careers:apply", args=[job.slug]), {"apply-resume_file": upload}
    )
    assert response.status_code == 302
    resume = Resume.objects.get(owner=non_member)
    assert resume.original_name == "cvevil.pdf"
    assert resume.file.name.endswith(".pdf")
    assert "evil" not in resume.file.name  # stored under a generated name


def test_a_job_description_of_endless_unclosed_tags_is_refused_with_a_message(
    browser, employer_user
):
    browser.force_login(employer_user)
    data = {
        "title": "Core lab MLS",
        "description": "<A" * 5000,
        "city": "Peoria",
        "state": "IL",
        "workplace": "on_site",
        "discipline": "generalist",
        "credential": "mls",
        "employment_type": "full_time",
        "shift": "day",
        "salary_period": "year",
        "apply_method": "portal",
    }
    response = post_like_a_browser(browser, reverse("careers:job_create"), data)
    assert response.status_code == 200
    assert "The description has markup we cannot read." in response.content.decode()
    assert not Job.objects.exists()
