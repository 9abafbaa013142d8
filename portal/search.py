"""Site-wide search: one query over every section of the portal.

Each app says what it contributes in ``<app>/site_search.py`` with ``SOURCES``, a list of
``SearchSource``; adding a section to search means adding one entry there. A source names the
items a person may find (``queryset(user)``: published, live, never drafts or expired posts) and
the text fields to search.

Member-only items are locked teasers for people who may not read them: they are found by their
title and summary only (which everyone may read anyway), and their snippet never comes from the
body.

PostgreSQL uses full-text search (English stemming, ``websearch`` syntax: quotes, ``-word``,
``or``), ranked with the title above the summary above the body, over stored vectors with GIN
indexes where a source keeps them; a single misspelled word falls back to trigram similarity on
titles. SQLite matches words and phrases as substrings. This module is the only place that
knows the difference.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from portal import fragments
from portal.access import may_see_member_content
from portal.contributions import app_modules
from portal.pagination import count_key

MAX_QUERY_LENGTH = 200
SEARCH_CONFIG = "english"
SNIPPET_CHARS = 220
TRIGRAM_THRESHOLD = 0.3
# Counting every match of a word that is on nearly every page costs more than the page itself;
# past this many a section says "1,000+" (and its results still page on to there).
COUNT_CAP = 1000
COUNT_TIMEOUT = 60


@dataclass(frozen=True)
class SearchSource:
    """One kind of item site search can find."""

    key: str  # unique and stable: it is the ?section= value
    label: str  # the section shown with each result, e.g. "Laboratory Resources"
    queryset: Callable[[Any], QuerySet]  # user -> the items they may find
    title: str = "title"
    summary: str | None = None  # text everyone may read, also for member-only items
    body: tuple[str, ...] = ()  # the full text (HTML is fine); members only where marked
    date: str | None = None  # shown with each result; newer first among equal ranks
    members_only: Q | None = None  # which rows are member-only, if the model has any
    # Stored tsvector columns (full, teaser) kept by a database trigger, when the table may be
    # large; otherwise the vector is computed from the fields (fine for small tables).
    stored_vectors: tuple[str, str | None] | None = None
    url: Callable[[Any], str] = field(default=lambda obj: obj.get_absolute_url())
    order: int = 100  # position among the section filters

    def full_vector(self):
        if self.stored_vectors:
            return F(self.stored_vectors[0])
        vector = SearchVector(self.title, weight="A", config=SEARCH_CONFIG)
        if self.summary:
            vector += SearchVector(self.summary, weight="B", config=SEARCH_CONFIG)
        if self.body:
            vector += SearchVector(*self.body, weight="C", config=SEARCH_CONFIG)
        return vector

    def teaser_vector(self):
        if self.stored_vectors and self.stored_vectors[1]:
            return F(self.stored_vectors[1])
        vector = SearchVector(self.title, weight="A", config=SEARCH_CONFIG)
        if self.summary:
            vector += SearchVector(self.summary, weight="B", config=SEARCH_CONFIG)
        return vector


# --- The registry ----------------------------------------------------------------------------


def _portal_sources():
    from portal.models import Page

    return [
        SearchSource(
            key="pages",
            label="Society pages",
            queryset=lambda user: Page.objects.published(),
            summary="summary",
            body=("body",),
            date="updated_at",
            members_only=Q(visibility="members"),
            stored_vectors=("search_vector", "teaser_vector"),  # portal/migrations/0004
            order=90,
        )
    ]


def search_sources() -> list[SearchSource]:
    """Every app's sources, in filter order."""
    sources = _portal_sources()
    for module in app_modules("site_search"):
        sources.extend(module.SOURCES)
    return sorted(sources, key=lambda source: (source.order, source.label))


# --- Reading the query ------------------------------------------------------------------------


