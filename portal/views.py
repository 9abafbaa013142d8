from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from portal.access import can_view, members_only_response
from portal.forms import ProfileForm
from portal.home import section_highlights
from portal.jsonld import json_ld, organization
from portal.membership import membership_status
from portal.models import MembershipCategory, Page, Section
from portal.navigation import section_pages
from portal.search import site_search


def favicon(request):
    # Resolved per request: with manifest storage the hashed name exists only after collectstatic.
    return redirect(static("img/favicon.svg"), permanent=True)


def home(request):
    context = {
        "is_home": True,
        "highlights": section_highlights(request),
        "json_ld": json_ld(organization(url=request.build_absolute_uri(reverse("home")))),
    }
    return render(request, "portal/home.html", context)


def page_detail(request, slug):
    pages = Page.objects.all() if request.user.is_staff else Page.objects.published()
    page = get_object_or_404(pages, slug=slug)
    if not can_view(request.user, page):
        return members_only_response(request, page)
    context = {
        "page": page,
        "nav_section": page.section,
        "section_label": Section(page.section).label,
        "section_pages": section_pages(page.section),
    }
    return render(request, "portal/page_detail.html", context)


def membership(request):
    context = {
        "nav_section": Section.MEMBERSHIP,
        "intro": Page.objects.published()
        .visible_to(request.user)
        .filter(slug="membership")
        .first(),
        "categories": MembershipCategory.objects.all(),
        "status": membership_status(request.user),
        "section_pages": section_pages(Section.MEMBERSHIP, exclude="membership"),
    }
    return render(request, "portal/membership.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    # Bound on every POST, even an empty one, so it is validated rather than shown blank.
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            messages.success(request, "Your profile has been saved.")
            return redirect("account_profile")
        messages.error(
            request, "Your profile was not saved. Please correct the fields marked below."
        )
    context = {"form": form, "status": membership_status(request.user)}
    return render(request, "portal/profile.html", context)


# Shown when the search box is empty or finds nothing: searches that find something on a
# portal with the society's usual content.
EXAMPLE_SEARCHES = ["phlebotomy", "blood bank", "CE webinar", "renewal", "MLS pledge"]


def search(request):
    outcome = site_search(
        request.GET.get("q", ""),
        user=request.user,
        section=request.GET.get("section") or None,
        page=request.GET.get("page"),
    )
    query_string = urlencode(
        {"q": outcome.query, **({"section": outcome.section} if outcome.section else {})}
    )
    context = {
        "outcome": outcome,
        "search_query": outcome.query,
        "page_obj": outcome.page,
        "query_string": query_string,
        "example_searches": EXAMPLE_SEARCHES,
    }
    return render(request, "portal/search.html", context)
