from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.middleware import SessionMiddleware
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from careers.models import Application, ApplicationEvent, Job, Resume, SavedJob
from careers.services.seeker import apply_to_job, saved_job_toggle
from careers.views.seeker import apply_box_context
from tests.careers.factories import (
    ApplicationFactory,
    EmployerFactory,
    JobFactory,
    ResumeFactory,
)
from tests.factories import MINIMAL_PDF, UserFactory

pytestmark = pytest.mark.django_db

ELF_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
DOCX_LIKE = b"PK\x03\x04"  # not a real Word file


def _apply_url(job):
    return reverse("careers:apply", args=[job.slug])


def _box(user, job):
    """The apply box as the job page renders it for ``user``."""
    request = RequestFactory().get(job.get_absolute_url())
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = user or AnonymousUser()
    context = {"job": job, **apply_box_context(request, job)}
    return render_to_string("careers/seeker/_apply_box.html", context, request=request)


@pytest.fixture
def seeker(client, member):
    client.force_login(member)
    return member


@pytest.fixture
def job():
    employer = EmployerFactory(name="Prairie Regional Lab", contact_email="jobs@prairie.example")
    return JobFactory(employer=employer, title="Night shift MLS", slug="night-shift-mls")


# --- What the apply box shows ----------------------------------------------------------------


def test_anonymous_visitors_are_asked_to_log_in_and_brought_back(job):
    html = _box(None, job)

    assert "Log in to apply" in html
    assert 'href="/accounts/login/?next=%2Fcareers%2Fjobs%2Fnight-shift-mls%2F"' in html
    assert "Create a free account" in html
    assert "<form" not in html


def test_a_person_without_a_resume_can_upload_one_in_the_apply_form(seeker, job):
    html = _box(seeker, job)

    assert 'enctype="multipart/form-data"' in html
    assert 'type="file" name="apply-resume_file"' in html
    assert "You have no resume on the portal yet." in html
    assert f'action="{_apply_url(job)}"' in html
    assert '<label for="id_apply-cover_note">Note to the employer (optional)' in html


def test_the_default_resume_is_preselected_in_a_labelled_radio_group(seeker, job):
    ResumeFactory(owner=seeker, title="Chemistry resume", uploaded_at=timezone.now())
    default = ResumeFactory(owner=seeker, title="Generalist resume", is_default=True)

    html = _box(seeker, job)

    assert "<legend>Resume to send" in html
    assert html.count('type="radio" name="apply-resume"') == 2
    assert f'value="{default.pk}" id="id_apply-resume_0" required checked>' in html
    assert html.count(" checked") == 1
    assert "Generalist resume (resume.pdf, uploaded" in html
    assert "your default" in html
    assert 'type="file"' not in html


def test_after_applying_the_box_shows_the_status_and_a_link(seeker, job):
    application = ApplicationFactory(applicant=seeker, job=job, status="interviewing")

    html = _box(seeker, job)

    assert "Interviewing" in html
    assert reverse("careers:application_detail", args=[application.pk]) in html
    assert "<textarea" not in html


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Job.Status.CLOSED},
        {"status": Job.Status.EXPIRED},
        {"closes_on": timezone.localdate() - timedelta(days=1)},
    ],
    ids=["closed", "expired", "past-closing-date"],
)
def test_a_job_that_is_not_open_says_so_and_shows_no_form(seeker, changes):
    job = JobFactory(**changes)
    html = _box(seeker, job)
    assert "This job is no longer accepting applications." in html
    assert "<textarea" not in html
    assert "Save job" not in html


def test_external_jobs_point_to_the_employer(seeker):
    by_url = JobFactory(apply_method="url", apply_url="https://careers.example.org/req/42")
    by_email = JobFactory(apply_method="email", apply_email="hr@lab.example.org")

    url_html, email_html = _box(seeker, by_url), _box(None, by_email)

    assert 'href="https://careers.example.org/req/42"' in url_html
    assert "takes applications on its own web site" in url_html
    assert 'href="mailto:hr@lab.example.org?subject=' in email_html
    assert "The portal does not send or record them." in email_html
    assert "<textarea" not in url_html + email_html


def test_the_apply_box_needs_few_queries(seeker, job, django_assert_max_num_queries):
    ResumeFactory.create_batch(4, owner=seeker)
    request = RequestFactory().get(job.get_absolute_url())
    request.user = seeker
    with django_assert_max_num_queries(3):
        context = apply_box_context(request, job)
        list(context["apply_form"]["resume"])


def test_the_job_page_includes_the_apply_box(client, seeker, job):
    ResumeFactory(owner=seeker, is_default=True)
    html = client.get(job.get_absolute_url()).content.decode()
    assert "Send my application" in html
    assert "Save job" in html


# --- Applying ----------------------------------------------------------------------------------


