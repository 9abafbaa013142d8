"""Factories for the certification catalogue: bodies, credentials, rules, CE options, FAQ."""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from certification.models import (
    CategoryMinimum,
    CECategory,
    CEOption,
    CEOptionType,
    CertifyingBody,
    Credential,
    FAQEntry,
    RenewalRule,
    Webinar,
)


class CECategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CECategory
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class CertifyingBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertifyingBody

    name = factory.Sequence(lambda n: f"Board of Certification {n}")
    abbreviation = factory.Sequence(lambda n: f"BOC{n}")
    slug = factory.Sequence(lambda n: f"board-{n}")
    website = "https://board.example.org/"


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credential

    body = factory.SubFactory(CertifyingBodyFactory)
    name = factory.Sequence(lambda n: f"CR{n}(BOC)")
    slug = factory.Sequence(lambda n: f"credential-{n}")
    title = factory.Sequence(lambda n: f"Credentialed Professional {n}")


class RenewalRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenewalRule

    credential = factory.SubFactory(CredentialFactory)
    cycle_years = 3
    total_points = Decimal("36")


class CategoryMinimumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CategoryMinimum

    rule = factory.SubFactory(RenewalRuleFactory)
    category = factory.SubFactory(CECategoryFactory)
    points = Decimal("1")


def rule_with_minimums(credential, total, minimums, **fields):
    """A rule for ``credential`` with ``minimums``: [(category, points), ...] in that order."""
    rule = RenewalRuleFactory(credential=credential, total_points=Decimal(str(total)), **fields)
    for order, (category, points) in enumerate(minimums):
        if category.order != order:
            category.order = order
            category.save(update_fields=["order"])
        CategoryMinimumFactory(rule=rule, category=category, points=Decimal(str(points)))
    return rule


class CEOptionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CEOptionType

    name = factory.Sequence(lambda n: f"Kind of CE {n}")
    slug = factory.Sequence(lambda n: f"kind-{n}")
    summary = "A short summary of this kind of CE."
    explanation = "<p>What this kind of CE is and how to use it.</p>"
    order = factory.Sequence(lambda n: n)


class CEOptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CEOption
        skip_postgeneration_save = True

    type = factory.SubFactory(CEOptionTypeFactory)
    name = factory.Sequence(lambda n: f"CE option {n:04d}")
    provider = "Example Provider"
    url = "https://ce.example.org/"
    format = "online"
    cost_note = ""
    description = "A place to earn CE."

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.topics.set(extracted)


class FAQEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FAQEntry

    question = factory.Sequence(lambda n: f"Question number {n}?")
    answer = factory.Sequence(lambda n: f"<p>Answer number {n}.</p>")
    order = factory.Sequence(lambda n: n)


class WebinarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Webinar

    title = factory.Sequence(lambda n: f"Webinar {n}")
    slug = factory.Sequence(lambda n: f"webinar-{n}")
    presenter = "Pat Presenter, MLS(ASCP)CM"
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    category = factory.SubFactory(CECategoryFactory)
    pace_number = factory.Sequence(lambda n: f"IL-2026-{n:03d}")
