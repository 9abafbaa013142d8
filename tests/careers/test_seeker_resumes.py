import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.models import MAX_RESUMES_PER_PERSON, Application, Resume
from careers.services.seeker import (
    apply_to_job,
    resume_delete,
    resume_rename,
    resume_set_default,
    resume_upload,
)
from careers.validators import MAX_RESUME_BYTES
from tests.careers.factories import JobFactory, ResumeFactory
from tests.factories import MINIMAL_PDF, UserFactory

pytestmark = pytest.mark.django_db

UPLOAD = reverse("careers:resume_upload")
DASHBOARD = reverse("careers:seeker_dashboard")
ELF_EXECUTABLE = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _file(name="resume.pdf", data=MINIMAL_PDF):
    return SimpleUploadedFile(name, data)


@pytest.fixture
def seeker(client, member):
    client.force_login(member)
    return member


# --- Uploading ---------------------------------------------------------------------------------


def test_first_upload_is_stored_privately_with_its_name_and_becomes_the_default(
    client, seeker, settings
):
    response = client.post(
        UPLOAD, {"title": "MLS resume 2026", "file": _file("Jordan Lee CV.pdf")}, follow=True
    )

    resume = Resume.objects.get(owner=seeker)
    assert resume.title == "MLS resume 2026"
    assert resume.original_name == "Jordan Lee CV.pdf"
    assert resume.is_default
    assert resume.file.read() == MINIMAL_PDF
    assert str(settings.PRIVATE_MEDIA_ROOT) in resume.file.path
    html = response.content.decode()
    assert "“MLS resume 2026” is uploaded. It is your default resume." in html
    assert "Jordan Lee CV.pdf" in html


def test_a_second_upload_does_not_take_the_default(seeker):
    first = resume_upload(owner=seeker, title="Generalist", file=_file())
    second = resume_upload(owner=seeker, title="Blood bank", file=_file("bb.docx", _docx()))

    first.refresh_from_db()
    assert first.is_default
    assert not second.is_default
    assert second.original_name == "bb.docx"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("resume.pdf", ELF_EXECUTABLE, "This file is not a PDF or Word document"),
        ("resume.docx", b"PK\x03\x04 not a real zip", "This file is not a PDF or Word document"),
        ("resume.pdf", b"", "The file is empty. Choose your resume again"),
        ("resume.pdf", b"%PDF-1.4\n" + b"0" * MAX_RESUME_BYTES, "a resume can be at most 5 MB"),
    ],
    ids=["renamed-executable", "fake-docx", "empty", "oversize"],
)
def test_bad_files_are_refused_with_a_clear_message_and_the_title_is_kept(
    client, seeker, name, data, message
):
    response = client.post(UPLOAD, {"title": "My hematology resume", "file": _file(name, data)})

    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="My hematology resume"' in html
    assert 'aria-invalid="true"' in html
    assert "Your resume was not uploaded." in html
    assert not Resume.objects.exists()


def test_a_missing_title_is_asked_for(client, seeker):
    response = client.post(UPLOAD, {"title": "", "file": _file()})
    assert "Give the resume a name so you can tell it apart." in response.content.decode()
    assert not Resume.objects.exists()


def test_the_service_checks_file_content_too(seeker):
    with pytest.raises(ValidationError) as error:
        resume_upload(owner=seeker, title="Sneaky", file=_file("cv.pdf", ELF_EXECUTABLE))
    assert "not a PDF or Word document" in str(error.value)
    assert not Resume.objects.exists()


def test_a_person_keeps_at_most_five_resumes(client, seeker):
    for number in range(MAX_RESUMES_PER_PERSON):
        resume_upload(owner=seeker, title=f"Resume {number}", file=_file())

    with pytest.raises(ValidationError) as error:
        resume_upload(owner=seeker, title="Sixth", file=_file())
    assert "You already keep 5 resumes" in str(error.value)

    response = client.post(UPLOAD, {"title": "Sixth", "file": _file()})
    assert "You keep 5 resumes, the most the portal holds" in response.content.decode()
    dashboard = client.get(DASHBOARD).content.decode()
    assert "Delete one to upload another." in dashboard
    assert 'action="/careers/my/resumes/"' not in dashboard
    assert Resume.objects.filter(owner=seeker).count() == MAX_RESUMES_PER_PERSON


