"""Factories and small builders for the CE tracker tests."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from certification.models import (
    CategoryMinimum,
    CEActivity,
    CECategory,
    CertifyingBody,
    Credential,
    CredentialHolding,
    RenewalRule,
    Webinar,
)
from tests.factories import UserFactory

JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64

# The ASCP BOC CMP for MLS(ASCP): 36 points, with these minimums.
MLS_MINIMUMS = [
    ("Laboratory safety", 1),
    ("Medical ethics", 1),
    ("Blood bank", 2),
    ("Chemistry", 2),
    ("Hematology", 2),
    ("Microbiology", 2),
]
CATEGORY_NAMES = [name for name, _ in MLS_MINIMUMS] + ["Molecular diagnostics", "Management"]


class CECategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CECategory
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))
    order = factory.Sequence(lambda n: n)


class CertifyingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertifyingBody
        django_get_or_create = ["slug"]

    name = "ASCP Board of Certification"
    abbreviation = "ASCP"
    slug = "ascp"


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credential
        django_get_or_create = ["slug"]

    body = factory.SubFactory(CertifyingBodyFactory)
    name = "MLS(ASCP)"
    slug = "mls-ascp"
    title = "Medical Laboratory Scientist"


class RenewalRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenewalRule

    credential = factory.SubFactory(CredentialFactory)
    cycle_years = 3
    total_points = Decimal("36")


class CredentialHoldingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CredentialHolding

    user = factory.SubFactory(UserFactory)
    credential = factory.SubFactory(CredentialFactory)
    cycle_end = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=400))


class CEActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CEActivity

    user = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"CE course {n}")
    provider = "ASCLS"
    completed_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    amount = Decimal("1")
    unit = CEActivity.Unit.CONTACT_HOURS
    category = factory.SubFactory(CECategoryFactory)
    format = CEActivity.Format.ONLINE


class WebinarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Webinar

    title = factory.Sequence(lambda n: f"Labucate webinar {n}")
    slug = factory.Sequence(lambda n: f"labucate-webinar-{n}")
    presenter = "Dr. Pat Presenter"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    contact_hours = Decimal("1")
    category = factory.SubFactory(CECategoryFactory)
    is_published = True


def make_categories() -> dict:
    return {
        name: CECategoryFactory(name=name, slug=name.lower().replace(" ", "-"), order=i)
        for i, name in enumerate(CATEGORY_NAMES)
    }


def make_rule(credential, categories, minimums=MLS_MINIMUMS, total=36, cycle_years=3):
    rule = RenewalRuleFactory(
        credential=credential, total_points=Decimal(total), cycle_years=cycle_years
    )
    for name, points in minimums:
        CategoryMinimum.objects.create(rule=rule, category=categories[name], points=points)
    return rule


def make_mls(categories):
    credential = CredentialFactory()
    make_rule(credential, categories)
    return credential


def make_mlt(categories):
    credential = CredentialFactory(
        name="MLT(ASCP)", slug="mlt-ascp", title="Medical Laboratory Technician"
    )
    make_rule(credential, categories)
    return credential


def make_amt_mt(categories):
    body = CertifyingBodyFactory(
        name="American Medical Technologists", abbreviation="AMT", slug="amt"
    )
    credential = CredentialFactory(
        body=body, name="MT(AMT)", slug="mt-amt", title="Medical Technologist"
    )
    make_rule(credential, categories, minimums=[], total=45)
    return credential


def cycle_end_in(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)
