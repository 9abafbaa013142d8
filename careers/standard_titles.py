"""The standard-title check: does a job post call the role by the title the certifications use?

The I AM MLS campaign asks employers to call the bachelor's-level role **Medical Laboratory
Scientist (MLS)** and the associate-level role **Medical Laboratory Technician (MLT)**, instead
of older or local titles (Medical Technologist, MT, Clinical Laboratory Scientist, CLS, lab
tech, …). Staff keep the list of outdated titles (``OutdatedTitle`` in the admin); this module
is the one place that reads it:

- ``TitleMatcher`` finds outdated titles in a text. The rule, as staff see it in the admin:
  * a written-out title ("Medical Technologist") matches as whole words in any letter case,
    with any spacing or a hyphen between its words and an optional plural "s": it finds
    "medical technologist II" and "Medical Technologists", never a part of a longer word;
  * an abbreviation ("MT", "CLS") matches only in capitals and only standing alone: no letter,
    digit or underscore may touch it. "MT (ASCP)", "MT(ASCP)", "MLS/MT" and "CLS," match;
    "MTA", "SMT", "smt", "CLSI" and "Mt. Vernon" do not. A capital abbreviation right before a
    ZIP code is a state ("Helena, MT 59601") and does not match either;
  * the standard titles themselves are set aside first, so a list entry such as "Laboratory
    Technician" never fires inside "Medical Laboratory Technician".
- ``check_post`` says what an employer's title and description use; ``title_check_fields`` is
  what ``Job.save`` stores (title standing, the outdated-title flag and the terms found);
  ``recheck_jobs_mentioning`` stores it again for the posts a change to the list can affect
  (the admin), and ``recheck_all_jobs`` for every post (the command, the safety net).
- A post "uses the standard title" when its **title** names the role Medical Laboratory
  Scientist or Technician (or MLS / MLT standing alone) and uses no outdated title. A post whose
  title names the role with an outdated title is "outdated"; a title naming neither (a
  phlebotomist, a supervisor) is "another role" and stays out of the campaign's figures.
  The flag the moderators filter on, "uses an outdated title", covers the title and the
  description.
- ``quarterly_share`` is the campaign page's figure: of the posts first published on the portal
  in each quarter whose title names an MLS or MLT role, how many used the standard title. A post
  counts in the quarter of ``Job.first_published_at``, which a renewal or a re-approved edit
  never moves, so a past quarter's figure stays as it was.
- ``employers_switched`` finds employers whose posts moved from an outdated title to the
  standard one, for the institutions list.
"""

import functools
import html
import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.html import strip_tags

from careers.models import Employer, Job, OutdatedTitle, TitleStanding
from portal import fragments

STANDARD_TITLES = {
    OutdatedTitle.Replacement.MLS: "Medical Laboratory Scientist",
    OutdatedTitle.Replacement.MLT: "Medical Laboratory Technician",
}
# The standard titles in a text: written out (any case) or as the capital abbreviation alone.
_STANDARD = re.compile(
    r"(?i:(?<!\w)medical[\s-]+laboratory[\s-]+(?:scientist|technician)s?(?!\w))"
    r"|(?<!\w)(?:MLS|MLT)(?!\w)"
)
# A capital abbreviation followed by a ZIP code is a state, not a title.
_NOT_BEFORE_ZIP = r"(?!\s*\d{5}(?!\d))"
MAX_STORED_TERMS = 300


@dataclass(frozen=True)
class Term:
    term: str
    replacement: str  # "MLS" or "MLT"
    is_abbreviation: bool

    @property
    def standard_title(self) -> str:
        return STANDARD_TITLES[self.replacement]


@dataclass(frozen=True)
class Finding:
    """One outdated title found in a post."""

    found: str  # as the employer wrote it, e.g. "medical technologist"
    term: Term
    where: str  # "title" or "description"

    @property
    def standard_title(self) -> str:
        return self.term.standard_title

    @property
    def abbreviation(self) -> str:
        return self.term.replacement


