"""The public pages of Certification & CE: the section home, certifying bodies and credentials
with their renewal rules in plain words, the CE options directory, P.A.C.E. and the FAQ."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render

from certification.calendar import format_contact_hours
from certification.forms_public import CEOptionFilterForm, filter_options, filter_query
from certification.models import (
    CategoryMinimum,
    CEOptionType,
    CertifyingBody,
    Credential,
    FAQEntry,
)
from certification.rules_text import summarize
from certification.services.webinars import upcoming_webinars
from portal.jsonld import faq_page, json_ld
from portal.models import Page, Section
from portal.navigation import section_pages

PAGE_SIZE = 20
PACE_SLUG = "pace"
UPCOMING_ON_HOME = 3


def credentials_with_rules(credentials):
    """``credentials`` with their body, renewal rule and the rule's minimums (and categories)
    fetched in three queries, whatever their number: all ``summarize`` needs."""
    return credentials.select_related("body", "renewal_rule").prefetch_related(
        Prefetch(
            "renewal_rule__minimums",
            queryset=CategoryMinimum.objects.select_related("category"),
        )
    )


def index(request):
    context = {
        "nav_section": Section.CERTIFICATION,
        "bodies": CertifyingBody.objects.only("name", "abbreviation", "slug", "order"),
        # Each with its contact hours in words ("1.5 contact hours").
        "webinars": [
            (webinar, format_contact_hours(webinar.contact_hours))
            for webinar in upcoming_webinars()[:UPCOMING_ON_HOME]
        ],
        "option_types": CEOptionType.objects.only("name", "slug", "summary", "order"),
        "section_pages": section_pages(Section.CERTIFICATION, exclude=PACE_SLUG),
    }
    return render(request, "certification/index.html", context)


def body_detail(request, slug):
    body = get_object_or_404(CertifyingBody, slug=slug)
    credentials = credentials_with_rules(body.credentials.all())
    context = {
        "nav_section": Section.CERTIFICATION,
        "body": body,
        "summaries": [summarize(credential) for credential in credentials],
        "bodies": CertifyingBody.objects.exclude(pk=body.pk).only("name", "slug", "order"),
    }
    return render(request, "certification/public/body_detail.html", context)


def credential_detail(request, slug):
    credential = get_object_or_404(credentials_with_rules(Credential.objects.all()), slug=slug)
    context = {
        "nav_section": Section.CERTIFICATION,
        "credential": credential,
        "body": credential.body,
        "summary": summarize(credential),
        "siblings": credential.body.credentials.exclude(pk=credential.pk).only(
            "name", "slug", "title", "body_id", "order"
        ),
    }
    return render(request, "certification/public/credential_detail.html", context)


def _page_context(request, options):
    page = Paginator(options, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page_obj": page, "options": page.object_list, "query_string": query.urlencode()}


def options(request):
    form = CEOptionFilterForm(request.GET)
    filters = form.filters()
    query = filter_query(filters)
    # Each active filter with the link that drops it (and keeps the others).
    active = [
        {
            "name": name,
            "label": _filter_label(form, name, value),
            "remove_query": urlencode({k: v for k, v in query.items() if k != name}),
        }
        for name, value in filters.items()
    ]
    context = {
        "nav_section": Section.CERTIFICATION,
        "form": form,
        "filters": filters,
        "active_filters": active,
        "option_types": CEOptionType.objects.only("name", "slug", "summary", "order"),
        **_page_context(request, filter_options(filters)),
    }
    return render(request, "certification/public/options.html", context)


def _filter_label(form, name, value):
    field = form.fields[name]
    if value is True:
        return field.label
    if name == "format":
        return dict(field.choices).get(value, value)
    return f"{field.label}: {value}"


def option_type(request, slug):
    option_type = get_object_or_404(CEOptionType, slug=slug)
    context = {
        "nav_section": Section.CERTIFICATION,
        "option_type": option_type,
        "other_types": CEOptionType.objects.exclude(pk=option_type.pk).only(
            "name", "slug", "order"
        ),
        **_page_context(request, filter_options({"type": option_type})),
    }
    return render(request, "certification/public/option_type.html", context)


def pace(request):
    intro = (
        Page.objects.published()
        .visible_to(request.user)
        .filter(slug=PACE_SLUG, section=Section.CERTIFICATION)
        .first()
    )
    context = {
        "nav_section": Section.CERTIFICATION,
        "intro": intro,
        "section_pages": section_pages(Section.CERTIFICATION, exclude=PACE_SLUG),
    }
    return render(request, "certification/public/pace.html", context)


def faq(request):
    entries = list(FAQEntry.objects.filter(is_published=True))
    context = {
        "nav_section": Section.CERTIFICATION,
        "entries": entries,
        "json_ld": json_ld(faq_page(entries)) if entries else None,
    }
    return render(request, "certification/public/faq.html", context)
