"""What the resource library contributes to site search (portal/search.py)."""

from django.db.models import Q

from portal.access import Visibility
from portal.search import SearchSource
from resources.models import Resource

SOURCES = [
    SearchSource(
        key="resources",
        label="Laboratory Resources",
        queryset=lambda user: Resource.objects.published(),
        summary="summary",
        body=("body",),
        date="published_at",
        members_only=Q(visibility=Visibility.MEMBERS),
        # Kept current by a trigger, with GIN indexes (resources/migrations/0002).
        stored_vectors=("search_vector", "teaser_vector"),
        order=10,
    )
]
