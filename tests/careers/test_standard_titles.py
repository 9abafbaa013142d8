"""The standard-title check: the matcher, what a post stores, the job post form's note (with and
without JavaScript), the job page mark and search filter, and staff editing the list."""

import html
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from careers.models import Job, OutdatedTitle, TitleStanding
from careers.standard_titles import Term, TitleMatcher, check_post
from portal.groups import CAREER_MODERATORS
from tests.careers.factories import EmployerFactory, JobFactory
from tests.careers.test_moderation import job_form_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CREATE = reverse("careers:job_create")
DASHBOARD = reverse("careers:employer_dashboard")
CHECK = reverse("careers:title_check")
JOBS = reverse("admin:careers_job_changelist")
TERMS = reverse("admin:careers_outdatedtitle_changelist")

# The society's list as the data migration seeds it (a part of it, for the pure matcher tests).
SOCIETY_LIST = [
    Term("Medical Technologist", "MLS", False),
    Term("Clinical Laboratory Scientist", "MLS", False),
    Term("MT", "MLS", True),
    Term("CLS", "MLS", True),
    Term("Lab Tech", "MLT", False),
    Term("Clinical Laboratory Technician", "MLT", False),
    Term("CLT", "MLT", True),
]


def text(response) -> str:
    return html.unescape(response.content.decode())


def found(text_to_check, terms=SOCIETY_LIST):
    return [(written, term.term) for written, term in TitleMatcher(terms).find(text_to_check)]


# --- The matcher ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Medical Technologist", [("Medical Technologist", "Medical Technologist")]),
        ("medical technologist II", [("medical technologist", "Medical Technologist")]),
        ("MT (ASCP)", [("MT", "MT")]),
        ("Requires MT(ASCP) or MLS(ASCP)", [("MT", "MT")]),
        ("CLS", [("CLS", "CLS")]),
        ("Night shift CLS, blood bank", [("CLS", "CLS")]),
        ("MLS/MT, generalist", [("MT", "MT")]),
        ("Medical Technologists wanted", [("Medical Technologists", "Medical Technologist")]),
        ("Lab Techs, evenings", [("Lab Techs", "Lab Tech")]),
        ("CLINICAL LAB SCIENTIST", []),  # not on the list: the list decides
        ("CLINICAL LABORATORY SCIENTIST",
         [("CLINICAL LABORATORY SCIENTIST", "Clinical Laboratory Scientist")]),
    ],
)  # fmt: skip
def test_the_matcher_finds_outdated_titles(written, expected):
    assert found(written) == expected


@pytest.mark.parametrize(
    "written",
    [
        "MTA",
        "MLS",
        "MLT",
        "Medical Laboratory Scientist",
        "Medical Laboratory Technician, phlebotomy",
        "smt",
        "SMT soldering technician",
        "CLSI guidelines for QC",
        "mt",  # abbreviations count in capitals only
        "Our Mt. Vernon clinic",
        "Billings, MT 59101",  # a state before a ZIP code
        "Laboratory technicians and technologists",
        "Lab Technician",  # "Lab Tech" is a whole word, not the start of one
        "Cytotechnologist",
        "AMT certification",
        "MT2 analyzer",
    ],
)
def test_the_matcher_does_not_fire_on_standard_titles_or_inside_other_words(written):
    assert found(written) == []


def test_a_staff_entry_inside_a_standard_title_does_not_fire_there():
    terms = [Term("Laboratory Technician", "MLT", False)]

    assert found("Medical Laboratory Technician", terms) == []
    assert found("Laboratory Technician, histology", terms) == [
        ("Laboratory Technician", "Laboratory Technician")
    ]


def test_what_a_title_uses_decides_the_mark_and_the_description_only_flags():
    matcher = TitleMatcher(SOCIETY_LIST)

    standard = check_post("Medical Laboratory Scientist, nights", "<p>MT(ASCP) ok</p>", matcher)
    outdated = check_post("Medical Technologist / MLS", "", matcher)
    other = check_post("Phlebotomist", "<p>Work beside our medical technologists.</p>", matcher)

    assert (standard.standing, standard.uses_outdated_title) == (TitleStanding.STANDARD, True)
    assert [f.where for f in standard.findings] == ["description"]
    assert (outdated.standing, outdated.suggestions) == (
        TitleStanding.OUTDATED,
        ["Medical Laboratory Scientist"],
    )
    assert (other.standing, other.terms_text) == (TitleStanding.OTHER, "medical technologists")
    assert check_post("Hematology MLS", "", matcher).standing == TitleStanding.STANDARD


# --- What a post stores -------------------------------------------------------------------------


def test_a_post_stores_its_check_when_its_wording_is_saved():
    job = JobFactory(title="Medical Technologist, core lab", description="<p>MT (ASCP).</p>")

    assert (job.title_standing, job.uses_outdated_title) == (TitleStanding.OUTDATED, True)
    assert job.outdated_terms == "Medical Technologist, MT"

    job.title = "Medical Laboratory Scientist, core lab"
    job.description = "<p>MLS(ASCP) or eligible.</p>"
    job.save(update_fields=["title", "description"])
    job.refresh_from_db()

    assert (job.title_standing, job.uses_outdated_title, job.outdated_terms) == (
        TitleStanding.STANDARD,
        False,
        "",
    )


