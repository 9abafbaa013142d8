"""A person with one of everything the portal keeps about people, for the privacy tests.

Every record carries the person's ``marker`` word, so a test can show that one person's
download holds all of theirs and none of someone else's.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone

from advocacy.models import Institution
from careers.models import (
    Application,
    ApplicationEvent,
    CareerServiceRequest,
    JobAlert,
    Resume,
    SavedJob,
)
from certification.models import CEActivity, WebinarRegistration
from tests.advocacy.factories import PledgeFactory
from tests.careers.factories import ApplicationFactory, EmployerFactory, JobFactory, ResumeFactory
from tests.certification.factories_tracker import CEActivityFactory, CredentialHoldingFactory
from tests.certification.factories_webinars import WebinarRegistrationFactory
from tests.factories import MINIMAL_PDF, MembershipFactory, UserFactory


def pdf(marker: str, kind: str) -> bytes:
    """A real PDF whose bytes are unique to one person and one kind of file."""
    return MINIMAL_PDF + f"% {marker} {kind}\n".encode()


@dataclass
class Person:
    user: object
    marker: str
    resume: Resume
    application: Application
    activity: CEActivity
    registration: WebinarRegistration
    service_request: CareerServiceRequest
    alert: JobAlert
    pledges: list = field(default_factory=list)
    unverified_pledge: object = None
    suggestion: Institution = None
    employer: object = None


def person_with_everything(marker: str, *, employer=None) -> Person:
    """``employer`` (optional) is the employer the person applied to."""
    low = marker.lower()
    user = UserFactory(
        email=f"{low}@example.com",
        full_name=f"{marker} Quill",
        credentials="MLS(ASCP)CM",
        employer=f"{marker} General Hospital",
        city="Peoria",
        state="IL",
    )
    EmailAddress.objects.create(user=user, email=f"{low}.old@example.org", verified=True)
    EmailAddress.objects.create(user=user, email=f"{low}.maybe@example.net", verified=False)
    MembershipFactory(user=user, member_id=f"IL-{marker}", last_name=marker)

    CredentialHoldingFactory(user=user)
    activity = CEActivityFactory(
        user=user,
        title=f"{marker} antibody workshop",
        notes=f"{marker} CE notes",
        certificate=ContentFile(pdf(marker, "certificate"), name="certificate.pdf"),
    )
    registration = WebinarRegistrationFactory(user=user, webinar__title=f"{marker} webinar")

    resume = ResumeFactory(
        owner=user,
        title=f"{marker} MLS resume",
        original_name=f"{marker} resume.pdf",
        file=ContentFile(pdf(marker, "resume"), name="resume.pdf"),
        is_default=True,
    )
    job = JobFactory(
        title=f"{marker} night shift MLS",
        **({"employer": employer} if employer else {"employer__name": f"{marker} Lab Corp"}),
    )
    application = ApplicationFactory(
        job=job,
        applicant=user,
        cover_note=f"{marker} cover note",
        employer_notes=f"{marker} employer private note",
        resume_file=ContentFile(pdf(marker, "application copy"), name="copy.pdf"),
        resume_name=f"{marker} resume.pdf",
    )
    ApplicationEvent.objects.create(application=application, status="submitted", by=user)
    ApplicationEvent.objects.create(
        application=application,
        status="reviewed",
        at=timezone.now() + timedelta(minutes=1),
        by=UserFactory(full_name=f"{marker} Recruiter Person"),
    )
    SavedJob.objects.create(user=user, job=job)
    alert = JobAlert.objects.create(user=user, name=f"{marker} alert", query="q=blood+bank")
    service_request = CareerServiceRequest.objects.create(
        service=CareerServiceRequest.Service.RESUME_REVIEW,
        requester=user,
        message=f"{marker} please review my resume",
        staff_notes=f"{marker} staff private note",
        resume_file=ContentFile(pdf(marker, "service request"), name="for-review.pdf"),
    )
    own_employer = EmployerFactory(name=f"{marker} Reference Laboratory", members=[user])

    pledges = [
        # Signed while logged in, with an address they no longer have.
        PledgeFactory(user=user, email=f"{low}.gone@example.com", institution=f"{marker} Clinic"),
        # Signed before they had an account, with an address they have since confirmed.
        PledgeFactory(email=f"{low}.old@example.org", institution=f"{marker} Hospital"),
    ]
    # An address they added but never confirmed could be anyone's: that pledge is not theirs.
    unverified_pledge = PledgeFactory(
        email=f"{low}.maybe@example.net", full_name=f"Not {marker} Maybe"
    )
    suggestion = Institution.objects.create(
        name=f"{marker} Memorial Hospital",
        city="Peoria",
        state="IL",
        suggested_by_name=f"{marker} Quill",
        suggested_by_email=f"{low}.old@example.org",
    )
    return Person(
        user=user,
        marker=marker,
        resume=resume,
        application=application,
        activity=activity,
        registration=registration,
        service_request=service_request,
        alert=alert,
        pledges=pledges,
        unverified_pledge=unverified_pledge,
        suggestion=suggestion,
        employer=own_employer,
    )
