from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careers import job_views
from careers.forms_public import CareerServiceRequestForm
from careers.models import Job
from careers.search import JobFilterForm, filter_jobs, order_jobs
from careers.services_catalog import CAREER_SERVICES, SERVICES_BY_SLUG
from careers.structured_data import job_posting_json_ld
from careers.views.seeker import apply_box_context
from portal.jsonld import json_ld
from portal.mail import send_templated_email
from portal.membership import membership_status
from portal.models import Section
from portal.pagecache import count_page_hits
from portal.pagination import CachedCountPaginator, count_key
from portal.ratelimit import HOUR, too_many_requests, within_limits

PAGE_SIZE = 20
# Career service requests in an hour, per person and per client address.
SERVICE_REQUEST_LIMIT, SERVICE_REQUEST_ADDRESS_LIMIT = 5, 20
SERVICE_REQUEST_TOO_MANY = (
    "You have sent several requests in the last hour, so this one was not sent. Please try "
    "again in an hour; what you typed is still below, but choose your resume file again."
)


def job_list(request):
    form = JobFilterForm(request.GET)
    jobs = order_jobs(
        filter_jobs(
            Job.objects.live()
            .select_related("employer")
            .defer("description", "search_vector", "site_search_vector"),
            request.GET,
        ),
        request.GET,
    )
    filters = form.filters()
    counted = {name: value for name, value in filters.items() if name != "sort"}
    paginator = CachedCountPaginator(
        jobs,
        PAGE_SIZE,
        # Jobs close at midnight: the day is part of what is counted.
        name=count_key("live-jobs", timezone.localdate(), filters=counted),
        topics=["jobs"],
    )
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "nav_section": Section.CAREERS,
        "form": form,
        "filters": filters,
        "page_obj": page,
        "jobs": page.object_list,
        "query_string": query.urlencode(),
    }
    return render(request, "careers/public/job_list.html", context)


def job_detail(request, slug):
    job = get_object_or_404(Job.objects.select_related("employer"), slug=slug)
    may_manage = (
        request.user.is_staff or Job.objects.managed_by(request.user).filter(pk=job.pk).exists()
    )
    # A post that has never been live is only for its employer and staff; one that has been
    # live stays readable after it closes, marked as no longer accepting applications.
    if job.published_at is None and not may_manage:
        raise Http404("No such job.")
    if job.is_open() and not may_manage:
        job_views.record(job.pk)
    context = {
        "nav_section": Section.CAREERS,
        "job": job,
        "is_open": job.is_open(),
        "may_manage": may_manage,
        "json_ld": json_ld(job_posting_json_ld(job, request)) if job.is_open() else None,
        **apply_box_context(request, job),
    }
    response = render(request, "careers/public/job_detail.html", context)
    if job.is_open():
        # A copy kept for visitors who are not signed in still counts each visit.
        count_page_hits(response, "careers.job_views.record", job.pk)
    return response


def services_index(request):
    context = {
        "nav_section": Section.CAREERS,
        "services": CAREER_SERVICES,
        "status": membership_status(request.user),
    }
    return render(request, "careers/public/services_index.html", context)


def service_request(request, service):
    career_service = SERVICES_BY_SLUG.get(service)
    if career_service is None:
        raise Http404("No such career service.")
    form = None
    if request.user.is_authenticated:
        posted = request.method == "POST"
        form = CareerServiceRequestForm(
            request.POST if posted else None, request.FILES if posted else None
        )
        within = (
            posted
            and form.is_valid()
            and within_limits(
                request,
                "service-request",
                address_limit=SERVICE_REQUEST_ADDRESS_LIMIT,
                key=str(request.user.pk),
                key_limit=SERVICE_REQUEST_LIMIT,
            )
        )
        if posted and form.is_valid() and not within:
            form.add_error(None, SERVICE_REQUEST_TOO_MANY)
            context = _service_request_context(request, career_service, form)
            return too_many_requests(
                request,
                retry_after=HOUR,
                template="careers/public/service_request.html",
                context=context,
            )
        if posted and form.is_valid():
            service_request = form.save(commit=False)
            service_request.service = career_service.key
            service_request.requester = request.user
            service_request.save()
            send_templated_email(
                "careers/email/service_request_received",
                to=request.user.email,
                context={"service": career_service, "request_obj": service_request,
                         "user": request.user},
            )  # fmt: skip
            messages.success(
                request,
                f"Thank you. Your request for {career_service.title.lower()} has been sent; "
                "we have emailed you a confirmation and will be in touch soon.",
            )
            return redirect("careers:services")
        if request.method == "POST":
            messages.error(
                request, "Your request was not sent. Please correct the fields marked below."
            )
    context = _service_request_context(request, career_service, form)
    return render(request, "careers/public/service_request.html", context)


def _service_request_context(request, career_service, form) -> dict:
    return {
        "nav_section": Section.CAREERS,
        "service": career_service,
        "form": form,
        "status": membership_status(request.user),
    }