def _pattern(term: Term) -> str:
    if term.is_abbreviation:
        return rf"(?<!\w){re.escape(term.term.strip())}(?!\w){_NOT_BEFORE_ZIP}"
    words = [re.escape(word) for word in term.term.split()]
    return r"(?i:(?<!\w)" + r"[\s-]+".join(words) + r"s?(?!\w))"


class TitleMatcher:
    """Finds the outdated titles of one list in a text (see the module's rule)."""

    def __init__(self, terms):
        # Longest first, so "Medical Technologist" wins over a shorter entry inside it.
        self.terms = sorted(terms, key=lambda t: (-len(t.term), t.term))
        self._regex = (
            re.compile("|".join(f"({_pattern(term)})" for term in self.terms))
            if self.terms
            else None
        )

    def find(self, text: str) -> list[tuple[str, Term]]:
        """``(as written, term)`` for each outdated title in ``text``, each term once, in the
        order they first appear."""
        if self._regex is None or not text:
            return []
        # The standard titles are blanked out first (same length, so nothing else moves).
        text = _STANDARD.sub(lambda m: " " * len(m.group()), text)
        seen, found = set(), []
        for match in self._regex.finditer(text):
            term = self.terms[match.lastindex - 1]
            if term not in seen:
                seen.add(term)
                found.append((match.group(), term))
        return found


@functools.lru_cache(maxsize=8)
def _matcher(terms: tuple[Term, ...]) -> TitleMatcher:
    return TitleMatcher(terms)


def _load_terms() -> tuple[Term, ...]:
    return tuple(
        Term(row.term.strip(), row.replacement, row.is_abbreviation)
        for row in OutdatedTitle.objects.filter(active=True).order_by("pk")
        if row.term.strip()
    )


def active_terms() -> tuple[Term, ...]:
    """The active outdated titles staff keep, read once and kept until one is saved."""
    return fragments.cached("outdated-titles", _load_terms, topics=["outdated-titles"])


def current_matcher() -> TitleMatcher:
    # Compiled once per process for each version of the list.
    return _matcher(active_terms())


def plain_text(description: str) -> str:
    """The words of a rich-text description, without markup. Neighbouring elements stay apart:
    ``<li>BS degree</li><li>MT(ASCP)</li>`` reads "BS degree MT(ASCP)", not "degreeMT(ASCP)"."""
    try:
        # A space before every tag: ``strip_tags`` alone joins the text on either side of one.
        # (A sanitised description has ``&lt;`` for a "<" in its text, so each "<" opens a tag.)
        return html.unescape(strip_tags((description or "").replace("<", " <")))
    except Exception:  # markup Django refuses to parse: the form refuses it anyway
        return ""


@dataclass(frozen=True)
class TitleCheck:
    findings: list[Finding]
    standing: str  # TitleStanding

    @property
    def uses_outdated_title(self) -> bool:
        return bool(self.findings)

    @property
    def uses_standard_title(self) -> bool:
        return self.standing == TitleStanding.STANDARD

    @property
    def suggestions(self) -> list[str]:
        """The standard titles to suggest, each once."""
        return list(dict.fromkeys(finding.standard_title for finding in self.findings))

    @property
    def terms_text(self) -> str:
        return ", ".join(dict.fromkeys(finding.found for finding in self.findings))


def check_post(title: str, description: str = "", matcher: TitleMatcher | None = None):
    """What a post's ``title`` and (rich-text) ``description`` call the role."""
    matcher = matcher or current_matcher()
    in_title = matcher.find(title or "")
    findings = [Finding(found, term, "title") for found, term in in_title]
    in_title_terms = {term for _, term in in_title}
    findings += [
        Finding(found, term, "description")
        for found, term in matcher.find(plain_text(description))
        if term not in in_title_terms
    ]
    if in_title:
        standing = TitleStanding.OUTDATED
    elif _STANDARD.search(title or ""):
        standing = TitleStanding.STANDARD
    else:
        standing = TitleStanding.OTHER
    return TitleCheck(findings, standing)