def test_applying_in_one_step_with_the_default_resume(client, seeker, job):
    resume = ResumeFactory(owner=seeker, is_default=True, original_name="Jordan Lee.pdf")

    response = client.post(
        _apply_url(job),
        {"apply-resume": resume.pk, "apply-cover_note": "Five years on the night shift."},
        follow=True,
    )

    application = Application.objects.get()
    assert application.applicant == seeker
    assert application.job == job
    assert application.cover_note == "Five years on the night shift."
    assert application.resume_name == "Jordan Lee.pdf"
    assert application.resume_file.name != resume.file.name
    assert application.resume_file.read() == MINIMAL_PDF
    assert [e.status for e in ApplicationEvent.objects.filter(application=application)] == [
        "submitted"
    ]
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "careers:application_detail", args=[application.pk]
    )
    assert "Your application for Night shift MLS has been sent to Prairie Regional Lab." in html
    assert "Five years on the night shift." in html


def test_a_first_time_applicant_uploads_and_applies_in_one_step(client, seeker, job):
    response = client.post(
        _apply_url(job),
        {
            "apply-resume_title": "",
            "apply-resume_file": SimpleUploadedFile("CV 2026.docx", _docx_bytes()),
            "apply-cover_note": "",
        },
    )

    resume = Resume.objects.get(owner=seeker)
    assert resume.is_default
    assert resume.title == "My resume"
    assert resume.original_name == "CV 2026.docx"
    application = Application.objects.get()
    assert application.resume_name == "CV 2026.docx"
    assert response.status_code == 302


def _docx_bytes():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_a_bad_inline_upload_shows_the_error_and_keeps_the_typed_note(client, seeker, job):
    response = client.post(
        _apply_url(job),
        {
            "apply-resume_title": "Night resume",
            "apply-resume_file": SimpleUploadedFile("resume.pdf", ELF_EXECUTABLE),
            "apply-cover_note": "I trained at Rush & love night work.",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your application was not sent yet." in html
    assert "This file is not a PDF or Word document" in html
    assert 'aria-describedby="id_apply-resume_file_helptext id_apply-resume_file_errors"' in html
    assert "I trained at Rush &amp; love night work.</textarea>" in html
    assert 'value="Night resume"' in html
    assert not Application.objects.exists()
    assert not Resume.objects.exists()


def test_choosing_no_resume_is_explained_and_the_note_kept(client, seeker, job):
    ResumeFactory(owner=seeker, is_default=True)
    someone_elses = ResumeFactory(owner=UserFactory())

    response = client.post(
        _apply_url(job), {"apply-resume": someone_elses.pk, "apply-cover_note": "Hello there"}
    )

    html = response.content.decode()
    assert "Choose one of your own resumes." in html
    assert "Hello there</textarea>" in html
    assert not Application.objects.exists()


def test_a_note_that_is_too_long_is_refused_and_kept(client, seeker, job):
    resume = ResumeFactory(owner=seeker, is_default=True)
    note = "x" * 5001
    response = client.post(_apply_url(job), {"apply-resume": resume.pk, "apply-cover_note": note})
    html = response.content.decode()
    assert "Ensure this value has at most 5000 characters" in html
    assert f"{note}</textarea>" in html
    assert not Application.objects.exists()


def test_a_double_submit_makes_one_application_and_says_so(client, seeker, job):
    resume = ResumeFactory(owner=seeker, is_default=True)
    data = {"apply-resume": resume.pk, "apply-cover_note": "Hi"}

    client.post(_apply_url(job), data)
    response = client.post(_apply_url(job), data, follow=True)

    application = Application.objects.get()
    submitted = timezone.localtime(application.submitted_at)
    html = response.content.decode()
    assert f"You already applied on {submitted:%-d %B %Y}." in html
    assert response.redirect_chain[-1][0] == reverse(
        "careers:application_detail", args=[application.pk]
    )
    assert ApplicationEvent.objects.count() == 1


def test_the_service_returns_the_existing_application_the_second_time(seeker, job, settings):
    resume = ResumeFactory(owner=seeker)

    first, created = apply_to_job(applicant=seeker, job=job, resume=resume, cover_note="A")
    again, created_again = apply_to_job(applicant=seeker, job=job, resume=resume, cover_note="B")

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk
    assert Application.objects.get().cover_note == "A"
    copies = list((settings.PRIVATE_MEDIA_ROOT / "applications").rglob("*.pdf"))
    assert len(copies) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"status": Job.Status.CLOSED},
        {"status": Job.Status.EXPIRED},
        {"closes_on": timezone.localdate() - timedelta(days=1)},
        {"status": Job.Status.DRAFT, "published_at": None},
        {"status": Job.Status.PENDING, "published_at": None},
    ],
    ids=["closed", "expired", "past-closing-date", "draft", "in-review"],
)
def test_applying_to_a_job_that_is_not_open_is_refused(client, seeker, changes):
    job = JobFactory(**changes)
    resume = ResumeFactory(owner=seeker, is_default=True)

    with pytest.raises(ValidationError) as error:
        apply_to_job(applicant=seeker, job=job, resume=resume)
    assert error.value.messages == ["This job is no longer accepting applications."]

    response = client.post(_apply_url(job), {"apply-resume": resume.pk})
    assert response.status_code == 302
    expected = job.get_absolute_url() if job.published_at else reverse("careers:index")
    assert response["Location"] == expected
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["This job is no longer accepting applications."]
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("method", "extra", "message"),
    [
        ("url", {"apply_url": "https://jobs.example.org/1"}, "on its own web site"),
        ("email", {"apply_email": "hr@example.org"}, "by email"),
    ],
)
def test_jobs_that_apply_elsewhere_record_nothing(client, seeker, method, extra, message):
    job = JobFactory(apply_method=method, **extra)
    resume = ResumeFactory(owner=seeker, is_default=True)

    response = client.post(_apply_url(job), {"apply-resume": resume.pk}, follow=True)

    assert message in response.content.decode()
    assert not Application.objects.exists()
    assert not ApplicationEvent.objects.exists()
    with pytest.raises(ValidationError):
        apply_to_job(applicant=seeker, job=job, resume=resume)


