from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from certification.models import CECategory, Webinar, WebinarRegistration
from tests.factories import UserFactory


class CECategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CECategory
        django_get_or_create = ["slug"]

    name = "Hematology/coagulation"
    slug = factory.LazyAttribute(lambda c: c.name.lower().replace("/", "-").replace(" ", "-"))


class WebinarFactory(factory.django.DjangoModelFactory):
    """A published webinar three weeks ahead, open for registration, unless told otherwise."""

    class Meta:
        model = Webinar

    title = factory.Sequence(lambda n: f"Coagulation case studies {n}")
    slug = factory.Sequence(lambda n: f"coagulation-case-studies-{n}")
    presenter = "Dana Whitfield, MLS(ASCP)CM"
    description = "<p>Working through abnormal PT and aPTT results, one case at a time.</p>"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=21)).replace(microsecond=0)
    )
    duration_minutes = 60
    contact_hours = Decimal("1.00")
    category = factory.SubFactory(CECategoryFactory)
    level = Webinar.Level.INTERMEDIATE
    pace_number = factory.Sequence(lambda n: f"519-{300 + n}-26")
    capacity = 100
    join_url = "https://meet.example.org/j/8675309?pwd=secret"
    recording_url = ""
    is_published = True


class WebinarRegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebinarRegistration

    webinar = factory.SubFactory(WebinarFactory)
    user = factory.SubFactory(UserFactory)
    attended = False