def clean_query(raw: str) -> str:
    # PostgreSQL refuses a NUL anywhere in a query's text; in a search box it means nothing.
    return " ".join((raw or "").replace("\x00", " ").split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class ParsedQuery:
    """The query as the SQLite fallback and the highlighter read it: words and "phrases" that
    must appear, and -words that must not. PostgreSQL reads the raw text itself."""

    required: tuple[str, ...]
    excluded: tuple[str, ...]

    @property
    def is_single_word(self) -> bool:
        return len(self.required) == 1 and " " not in self.required[0] and not self.excluded


_TOKEN = re.compile(r'(-?)"([^"]+)"|(\S+)')


def parse_query(query: str) -> ParsedQuery:
    required, excluded = [], []
    for negated, phrase, word in _TOKEN.findall(query):
        if phrase:
            (excluded if negated else required).append(phrase.strip())
            continue
        if word.lower() == "or":
            continue
        if word.startswith("-") and len(word) > 1:
            excluded.append(word[1:].strip("\"'"))
        else:
            word = word.strip("\"'")
            if word:
                required.append(word)
    return ParsedQuery(tuple(required[:10]), tuple(excluded[:10]))


# --- Matching -----------------------------------------------------------------------------------


def _locked_rows(source: SearchSource, *, bodies: bool) -> Q | None:
    """The rows that are locked teasers for this person: member-only ones, unless they may read
    member bodies; ``None`` when nothing is locked."""
    return source.members_only if (source.members_only is not None and not bodies) else None


def _matching(source: SearchSource, queryset, query: str, parsed: ParsedQuery, *, bodies: bool):
    """``(queryset filtered to what matches, the expression that ranks a match)``.

    The vectors are aliases, not annotations: counting the matches must not rank them, and a
    page of results must not carry each row's vector back to Python."""
    locked = _locked_rows(source, bodies=bodies)
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        full = source.full_vector()
        if locked is None:
            return (
                queryset.alias(search_full=full).filter(search_full=ts_query),
                SearchRank(full, ts_query),
            )
        teaser = source.teaser_vector()
        return (
            queryset.alias(search_full=full, search_teaser=teaser).filter(
                (~locked & Q(search_full=ts_query)) | (locked & Q(search_teaser=ts_query))
            ),
            Case(
                When(locked, then=SearchRank(teaser, ts_query)),
                default=SearchRank(full, ts_query),
                output_field=FloatField(),
            ),
        )
    return _fallback_matching(source, queryset, parsed, locked)


def _matches(source: SearchSource, queryset, query: str, parsed: ParsedQuery, *, bodies: bool):
    """``queryset`` filtered to what matches, annotated with ``search_rank``."""
    matched, rank = _matching(source, queryset, query, parsed, bodies=bodies)
    return matched.annotate(search_rank=rank)


def _fallback_matching(source, queryset, parsed: ParsedQuery, locked: Q | None):
    if not parsed.required:
        return queryset.none(), Value(0.0, output_field=FloatField())
    matches, rank = Q(), Value(0.0, output_field=FloatField())
    for term in parsed.required:
        in_title, in_summary, in_body = _term_q(source, term)
        if locked is not None:
            in_body &= ~locked
        matches &= in_title | in_summary | in_body
        rank = rank + Case(
            When(in_title, then=Value(4.0)),
            When(in_summary, then=Value(2.0)),
            default=Value(1.0),
            output_field=FloatField(),
        )
    for term in parsed.excluded:
        in_title, in_summary, in_body = _term_q(source, term)
        matches &= ~(in_title | in_summary | in_body)
    return queryset.filter(matches), rank


def _term_q(source, term):
    in_title = Q(**{f"{source.title}__icontains": term})
    in_summary = Q(**{f"{source.summary}__icontains": term}) if source.summary else Q(pk=None)
    in_body = Q(pk=None)
    for name in source.body:
        in_body |= Q(**{f"{name}__icontains": term})
    return in_title, in_summary, in_body


def _similar_matching(source: SearchSource, queryset, word: str):
    """A misspelled word: titles with a word close to it (PostgreSQL's pg_trgm). The ``%>``
    operator (``trigram_word_similar``) can read a title's trigram GIN index, where comparing
    ``word_similarity()`` with a number reads every row; its threshold is pg_trgm's setting,
    which ``_use_trigram_threshold()`` sets to ours."""
    return (
        queryset.filter(**{f"{source.title}__trigram_word_similar": word}),
        Cast(TrigramWordSimilarity(word, source.title), FloatField()),
    )


def _use_trigram_threshold():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
            [str(TRIGRAM_THRESHOLD)],
        )


