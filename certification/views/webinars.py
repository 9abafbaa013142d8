"""Member webinars and their CE certificates.

Anyone may browse the webinars and add one to their calendar; active members register in one
click and get the join link; members see recordings of past webinars. Staff mark attendance in
the admin, which adds the CE credit; the member then downloads a certificate whose code anyone
can check on the verification page. Rules live in ``certification.services.webinars``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from certification.calendar import format_contact_hours, format_day, format_when, webinar_calendar
from certification.certificates import certificate_filename, certificate_pdf
from certification.forms_webinars import CertificateVerifyForm
from certification.models import WebinarRegistration
from certification.services import webinars as services
from certification.structured_data import webinar_event
from portal.access import may_see_member_content
from portal.jsonld import json_ld
from portal.mail import absolute_url, request_base_url
from portal.membership import membership_status

PAST_PER_PAGE = 20


def _get_webinar(request, slug):
    return get_object_or_404(services.visible_webinars(user=request.user), slug=slug)


@require_safe
def webinar_list(request):
    now = timezone.now()
    page = Paginator(services.past_webinars(now=now), PAST_PER_PAGE).get_page(
        request.GET.get("page")
    )
    upcoming = []
    if page.number == 1:
        upcoming = list(services.with_seats_taken(services.upcoming_webinars(now=now)))
        for webinar in upcoming:
            webinar.seats_left = services.webinar_seats_left(
                webinar, seats_taken=webinar.seats_taken
            )
    past = list(page.object_list)
    mine = services.registrations_by_webinar(user=request.user, webinars=[*upcoming, *past])
    for webinar in [*upcoming, *past]:
        webinar.my_registration = mine.get(webinar.pk)
        webinar.hours_label = format_contact_hours(webinar.contact_hours)
    context = {
        "upcoming": upcoming,
        "past": past,
        "page_obj": page,
        "now": now,
        "is_member": may_see_member_content(request.user),
        "status": membership_status(request.user),
    }
    return render(request, "certification/webinars/webinar_list.html", context)


def _registration_context(request, webinar, now) -> dict:
    user = request.user
    registration = None
    if user.is_authenticated:
        registration = WebinarRegistration.objects.filter(webinar=webinar, user=user).first()
    is_member = may_see_member_content(user)
    seats_left = services.webinar_seats_left(webinar)
    has_started = now >= webinar.starts_at
    has_ended = now >= webinar.ends_at
    window = services.webinar_window_problem(webinar, now=now)
    return {
        "registration": registration,
        "is_member": is_member,
        "status": membership_status(user),
        "seats_left": seats_left,
        "has_started": has_started,
        "has_ended": has_ended,
        "is_live": has_started and not has_ended,
        "window_message": window.messages[0] if window and not has_started else "",
        "may_register": registration is None and is_member and window is None and seats_left > 0,
        "may_cancel": registration is not None and not has_started,
        "show_join_link": bool(
            webinar.join_url
            and not has_ended
            and (user.is_staff or (registration is not None and is_member))
        ),
        "show_recording": bool(webinar.recording_url and has_started and is_member),
        "recording_for_members": bool(webinar.recording_url and has_started and not is_member),
    }


@require_safe
def webinar_detail(request, slug):
    webinar = _get_webinar(request, slug)
    now = timezone.now()
    context = {
        "webinar": webinar,
        "when": format_when(webinar.starts_at),
        "contact_hours": format_contact_hours(webinar.contact_hours),
        "json_ld": json_ld(webinar_event(webinar, request)) if webinar.is_published else None,
        **_registration_context(request, webinar, now),
    }
    return render(request, "certification/webinars/webinar_detail.html", context)


@require_http_methods(["GET", "POST"])
def webinar_register(request, slug):
    webinar = _get_webinar(request, slug)
    if request.method == "GET":
        return redirect(webinar)
    if not request.user.is_authenticated:
        return redirect_to_login(webinar.get_absolute_url())
    try:
        _registration, created = services.webinar_register(
            webinar=webinar, user=request.user, base_url=request_base_url(request)
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(webinar)
    if created:
        messages.success(
            request,
            f"You’re registered for “{webinar.title}”. We’ve emailed you a confirmation with a "
            "calendar file, and the join link will be right here on this page.",
        )
    else:
        messages.info(
            request,
            f"Good news: you were already registered for “{webinar.title}”. Your seat is saved.",
        )
    return redirect(webinar)


@require_http_methods(["GET", "POST"])
def webinar_cancel(request, slug):
    webinar = _get_webinar(request, slug)
    if request.method == "GET":
        return redirect(webinar)
    if not request.user.is_authenticated:
        return redirect_to_login(webinar.get_absolute_url())
    try:
        cancelled = services.registration_cancel(webinar=webinar, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(webinar)
    if cancelled:
        messages.success(
            request,
            f"Your registration for “{webinar.title}” is cancelled and your seat is free for "
            "someone else. You can register again while registration is open.",
        )
    else:
        messages.info(request, "You weren’t registered for this webinar, so nothing changed.")
    return redirect(webinar)


@require_safe
def webinar_ics(request, slug):
    webinar = _get_webinar(request, slug)
    page_url = absolute_url(webinar.get_absolute_url(), request_base_url(request))
    response = HttpResponse(
        webinar_calendar(webinar, page_url=page_url), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{webinar.slug}.ics"'
    return response


@login_required
@require_safe
def certificate_download(request, pk):
    registration = get_object_or_404(
        WebinarRegistration.objects.select_related("webinar__category", "user"),
        pk=pk,
        attended=True,
    )
    # Someone else's certificate is a 404, not a 403: nothing about it is confirmed. Of staff,
    # only those who keep webinar attendance (the admin links here for them) may open any.
    if registration.user_id != request.user.pk and not request.user.has_perm(
        "certification.view_webinarregistration"
    ):
        raise Http404("No such certificate.")
    pdf = certificate_pdf(registration, base_url=request_base_url(request))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{certificate_filename(registration)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def certificate_verify(request):
    form = CertificateVerifyForm(request.GET if "code" in request.GET else None)
    registration = None
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        registration = services.certificate_lookup(code=form.cleaned_data["code"])
    context = {
        "form": form,
        "searched": searched,
        # Only these four facts are shown: nothing else about the person or the webinar.
        "certificate": (
            {
                "name": services.certificate_name(registration.user),
                "title": registration.webinar.title,
                "date": format_day(registration.webinar.starts_at),
                "hours": format_contact_hours(registration.webinar.contact_hours),
            }
            if registration
            else None
        ),
    }
    status = 404 if searched and registration is None else 200
    return render(request, "certification/webinars/certificate_verify.html", context, status=status)
