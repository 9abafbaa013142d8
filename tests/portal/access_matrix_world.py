"""The world the access-control matrix walks: twelve people and real things owned by A and B.

Every private thing carries a marker, a string found nowhere else on the site, so a response
that shows it to the wrong person is caught by a plain substring check. ``MARKERS`` says who
may see each one anywhere on the site; a page may always show less.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.apps import apps
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone

from advocacy.models import Campaign, SampleLetter
from careers.models import CareerServiceRequest, Job, JobAlert
from certification.models import WebinarRegistration
from portal.access import Visibility
from portal.groups import CAREER_MODERATORS, CONTENT_EDITORS, MEMBERSHIP_MANAGERS
from portal.models import RosterImport
from tests.advocacy.factories import FAQEntryFactory, InstitutionFactory, PledgeFactory
from tests.careers.factories import (
    ApplicationFactory,
    EmployerFactory,
    JobFactory,
    ResumeFactory,
)
from tests.certification.factories_catalog import CEOptionFactory
from tests.certification.factories_catalog import FAQEntryFactory as CEFAQ
from tests.certification.factories_tracker import (
    CEActivityFactory,
    CredentialHoldingFactory,
    WebinarFactory,
    make_categories,
    make_mls,
)
from tests.factories import (
    MINIMAL_PDF,
    AudienceFactory,
    MembershipFactory,
    PageFactory,
    ResourceFactory,
    TopicFactory,
    UserFactory,
)

ROLES = (
    "anon",
    "non_member",
    "expired",
    "member",
    "seeker_a",
    "seeker_b",
    "employer_a",
    "employer_b",
    "editor",
    "manager",
    "moderator",
    "superuser",
)

# Groups of roles, to say who may see a marker without listing twelve names each time.
STAFF = {"editor", "manager", "moderator", "superuser"}
ACTIVE_MEMBERS = {"member", "seeker_a", "seeker_b"}

# Words found nowhere else, one in each private text that site search could reach: searching for
# one must find nothing for anyone who may not read that text. Plain letters, so PostgreSQL's
# full-text parser keeps each one a single word, and unlike any title, so its "close to" title
# suggestions (trigram similarity) stay out of it.
SEARCH_WORDS = {
    "xqzjvkwa": "MKR_MEMBER_PAGE_BODY",
    "xqzjvkwb": "MKR_MEMBER_RESOURCE_BODY",
    "xqzjvkwc": "MKR_DRAFT_PAGE_BODY",
    "xqzjvkwd": "MKR_DRAFT_RESOURCE_BODY",
    "xqzjvkwe": "MKR_EA_DRAFT_JOB",
    "xqzjvkwf": "MKR_A_RESUME_TITLE",
    "xqzjvkwg": "MKR_A_APP_NOTE",
    "xqzjvkwh": "MKR_A_CE_TITLE",
    "xqzjvkwi": "MKR_A_PLEDGE_JOB",
}

NAME_A = "Alma Zyxseeker"
NAME_B = "Bruno Qwvseeker"

# marker -> the roles that may see it somewhere (the owner, whoever the owner sent it to, and
# staff whose group may read that kind of record).
MARKERS = {
    # Member-only content: active members and staff (portal.access.may_see_member_content).
    "MKR_MEMBER_PAGE_BODY": ACTIVE_MEMBERS | STAFF,
    "MKR_MEMBER_RESOURCE_BODY": ACTIVE_MEMBERS | STAFF,
    "MKR_MEMBER_RESOURCE_FILE": ACTIVE_MEMBERS | STAFF,
    # Unpublished content: staff preview it.
    "MKR_DRAFT_PAGE_BODY": STAFF,
    "MKR_DRAFT_RESOURCE_BODY": STAFF,
    # The seekers' names: themselves, the employer they applied to, staff who read accounts,
    # applications, webinar registrations or pledges.
    NAME_A: {"seeker_a", "employer_a"} | STAFF,
    NAME_B: {"seeker_b", "employer_b"} | STAFF,
    "MKRAMEMBERID": {"seeker_a", "manager", "superuser"},
    # Resumes: the owner, Career Center moderators (view_resume), superuser.
    "MKR_A_RESUME_TITLE": {"seeker_a", "moderator", "superuser"},
    "MKR_A_RESUME_FILE": {"seeker_a", "moderator", "superuser"},
    "MKR_B_RESUME_TITLE": {"seeker_b", "moderator", "superuser"},
    "MKR_B_RESUME_FILE": {"seeker_b", "moderator", "superuser"},
    # Applications: the applicant, the employer applied to, moderators, superuser.
    "MKR_A_APP_NOTE": {"seeker_a", "employer_a", "moderator", "superuser"},
    "MKR_A_APP_FILE": {"seeker_a", "employer_a", "moderator", "superuser"},
    "MKR_B_APP_NOTE": {"seeker_b", "employer_b", "moderator", "superuser"},
    "MKR_B_APP_FILE": {"seeker_b", "employer_b", "moderator", "superuser"},
    # An employer's private notes on an applicant: never the applicant.
    "MKR_EA_NOTES": {"employer_a", "moderator", "superuser"},
    "MKR_EB_NOTES": {"employer_b", "moderator", "superuser"},
    # Draft job posts: the employer and staff (job_detail lets staff preview any post).
    "MKR_EA_DRAFT_JOB": {"employer_a"} | STAFF,
    "MKR_EB_DRAFT_JOB": {"employer_b"} | STAFF,
    # Job alerts and career service requests: the owner, moderators, superuser.
    "MKR_A_ALERT": {"seeker_a", "moderator", "superuser"},
    "MKR_B_ALERT": {"seeker_b", "moderator", "superuser"},
    "MKR_A_CSR_MSG": {"seeker_a", "moderator", "superuser"},
    "MKR_A_CSR_FILE": {"seeker_a", "moderator", "superuser"},
    "MKR_B_CSR_MSG": {"seeker_b", "moderator", "superuser"},
    # CE records: only the member (no staff group reads them; superuser does).
    "MKR_A_CE_TITLE": {"seeker_a", "superuser"},
    "MKR_A_CE_FILE": {"seeker_a", "superuser"},
    "MKR_B_CE_TITLE": {"seeker_b", "superuser"},
    "MKR_B_CE_FILE": {"seeker_b", "superuser"},
    # Pledges not shown on the wall: the person, content editors (view_pledge), superuser.
    "MKR_A_PLEDGE_JOB": {"seeker_a", "editor", "superuser"},
    "MKR_B_PLEDGE_JOB": {"seeker_b", "editor", "superuser"},
    # A webinar's join link: those registered, and staff (the page shows it to staff to check).
    "MKR_WEBINAR_JOIN": {"seeker_a"} | STAFF,
    # The national roster's import log: membership managers.
    "MKR_ROSTER_FILE": {"manager", "superuser"},
}


def pdf_with(marker: str) -> bytes:
    """A small real PDF carrying ``marker`` in a comment, so a download can be recognised."""
    return MINIMAL_PDF.replace(b"%%EOF", f"% {marker}\n%%EOF".encode())


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> User (anon: None)
    objects: dict = field(default_factory=dict)  # name -> model instance

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _staff(email, group_name):
    user = UserFactory(email=email, is_staff=True, full_name=group_name + " person")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def build_world() -> World:
    world = World()
    o = world.objects
    today = timezone.localdate()
    now = timezone.now()

    # --- People ---------------------------------------------------------------------------------
    seeker_a = UserFactory(email="seeker-a@example.com", full_name=NAME_A)
    seeker_b = UserFactory(email="seeker-b@example.com", full_name=NAME_B)
    member = UserFactory(email="member@example.com", full_name="Mia Member")
    expired = UserFactory(email="expired@example.com", full_name="Ed Expired")
    MembershipFactory(user=member, expiry_date=today + timedelta(days=120))
    MembershipFactory(user=expired, expiry_date=today - timedelta(days=10))
    # The seekers are active members too, so the CE tracker is theirs to use.
    o["membership_a"] = MembershipFactory(
        user=seeker_a,
        member_id="MKRAMEMBERID",
        first_name="Alma",
        last_name="Zyxseeker",
        expiry_date=today + timedelta(days=120),
    )
    MembershipFactory(
        user=seeker_b,
        first_name="Bruno",
        last_name="Qwvseeker",
        expiry_date=today + timedelta(days=120),
    )
    employer_a = UserFactory(email="hr@alpha-lab.example.com", full_name="Erin Alpha")
    employer_b = UserFactory(email="hr@beta-lab.example.com", full_name="Evan Beta")
    world.users = {
        "anon": None,
        "non_member": UserFactory(email="visitor@example.com", full_name="Vic Visitor"),
        "expired": expired,
        "member": member,
        "seeker_a": seeker_a,
        "seeker_b": seeker_b,
        "employer_a": employer_a,
        "employer_b": employer_b,
        "editor": _staff("editor@example.com", CONTENT_EDITORS),
        "manager": _staff("manager@example.com", MEMBERSHIP_MANAGERS),
        "moderator": _staff("moderator@example.com", CAREER_MODERATORS),
        "superuser": UserFactory(
            email="root@example.com", full_name="Root", is_staff=True, is_superuser=True
        ),
    }

    # --- Pages and resources ----------------------------------------------------------------------
    o["public_page"] = PageFactory(title="About the society", slug="about-the-society")
    o["member_page"] = PageFactory(
        title="Members bulletin",
        slug="members-bulletin",
        summary="News for members.",
        body="<p>MKR_MEMBER_PAGE_BODY xqzjvkwa</p>",
        visibility=Visibility.MEMBERS,
    )
    o["draft_page"] = PageFactory(
        title="Draft notice",
        slug="draft-notice",
        body="<p>MKR_DRAFT_PAGE_BODY xqzjvkwc</p>",
        is_published=False,
    )
    o["public_resource"] = ResourceFactory(
        title="Public safety guide", slug="public-safety-guide", document=True
    )
    o["member_resource"] = ResourceFactory(
        title="Members benchmarking report",
        slug="members-benchmarking-report",
        summary="Benchmarks for members.",
        body="<p>MKR_MEMBER_RESOURCE_BODY xqzjvkwb</p>",
        visibility=Visibility.MEMBERS,
        kind="document",
        file=ContentFile(pdf_with("MKR_MEMBER_RESOURCE_FILE"), name="benchmarks.pdf"),
    )
    o["draft_resource"] = ResourceFactory(
        title="Draft resource",
        slug="draft-resource",
        body="<p>MKR_DRAFT_RESOURCE_BODY xqzjvkwd</p>",
        is_published=False,
    )

    # --- Career Center ----------------------------------------------------------------------------
    o["employer_a"] = EmployerFactory(
        name="Alpha Laboratory", slug="alpha-laboratory", members=[employer_a]
    )
    o["employer_b"] = EmployerFactory(
        name="Beta Laboratory", slug="beta-laboratory", members=[employer_b]
    )
    o["job_a"] = JobFactory(
        employer=o["employer_a"],
        title="Alpha bench scientist",
        slug="alpha-bench-scientist",
        created_by=employer_a,
    )
    o["job_b"] = JobFactory(
        employer=o["employer_b"],
        title="Beta bench scientist",
        slug="beta-bench-scientist",
        created_by=employer_b,
    )
    o["draft_job_a"] = JobFactory(
        employer=o["employer_a"],
        title="MKR_EA_DRAFT_JOB xqzjvkwe",
        slug="alpha-draft",
        status=Job.Status.DRAFT,
        submitted_at=None,
        published_at=None,
    )
    o["draft_job_b"] = JobFactory(
        employer=o["employer_b"],
        title="MKR_EB_DRAFT_JOB",
        slug="beta-draft",
        status=Job.Status.DRAFT,
        submitted_at=None,
        published_at=None,
    )
    o["resume_a"] = ResumeFactory(
        owner=seeker_a,
        title="MKR_A_RESUME_TITLE xqzjvkwf",
        original_name="alma-resume.pdf",
        is_default=True,
        file=ContentFile(pdf_with("MKR_A_RESUME_FILE"), name="alma.pdf"),
    )
    o["resume_b"] = ResumeFactory(
        owner=seeker_b,
        title="MKR_B_RESUME_TITLE",
        original_name="bruno-resume.pdf",
        is_default=True,
        file=ContentFile(pdf_with("MKR_B_RESUME_FILE"), name="bruno.pdf"),
    )
    o["app_a"] = ApplicationFactory(
        job=o["job_a"],
        applicant=seeker_a,
        cover_note="MKR_A_APP_NOTE xqzjvkwg",
        employer_notes="MKR_EA_NOTES",
        resume_name="alma-resume.pdf",
        resume_file=ContentFile(pdf_with("MKR_A_APP_FILE"), name="alma.pdf"),
    )
    o["app_b"] = ApplicationFactory(
        job=o["job_b"],
        applicant=seeker_b,
        cover_note="MKR_B_APP_NOTE",
        employer_notes="MKR_EB_NOTES",
        resume_name="bruno-resume.pdf",
        resume_file=ContentFile(pdf_with("MKR_B_APP_FILE"), name="bruno.pdf"),
    )
    # Employer B's job has more applicants than employer A's: a count that must not cross over.
    for n in range(6):
        ApplicationFactory(job=o["job_b"], applicant=UserFactory(full_name=f"Filler {n}"))
    o["alert_a"] = JobAlert.objects.create(user=seeker_a, name="MKR_A_ALERT", query="q=blood")
    o["alert_b"] = JobAlert.objects.create(user=seeker_b, name="MKR_B_ALERT", query="q=micro")
    o["csr_a"] = CareerServiceRequest.objects.create(
        service=CareerServiceRequest.Service.RESUME_REVIEW,
        requester=seeker_a,
        message="MKR_A_CSR_MSG",
        resume_file=ContentFile(pdf_with("MKR_A_CSR_FILE"), name="review.pdf"),
    )
    o["csr_b"] = CareerServiceRequest.objects.create(
        service=CareerServiceRequest.Service.COACHING, requester=seeker_b, message="MKR_B_CSR_MSG"
    )

    # --- Certification & CE -----------------------------------------------------------------------
    categories = make_categories()
    credential = make_mls(categories)
    o["credential"] = credential
    o["body"] = credential.body
    o["option"] = CEOptionFactory()
    o["option_type"] = o["option"].type
    o["ce_faq"] = CEFAQ()
    o["holding_a"] = CredentialHoldingFactory(user=seeker_a, credential=credential)
    o["holding_b"] = CredentialHoldingFactory(user=seeker_b, credential=credential)
    o["activity_a"] = CEActivityFactory(
        user=seeker_a,
        title="MKR_A_CE_TITLE xqzjvkwh",
        category=categories["Chemistry"],
        certificate=ContentFile(pdf_with("MKR_A_CE_FILE"), name="ce-a.pdf"),
    )
    o["activity_b"] = CEActivityFactory(
        user=seeker_b,
        title="MKR_B_CE_TITLE",
        category=categories["Chemistry"],
        certificate=ContentFile(pdf_with("MKR_B_CE_FILE"), name="ce-b.pdf"),
    )
    o["past_webinar"] = WebinarFactory(
        title="Past hematology webinar",
        slug="past-hematology",
        starts_at=now - timedelta(days=20),
        category=categories["Hematology"],
    )
    o["webinar"] = WebinarFactory(
        title="Upcoming chemistry webinar",
        slug="upcoming-chemistry",
        starts_at=now + timedelta(days=20),
        category=categories["Chemistry"],
        join_url="https://meet.example.org/j/MKR_WEBINAR_JOIN",
    )
    o["cert_a"] = WebinarRegistration.objects.create(
        webinar=o["past_webinar"], user=seeker_a, attended=True
    )
    o["cert_b"] = WebinarRegistration.objects.create(
        webinar=o["past_webinar"], user=seeker_b, attended=True
    )
    o["registration_a"] = WebinarRegistration.objects.create(webinar=o["webinar"], user=seeker_a)

    # --- I AM MLS ---------------------------------------------------------------------------------
    o["campaign"] = Campaign.load()
    o["campaign"].save()
    o["letter"] = letter = SampleLetter.load()
    letter.pdf_file.save("sample.pdf", ContentFile(MINIMAL_PDF), save=True)
    o["advocacy_faq"] = FAQEntryFactory()
    o["institution"] = InstitutionFactory()
    PledgeFactory(full_name="Wally Wallperson", email="wall@example.com")
    o["pledge_a"] = PledgeFactory(
        full_name=NAME_A,
        email=seeker_a.email,
        user=seeker_a,
        job_title="MKR_A_PLEDGE_JOB xqzjvkwi",
        show_publicly=False,
    )
    o["pledge_b"] = PledgeFactory(
        full_name=NAME_B,
        email=seeker_b.email,
        user=seeker_b,
        job_title="MKR_B_PLEDGE_JOB",
        show_publicly=False,
    )

    # --- Membership administration ----------------------------------------------------------------
    o["roster_import"] = RosterImport.objects.create(
        file_name="MKR_ROSTER_FILE.csv", imported_by=world.users["manager"], rows=3, created=3
    )
    # A task-queue record (the database backend's admin lists them), for the admin's pages.
    o["task_result"] = apps.get_model("django_tasks_database", "DBTaskResult").objects.create(
        enqueued_at=now,
        run_after=now,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="portal.mail.send_email_task",
        backend_name="default",
        exception_class_path="",
        traceback="",
    )
    o["email_address"] = seeker_a.emailaddress_set.get()
    o["group"] = Group.objects.get(name=CONTENT_EDITORS)
    o["deletion_log"] = apps.get_model("portal", "AccountDeletion").objects.create(
        counts={"careers": {"resumes": 1}}
    )
    o["member_resource"].topics.set([TopicFactory(name="Benchmarks", slug="benchmarks")])
    o["member_resource"].audiences.set([AudienceFactory(name="Managers", slug="managers")])
    return world
