"""How far a member is from renewing a credential: the one place CE progress is counted.

A renewal rule asks for a number of points in a cycle ending on the member's cycle end date,
with minimums in some CE categories. Activities count when they were completed inside the
cycle. Points earned beyond a category's minimum still count toward the total. College course
credit converts to points at the rule's rate and may make up at most the rule's share of the
total (half, for the ASCP CMP). One activity may count toward several credentials.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

COMPLETE = "complete"
ON_TRACK = "on_track"
BEHIND = "behind"
STATUS_LABELS = {COMPLETE: "Complete", ON_TRACK: "On track", BEHIND: "Behind"}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def cycle_window(cycle_end: date, cycle_years: int) -> tuple[date, date]:
    """The first and last day of the cycle that ends on ``cycle_end``."""
    return _years_before(cycle_end, cycle_years) + timedelta(days=1), cycle_end


def activity_points(activity, rule) -> Decimal:
    """Points an activity is worth under ``rule``: contact hours count one for one, college
    semester and quarter hours at the rule's rates."""
    if activity.unit == "semester_hours":
        return activity.amount * rule.points_per_semester_hour
    if activity.unit == "quarter_hours":
        return activity.amount * rule.points_per_quarter_hour
    return activity.amount


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class CategoryCheck:
    category: object
    required: Decimal
    earned: Decimal

    @property
    def met(self) -> bool:
        return self.earned >= self.required

    @property
    def missing(self) -> Decimal:
        return max(Decimal(0), _round(self.required - self.earned))


@dataclass
class CEProgress:
    holding: object
    rule: object
    window_start: date
    window_end: date
    today: date
    required: Decimal
    earned: Decimal
    academic_capped: Decimal
    categories: list[CategoryCheck]
    counted: list = field(default_factory=list)

    @property
    def missing(self) -> Decimal:
        return max(Decimal(0), _round(self.required - self.earned))

    @property
    def missing_categories(self) -> list[CategoryCheck]:
        return [c for c in self.categories if not c.met]

    @property
    def days_left(self) -> int:
        return (self.window_end - self.today).days

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, int(self.earned / self.required * 100))

    @property
    def status(self) -> str:
        if self.missing == 0 and not self.missing_categories:
            return COMPLETE
        if self.today > self.window_end:
            return BEHIND
        # On track while the share of points earned keeps pace with the share of the cycle gone.
        total_days = (self.window_end - self.window_start).days + 1
        elapsed = max(0, (self.today - self.window_start).days + 1)
        expected = self.required * Decimal(elapsed) / Decimal(total_days)
        return ON_TRACK if self.earned >= expected else BEHIND

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


def ce_progress(holding, activities, today: date | None = None) -> CEProgress:
    """Progress of ``holding`` (a CredentialHolding with its rule) from ``activities``."""
    rule = holding.credential.renewal_rule
    today = today or timezone.localdate()
    start, end = cycle_window(holding.cycle_end, rule.cycle_years)
    counted = [a for a in activities if start <= a.completed_on <= end]

    by_category: dict[int, Decimal] = {}
    plain, academic = Decimal(0), Decimal(0)
    for activity in counted:
        points = activity_points(activity, rule)
        by_category[activity.category_id] = by_category.get(activity.category_id, 0) + points
        if activity.is_academic:
            academic += points
        else:
            plain += points
    academic_limit = rule.total_points * rule.academic_share_limit
    academic_counted = min(academic, academic_limit)
    checks = [
        CategoryCheck(
            category=minimum.category,
            required=minimum.points,
            earned=_round(by_category.get(minimum.category_id, Decimal(0))),
        )
        for minimum in rule.minimums.all()
    ]
    return CEProgress(
        holding=holding,
        rule=rule,
        window_start=start,
        window_end=end,
        today=today,
        required=rule.total_points,
        earned=_round(plain + academic_counted),
        academic_capped=_round(academic - academic_counted),
        categories=checks,
        counted=counted,
    )
