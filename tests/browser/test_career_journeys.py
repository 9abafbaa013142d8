"""Career Center journeys in a real browser.

Journey 4: a job seeker uploads a resume, narrows the job search with two filters, applies and
follows the application from My career.

Journey 5: an employer posts a job; a Career Center moderator approves it in the admin; a
seeker applies; the employer moves the application on; the seeker sees the new status and has
the email.
"""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from careers.models import Application, Job, Resume
from portal.groups import CAREER_MODERATORS
from tests.careers.factories import EmployerFactory, JobFactory
from tests.factories import MINIMAL_PDF, UserFactory


def pdf_file(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(MINIMAL_PDF)
    return path


# --- Journey 4 -------------------------------------------------------------------------------


def test_seeker_uploads_a_resume_filters_jobs_applies_and_follows_it(browse, tmp_path, mailoutbox):
    seeker = UserFactory(email="sam@example.com", full_name="Sam Seeker")
    employer = EmployerFactory(name="Rock River Hospital")
    wanted = JobFactory(
        employer=employer,
        title="Blood Bank MLS, nights",
        discipline="blood_bank",
        shift="night",
    )
    JobFactory(employer=employer, title="Blood Bank MLS, days", discipline="blood_bank")
    JobFactory(title="Microbiology MLS, nights", discipline="microbiology", shift="night")
    page = browse.page
    browse.log_in_as(seeker)

    # My career: no resume yet; upload one, a real PDF file from the computer.
    browse.go("/careers/my/")
    expect(page.get_by_text("You have no resumes yet.")).to_be_visible()
    page.get_by_label("Name for this resume").fill("MLS resume 2026")
    page.get_by_label("Resume file").set_input_files(pdf_file(tmp_path, "sam-seeker-cv.pdf"))
    page.get_by_role("button", name="Upload resume").click()
    browse.audit()
    expect(
        page.get_by_text("“MLS resume 2026” is uploaded. It is your default resume.")
    ).to_be_visible()
    resumes = page.get_by_role("table", name="Your resumes")
    expect(resumes.get_by_role("rowheader")).to_have_text("MLS resume 2026 Default")
    expect(resumes.get_by_role("link", name="sam-seeker-cv.pdf")).to_be_visible()

    # The job search, narrowed by two filters: blood bank jobs on the night shift.
    page.get_by_role("link", name="Find jobs").click()
    browse.audit()
    expect(page.get_by_role("heading", name="3 jobs")).to_be_visible()
    search = page.get_by_role("search", name="Find a job")
    search.get_by_label("Discipline").select_option(label="Blood bank")
    search.get_by_label("Shift").select_option(label="Night")
    search.get_by_role("button", name="Show jobs").click()
    browse.audit()
    expect(page.get_by_role("heading", name="1 job", exact=True)).to_be_visible()
    results = page.get_by_role("region", name="1 job")
    cards = results.get_by_role("listitem")
    expect(cards.get_by_role("heading")).to_have_text([wanted.title])
    expect(cards).to_contain_text("Night shift")
    expect(cards).to_contain_text("Blood bank")

    # The job page: apply with the resume just uploaded (preselected) and a note.
    results.get_by_role("link", name=wanted.title).click()
    browse.audit()
    expect(page.get_by_role("heading", level=1)).to_have_text(wanted.title)
    expect(page.get_by_role("radio", name="MLS resume 2026")).to_be_checked()
    page.get_by_label("Note to the employer (optional)").fill(
        "Six years on nights in a level II trauma centre's blood bank."
    )
    page.get_by_role("button", name=f"Send my application for {wanted.title}").click()
    browse.audit()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Your application: {wanted.title}")
    expect(page.get_by_text(f"Your application for {wanted.title} has been sent")).to_be_visible()

    # My career lists the application and where it stands.
    page.get_by_role("link", name="Back to My career").click()
    browse.audit()
    applications = page.get_by_role("table", name="Jobs you applied to, newest first")
    row = applications.get_by_role("row").filter(has_text=wanted.title)
    expect(row).to_have_count(1)
    expect(row.get_by_role("cell").nth(0)).to_have_text("Rock River Hospital")
    expect(row.get_by_role("cell").nth(1)).to_have_text("Submitted")

    application = Application.objects.get(applicant=seeker)
    assert application.job == wanted
    assert application.resume_name == "sam-seeker-cv.pdf"
    assert Resume.objects.get(owner=seeker).is_default
    assert any(seeker.email in message.to for message in mailoutbox)


# --- Journey 5 -------------------------------------------------------------------------------

TITLE = "Night shift Blood Bank MLS"


def test_employer_posts_moderator_approves_seeker_applies_employer_moves_it_on(
    browse, another_person, mailoutbox
):
    recruiter = UserFactory(email="pat@rockriver.example.org", full_name="Pat Recruiter")
    EmployerFactory(
        name="Rock River Hospital",
        members=[recruiter],
        contact_email="jobs@rockriver.example.org",
    )
    moderator = UserFactory(email="mo@example.com", full_name="Mo Derator", is_staff=True)
    moderator.groups.add(Group.objects.get(name=CAREER_MODERATORS))
    seeker = UserFactory(email="sam@example.com", full_name="Sam Seeker")
    employer_page = browse.page
    browse.log_in_as(recruiter)

    # The employer writes the post, the description in the rich-text editor, and submits it.
    browse.go("/careers/employer/")
    employer_page.get_by_role("link", name="Post a job").first.click()
    browse.audit()
    form = employer_page.get_by_role("main")
    form.get_by_label("Job title").fill(TITLE)
    description = form.get_by_role("textbox", name="Description")
    description.click()
    employer_page.keyboard.type("Crossmatches and antibody work-ups, 7 p.m. to 7 a.m.")
    form.get_by_label("City").fill("Rockford")
    form.get_by_label("Laboratory discipline").select_option(label="Blood bank")
    form.get_by_label("Credential asked for").select_option(label="MLS")
    form.get_by_label("Shift").select_option(label="Night")
    form.get_by_label("Salary from").fill("38")
    form.get_by_label("Salary up to").fill("49")
    form.get_by_label("Salary is").select_option(label="per hour")
    form.get_by_role("button", name="Submit for review").click()
    browse.audit()
    expect(
        employer_page.get_by_text(f"“{TITLE}” is with the moderators for review.")
    ).to_be_visible()
    posts = employer_page.get_by_role("table")
    expect(posts.get_by_role("row").filter(has_text=TITLE)).to_contain_text("In review")
    job = Job.objects.get(title=TITLE)
    assert job.status == Job.Status.PENDING
    assert "Crossmatches and antibody work-ups" in job.description

    # A Career Center moderator approves it from the admin's moderation queue.
    with another_person() as mod:
        mod.log_in_as(moderator)
        mod.go("/admin/")
        mod.page.get_by_role("link", name="Jobs", exact=True).click()
        mod.audit()
        # First the post itself, as the employer wrote it; then back to the queue.
        mod.page.get_by_role("link", name=TITLE).click()
        mod.audit()
        expect(mod.page.get_by_role("heading", level=1)).to_have_text("Change job")
        expect(mod.page.get_by_role("textbox", name="Description")).to_contain_text(
            "Crossmatches and antibody work-ups"
        )
        mod.page.get_by_role("link", name="Jobs", exact=True).last.click()
        mod.audit()
        queue = mod.page.get_by_role("table")
        queue.get_by_role("row").filter(has_text=TITLE).get_by_role("checkbox").check()
        mod.page.get_by_label("Action:").select_option(
            label="Approve the selected posts (they go live)"
        )
        mod.page.get_by_role("button", name="Go").click()
        mod.audit()
        expect(mod.page.get_by_text("1 post(s) approved and live")).to_be_visible()
        expect(queue.get_by_role("row").filter(has_text=TITLE)).to_contain_text("Live")
    job.refresh_from_db()
    assert job.status == Job.Status.PUBLISHED
    assert any("jobs@rockriver.example.org" in m.to for m in mailoutbox)

    # A seeker opens the live post and applies, uploading a resume in the apply form.
    with another_person() as sam:
        sam.log_in_as(seeker)
        sam.go(f"/careers/jobs/{job.slug}/")
        sam.page.get_by_label("Your resume").set_input_files(
            {"name": "sam-seeker-cv.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
        )
        sam.page.get_by_role("button", name=f"Send my application for {TITLE}").click()
        sam.audit()
        expect(sam.page.get_by_text("Your application for")).to_contain_text("has been sent")

        # The employer opens the applicant and moves the application on.
        browse.go("/careers/employer/")
        employer_page.get_by_role("link", name=f"Applicants for {TITLE}").click()
        browse.audit()
        employer_page.get_by_role("link", name="Sam Seeker", exact=True).click()
        browse.audit()
        expect(employer_page.get_by_role("heading", level=1)).to_have_text("Sam Seeker")
        employer_page.get_by_role("combobox", name="Status").select_option(label="Interviewing")
        employer_page.get_by_role("button", name="Change status").click()
        browse.audit()
        expect(
            employer_page.get_by_text("Status changed to “Interviewing”. We emailed Sam Seeker")
        ).to_be_visible()

        # The seeker sees the new status in My career, and has the email about it.
        sam.go("/careers/my/")
        applications = sam.page.get_by_role("table", name="Jobs you applied to, newest first")
        row = applications.get_by_role("row").filter(has_text=TITLE)
        expect(row.get_by_role("cell").nth(1)).to_have_text("Interviewing")

    application = Application.objects.get(applicant=seeker, job=job)
    assert application.status == Application.Status.INTERVIEWING
    updates = [m for m in mailoutbox if m.to == [seeker.email] and "Update on" in m.subject]
    assert len(updates) == 1
    assert updates[0].subject.endswith(f"Update on your application: {TITLE}")
    assert "Interviewing" in updates[0].body
