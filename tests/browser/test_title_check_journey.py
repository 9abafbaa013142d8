"""The job post form's live standard-title check in a real browser (static/js/title-check.js).

An employer types an outdated title and, without pressing anything, the note appears in the
form's live region, naming the standard title and linking to the I AM MLS page. Changing the
title to the standard one changes the note. The note never blocks: the employer posts with an
outdated title anyway, and the post is saved and on the dashboard, with its note beside it.
"""

from django.urls import reverse
from playwright.sync_api import expect

from careers.models import Job, OutdatedTitle
from tests.careers.factories import EmployerFactory
from tests.factories import UserFactory

OUTDATED = "Medical Technologist, Blood Bank"
STANDARD = "Medical Laboratory Scientist, Blood Bank"
POSTED = "Medical Technologist II, nights"


def test_employer_sees_the_title_note_follow_typing_and_posts_anyway(browse):
    # The society's list as its data migration seeds it; the live server's flush between
    # browser tests empties tables, so the one entry this journey needs is put back.
    OutdatedTitle.objects.get_or_create(
        term="Medical Technologist",
        defaults={"replacement": OutdatedTitle.Replacement.MLS, "is_abbreviation": False},
    )
    recruiter = UserFactory(email="pat@rockriver.example.org", full_name="Pat Recruiter")
    EmployerFactory(name="Rock River Hospital", members=[recruiter])
    page = browse.page
    browse.log_in_as(recruiter)

    browse.go("/careers/employer/")
    page.get_by_role("link", name="Post a job").first.click()
    browse.audit()
    # The live check is one file from static, no inline code (the fixture fails the journey on
    # any CSP violation or console error).
    expect(page.locator("script[src*='js/title-check']")).to_have_count(1)
    form = page.get_by_role("main")
    # The form's polite live region, where the script puts the note as the employer types.
    live = form.locator("[aria-live=polite]")
    note = live.get_by_role("region", name="A note on the job title")
    expect(live).to_have_text("")

    # Typed as a person would, key by key; nothing is pressed or submitted.
    title = form.get_by_role("textbox", name="Job title")
    title.click()
    page.keyboard.type(OUTDATED)
    expect(note).to_be_visible()
    expect(note).to_contain_text(
        "“Medical Technologist” in the title: the standard title is "
        "Medical Laboratory Scientist (MLS)."
    )
    why = note.get_by_role("link", name="Why one title matters (I AM MLS)")
    expect(why).to_have_attribute("href", reverse("advocacy:index"))
    assert browse.path() == reverse("careers:job_create")
    assert not Job.objects.exists()
    browse.audit(again=True)

    # The standard title instead: the note goes, and the form thanks them for it.
    title.press("ControlOrMeta+a")
    page.keyboard.type(STANDARD)
    expect(note).to_have_count(0)
    expect(live).to_have_text(
        "The title uses the standard title for the role. Thank you for supporting I AM MLS."
    )
    expect(live.get_by_role("link", name="I AM MLS")).to_have_attribute(
        "href", reverse("advocacy:index")
    )
    browse.audit(again=True)

    # An outdated title again, and the rest of the post: the note is back, and never blocks.
    title.press("ControlOrMeta+a")
    page.keyboard.type(POSTED)
    expect(note).to_contain_text("“Medical Technologist” in the title")
    form.get_by_role("textbox", name="Description").click()
    page.keyboard.type("Crossmatches and antibody work-ups, 7 p.m. to 7 a.m.")
    form.get_by_label("City").fill("Rockford")
    form.get_by_label("Laboratory discipline").select_option(label="Blood bank")
    form.get_by_label("Credential asked for").select_option(label="MLS")
    form.get_by_label("Shift").select_option(label="Night")
    form.get_by_label("Salary from").fill("38")
    form.get_by_label("Salary up to").fill("49")
    form.get_by_label("Salary is").select_option(label="per hour")
    form.get_by_role("button", name="Submit for review").click()
    browse.audit()

    # Saved as written, in review, with the note beside it on the dashboard.
    assert browse.path() == reverse("careers:employer_dashboard")
    expect(page.get_by_text(f"“{POSTED}” is with the moderators for review.")).to_be_visible()
    expect(
        page.get_by_text("A note on the title: your post uses “Medical Technologist”.")
    ).to_be_visible()
    row = page.get_by_role("table").get_by_role("row").filter(has_text=POSTED)
    expect(row).to_contain_text("In review")
    expect(row).to_contain_text("Uses an outdated title: Medical Technologist.")
    job = Job.objects.get()
    assert job.title == POSTED
    assert job.status == Job.Status.PENDING
    assert job.uses_outdated_title