def test_staff_editing_the_list_rechecks_every_post(client, superuser):
    bench = JobFactory(title="Bench Scientist, chemistry")
    mt = JobFactory(title="MT, blood bank")
    client.force_login(superuser)

    response = client.post(
        reverse("admin:careers_outdatedtitle_add"),
        {"term": "Bench Scientist", "replacement": "MLS", "active": "on"},
        follow=True,
    )
    assert "Every job post was checked against the list again; 1 changed." in text(response)
    mt_term = OutdatedTitle.objects.get(term="MT")
    client.post(
        TERMS,
        {"action": "deactivate", "_selected_action": [mt_term.pk]},
        follow=True,
    )

    bench.refresh_from_db()
    mt.refresh_from_db()
    assert (bench.uses_outdated_title, bench.outdated_terms) == (True, "Bench Scientist")
    assert (mt.uses_outdated_title, mt.title_standing) == (False, TitleStanding.OTHER)
    # The next save reads the new list too (it is kept in the cache until the list changes).
    later = JobFactory(title="MT, chemistry")
    assert not later.uses_outdated_title


def test_the_admin_list_of_titles_is_searchable_and_filterable(client, superuser):
    client.force_login(superuser)

    page = text(client.get(TERMS + "?q=technologist&is_abbreviation__exact=0"))

    assert "Medical Technologist" in page
    assert "Medical Laboratory Scientist (MLS)" in page
    assert ">CLS<" not in page


def test_recheck_command_reports_what_changed(capsys):
    job = JobFactory(title="Lab Tech, hematology")
    Job.objects.filter(pk=job.pk).update(uses_outdated_title=False, outdated_terms="")

    call_command("recheck_job_titles")

    job.refresh_from_db()
    assert job.uses_outdated_title
    assert "1 job post(s) changed; 1 now use an outdated title." in capsys.readouterr().out


# --- The employer's form ------------------------------------------------------------------------


@pytest.fixture
def recruiter(db):
    user = UserFactory(email="recruiter@prairie.example.org", full_name="Pat Recruiter")
    EmployerFactory(name="Prairie Health Laboratory", members=[user])
    return user


def test_posting_with_an_outdated_title_shows_the_note_and_still_submits(client, recruiter):
    client.force_login(recruiter)

    response = client.post(
        CREATE, job_form_data(title="Medical Technologist, nights", action="submit"), follow=True
    )

    job = Job.objects.get()
    assert job.status == Job.Status.PENDING
    page = text(response)
    assert "is with the moderators for review" in page
    assert "your post uses “Medical Technologist”" in page
    assert "The title the certifications use is Medical Laboratory Scientist" in page
    # The dashboard keeps the note beside the post, with the campaign's page.
    assert "Uses an outdated title: Medical Technologist." in page
    assert f'href="{reverse("advocacy:index")}">Why use the standard title?' in page


def test_posting_with_the_standard_title_has_no_note(client, recruiter):
    client.force_login(recruiter)

    response = client.post(CREATE, job_form_data(), follow=True)

    assert "A note on the title" not in text(response)
    assert "Uses an outdated title" not in text(response)


def test_check_the_title_without_javascript_shows_the_note_and_saves_nothing(client, recruiter):
    client.force_login(recruiter)

    response = client.post(
        CREATE,
        job_form_data(
            title="CLS, microbiology",
            description="<p>Lab Tech experience welcome.</p>",
            action="check",
        ),
    )

    assert response.status_code == 200
    assert not Job.objects.exists()
    page = text(response)
    assert "Nothing was saved yet" in page
    assert "A note on the job title" in page
    assert (
        "“CLS” in the title: the standard title is <strong>Medical Laboratory Scientist (MLS)"
    ) in page
    assert (
        "“Lab Tech” in the description: the standard title is <strong>Medical Laboratory "
        "Technician (MLT)"
    ) in page
    assert f'href="{reverse("advocacy:index")}">Why one title matters (I AM MLS)' in page
    # What was typed is still there, and no field complains: a check is not a save.
    assert 'value="CLS, microbiology"' in page
    assert "Some details need attention" not in page


def test_checking_a_standard_title_says_so(client, recruiter):
    client.force_login(recruiter)

    page = text(client.post(CREATE, job_form_data(action="check")))

    assert "The title uses the standard title for the role." in page


def test_editing_a_flagged_post_shows_the_note_from_the_start(client, recruiter):
    job = JobFactory(
        employer=recruiter.employers.get(), title="Medical Technologist", status=Job.Status.DRAFT
    )
    client.force_login(recruiter)

    page = text(client.get(reverse("careers:job_edit", args=[job.pk])))

    assert "“Medical Technologist” in the title" in page
    assert 'aria-live="polite"' in page
    assert "js/title-check.js" in page


