"""The CE tracker: a member's credentials, CE activities, progress, transcripts and reminders.

The tracker is a member benefit: active members and staff use it; anonymous visitors are sent
to log in, and other logged-in people get a page saying how to join or renew. A person only
ever reaches their own credentials, activities, certificates and transcripts: anyone else's are
a 404, not a 403, so nothing leaks. Views collect input and show outcomes; the rules are in
``certification.services.tracker`` and ``certification.progress``.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from certification import transcripts
from certification.forms_tracker import ActivityForm, HoldingForm
from certification.models import CEActivity, CredentialHolding
from certification.progress import BEHIND, COMPLETE, ON_TRACK
from certification.services import tracker as services
from portal.access import may_see_member_content
from portal.files import private_file_response
from portal.membership import membership_status
from portal.models import Section
from portal.pagecache import kept_per_session

ACTIVITIES_PER_PAGE = 20
# The badge colour only repeats what the status word says.
STATUS_BADGES = {COMPLETE: "status-approved", ON_TRACK: "status-active", BEHIND: "status-expired"}


def _tracker_url(anchor=""):
    return reverse("certification:tracker") + (f"#{anchor}" if anchor else "")


def _add_errors(form, error: ValidationError):
    """Attach a service's ValidationError to the form, under the form's own field names."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def members_only(view):
    """Active members and staff only; anonymous visitors log in first, others see why not."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_see_member_content(request.user):
            context = {
                "nav_section": Section.CERTIFICATION,
                "status": membership_status(request.user),
            }
            return render(request, "certification/tracker/members_only.html", context, status=403)
        return view(request, *args, **kwargs)

    return wrapper


# --- Dashboard -----------------------------------------------------------------------------------


def _decorate_activity(activity):
    activity.amount_text = services.activity_amount_phrase(activity)
    return activity


@members_only
@require_GET
# Reloaded all day by its owner: a reload is answered from a copy kept for their session
# (portal/pagecache.py), emptied by any save and by anything they post.
@kept_per_session
def tracker(request):
    """Progress for every credential held, from one load of the member's activities."""
    user = request.user
    today = timezone.localdate()
    holdings = list(services.holdings_for(user))
    activities = [_decorate_activity(a) for a in services.activities_for(user)]
    webinars = services.upcoming_webinars() if holdings else []
    summaries = services.tracker_summaries(
        holdings=holdings, activities=activities, webinars=webinars, today=today
    )
    for summary in summaries:
        if summary.progress is not None:
            summary.badge = STATUS_BADGES[summary.progress.status]
    page = Paginator(activities, ACTIVITIES_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "nav_section": Section.CERTIFICATION,
        "summaries": summaries,
        "page_obj": page,
        "activities": page.object_list,
        "activity_count": len(activities),
        "today": today,
        "reminders_off": bool(holdings) and services.reminders_opted_out(user=user),
        "reminders_url": reverse(
            "certification:reminders_unsubscribe",
            kwargs={"token": services.reminders_token(user)},
        ),
    }
    return render(request, "certification/tracker/dashboard.html", context)


# --- Credentials held ----------------------------------------------------------------------------


def _own_holding(request, pk):
    return get_object_or_404(
        CredentialHolding.objects.select_related("credential__body"), pk=pk, user=request.user
    )