def test_other_peoples_resumes_do_not_count_towards_the_limit(seeker):
    ResumeFactory.create_batch(MAX_RESUMES_PER_PERSON, owner=UserFactory())
    assert resume_upload(owner=seeker, title="Mine", file=_file()).is_default


# --- Default, rename, delete -------------------------------------------------------------------


def test_switching_the_default_leaves_exactly_one(client, seeker):
    first = ResumeFactory(owner=seeker, title="Old", is_default=True)
    second = ResumeFactory(owner=seeker, title="New")

    response = client.post(
        reverse("careers:resume_edit", args=[second.pk]), {"action": "default"}, follow=True
    )

    assert "“New” is now your default resume." in response.content.decode()
    assert list(Resume.objects.filter(owner=seeker, is_default=True)) == [second]
    resume_set_default(resume=first)
    assert list(Resume.objects.filter(owner=seeker, is_default=True)) == [first]


def test_renaming_a_resume(client, seeker):
    resume = ResumeFactory(owner=seeker, title="Draft")
    url = reverse("careers:resume_edit", args=[resume.pk])

    assert 'value="Draft"' in client.get(url).content.decode()
    blank = client.post(url, {"title": "   "})
    assert "Give the resume a name" in blank.content.decode()
    response = client.post(url, {"title": "Microbiology resume"}, follow=True)

    resume.refresh_from_db()
    assert resume.title == "Microbiology resume"
    assert "The resume is now called “Microbiology resume”." in response.content.decode()
    with pytest.raises(ValidationError):
        resume_rename(resume=resume, title="")


def test_deleting_the_default_makes_the_newest_remaining_one_default(client, seeker):
    oldest = resume_upload(owner=seeker, title="Oldest", file=_file())
    newest = resume_upload(owner=seeker, title="Newest", file=_file())
    middle = resume_upload(owner=seeker, title="Middle", file=_file())
    Resume.objects.filter(pk=middle.pk).update(uploaded_at=oldest.uploaded_at)
    url = reverse("careers:resume_delete", args=[oldest.pk])

    confirm = client.get(url).content.decode()
    assert "Delete “Oldest”?" in confirm
    assert Resume.objects.filter(pk=oldest.pk).exists()  # GET changes nothing
    response = client.post(url, follow=True)

    assert not Resume.objects.filter(pk=oldest.pk).exists()
    assert list(Resume.objects.filter(owner=seeker, is_default=True)) == [newest]
    assert "“Newest” is now your default resume." in response.content.decode()


def test_deleted_resume_file_is_removed_after_commit(seeker, django_capture_on_commit_callbacks):
    resume = resume_upload(owner=seeker, title="Only", file=_file())
    name, storage = resume.file.name, resume.file.storage

    with django_capture_on_commit_callbacks(execute=True):
        assert resume_delete(resume=resume) is None

    assert not storage.exists(name)


def test_deleting_a_resume_after_applying_keeps_the_applications_copy(
    client, seeker, django_capture_on_commit_callbacks
):
    resume = resume_upload(owner=seeker, title="Sent", file=_file("Jordan.pdf"))
    application, _ = apply_to_job(applicant=seeker, job=JobFactory(), resume=resume)
    copy_before = application.resume_file.read()
    application.resume_file.close()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("careers:resume_delete", args=[resume.pk]))

    assert not resume.file.storage.exists(resume.file.name)
    application = Application.objects.get()
    assert application.resume_file.name != resume.file.name
    response = client.get(reverse("careers:application_resume_download", args=[application.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == copy_before == MINIMAL_PDF
    assert 'filename="Jordan.pdf"' in response["Content-Disposition"]


def test_a_person_downloads_their_own_resume_under_its_original_name(client, seeker):
    resume = resume_upload(owner=seeker, title="Mine", file=_file("Jordan Lee.pdf"))

    response = client.get(reverse("careers:resume_download", args=[resume.pk]))

    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert 'filename="Jordan Lee.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_post_with_nothing_in_it_asks_for_the_name_and_the_file(client, seeker):
    html = client.post(UPLOAD, {}).content.decode()
    assert "Give the resume a name so you can tell it apart." in html
    assert "Choose your resume file (PDF, DOC or DOCX)." in html