def title_check_fields(title: str, description: str, matcher: TitleMatcher | None = None):
    """The stored fields of a post's title check (``Job.save`` sets them)."""
    check = check_post(title, description, matcher)
    return {
        "title_standing": check.standing,
        "uses_outdated_title": check.uses_outdated_title,
        "outdated_terms": check.terms_text[:MAX_STORED_TERMS],
    }


_CHECK_FIELDS = ["title_standing", "uses_outdated_title", "outdated_terms"]


@dataclass(frozen=True)
class Recheck:
    checked: int  # posts checked again
    changed: int  # of those, posts whose stored check changed


def recheck_all_jobs(*, batch_size: int = 500) -> int:
    """Check every post again against the current list (after the list changed outside the
    admin, or the rule changed). Returns how many posts' checks changed. Only changed rows are
    written."""
    return _recheck(Job.objects.all(), batch_size=batch_size).changed


def _mentioning(term: str) -> Q:
    """Posts whose title or stored description holds every word of ``term``, in any letter
    case: the only posts whose check that list entry can change.

    A match of the entry (as a written-out title or an abbreviation, hyphenated, plural or
    after a tag) holds each of its words as written, and a sanitised description keeps letters
    as letters, so this never leaves out a post the entry matches, before or after the
    change. It may take in a few more ("Technologist" elsewhere in a text that mentions
    "Medical"); those are checked and left as they are."""
    words = re.findall(r"\w+", term)
    if not words:
        return Q(pk__in=[])
    in_title, in_description = Q(), Q()
    for word in words:
        in_title &= Q(title__icontains=word)
        in_description &= Q(description__icontains=word)
    return in_title | in_description


def recheck_jobs_mentioning(terms, *, batch_size: int = 500) -> Recheck:
    """Check again, against the current list, only the posts that mention one of ``terms``:
    the entries staff just added, removed, switched on or off, or edited (give an edited
    entry's old wording and its new one). Selected in the database first, so a change to the
    list in the admin stays quick however many posts the job board holds."""
    wanted = Q(pk__in=[])
    for term in {term.strip() for term in terms if term and term.strip()}:
        wanted |= _mentioning(term)
    return _recheck(Job.objects.filter(wanted), batch_size=batch_size)


def _recheck(jobs, *, batch_size: int) -> Recheck:
    fragments.changed("outdated-titles")
    matcher = _matcher(_load_terms())
    changed = []
    fields = _CHECK_FIELDS
    rows = jobs.only("pk", "title", "description", *fields).order_by("pk")
    total = checked = 0
    for job in rows.iterator(chunk_size=batch_size):
        checked += 1
        new = title_check_fields(job.title, job.description, matcher)
        if any(getattr(job, name) != value for name, value in new.items()):
            for name, value in new.items():
                setattr(job, name, value)
            changed.append(job)
        if len(changed) >= batch_size:
            total += Job.objects.bulk_update(changed, fields)
            changed = []
    if changed:
        total += Job.objects.bulk_update(changed, fields)
    # The job board and the campaign page show the checks: their cached pieces go.
    fragments.changed("jobs")
    return Recheck(checked, total)


# --- The campaign page's figure ---------------------------------------------------------------


