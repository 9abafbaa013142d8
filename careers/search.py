"""Finding jobs: the filters of the job search and keyword ranking, in one place.

PostgreSQL ranks keyword matches with full-text search over a trigger-maintained vector (title
above employer above description); SQLite falls back to substring matching with the same order.
Used by the job search page, job alerts and anything else that needs "jobs matching these
filters".
"""

from django import forms
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When

from careers.choices import Credential, Discipline, EmploymentType, Shift, Workplace
from careers.models import TitleStanding
from portal.states import US_STATES

MAX_QUERY_LENGTH = 200
POSTED_WITHIN = [
    ("", "Any time"),
    ("1", "Last 24 hours"),
    ("7", "Last 7 days"),
    ("30", "Last 30 days"),
]
SORTS = [("", "Newest first"), ("relevance", "Best match")]
# The I AM MLS campaign's standard titles (careers/standard_titles.py decides, per post).
TITLES = [("", "Any"), (TitleStanding.STANDARD.value, "Uses the standard MLS/MLT title")]


def _any(choices):
    return [("", "Any"), *choices]


class JobFilterForm(forms.Form):
    """The job search's filters, read from the URL. Values that do not fit are ignored, so an
    old bookmark or a hand-edited link still shows jobs."""

    q = forms.CharField(label="Keywords", required=False, help_text="Title, employer or duties")
    location = forms.CharField(label="City", required=False)
    state = forms.ChoiceField(label="State", choices=_any(US_STATES), required=False)
    workplace = forms.ChoiceField(
        label="On-site or remote", choices=_any(Workplace.choices), required=False
    )
    discipline = forms.ChoiceField(choices=_any(Discipline.choices), required=False)
    credential = forms.ChoiceField(
        label="Credential", choices=_any(Credential.choices), required=False
    )
    type = forms.ChoiceField(
        label="Employment type", choices=_any(EmploymentType.choices), required=False
    )
    shift = forms.ChoiceField(choices=_any(Shift.choices), required=False)
    title = forms.ChoiceField(
        label="Job title",
        choices=TITLES,
        required=False,
        help_text="Medical Laboratory Scientist or Technician, as the certifications say",
    )
    posted = forms.ChoiceField(label="Posted", choices=POSTED_WITHIN, required=False)
    sort = forms.ChoiceField(label="Sort by", choices=SORTS, required=False)

    def __init__(self, data=None, **kwargs):
        if data is not None:
            data = data.copy()
            for key in ("q", "location"):
                if key in data:
                    data[key] = " ".join(str(data[key]).split())[:MAX_QUERY_LENGTH]
        super().__init__(data, **kwargs)

    def filters(self) -> dict:
        self.is_valid()
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


def filter_jobs(queryset, params):
    """Apply the job search's filters (a QueryDict or dict of URL parameters) to ``queryset``,
    ignoring unknown or malformed values, and annotate ``rank`` for keyword relevance."""
    filters = JobFilterForm(params).filters()
    if location := filters.get("location"):
        queryset = queryset.filter(city__icontains=location)
    for name, field in [
        ("state", "state"),
        ("workplace", "workplace"),
        ("discipline", "discipline"),
        ("credential", "credential"),
        ("type", "employment_type"),
        ("shift", "shift"),
    ]:
        if value := filters.get(name):
            queryset = queryset.filter(**{field: value})
    if filters.get("title") == TitleStanding.STANDARD:
        queryset = queryset.filter(title_standing=TitleStanding.STANDARD)
    if posted := filters.get("posted"):
        queryset = queryset.posted_within(int(posted))
    return _search(queryset, filters.get("q", ""))


def order_jobs(queryset, params):
    """Featured jobs first, then by relevance (when asked and there are keywords) or newest."""
    filters = JobFilterForm(params).filters()
    if filters.get("sort") == "relevance" and filters.get("q"):
        return queryset.order_by("-is_featured", "-rank", "-published_at", "-pk")
    return queryset.order_by("-is_featured", "-published_at", "-pk")


def _search(queryset, query):
    if not query:
        return queryset.annotate(rank=Value(0, output_field=IntegerField()))
    if connection.vendor == "postgresql":
        ts_query = SearchQuery(query, search_type="websearch", config="english")
        return queryset.filter(search_vector=ts_query).annotate(
            rank=SearchRank(F("search_vector"), ts_query)
        )
    words = [w.strip("\"'") for w in query.split() if w.strip("\"'-")][:10]
    if not words:
        return queryset.none().annotate(rank=Value(0, output_field=IntegerField()))
    matches, rank = Q(), None
    for word in words:
        in_title = Q(title__icontains=word)
        in_employer = Q(employer__name__icontains=word)
        matches &= in_title | in_employer | Q(description__icontains=word)
        part = Case(
            When(in_title, then=Value(4)),
            When(in_employer, then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
        rank = part if rank is None else rank + part
    return queryset.filter(matches).annotate(rank=rank)
