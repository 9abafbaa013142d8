"""Institutions that use the MLS title: the public list and the form to suggest one."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from advocacy.forms_institution import InstitutionSuggestForm
from advocacy.models import Institution
from advocacy.services.institutions import SUGGESTIONS_PER_HOUR, institution_suggest
from portal.mail import request_base_url
from portal.ratelimit import HOUR, hit, too_many_requests

PAGE_SIZE = 50


def institution_list(request):
    page = Paginator(Institution.objects.listed(), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "institutions": page.object_list}
    return render(request, "advocacy/institutions.html", context)


def suggest(request):
    form = InstitutionSuggestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if form.is_bot():
            # Treated as sent, so the bot learns nothing; nothing is saved or emailed.
            return redirect("advocacy:institution_suggest_thanks")
        if form.is_valid():
            if hit(request, "institution-suggest", limit=SUGGESTIONS_PER_HOUR, period=HOUR):
                institution_suggest(**form.suggestion(), base_url=request_base_url(request))
                return redirect("advocacy:institution_suggest_thanks")
            form.add_error(
                None,
                "You have sent several suggestions in the last hour, so this one was not sent. "
                "Please try again in an hour; what you typed is still below.",
            )
            return too_many_requests(
                request,
                retry_after=HOUR,
                template="advocacy/institutions_suggest.html",
                context={"form": form},
            )
    return render(request, "advocacy/institutions_suggest.html", {"form": form})


def suggestion_received(request):
    return render(request, "advocacy/institutions_suggest_thanks.html")