# --- Results -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    title: str
    url: str
    section: str
    section_key: str
    snippet: str  # safe HTML: escaped text with <mark> around matched words
    date: date | None
    is_locked: bool  # a member-only item shown as a teaser to someone who may not read it
    rank: float


@dataclass
class _SourceMatches:
    source: SearchSource
    ranked: QuerySet  # the matches, best first
    count: int
    rows: list = field(default_factory=list)  # the best ``fetched`` of them, read already
    fetched: int = 0

    def best(self, stop: int) -> list:
        if stop > self.fetched and self.fetched < self.count:
            self.rows, self.fetched = list(self.ranked[:stop]), stop
        return self.rows[:stop]


class _MergedResults:
    """The matches of every source as one list ordered by rank, for Django's Paginator: only the
    slice a page needs is read, at most ``stop`` rows per source, and none again that
    ``site_search`` read while counting."""

    def __init__(self, parts: list[_SourceMatches], parsed: ParsedQuery):
        self.parts = parts
        self.parsed = parsed

    def __len__(self):
        return sum(part.count for part in self.parts)

    def __getitem__(self, window: slice):
        stop = window.stop or len(self)
        rows = [(part, obj) for part in self.parts if part.count for obj in part.best(stop)]
        rows.sort(key=lambda row: (-row[1].search_rank, _sort_date(row)))
        return [self._result(part, obj) for part, obj in rows[window.start or 0 : stop]]

    def _result(self, part, obj) -> SearchResult:
        source = part.source
        locked = bool(obj.search_locked)
        texts = [getattr(obj, source.summary, "") if source.summary else ""]
        if not locked:
            texts += [getattr(obj, name, "") for name in source.body]
        when = getattr(obj, source.date, None) if source.date else None
        return SearchResult(
            title=getattr(obj, source.title),
            url=source.url(obj),
            section=source.label,
            section_key=source.key,
            snippet=highlight(_snippet_text(texts, self.parsed), self.parsed),
            date=when.date() if isinstance(when, datetime) else when,
            is_locked=locked,
            rank=float(obj.search_rank or 0),
        )


def _sort_date(row):
    part, obj = row
    when = getattr(obj, part.source.date, None) if part.source.date else None
    if isinstance(when, datetime):
        return -when.timestamp()
    if isinstance(when, date):
        return -when.toordinal() * 86400.0
    return 0.0


def _count_text(count: int) -> str:
    return f"{COUNT_CAP:,}+" if count > COUNT_CAP else f"{count:,}"


@dataclass(frozen=True)
class SectionCount:
    key: str
    label: str
    count: int

    @property
    def display(self) -> str:
        return _count_text(self.count)


@dataclass
class SearchOutcome:
    query: str
    section: str | None
    sections: list[SectionCount]  # every section with its number of matches
    page: Any  # a Django Page of SearchResult
    total: int
    similar_titles: bool = False  # nothing matched exactly; these titles look like the word

    @property
    def total_display(self) -> str:
        chosen = [s for s in self.sections if not self.section or s.key == self.section]
        if any(s.count > COUNT_CAP for s in chosen):
            return f"More than {sum(min(s.count, COUNT_CAP) for s in chosen):,}"
        return f"{self.total:,}"


def _page_number(page) -> int:
    try:
        return max(1, int(page))
    except (TypeError, ValueError):
        return 1


def site_search(query: str, *, user, section: str | None = None, page=1, per_page=20):
    query = clean_query(query)
    parsed = parse_query(query)
    bodies = may_see_member_content(user)
    sources = search_sources()
    if section not in {source.key for source in sources}:
        section = None
    # Rows the requested page needs from each shown section, read with the count; a page
    # past the end is clamped by the Paginator and reads from what is here.
    stop = min(_page_number(page) * per_page, COUNT_CAP + 1)
    collect = {"bodies": bodies, "user": user, "section": section, "stop": stop}
    parts = _collect(sources, query, parsed, **collect)
    similar = False
    if (
        query
        and connection.vendor == "postgresql"
        and parsed.is_single_word
        and not any(part.count for part in parts)
    ):
        _use_trigram_threshold()
        parts = _collect(sources, query, parsed, similar=True, **collect)
        similar = any(part.count for part in parts)
    counts = [SectionCount(p.source.key, p.source.label, p.count) for p in parts]
    chosen = [p for p in parts if not section or p.source.key == section]
    paginator = Paginator(_MergedResults(chosen, parsed), per_page)
    return SearchOutcome(
        query=query,
        section=section,
        sections=counts,
        page=paginator.get_page(page),
        total=sum(p.count for p in chosen),
        similar_titles=similar,
    )


