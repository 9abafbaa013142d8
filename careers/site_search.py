"""What the Career Center contributes to site search (portal/search.py): live posts only."""

from careers.models import Job
from portal.search import SearchSource

SOURCES = [
    SearchSource(
        key="jobs",
        label="Career Center",
        queryset=lambda user: Job.objects.live(),
        summary="city",
        body=("description",),
        date="published_at",
        # Kept current by a trigger, with a GIN index (careers/migrations/0004); not the job
        # board's search_vector, which weighs the employer's name instead of the city.
        stored_vectors=("site_search_vector", None),
        order=20,
    )
]