def test_the_live_check_answers_an_employer_with_the_note(client, recruiter):
    client.force_login(recruiter)

    response = client.post(CHECK, {"title": "Clinical Laboratory Technician", "description": ""})

    data = response.json()
    assert data["uses_outdated_title"] is True
    assert "the standard title is <strong>Medical Laboratory Technician (MLT)</strong>" in (
        html.unescape(data["html"])
    )
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    clean = client.post(CHECK, {"title": "Phlebotomist", "description": "<p>Day shift.</p>"})
    assert clean.json()["uses_outdated_title"] is False
    assert clean.json()["html"].strip() == ""


def test_the_live_check_is_for_employers_only(client):
    assert client.get(CHECK).status_code == 405
    anonymous = client.post(CHECK, {"title": "MT"})
    assert anonymous.status_code == 302 and reverse("account_login") in anonymous["Location"]
    client.force_login(UserFactory())
    assert client.post(CHECK, {"title": "MT"}).status_code == 404


@override_settings(PORTAL_RATE_LIMITS=True)
def test_the_live_check_stops_answering_past_its_hourly_limit(client, recruiter, monkeypatch):
    monkeypatch.setattr("careers.views.employer.TITLE_CHECKS_PER_HOUR", 3)
    client.force_login(recruiter)

    answers = [client.post(CHECK, {"title": "MT"}).status_code for _ in range(4)]

    assert answers == [200, 200, 200, 429]


def test_the_form_never_refuses_an_outdated_title(recruiter):
    from careers.forms_employer import JobForm

    form = JobForm(job_form_data(title="Med Tech / MT (ASCP)"), instance=Job())

    assert form.is_valid(), form.errors
    assert form.title_check().uses_outdated_title


# --- Moderators ---------------------------------------------------------------------------------


@pytest.fixture
def moderator(db):
    user = UserFactory(email="moderator@example.com", full_name="Mo Derator", is_staff=True)
    user.groups.add(Group.objects.get(name=CAREER_MODERATORS))
    return user


def test_the_moderation_filter_lists_exactly_the_flagged_posts(client, moderator):
    flagged = [
        JobFactory(title="Medical Technologist, nights", status=Job.Status.PENDING),
        JobFactory(title="Phlebotomist", description="<p>Report to the lead CLS.</p>"),
    ]
    clean = [JobFactory(title="Medical Laboratory Scientist"), JobFactory(title="Histotechnician")]
    client.force_login(moderator)

    response = client.get(JOBS + "?uses_outdated_title__exact=1")

    listed = set(response.context["cl"].result_list)
    assert listed == set(flagged)
    page = text(response)
    assert "By uses an outdated title" in page
    assert "Medical Technologist" in page and "CLS" in page
    everything = client.get(JOBS)
    assert set(everything.context["cl"].result_list) == set(flagged + clean)


def test_the_moderation_queue_query_count_does_not_grow_with_flagged_posts(
    client, moderator, django_assert_max_num_queries
):
    JobFactory.create_batch(12, title="Medical Technologist", status=Job.Status.PENDING)
    client.force_login(moderator)

    with django_assert_max_num_queries(8):
        response = client.get(JOBS + "?uses_outdated_title__exact=1")

    assert len(response.context["cl"].result_list) == 12


# --- Job seekers --------------------------------------------------------------------------------


def test_a_job_page_with_the_standard_title_carries_the_mark(client):
    standard = JobFactory(title="Medical Laboratory Technician, evenings")
    outdated = JobFactory(title="Lab Tech, evenings")

    page = text(client.get(standard.get_absolute_url()))
    other = text(client.get(outdated.get_absolute_url()))

    assert "Uses the standard MLS/MLT title" in page
    assert f'<a href="{reverse("advocacy:index")}">Uses the standard MLS/MLT title</a>' in page
    assert "Uses the standard MLS/MLT title" not in other


def test_the_job_search_filters_by_the_standard_title(client, django_assert_max_num_queries):
    standard = JobFactory(title="Medical Laboratory Scientist, chemistry")
    JobFactory(title="Medical Technologist, chemistry")
    JobFactory(title="Phlebotomist")
    old = JobFactory(
        title="Medical Laboratory Scientist, expired",
        status=Job.Status.EXPIRED,
        closes_on=timezone.localdate() - timedelta(days=1),
    )

    with django_assert_max_num_queries(6):
        response = client.get(reverse("careers:index") + "?title=standard")

    assert list(response.context["jobs"]) == [standard]
    page = text(response)
    assert "1 job" in page
    assert "Uses the standard MLS/MLT title" in page
    assert old.title not in page
    everything = client.get(reverse("careers:index"))
    assert everything.context["page_obj"].paginator.count == 3


def test_a_job_alert_describes_the_standard_title_filter():
    from careers.alerts import describe_search

    assert describe_search("title=standard&shift=night") == [
        "Shift: Night",
        "Job title: Uses the standard MLS/MLT title",
    ]
