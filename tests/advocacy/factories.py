import factory
from django.utils import timezone

from advocacy.models import Credential, FAQEntry, Institution, Pledge


class PledgeFactory(factory.django.DjangoModelFactory):
    """A confirmed, public pledge unless told otherwise (``confirmed_at=None`` for pending)."""

    class Meta:
        model = Pledge

    full_name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"pledger{n}@example.com")
    credential = Credential.MLS
    job_title = "Medical Technologist"
    institution = factory.Sequence(lambda n: f"Prairie Hospital {n}")
    city = "Springfield"
    state = "IL"
    show_publicly = True
    campaign_emails = False
    confirmation_sent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


class FAQEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQEntry

    question = factory.Sequence(lambda n: f"Question {n}?")
    answer = "<p>An answer.</p>"


class InstitutionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Institution

    name = factory.Sequence(lambda n: f"Lakeview Medical Center {n}")
    city = "Peoria"
    state = "IL"
    year_adopted = 2022
    status = Institution.Status.LISTED