@dataclass(frozen=True)
class QuarterShare:
    start: date  # the first day of the quarter
    posts: int  # posts first published in it whose title names an MLS or MLT role
    standard: int  # of those, posts using the standard title

    @property
    def percent(self) -> int | None:
        return round(100 * self.standard / self.posts) if self.posts else None

    @property
    def label(self) -> str:
        return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"

    @property
    def months(self) -> str:
        return f"{self.start:%B}–{_add_months(self.start, 2):%B} {self.start.year}"


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _add_quarters(day: date, quarters: int) -> date:
    return _add_months(day, 3 * quarters)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def quarterly_share(quarters: int = 8, today: date | None = None) -> list[QuarterShare]:
    """The last ``quarters`` quarters (this one, so far, included), oldest first: posts first
    published on the portal in each quarter (in the site's time zone) whose title names an MLS
    or MLT role, and how many of them used the standard title. One query.

    "First published" is ``Job.first_published_at``: a renewed post, or a live one edited and
    approved again, stays in the quarter it first went live in."""
    this_quarter = quarter_start(today or timezone.localdate())
    starts = [_add_quarters(this_quarter, -n) for n in range(quarters - 1, -1, -1)]
    aggregates = {}
    for index, start in enumerate(starts):
        within = Q(
            first_published_at__gte=_midnight(start),
            first_published_at__lt=_midnight(_add_quarters(start, 1)),
        )
        aggregates[f"posts_{index}"] = Count("pk", filter=within)
        aggregates[f"standard_{index}"] = Count(
            "pk", filter=within & Q(title_standing=TitleStanding.STANDARD)
        )
    counts = (
        Job.objects.filter(
            first_published_at__gte=_midnight(starts[0]),
            first_published_at__lt=_midnight(_add_quarters(this_quarter, 1)),
        )
        .exclude(title_standing=TitleStanding.OTHER)
        .aggregate(**aggregates)
    )
    return [
        QuarterShare(start, counts[f"posts_{i}"], counts[f"standard_{i}"])
        for i, start in enumerate(starts)
    ]


# --- Employers that switched ------------------------------------------------------------------


# An employer's posts are put in the order they first went live: renewing an old outdated post
# does not make it the employer's "latest" one.
def _role_posts():
    return Job.objects.filter(employer=OuterRef("pk"), first_published_at__isnull=False).exclude(
        title_standing=TitleStanding.OTHER
    )


def employers_switched(queryset=None):
    """Employers whose latest published post for an MLS or MLT role uses the standard title,
    after an earlier published one used an outdated title."""
    queryset = Employer.objects.all() if queryset is None else queryset
    latest = _role_posts().order_by("-first_published_at", "-pk")
    return queryset.annotate(
        _latest_standing=Subquery(latest.values("title_standing")[:1]),
        _latest_standard_at=Subquery(
            latest.filter(title_standing=TitleStanding.STANDARD).values("first_published_at")[:1]
        ),
    ).filter(
        Exists(
            _role_posts().filter(
                title_standing=TitleStanding.OUTDATED,
                first_published_at__lt=OuterRef("_latest_standard_at"),
            )
        ),
        _latest_standing=TitleStanding.STANDARD,
    )


@dataclass(frozen=True)
class Switch:
    employer: Employer
    old_terms: list[str]
    first_standard: Job  # the first standard-titled post after the last outdated one


def title_switch(employer: Employer) -> Switch | None:
    """How ``employer``'s posts switched to the standard title, or None if they did not."""
    if not employers_switched(Employer.objects.filter(pk=employer.pk)).exists():
        return None
    posts = list(
        Job.objects.filter(employer=employer, first_published_at__isnull=False)
        .exclude(title_standing=TitleStanding.OTHER)
        .only("pk", "title", "slug", "first_published_at", "title_standing", "outdated_terms")
        .order_by("first_published_at", "pk")
    )
    last_outdated = max(
        i for i, job in enumerate(posts) if job.title_standing == TitleStanding.OUTDATED
    )
    old_terms = list(
        dict.fromkeys(
            term.strip()
            for job in posts[: last_outdated + 1]
            if job.title_standing == TitleStanding.OUTDATED
            for term in job.outdated_terms.split(",")
            if term.strip()
        )
    )
    first_standard = next(
        job for job in posts[last_outdated + 1 :] if job.title_standing == TitleStanding.STANDARD
    )
    return Switch(employer, old_terms, first_standard)
