"""A renewal rule in plain words, built only from the rule's data.

Staff keep each certifying body's figures in the admin (``RenewalRule`` and its
``CategoryMinimum`` rows). Nothing here knows what a particular body asks for: change the data and
the sentences on the body and credential pages change with it. Figures marked unverified get a
visible note from ``review_note`` so nobody mistakes them for confirmed ones.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist

NO_RULE_TEXT = (
    "No continuing education requirement is recorded for this credential. "
    "Check with the certifying body before your renewal date."
)

# Shares of the total that read better as words than as percentages.
_SHARE_WORDS = {
    Decimal("0.25"): "a quarter",
    Decimal("0.5"): "half",
    Decimal("0.75"): "three quarters",
}


def number(value) -> str:
    """36.0 → "36", 1.5 → "1.5": how a count of points reads in a sentence."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def points(value) -> str:
    """ "1 point", "36 points", "1.5 points"."""
    return f"{number(value)} point{'' if Decimal(value) == 1 else 's'}"


def _every(years: int) -> str:
    return "Every year" if years == 1 else f"Every {years} years"


def _in_sentence(name: str) -> str:
    """A category name as it reads mid-sentence: "Medical ethics" → "medical ethics", while an
    initialism such as "HLA typing" keeps its capitals."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


def join_words(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"; with a serial comma when an item has its own "and", so
    "blood bank and immunohematology, chemistry, and microbiology" stays unambiguous."""
    if len(items) <= 1:
        return "".join(items)
    if len(items) == 2:
        return f"{items[0]} and {items[1]}"
    serial = "," if any(" and " in item for item in items) else ""
    return f"{', '.join(items[:-1])}{serial} and {items[-1]}"


def _body_name(rule) -> str:
    body = rule.credential.body
    return body.abbreviation or body.name


def _minimum_groups(minimums) -> list[tuple[Decimal, list[str]]]:
    """Runs of consecutive minimums with the same points. A run of three or more reads as
    "2 each in a, b and c"; shorter runs are listed one by one."""
    runs: list[tuple[Decimal, list[str]]] = []
    for minimum in minimums:
        name = _in_sentence(minimum.category.name)
        if runs and runs[-1][0] == minimum.points:
            runs[-1][1].append(name)
        else:
            runs.append((minimum.points, [name]))
    groups: list[tuple[Decimal, list[str]]] = []
    for value, names in runs:
        if len(names) >= 3:
            groups.append((value, names))
        else:
            groups.extend((value, [name]) for name in names)
    return groups


def _minimums_sentence(rule, minimums) -> str:
    total_minimum = sum((m.points for m in minimums), Decimal(0))
    if len(minimums) == 1 and total_minimum >= rule.total_points:
        return f"All of them must be in {_in_sentence(minimums[0].category.name)}."
    parts = []
    for index, (value, names) in enumerate(_minimum_groups(minimums)):
        if index == 0:
            where = f"each of {join_words(names)}" if len(names) > 1 else names[0]
            parts.append(f"At least {points(value)} must be in {where}")
        else:
            each = " each" if len(names) > 1 else ""
            parts.append(f"{number(value)}{each} in {join_words(names)}")
    if len(parts) <= 2:
        return " and ".join(parts) + "."
    return f"{', '.join(parts[:-1])}, and {parts[-1]}."


def _rest_sentence(rule, minimums) -> str | None:
    rest = rule.total_points - sum((m.points for m in minimums), Decimal(0))
    if rest <= 0:
        return None
    if not minimums:
        return "They can be in your specialty or any other area of laboratory practice."
    return f"The rest ({points(rest)}) can be in your specialty or any laboratory area."


def _academic_sentence(rule) -> str:
    share = Decimal(rule.academic_share_limit)
    semester, quarter = rule.points_per_semester_hour, rule.points_per_quarter_hour
    if share <= 0 or (not semester and not quarter):
        return (
            "This guide does not convert college courses into points for this credential; "
            f"ask {_body_name(rule)} whether a course counts."
        )
    rates = []
    if semester:
        rates.append(f"one semester hour is {points(semester)}")
    if quarter:
        rates.append(f"one quarter hour {points(quarter)}" if semester else
                     f"one quarter hour is {points(quarter)}")  # fmt: skip
    if share >= 1:
        limit = "with no limit on how much of the total they make up"
    else:
        words = _SHARE_WORDS.get(share)
        limit = f"for at most {words or f'{number(share * 100)}%'} of the total"
    return f"College courses count: {' and '.join(rates)}, {limit}."


def describe_rule(rule) -> list[str]:
    """The rule's requirements as sentences a member can read, in the order they matter.

    Uses ``rule.credential.body`` and ``rule.minimums.all()`` (with their categories); views
    that show many rules should select and prefetch those.
    """
    minimums = list(rule.minimums.all())
    sentences = []
    if rule.total_points > 0:
        sentences.append(
            f"{_every(rule.cycle_years)} you need {points(rule.total_points)} "
            "of continuing education."
        )
        if minimums:
            sentences.append(_minimums_sentence(rule, minimums))
        if rest := _rest_sentence(rule, minimums):
            sentences.append(rest)
        sentences.append(_academic_sentence(rule))
    else:
        sentences.append("No continuing education points are required to keep this credential.")
    if rule.annual_renewal:
        if rule.total_points > 0:
            sentences.append(
                f"{_body_name(rule)} also asks you to renew every year and pay a yearly fee."
            )
        else:
            sentences.append(
                f"You renew it with {_body_name(rule)} every year and pay a yearly fee."
            )
    return sentences


def review_note(rule) -> str:
    """The visible warning for figures staff have not confirmed yet; empty when confirmed."""
    if not rule.needs_review:
        return ""
    return (
        f"These figures are being checked with {_body_name(rule)}; "
        "confirm them on its website before you rely on them."
    )


@dataclass
class RuleSummary:
    """What a page shows about one credential's renewal."""

    credential: object
    rule: object | None
    sentences: list[str] = field(default_factory=list)
    review_note: str = ""
    notes: str = ""

    @property
    def has_rule(self) -> bool:
        return self.rule is not None


def summarize(credential) -> RuleSummary:
    """The summary of ``credential``'s renewal rule, or of its absence."""
    try:
        rule = credential.renewal_rule
    except ObjectDoesNotExist:
        rule = None
    if rule is None:
        return RuleSummary(credential=credential, rule=None, sentences=[NO_RULE_TEXT])
    return RuleSummary(
        credential=credential,
        rule=rule,
        sentences=describe_rule(rule),
        review_note=review_note(rule),
        notes=rule.notes,
    )
