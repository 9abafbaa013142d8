"""Pledge statistics for staff: totals, pledges per week, and who is pledging.

Only confirmed pledges count (a pledge that was never confirmed may not even be the person it
names). Weeks run Monday to Sunday in the site's time zone (settings.TIME_ZONE, Chicago), so a
pledge confirmed late on a Sunday evening in Illinois lands in that Sunday's week, not the next.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.db.models.functions import TruncWeek
from django.utils import timezone

from advocacy.models import Credential, Pledge
from portal.states import US_STATES

STATE_NAMES = dict(US_STATES)


@dataclass(frozen=True)
class Totals:
    confirmed: int
    pending: int
    public: int  # confirmed and named on the wall
    campaign_emails: int  # confirmed and asked for campaign email


@dataclass(frozen=True)
class WeekCount:
    week: date  # the Monday the week starts on
    count: int

    @property
    def label(self) -> str:
        return week_label(self.week)


@dataclass(frozen=True)
class Share:
    """One credential's or state's slice of the confirmed pledges."""

    key: str
    label: str
    count: int
    percent: float


def week_start(day: date) -> date:
    """The Monday of the week ``day`` falls in."""
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    return f"Week of {monday.day} {monday:%b %Y}"


def week_bounds(monday: date) -> tuple[datetime, datetime]:
    """Midnight at the start of ``monday`` and of the Monday after, in the site's time zone
    (seven calendar days, whatever daylight saving does in between)."""
    zone = timezone.get_default_timezone()
    start = datetime.combine(monday, time.min, tzinfo=zone)
    end = datetime.combine(monday + timedelta(days=7), time.min, tzinfo=zone)
    return start, end


def recent_weeks(weeks: int, today: date | None = None) -> list[date]:
    """The Mondays of the last ``weeks`` weeks, oldest first, ending with this week."""
    this_week = week_start(today or timezone.localdate())
    return [this_week - timedelta(weeks=n) for n in range(weeks - 1, -1, -1)]


def pledge_totals() -> Totals:
    confirmed = Q(confirmed_at__isnull=False)
    counts = Pledge.objects.aggregate(
        confirmed=Count("pk", filter=confirmed),
        pending=Count("pk", filter=Q(confirmed_at__isnull=True)),
        public=Count("pk", filter=confirmed & Q(show_publicly=True)),
        campaign_emails=Count("pk", filter=confirmed & Q(campaign_emails=True)),
    )
    return Totals(**counts)


def pledges_per_week(weeks: int = 26, today: date | None = None) -> list[WeekCount]:
    """Confirmed pledges in each of the last ``weeks`` weeks (this one included), oldest first;
    a week without any pledge is there with a count of 0."""
    mondays = recent_weeks(weeks, today)
    start, _ = week_bounds(mondays[0])
    _, end = week_bounds(mondays[-1])
    zone = timezone.get_default_timezone()
    rows = (
        Pledge.objects.filter(confirmed_at__gte=start, confirmed_at__lt=end)
        .annotate(week=TruncWeek("confirmed_at", tzinfo=zone))
        .values("week")
        .annotate(count=Count("pk"))
        .order_by("week")
    )
    counts = {row["week"].astimezone(zone).date(): row["count"] for row in rows}
    return [WeekCount(monday, counts.get(monday, 0)) for monday in mondays]


def _shares(field: str, label_for) -> list[Share]:
    rows = list(
        Pledge.objects.confirmed()
        .values(field)
        .annotate(count=Count("pk"))
        .order_by("-count", field)
    )
    total = sum(row["count"] for row in rows)
    return [
        Share(row[field], label_for(row[field]), row["count"], 100 * row["count"] / total)
        for row in rows
    ]


def _credential_label(code: str) -> str:
    try:
        return Credential(code).label
    except ValueError:  # a code retired since the pledge was taken
        return code


def pledges_by_credential() -> list[Share]:
    """Confirmed pledges per credential, most common first."""
    return _shares("credential", _credential_label)


def pledges_by_state() -> list[Share]:
    """Confirmed pledges per state, most common first."""
    return _shares("state", lambda code: STATE_NAMES.get(code, code))


# --- Job posts and the standard title (the campaign page) -------------------------------------
# The figures come from the Career Center's own posts (careers/standard_titles.py); this is only
# how the campaign page draws them: an SVG bar chart whose geometry is computed here, so the
# page needs no script and no inline style.

CHART_WIDTH, CHART_HEIGHT = 400, 190
CHART_BASELINE = 150  # the y of 0 %
CHART_SCALE = 1.3  # pixels per percent: 100 % is 130 px tall
CHART_BAR_WIDTH, CHART_STEP, CHART_LEFT = 34, 48, 16


@dataclass(frozen=True)
class ChartBar:
    quarter: object  # careers.standard_titles.QuarterShare
    x: int
    y: int
    height: int

    @property
    def center(self) -> int:
        return self.x + CHART_BAR_WIDTH // 2

    @property
    def value_y(self) -> int:
        """Where the percentage is written: just above the bar."""
        return self.y - 5

    @property
    def quarter_name(self) -> str:
        return self.quarter.label.split()[0]

    @property
    def year(self) -> int:
        return self.quarter.start.year


@dataclass(frozen=True)
class TitleShareChart:
    quarters: list  # of QuarterShare, oldest first
    bars: list[ChartBar]
    latest: object | None  # the most recent quarter with posts
    is_current: bool  # whether ``latest`` is the quarter we are in
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    baseline: int = CHART_BASELINE
    label_y: int = CHART_BASELINE + 18
    year_y: int = CHART_BASELINE + 34

    @property
    def has_posts(self) -> bool:
        return self.latest is not None

    @property
    def total_posts(self) -> int:
        return sum(q.posts for q in self.quarters)

    @property
    def total_standard(self) -> int:
        return sum(q.standard for q in self.quarters)


def title_share_chart(quarters) -> TitleShareChart:
    """The campaign page's chart of the share of posts using the standard title per quarter."""
    bars = []
    for index, quarter in enumerate(quarters):
        height = round((quarter.percent or 0) * CHART_SCALE)
        bars.append(
            ChartBar(quarter, CHART_LEFT + index * CHART_STEP, CHART_BASELINE - height, height)
        )
    with_posts = [q for q in quarters if q.posts]
    latest = with_posts[-1] if with_posts else None
    is_current = bool(latest and quarters and latest == quarters[-1])
    return TitleShareChart(list(quarters), bars, latest, is_current)
