from datetime import timedelta

import factory
from django.utils import timezone

from careers.models import Application, Employer, Job, Resume
from tests.factories import MINIMAL_PDF, UserFactory


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Prairie Health Laboratory {n}")
    slug = factory.Sequence(lambda n: f"prairie-health-laboratory-{n}")
    website = "https://lab.example.org/"
    city = "Springfield"
    state = "IL"
    description = "A regional hospital laboratory."
    contact_name = "Pat Recruiter"
    contact_email = factory.Sequence(lambda n: f"recruiting{n}@lab.example.org")
    status = Employer.Status.APPROVED
    approved_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def members(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.members.set(extracted)


class JobFactory(factory.django.DjangoModelFactory):
    """A live job unless told otherwise."""

    class Meta:
        model = Job

    employer = factory.SubFactory(EmployerFactory)
    title = factory.Sequence(lambda n: f"Medical Laboratory Scientist {n}")
    slug = factory.Sequence(lambda n: f"medical-laboratory-scientist-{n}")
    description = "<p>Perform testing in a busy core laboratory.</p>"
    city = "Springfield"
    state = "IL"
    workplace = "on_site"
    discipline = "generalist"
    credential = "mls"
    employment_type = "full_time"
    shift = "day"
    apply_method = "portal"
    status = Job.Status.PUBLISHED
    submitted_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=3))
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    # Went live for the first time when it was published, unless a test says otherwise.
    first_published_at = factory.LazyAttribute(lambda job: job.published_at)
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class ResumeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resume

    owner = factory.SubFactory(UserFactory)
    title = "My resume"
    file = factory.django.FileField(filename="resume.pdf", data=MINIMAL_PDF)
    original_name = "resume.pdf"
    is_default = False


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    job = factory.SubFactory(JobFactory)
    applicant = factory.SubFactory(UserFactory)
    resume_file = factory.django.FileField(filename="resume.pdf", data=MINIMAL_PDF)
    resume_name = "resume.pdf"
    cover_note = "I would love to join your team."
