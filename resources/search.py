"""Keyword search over resources: PostgreSQL full-text search with ranking where available, and
a plain substring match with a simple rank on SQLite. The only place that knows the difference.

People who may not read member-only resources search those by title and summary only, so a
search can never reveal what a member-only body says.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, Value, When

from portal.access import Visibility

MAX_QUERY_LENGTH = 200


def clean_query(raw: str) -> str:
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_resources(queryset, query: str, *, include_member_bodies: bool):
    """Filter ``queryset`` to resources matching ``query`` and annotate ``rank`` (higher first)."""
    query = clean_query(query)
    if not query:
        return queryset.annotate(rank=Value(0, output_field=IntegerField()))
    if connection.vendor == "postgresql":
        return _postgres(queryset, query, include_member_bodies)
    return _fallback(queryset, query, include_member_bodies)


def _postgres(queryset, query, include_member_bodies):
    ts_query = SearchQuery(query, search_type="websearch", config="english")
    if include_member_bodies:
        return queryset.filter(search_vector=ts_query).annotate(
            rank=SearchRank(F("search_vector"), ts_query)
        )
    return queryset.filter(
        Q(visibility=Visibility.PUBLIC, search_vector=ts_query)
        | Q(visibility=Visibility.MEMBERS, teaser_vector=ts_query)
    ).annotate(
        rank=Case(
            When(visibility=Visibility.PUBLIC, then=SearchRank(F("search_vector"), ts_query)),
            default=SearchRank(F("teaser_vector"), ts_query),
        )
    )


def _fallback(queryset, query, include_member_bodies):
    words = [w.strip("\"'") for w in query.split() if w.strip("\"'-")][:10]
    if not words:
        return queryset.none().annotate(rank=Value(0, output_field=IntegerField()))
    matches, rank_parts = Q(), []
    for word in words:
        in_title, in_summary, in_body = (
            Q(title__icontains=word),
            Q(summary__icontains=word),
            Q(body__icontains=word),
        )
        if not include_member_bodies:
            in_body &= Q(visibility=Visibility.PUBLIC)
        matches &= in_title | in_summary | in_body
        rank_parts.append(
            Case(
                When(in_title, then=Value(4)),
                When(in_summary, then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    rank = rank_parts[0]
    for part in rank_parts[1:]:
        rank = rank + part
    return queryset.filter(matches).annotate(rank=rank)
