"""The Certification & CE demo content (certification/demo.py) loaded by `seed_demo`."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from certification.models import (
    CEActivity,
    CECategory,
    CEOption,
    CEOptionType,
    Credential,
    CredentialHolding,
    FAQEntry,
    RenewalRule,
    Webinar,
    WebinarRegistration,
)
from certification.progress import ce_progress
from certification.rules_text import describe_rule

pytestmark = pytest.mark.django_db


def _certification_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_app_config("certification").get_models()
    }


@pytest.fixture
def seeded():
    call_command("seed_demo", force=True)


def _member_mlt():
    return CredentialHolding.objects.select_related("credential__renewal_rule").get(
        user__email="member@example.org", credential__slug="mlt-ascp"
    )


def test_seeding_twice_gives_the_same_rows(seeded):
    first = _certification_counts()
    call_command("seed_demo", force=True)

    assert _certification_counts() == first


def test_seeding_keeps_what_staff_edited(seeded):
    rule = RenewalRule.objects.get(credential__slug="pbt-ascp")
    rule.total_points = Decimal("12")
    rule.needs_review = False
    rule.save()

    call_command("seed_demo", force=True)

    rule.refresh_from_db()
    assert rule.total_points == Decimal("12")
    assert not rule.needs_review


def test_member_mlt_is_nine_points_short_with_microbiology_and_ethics_missing(seeded):
    holding = _member_mlt()
    activities = list(CEActivity.objects.filter(user=holding.user))

    progress = ce_progress(holding, activities)

    assert progress.required == Decimal("36")
    assert progress.earned == Decimal("27")
    assert progress.missing == Decimal("9")
    assert {c.category.slug for c in progress.missing_categories} == {"microbiology", "ethics"}
    assert len(progress.counted) == len(activities)  # every activity is inside the cycle
    days_left = (holding.cycle_end - timezone.localdate()).days
    assert 110 <= days_left <= 130  # about four months


def test_member_attended_past_webinars_that_count_in_the_arithmetic(seeded):
    holding = _member_mlt()
    attended = WebinarRegistration.objects.filter(user=holding.user, attended=True)

    assert 2 <= attended.count() <= 3
    for registration in attended.select_related("webinar"):
        webinar = registration.webinar
        assert webinar.starts_at < timezone.now()
        activity = CEActivity.objects.get(user=holding.user, webinar=webinar)
        assert activity.provider == "ASCLS-Illinois"
        assert activity.amount == webinar.contact_hours
        assert activity.pace_number == webinar.pace_number != ""
    counted = ce_progress(holding, list(CEActivity.objects.filter(user=holding.user))).counted
    assert sum(1 for a in counted if a.webinar_id) == attended.count()


def test_demo_has_twelve_past_and_four_upcoming_webinars(seeded):
    now = timezone.now()
    past = Webinar.objects.filter(starts_at__lt=now)
    upcoming = Webinar.objects.filter(starts_at__gte=now)

    assert past.count() == 12
    assert upcoming.count() == 4
    assert all(w.recording_url.startswith("https://example.org/webinar/") for w in past)
    assert all(w.join_url.startswith("https://example.org/webinar/") for w in Webinar.objects.all())
    assert all(w.pace_number.startswith("IL-") for w in Webinar.objects.all())


def test_demo_catalogue_covers_every_category_body_and_option_type(seeded):
    assert CECategory.objects.count() == 15
    assert set(Credential.objects.values_list("body__slug", flat=True).distinct()) == {
        "ascp-boc", "amt", "aab-bor", "nha", "ncct",
    }  # fmt: skip
    assert CEOptionType.objects.count() == 8
    assert CEOption.objects.count() >= 25
    for option_type in CEOptionType.objects.all():
        assert option_type.explanation
        assert option_type.options.exists(), option_type
    assert FAQEntry.objects.count() >= 8


@pytest.mark.parametrize(
    ("slug", "total", "years", "annual", "unverified", "minimums"),
    [
        ("mls-ascp", 36, 3, False, False, {"safety": 1, "ethics": 1, "blood-bank": 2,
                                           "chemistry": 2, "hematology": 2, "microbiology": 2}),
        ("mlt-ascp", 36, 3, False, False, {"safety": 1, "ethics": 1, "blood-bank": 2,
                                           "chemistry": 2, "hematology": 2, "microbiology": 2}),
        ("ht-ascp", 36, 3, False, False, {"safety": 1, "ethics": 1, "histology": 8}),
        ("htl-ascp", 36, 3, False, False, {"safety": 1, "ethics": 1, "histology": 8}),
        ("bb-ascp", 8, 3, False, False, {"blood-bank": 8}),
        ("mb-ascp", 8, 3, False, False, {"molecular": 8}),
        ("ct-ascp", 8, 3, False, False, {"cytology": 8}),
        ("pbt-ascp", 9, 3, False, True, {}),
        ("mt-amt", 45, 3, True, False, {}),
        ("mlt-amt", 45, 3, True, False, {}),
        ("rpt-amt", 24, 3, True, False, {}),
        ("mt-aab", 0, 1, True, True, {}),
        ("cpt-nha", 10, 2, False, True, {}),
    ],
)  # fmt: skip
def test_demo_rules_match_the_content_facts(seeded, slug, total, years, annual, unverified,
                                            minimums):  # fmt: skip
    rule = RenewalRule.objects.get(credential__slug=slug)

    assert (rule.total_points, rule.cycle_years) == (Decimal(total), years)
    assert rule.annual_renewal is annual
    assert rule.needs_review is unverified
    assert {m.category.slug: int(m.points) for m in rule.minimums.all()} == minimums
    assert describe_rule(rule)


def test_ncct_credentials_have_no_rule(seeded):
    for credential in Credential.objects.filter(body__slug="ncct"):
        assert not RenewalRule.objects.filter(credential=credential).exists()


def test_demo_pages_render(seeded, client):
    urls = [reverse("certification:index"), reverse("certification:options"),
            reverse("certification:pace"), reverse("certification:faq"),
            "/sitemap-certification.xml"]  # fmt: skip
    urls += [c.get_absolute_url() for c in Credential.objects.all()]
    urls += [t.get_absolute_url() for t in CEOptionType.objects.all()]
    urls += [f"{reverse('certification:options')}?page=2"]

    for url in urls:
        assert client.get(url).status_code == 200, url
    html = client.get(reverse("certification:index")).content.decode()
    assert html.count('class="resource-card"') == 3  # the next three of four upcoming webinars
