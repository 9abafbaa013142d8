"""suggest_next_steps is a pure function: progress and webinars in, 2–4 steps out, no database."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

from django.utils import timezone

from certification.models import Webinar
from certification.progress import CategoryCheck, CEProgress
from certification.suggestions import format_points, suggest_next_steps

TODAY = date(2026, 11, 21)
SAFETY = SimpleNamespace(pk=1, name="Laboratory safety", slug="laboratory-safety")
MICRO = SimpleNamespace(pk=2, name="Microbiology", slug="microbiology")
CHEM = SimpleNamespace(pk=3, name="Chemistry", slug="chemistry")
HOLDING = SimpleNamespace(pk=7, credential=SimpleNamespace(name="MLS(ASCP)"))


def _progress(earned, checks, *, end=date(2027, 3, 31), counted=(), required=36):
    return CEProgress(
        holding=HOLDING,
        rule=None,
        window_start=date(2024, 4, 1),
        window_end=end,
        today=TODAY,
        required=Decimal(required),
        earned=Decimal(earned),
        academic_capped=Decimal(0),
        categories=[
            CategoryCheck(category=c, required=Decimal(r), earned=Decimal(e)) for c, r, e in checks
        ],
        counted=list(counted),
    )


def _webinar(pk, title, category, day, hours="1", published=True):
    starts = timezone.make_aware(datetime(day.year, day.month, day.day, 18, 0))
    return Webinar(
        pk=pk,
        title=title,
        slug=f"webinar-{pk}",
        starts_at=starts,
        contact_hours=Decimal(hours),
        category_id=category.pk,
        is_published=published,
    )


def _texts(steps):
    return [step.text for step in steps]


def test_a_missing_category_with_an_upcoming_webinar_points_to_that_webinar():
    progress = _progress(30, [(SAFETY, 1, 1), (MICRO, 2, 0), (CHEM, 2, 10)])
    gram = _webinar(11, "Gram stains revisited", MICRO, date(2026, 12, 9))

    steps = suggest_next_steps(progress, [gram])

    assert steps[0].text == (
        "2 more points in Microbiology — upcoming webinar: Gram stains revisited on "
        "9 December 2026 (1 contact hour)"
    )
    assert steps[0].url == "/certification/webinars/webinar-11/"
    # The other 4 of the 6 missing points can come from any subject.
    assert steps[1].text.startswith("4 more points in any laboratory subject")
    assert 2 <= len(steps) <= 4


def test_without_a_matching_webinar_it_points_to_the_ce_options_for_that_topic():
    progress = _progress(35, [(SAFETY, 1, 0), (MICRO, 2, 2)])
    chemistry_webinar = _webinar(12, "Lipids", CHEM, date(2026, 12, 1))

    steps = suggest_next_steps(progress, [chemistry_webinar])

    assert steps[0].text == (
        "1 more point in Laboratory safety — find a course in the CE options directory"
    )
    assert steps[0].url == "/certification/ce-options/?topic=laboratory-safety"
    assert len(steps) >= 2


def test_a_webinar_after_the_cycle_ends_or_unpublished_or_past_is_not_suggested():
    progress = _progress(20, [(MICRO, 2, 0)], end=date(2027, 1, 31))
    too_late = _webinar(13, "After the cycle", MICRO, date(2027, 2, 10))
    draft = _webinar(14, "Not published", MICRO, date(2026, 12, 10), published=False)
    past = _webinar(15, "Last month", MICRO, date(2026, 10, 10))

    steps = suggest_next_steps(progress, [too_late, draft, past])

    assert "webinar" not in steps[0].text
    assert steps[0].url == "/certification/ce-options/?topic=microbiology"


def test_each_webinar_is_suggested_once_and_the_soonest_first():
    progress = _progress(10, [(MICRO, 2, 0), (CHEM, 2, 0)])
    later = _webinar(16, "Later micro", MICRO, date(2027, 1, 20))
    sooner = _webinar(17, "Sooner micro", MICRO, date(2026, 12, 2), hours="1.5")

    steps = suggest_next_steps(progress, [later, sooner])

    assert "Sooner micro on 2 December 2026 (1.5 contact hours)" in steps[0].text
    assert "CE options directory" in steps[1].text  # chemistry has no webinar
    # The remaining points may come from the other microbiology webinar.
    assert "Later micro" in steps[2].text
    assert len(steps) == 3


def test_never_more_than_four_steps():
    cats = [SimpleNamespace(pk=i, name=f"Area {i}", slug=f"area-{i}") for i in range(1, 8)]
    progress = _progress(0, [(c, 1, 0) for c in cats])
    assert len(suggest_next_steps(progress, [])) == 4


def test_at_least_two_steps_even_when_only_points_are_missing():
    progress = _progress(30, [(SAFETY, 1, 1)])
    steps = suggest_next_steps(progress, [])
    assert len(steps) == 2
    assert steps[0].text.startswith("6 more points in any laboratory subject")
    assert steps[0].url == "/certification/ce-options/"
    assert steps[1].url == "/certification/tracker/activities/add/"


def test_a_complete_cycle_suggests_declaring_and_keeping_the_transcript():
    no_certificate = SimpleNamespace(certificate="")
    progress = _progress(36, [(SAFETY, 1, 1)], counted=[no_certificate])

    texts = _texts(suggest_next_steps(progress, []))

    assert texts[0].startswith("You have everything this cycle asks for.")
    assert "before your cycle ends on 31 March 2027" in texts[0]
    assert "transcript" in texts[1]
    assert "no certificate attached" in texts[2]


def test_a_cycle_that_has_ended_asks_for_the_new_cycle_end_date():
    progress = _progress(10, [(SAFETY, 1, 0)], end=TODAY - timedelta(days=3))
    steps = suggest_next_steps(progress, [])
    assert steps[0].text.startswith("This cycle ended on 18 November 2026.")
    assert steps[0].url == "/certification/tracker/credentials/7/edit/"
    assert len(steps) == 2


def test_points_read_naturally():
    assert format_points(Decimal("2.0")) == "2"
    assert format_points(Decimal("1.50")) == "1.5"
    assert format_points(Decimal("0.25")) == "0.25"
    assert format_points(Decimal("15")) == "15"


def test_webinar_steps_come_first_and_the_remaining_points_keep_a_place():
    cats = [SimpleNamespace(pk=i, name=f"Area {i}", slug=f"area-{i}") for i in range(10, 15)]
    progress = _progress(5, [(c, 1, 0) for c in cats])  # 5 areas short, 31 points missing
    webinar = _webinar(21, "Area 14 update", cats[4], date(2026, 12, 3))

    texts = _texts(suggest_next_steps(progress, [webinar]))

    assert len(texts) == 4
    assert texts[0].startswith("1 more point in Area 14 — upcoming webinar: Area 14 update")
    assert texts[1].startswith("1 more point in Area 10 — find a course")
    assert texts[3].startswith("26 more points in any laboratory subject")
