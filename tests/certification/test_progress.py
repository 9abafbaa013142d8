"""The CE progress rule with concrete numbers (certification/progress.py)."""

from datetime import date
from decimal import Decimal

import pytest

from certification.models import (
    CategoryMinimum,
    CEActivity,
    CECategory,
    CertifyingBody,
    Credential,
    CredentialHolding,
    RenewalRule,
)
from certification.progress import BEHIND, COMPLETE, ON_TRACK, ce_progress, cycle_window
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 21)
CYCLE_END = date(2027, 3, 31)  # window 1 April 2024 – 31 March 2027


@pytest.fixture
def cats(db):
    names = ["Laboratory safety", "Medical ethics", "Blood bank", "Chemistry", "Hematology",
             "Microbiology", "Molecular diagnostics"]  # fmt: skip
    return {n: CECategory.objects.create(name=n, slug=n.lower().replace(" ", "-")) for n in names}


@pytest.fixture
def mls(cats):
    body = CertifyingBody.objects.create(name="ASCP Board of Certification", abbreviation="ASCP",
                                         slug="ascp")  # fmt: skip
    credential = Credential.objects.create(body=body, name="MLS(ASCP)", slug="mls-ascp",
                                           title="Medical Laboratory Scientist")  # fmt: skip
    rule = RenewalRule.objects.create(credential=credential, cycle_years=3, total_points=36)
    for name, points in [("Laboratory safety", 1), ("Medical ethics", 1), ("Blood bank", 2),
                         ("Chemistry", 2), ("Hematology", 2), ("Microbiology", 2)]:  # fmt: skip
        CategoryMinimum.objects.create(rule=rule, category=cats[name], points=points)
    return credential


@pytest.fixture
def holding(mls):
    return CredentialHolding.objects.create(user=UserFactory(), credential=mls, cycle_end=CYCLE_END)


def _activity(holding, category, amount, on=date(2025, 6, 1), unit="contact_hours"):
    return CEActivity.objects.create(
        user=holding.user, title="Course", provider="ASCLS", completed_on=on,
        amount=Decimal(str(amount)), unit=unit, category=category,
    )  # fmt: skip


def _progress(holding, today=TODAY):
    return ce_progress(holding, list(CEActivity.objects.filter(user=holding.user)), today=today)


def test_cycle_window_is_the_years_before_the_cycle_end():
    assert cycle_window(CYCLE_END, 3) == (date(2024, 4, 1), date(2027, 3, 31))
    assert cycle_window(date(2028, 2, 29), 3) == (date(2025, 3, 1), date(2028, 2, 29))


def test_thirty_points_without_safety_is_six_short_with_safety_missing(holding, cats):
    for name, points in [("Medical ethics", 1), ("Blood bank", 5), ("Chemistry", 8),
                         ("Hematology", 8), ("Microbiology", 8)]:  # fmt: skip
        _activity(holding, cats[name], points)

    progress = _progress(holding)

    assert progress.earned == Decimal("30")
    assert progress.missing == Decimal("6")
    assert [c.category.name for c in progress.missing_categories] == ["Laboratory safety"]
    safety = progress.missing_categories[0]
    assert (safety.required, safety.earned, safety.missing) == (1, 0, 1)
    assert progress.status != COMPLETE


def test_points_beyond_a_category_minimum_count_toward_the_total(holding, cats):
    _activity(holding, cats["Microbiology"], 20)
    progress = _progress(holding)
    micro = next(c for c in progress.categories if c.category.name == "Microbiology")
    assert micro.met and micro.earned == 20
    assert progress.earned == 20
    assert progress.missing == 16


def test_activities_outside_the_window_are_ignored(holding, cats):
    _activity(holding, cats["Chemistry"], 10, on=date(2024, 3, 31))  # the day before it opens
    _activity(holding, cats["Chemistry"], 3, on=date(2024, 4, 1))  # its first day
    _activity(holding, cats["Chemistry"], 4, on=date(2027, 3, 31))  # its last day
    _activity(holding, cats["Chemistry"], 10, on=date(2027, 4, 1))  # the next cycle
    progress = _progress(holding)
    assert progress.earned == 7
    assert len(progress.counted) == 2


def test_academic_semester_hours_convert_to_fifteen_points_each(holding, cats):
    _activity(holding, cats["Molecular diagnostics"], 1, unit="semester_hours")
    _activity(holding, cats["Hematology"], 2, unit="contact_hours")
    progress = _progress(holding)
    assert progress.earned == 17
    hematology = next(c for c in progress.categories if c.category.name == "Hematology")
    assert hematology.met


def test_a_quarter_hour_is_worth_ten_points(holding, cats):
    _activity(holding, cats["Chemistry"], 1, unit="quarter_hours")
    assert _progress(holding).earned == 10


def test_academic_credit_counts_for_at_most_half_of_the_total(holding, cats):
    _activity(holding, cats["Molecular diagnostics"], 3, unit="semester_hours")  # 45 points
    progress = _progress(holding)
    assert progress.earned == 18
    assert progress.academic_capped == 27


def test_all_points_and_minimums_make_the_cycle_complete(holding, cats):
    for name, points in [("Laboratory safety", 1), ("Medical ethics", 1), ("Blood bank", 2),
                         ("Chemistry", 2), ("Hematology", 2), ("Microbiology", 28)]:  # fmt: skip
        _activity(holding, cats[name], points)
    progress = _progress(holding)
    assert progress.missing == 0 and not progress.missing_categories
    assert progress.status == COMPLETE
    assert progress.percent == 100


def test_on_track_or_behind_depends_on_how_much_of_the_cycle_has_gone(holding, cats):
    # 2 years and about 8 months of 3 years gone: about 32 of 36 points expected.
    _activity(holding, cats["Chemistry"], 33)
    assert _progress(holding).status == ON_TRACK
    CEActivity.objects.all().delete()
    _activity(holding, cats["Chemistry"], 20)
    assert _progress(holding).status == BEHIND
    assert _progress(holding).days_left == (CYCLE_END - TODAY).days


def test_one_activity_counts_toward_several_credentials(holding, mls, cats):
    mlt = Credential.objects.create(body=mls.body, name="MLT(ASCP)", slug="mlt-ascp",
                                    title="Medical Laboratory Technician")  # fmt: skip
    RenewalRule.objects.create(credential=mlt, cycle_years=3, total_points=36)
    second = CredentialHolding.objects.create(user=holding.user, credential=mlt,
                                              cycle_end=date(2026, 12, 31))  # fmt: skip
    _activity(holding, cats["Chemistry"], 5, on=date(2025, 1, 10))
    assert _progress(holding).earned == 5
    assert _progress(second).earned == 5