def test_someone_elses_resume_cannot_be_sent(seeker, job):
    with pytest.raises(ValidationError):
        apply_to_job(applicant=seeker, job=job, resume=ResumeFactory(owner=UserFactory()))
    assert not Application.objects.exists()


def test_apply_is_post_only_and_needs_login(client, job):
    response = client.post(_apply_url(job), {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(UserFactory())
    assert client.get(_apply_url(job)).status_code == 405


# --- Emails ------------------------------------------------------------------------------------


def test_the_seeker_and_everyone_at_the_employer_are_emailed(client, seeker, send_queued_mail):
    hiring_manager = UserFactory(email="manager@prairie.example")
    duplicate = UserFactory(email="JOBS@prairie.example")
    employer = EmployerFactory(
        name="Prairie Regional Lab",
        contact_email="jobs@prairie.example",
        members=[hiring_manager, duplicate],
    )
    job = JobFactory(employer=employer, title="Blood Bank MLS", slug="blood-bank-mls")
    resume = ResumeFactory(owner=seeker, is_default=True)

    send_queued_mail(client.post, _apply_url(job), {"apply-resume": resume.pk})

    application = Application.objects.get()
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    assert set(by_recipient) == {
        (seeker.email,),
        ("jobs@prairie.example",),
        ("manager@prairie.example",),
    }
    to_seeker = by_recipient[(seeker.email,)]
    assert to_seeker.subject == (
        "[ASCLS-Illinois] Your application for Blood Bank MLS at Prairie Regional Lab was sent"
    )
    assert f"http://testserver/careers/my/applications/{application.pk}/" in to_seeker.body
    assert "http://testserver/careers/jobs/blood-bank-mls/" in to_seeker.body
    to_employer = by_recipient[("manager@prairie.example",)]
    assert to_employer.subject == (
        f"[ASCLS-Illinois] New application for Blood Bank MLS from {seeker.get_full_name()}"
    )
    assert f"http://testserver/careers/employer/applications/{application.pk}/" in to_employer.body
    assert to_employer.reply_to == [seeker.email]
    assert "Prairie Regional Lab" in to_employer.body


def test_nothing_is_emailed_for_a_repeat_or_a_refusal(client, seeker, send_queued_mail, job):
    resume = ResumeFactory(owner=seeker, is_default=True)
    ApplicationFactory(applicant=seeker, job=job)
    closed = JobFactory(status=Job.Status.CLOSED)

    send_queued_mail(client.post, _apply_url(job), {"apply-resume": resume.pk})
    send_queued_mail(client.post, _apply_url(closed), {"apply-resume": resume.pk})

    assert mail.outbox == []


# --- Saving jobs -------------------------------------------------------------------------------


def test_saving_and_unsaving_a_job(client, seeker, job):
    url = reverse("careers:toggle_saved_job", args=[job.slug])

    response = client.post(url, {"save": "1"}, follow=True)
    assert "Saved “Night shift MLS”. You will find it in My career." in response.content.decode()
    client.post(url, {"save": "1"})  # a repeated click keeps it saved
    assert SavedJob.objects.filter(user=seeker, job=job).count() == 1
    assert ">Saved<" in _box(seeker, job)

    response = client.post(url, {"save": "0"}, follow=True)
    assert "Removed “Night shift MLS” from your saved jobs." in response.content.decode()
    assert not SavedJob.objects.exists()
    assert ">Save job<" in _box(seeker, job)

    assert saved_job_toggle(user=seeker, job=job) is True
    assert saved_job_toggle(user=seeker, job=job) is False


def test_a_closed_job_cannot_be_newly_saved_but_can_be_removed(client, seeker):
    job = JobFactory(status=Job.Status.CLOSED)
    url = reverse("careers:toggle_saved_job", args=[job.slug])

    client.post(url, {"save": "1"})
    assert not SavedJob.objects.exists()

    SavedJob.objects.create(user=seeker, job=job)
    client.post(url, {"save": "0"})
    assert not SavedJob.objects.exists()


def test_saving_only_returns_to_pages_on_this_site(client, seeker, job):
    url = reverse("careers:toggle_saved_job", args=[job.slug])
    evil = client.post(url, {"save": "1", "next": "https://evil.example/"})
    assert evil["Location"] == job.get_absolute_url()
    home = client.post(url, {"save": "0", "next": "/careers/my/#saved"})
    assert home["Location"] == "/careers/my/#saved"
