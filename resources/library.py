"""How the library list is built from its filters: one place for views, feed and tests."""

from portal.access import may_see_member_content
from resources.models import Resource
from resources.search import search_resources


def library_queryset(*, user, filters: dict):
    resources = Resource.objects.published().for_list()
    if audience := filters.get("audience"):
        resources = resources.filter(audiences=audience)
    if topic := filters.get("topic"):
        resources = resources.filter(topics=topic)
    if kind := filters.get("kind"):
        resources = resources.filter(kind=kind)
    if access := filters.get("access"):
        resources = resources.filter(visibility=access)
    query = filters.get("q", "")
    resources = search_resources(
        resources, query, include_member_bodies=may_see_member_content(user)
    )
    sort = filters.get("sort")
    if sort == "title":
        return resources.order_by("title", "pk")
    if sort == "newest" or not query:
        return resources.order_by("-published_at", "pk")
    return resources.order_by("-rank", "-published_at", "pk")