@members_only
@require_http_methods(["GET", "POST"])
def holding_add(request):
    posted = request.method == "POST"
    form = HoldingForm(request.POST if posted else None)
    if posted and form.is_valid():
        try:
            holding = services.holding_create(
                user=request.user,
                credential=form.cleaned_data["credential"],
                cycle_end=form.cleaned_data["cycle_end"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                f"{holding.credential.name} is in your tracker. Log your CE activities to see "
                "how far along you are.",
            )
            return redirect(_tracker_url(f"holding-{holding.pk}"))
    context = {"nav_section": Section.CERTIFICATION, "form": form, "holding": None}
    return render(request, "certification/tracker/holding_form.html", context)


@members_only
@require_http_methods(["GET", "POST"])
def holding_edit(request, pk):
    holding = _own_holding(request, pk)
    posted = request.method == "POST"
    form = HoldingForm(request.POST if posted else None, instance=holding)
    if posted:
        if form.is_valid():
            try:
                services.holding_update(
                    holding=holding,
                    credential=form.cleaned_data["credential"],
                    cycle_end=form.cleaned_data["cycle_end"],
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"Your {holding.credential.name} entry is updated.")
                return redirect(_tracker_url(f"holding-{holding.pk}"))
        # The form wrote what was typed onto the instance; the page heading shows what is saved.
        holding = _own_holding(request, pk)
    context = {"nav_section": Section.CERTIFICATION, "form": form, "holding": holding}
    return render(request, "certification/tracker/holding_form.html", context)


@members_only
@require_http_methods(["GET", "POST"])
def holding_delete(request, pk):
    holding = _own_holding(request, pk)
    if request.method == "POST":
        services.holding_delete(holding=holding)
        messages.success(
            request,
            f"{holding.credential.name} is no longer in your tracker. Your CE activities are "
            "still here.",
        )
        return redirect(_tracker_url("credentials"))
    context = {"nav_section": Section.CERTIFICATION, "holding": holding}
    return render(request, "certification/tracker/holding_confirm_delete.html", context)


# --- CE activities -------------------------------------------------------------------------------


def _own_activity(request, pk):
    return get_object_or_404(
        CEActivity.objects.select_related("category", "webinar"), pk=pk, user=request.user
    )


@members_only
@require_http_methods(["GET", "POST"])
def activity_add(request):
    posted = request.method == "POST"
    form = ActivityForm(request.POST, request.FILES) if posted else ActivityForm()
    if posted:
        if form.is_valid():
            try:
                activity = services.activity_create(
                    user=request.user,
                    certificate=form.cleaned_data.get("certificate"),
                    **form.activity_fields(),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"“{activity.title}” is logged.")
                return redirect(_tracker_url("activities"))
        form.remind_to_choose_file_again()
        messages.error(request, "The activity was not saved yet. Please see the notes below.")
    context = {"nav_section": Section.CERTIFICATION, "form": form, "activity": None}
    return render(request, "certification/tracker/activity_form.html", context)


@members_only
@require_http_methods(["GET", "POST"])
def activity_edit(request, pk):
    activity = _own_activity(request, pk)
    posted = request.method == "POST"
    form = (
        ActivityForm(request.POST, request.FILES, instance=activity)
        if posted
        else ActivityForm(instance=activity)
    )
    if posted:
        if form.is_valid():
            try:
                services.activity_update(
                    activity=activity,
                    certificate=form.cleaned_data.get("certificate"),
                    remove_certificate=form.cleaned_data.get("remove_certificate", False),
                    **form.activity_fields(),
                )
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"“{activity.title}” is updated.")
                return redirect(_tracker_url("activities"))
        form.remind_to_choose_file_again()
        messages.error(request, "Your changes were not saved yet. Please see the notes below.")
        # The form wrote what was typed onto the instance; the page heading shows what is saved.
        activity = _own_activity(request, pk)
    context = {"nav_section": Section.CERTIFICATION, "form": form, "activity": activity}
    return render(request, "certification/tracker/activity_form.html", context)


@members_only
@require_http_methods(["GET", "POST"])
def activity_delete(request, pk):
    activity = _own_activity(request, pk)
    if request.method == "POST":
        services.activity_delete(activity=activity)
        messages.success(request, f"“{activity.title}” is deleted.")
        return redirect(_tracker_url("activities"))
    context = {
        "nav_section": Section.CERTIFICATION,
        "activity": _decorate_activity(activity),
    }
    return render(request, "certification/tracker/activity_confirm_delete.html", context)


@members_only
@require_GET
def activity_certificate(request, pk):
    activity = get_object_or_404(CEActivity, pk=pk, user=request.user)
    return private_file_response(
        activity.certificate, download_name=services.certificate_download_name(activity)
    )


# --- Transcripts ---------------------------------------------------------------------------------


def _own_transcript(request, pk):
    holding = get_object_or_404(services.holdings_for(request.user), pk=pk)
    transcript = transcripts.build_transcript(holding)
    if transcript is None:  # no renewal rule on record for this credential
        messages.error(
            request,
            f"We cannot make a transcript for {holding.credential.name} yet: its renewal rule "
            "is not on record.",
        )
    return transcript


@members_only
@require_GET
def transcript_csv(request, pk):
    transcript = _own_transcript(request, pk)
    if transcript is None:
        return redirect(_tracker_url("credentials"))
    response = HttpResponse(
        transcripts.transcript_csv(transcript), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{transcripts.transcript_filename(transcript, "csv")}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@members_only
@require_GET
def transcript_pdf(request, pk):
    transcript = _own_transcript(request, pk)
    if transcript is None:
        return redirect(_tracker_url("credentials"))
    response = HttpResponse(transcripts.transcript_pdf(transcript), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{transcripts.transcript_filename(transcript, "pdf")}"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- Reminder emails -----------------------------------------------------------------------------


# The link in each reminder works without logging in: the signed token is the permission. CSRF
# protection is off for it so that mail programs' one-click unsubscribe (RFC 8058, a POST
# without a form token) works; a forged POST would need the signed token anyway.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def reminders_unsubscribe(request, token):
    user = services.reminders_token_user(token)
    if user is None:
        context = {"nav_section": Section.CERTIFICATION}
        return render(
            request, "certification/tracker/unsubscribe_invalid.html", context, status=404
        )
    if request.method == "POST":
        if request.POST.get("action") == "resume":
            services.reminders_opt_in(user=user)
            messages.success(request, "CE reminder emails are back on.")
        else:
            services.reminders_opt_out(user=user)
        return redirect("certification:reminders_unsubscribe", token=token)
    context = {
        "nav_section": Section.CERTIFICATION,
        "token": token,
        "opted_out": services.reminders_opted_out(user=user),
        "holdings": list(CredentialHolding.objects.filter(user=user).select_related("credential")),
    }
    return render(request, "certification/tracker/unsubscribe.html", context)