def _collect(sources, query, parsed, *, bodies, user, section, stop, similar=False):
    """Each source's matches and their number, counted up to ``COUNT_CAP + 1``. A shown
    section's best ``stop`` rows are read first: when there are fewer, that is the count."""
    parts = []
    for source in sources:
        if not query:
            parts.append(_SourceMatches(source, source.queryset(user).none(), 0))
            continue
        queryset = source.queryset(user)
        queryset = queryset.defer(*_vector_fields(queryset.model))
        if similar:
            matched, rank = _similar_matching(source, queryset, parsed.required[0])
        else:
            matched, rank = _matching(source, queryset, query, parsed, bodies=bodies)
        locked = _locked_rows(source, bodies=bodies)
        ordering = ["-search_rank", *([f"-{source.date}"] if source.date else []), "-pk"]
        ranked = matched.annotate(
            search_rank=rank,
            search_locked=Case(
                When(locked, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
            if locked is not None
            else Value(False),
        ).order_by(*ordering)
        part = _SourceMatches(source, ranked, count=COUNT_CAP + 1)
        if not section or source.key == section:
            rows = part.best(stop)
            if len(rows) < stop:
                part.count = len(rows)  # all of them: no need to count
        if part.count > COUNT_CAP:
            # Counting stops past the cap: a word on nearly every row would otherwise cost more
            # than the page. (A window count in the ranking query buffers every matching row.)
            # The same words searched again within a minute reuse the number: it is a hint
            # beside a section, while the results themselves are always read fresh.
            part.count = fragments.cached(
                count_key("search", source.key, query, bodies, similar),
                lambda matched=matched: matched[: COUNT_CAP + 1].count(),
                topics=["search"],
                timeout=COUNT_TIMEOUT,
            )
        parts.append(part)
    return parts


def _vector_fields(model) -> list[str]:
    """Stored search vectors: searched in the database, never needed in Python."""
    return [f.name for f in model._meta.concrete_fields if isinstance(f, SearchVectorField)]


# --- Snippets --------------------------------------------------------------------------------


def _plain(text: str) -> str:
    return " ".join(html.unescape(strip_tags(text or "")).split())


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _pattern(parsed: ParsedQuery):
    parts = []
    for term in parsed.required:
        if " " in term:
            parts.append(re.escape(term))
        else:
            parts.append(re.escape(_stem(term)) + r"\w*")
    if not parts:
        return None
    return re.compile(r"\b(" + "|".join(sorted(parts, key=len, reverse=True)) + ")", re.I)


def _snippet_text(texts, parsed: ParsedQuery) -> str:
    """About SNIPPET_CHARS of plain text around the first matched word, else the opening."""
    pattern = _pattern(parsed)
    plain_texts = [_plain(text) for text in texts if text]
    for text in plain_texts:
        found = pattern.search(text) if pattern else None
        if found:
            start = max(0, found.start() - SNIPPET_CHARS // 3)
            if start:
                start = text.find(" ", start) + 1 or start
            piece = text[start : start + SNIPPET_CHARS]
            return (
                ("… " if start else "")
                + piece
                + (" …" if start + SNIPPET_CHARS < len(text) else "")
            )
    for text in plain_texts:
        if text:
            return text[:SNIPPET_CHARS] + (" …" if len(text) > SNIPPET_CHARS else "")
    return ""


def highlight(text: str, parsed: ParsedQuery) -> str:
    """``text`` escaped, with the query's words (and their endings) wrapped in <mark>."""
    pattern = _pattern(parsed)
    if not pattern:
        return html.escape(text)
    out, last = [], 0
    for found in pattern.finditer(text):
        out.append(html.escape(text[last : found.start()]))
        out.append(f"<mark>{html.escape(found.group(0))}</mark>")
        last = found.end()
    out.append(html.escape(text[last:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece escaped above
