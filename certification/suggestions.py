"""What a member could do next for one credential: 2 to 4 short, concrete steps.

``suggest_next_steps`` is a pure function of a ``CEProgress`` (certification.progress) and a list
of upcoming webinars: it reads no database and no clock (the progress carries its own ``today``),
so the dashboard, the reminder emails and the tests all get the same answer from the same input.
"""

from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats, timezone

from certification.progress import COMPLETE

MAX_STEPS = 4
MIN_STEPS = 2


@dataclass(frozen=True)
class NextStep:
    text: str
    url: str = ""
    link_text: str = ""


def format_points(value) -> str:
    """1 → "1", 1.50 → "1.5", 2.0 → "2"."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(value.quantize(Decimal(1)))
    return format(value.normalize(), "f")


def points_phrase(value) -> str:
    number = format_points(value)
    return f"{number} point" if number == "1" else f"{number} points"


def more_points_phrase(value) -> str:
    """ "1 more point", "2.5 more points"."""
    number = format_points(value)
    return f"{number} more point" if number == "1" else f"{number} more points"


def hours_phrase(value) -> str:
    number = format_points(value)
    return f"{number} contact hour" if number == "1" else f"{number} contact hours"


def _long_date(day) -> str:
    return formats.date_format(day, "j F Y")


def _webinar_day(webinar):
    return timezone.localtime(webinar.starts_at).date()


def _options_url(category=None) -> str:
    url = reverse("certification:options")
    return f"{url}?{urlencode({'topic': category.slug})}" if category is not None else url


def _webinars_in_cycle(progress, upcoming_webinars):
    """Upcoming webinars that happen after ``today`` and by the cycle's last day, soonest first
    (a webinar after the cycle ends would not count toward it)."""
    fitting = [
        w
        for w in upcoming_webinars
        if progress.today <= _webinar_day(w) <= progress.window_end
        and getattr(w, "is_published", True)
    ]
    return sorted(fitting, key=lambda w: w.starts_at)


def _webinar_step(prefix: str, webinar) -> NextStep:
    return NextStep(
        text=(
            f"{prefix} — upcoming webinar: {webinar.title} on "
            f"{_long_date(_webinar_day(webinar))} ({hours_phrase(webinar.contact_hours)})"
        ),
        url=webinar.get_absolute_url(),
        link_text=f"See the webinar {webinar.title}",
    )


def _completed_steps(progress) -> list[NextStep]:
    holding = progress.holding
    steps = [
        NextStep(
            text=(
                f"You have everything this cycle asks for. Declare your CE to the certifying "
                f"body before your cycle ends on {_long_date(progress.window_end)}."
            )
        ),
        NextStep(
            text="Keep a transcript with your certificates in case you are picked for an audit.",
            url=reverse("certification:transcript_pdf", kwargs={"pk": holding.pk}),
            link_text=f"Download the transcript for {holding.credential.name} (PDF)",
        ),
    ]
    if any(not activity.certificate for activity in progress.counted):
        steps.append(
            NextStep(
                text="Some activities have no certificate attached. Add them now while they "
                "are easy to find."
            )
        )
    return steps


def _cycle_over_steps(progress) -> list[NextStep]:
    return [
        NextStep(
            text=(
                f"This cycle ended on {_long_date(progress.window_end)}. If you have renewed, "
                "enter the end date of your new cycle."
            ),
            url=reverse("certification:holding_edit", kwargs={"pk": progress.holding.pk}),
            link_text=f"Update the cycle end date for {progress.holding.credential.name}",
        ),
        NextStep(
            text="If you are still short, contact your certifying body about your options "
            "before you log more CE."
        ),
    ]


def suggest_next_steps(progress, upcoming_webinars) -> list[NextStep]:
    """Two to four next steps for ``progress``.

    Each category still short gets a step: the soonest upcoming webinar in that category that
    falls inside the cycle, or else the CE options directory filtered on it (steps with a
    webinar come first, being the easiest to act on). Points still missing beyond the category
    minimums always keep a place. General tips make up at least two steps.
    """
    if progress.status == COMPLETE:
        return _completed_steps(progress)[:MAX_STEPS]
    if progress.days_left < 0:
        return _cycle_over_steps(progress)

    webinars = _webinars_in_cycle(progress, upcoming_webinars)
    used = set()
    with_webinar: list[NextStep] = []
    without_webinar: list[NextStep] = []

    category_shortfall = Decimal(0)
    for check in progress.missing_categories:
        category_shortfall += check.missing
        prefix = f"{more_points_phrase(check.missing)} in {check.category.name}"
        webinar = next(
            (w for w in webinars if w.category_id == check.category.pk and w.pk not in used),
            None,
        )
        if webinar is not None:
            used.add(webinar.pk)
            with_webinar.append(_webinar_step(prefix, webinar))
        else:
            without_webinar.append(
                NextStep(
                    text=f"{prefix} — find a course in the CE options directory",
                    url=_options_url(check.category),
                    link_text=f"CE options in {check.category.name}",
                )
            )

    # Points beyond what the missing categories will bring, in any laboratory subject.
    other_step = None
    other = progress.missing - category_shortfall
    if other > 0:
        prefix = f"{more_points_phrase(other)} in any laboratory subject"
        webinar = next((w for w in webinars if w.pk not in used), None)
        if webinar is not None:
            other_step = _webinar_step(prefix, webinar)
        else:
            other_step = NextStep(
                text=f"{prefix} — the CE options directory lists courses, conferences and "
                "free webinars",
                url=_options_url(),
                link_text="Browse all CE options",
            )

    room = MAX_STEPS - (1 if other_step else 0)
    steps = (with_webinar + without_webinar)[:room]
    if other_step:
        steps.append(other_step)

    if len(steps) < MIN_STEPS:
        steps.append(
            NextStep(
                text="Completed CE that is not here yet? Log it, with its certificate, so it "
                "counts.",
                url=reverse("certification:activity_add"),
                link_text="Log a CE activity",
            )
        )
    if len(steps) < MIN_STEPS:
        steps.append(
            NextStep(
                text="ASCLS members attend the monthly Labucate webinars at no cost and earn "
                "P.A.C.E. credit.",
                url=reverse("certification:webinar_list"),
                link_text="See upcoming webinars",
            )
        )
    return steps
