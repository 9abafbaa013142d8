from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from portal import fragments
from portal.access import can_view, may_see_member_content, members_only_response
from portal.files import private_file_response
from portal.models import Page, Section
from portal.navigation import section_pages
from portal.pagination import CachedCountPaginator, count_key
from resources.forms import ResourceFilterForm
from resources.library import library_queryset
from resources.models import Audience, Resource, Topic
from resources.services import resource_record_download

PAGE_SIZE = 20
INTRO_SLUG = "laboratory-resources"


def _index_content():
    """The library's front page: the same for everyone until staff change a resource or page."""
    published = Q(resources__is_published=True)
    return {
        "intro": Page.objects.published().filter(slug=INTRO_SLUG).first(),
        "featured": list(Resource.objects.published().featured().for_list()[:6]),
        "audiences": list(Audience.objects.annotate(total=Count("resources", filter=published))),
        "topics": list(Topic.objects.annotate(total=Count("resources", filter=published))),
    }


def index(request):
    context = {
        "nav_section": Section.RESOURCES,
        **fragments.cached("resources-index", _index_content, topics=["resources", "pages"]),
        "section_pages": section_pages(Section.RESOURCES, exclude=INTRO_SLUG),
        "search_form": ResourceFilterForm(),
    }
    return render(request, "resources/index.html", context)


def library(request):
    form = ResourceFilterForm(request.GET)
    filters = form.filters()
    paginator = CachedCountPaginator(
        library_queryset(user=request.user, filters=filters),
        PAGE_SIZE,
        name=count_key("library", may_see_member_content(request.user), filters=_counted(filters)),
        topics=["resources"],
    )
    page = paginator.get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    context = {
        "nav_section": Section.RESOURCES,
        "form": form,
        "filters": filters,
        "page_obj": page,
        "resources": page.object_list,
        "query_string": query_without_page.urlencode(),
    }
    return render(request, "resources/library.html", context)


def _counted(filters):
    # Model choices (a topic) by slug; the sort order does not change the count.
    return {
        name: getattr(value, "slug", value) for name, value in filters.items() if name != "sort"
    }


def _published_or_staff(request):
    return Resource.objects.all() if request.user.is_staff else Resource.objects.published()


def detail(request, slug):
    resource = get_object_or_404(
        _published_or_staff(request).prefetch_related("topics", "audiences"), slug=slug
    )
    if not can_view(request.user, resource):
        return members_only_response(request, resource)
    topic_ids = [t.pk for t in resource.topics.all()]
    # EXISTS rather than a join with DISTINCT: the newest-first index is walked until four
    # resources sharing a topic turn up, instead of sorting every resource of those topics.
    shares_a_topic = Resource.topics.through.objects.filter(
        resource=OuterRef("pk"), topic__in=topic_ids
    )
    related = (
        Resource.objects.published()
        .filter(Exists(shares_a_topic))
        .exclude(pk=resource.pk)
        .defer("body")
        .order_by("-published_at")[:4]
    )
    context = {"nav_section": Section.RESOURCES, "resource": resource, "related": related}
    return render(request, "resources/detail.html", context)


def download(request, slug):
    resource = get_object_or_404(_published_or_staff(request), slug=slug)
    if not resource.file:
        raise Http404("This resource has no file to download.")
    if not can_view(request.user, resource):
        return members_only_response(request, resource)
    resource_record_download(resource=resource)
    return private_file_response(
        resource.file, download_name=f"{resource.slug}.{resource.file_extension.lower()}"
    )
