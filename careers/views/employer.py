"""The employer side of the Career Center: asking for access, posting jobs, and applicants.

Who may do what is decided in the helpers at the top: an employer's members act only on their
own approved organisation's posts and the applications to them; anything else is a 404, so
nobody learns that another employer's post or applicant exists. The rules of a change live in
``careers.services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from js_asset import Media

from careers import job_views
from careers.forms_employer import (
    ApplicantFilterForm,
    ApplicationNotesForm,
    ApplicationStatusForm,
    EmployerRequestForm,
    JobForm,
    long_date,
)
from careers.models import DEFAULT_POSTING_DAYS, Application, Employer, Job
from careers.services import jobs as job_services
from careers.services.employer import (
    application_save_notes,
    application_set_status,
    employer_request_access,
    resume_download_name,
)
from careers.services.jobs import (
    CLOSABLE_STATUSES,
    EDITABLE_STATUSES,
    RENEWABLE_STATUSES,
    SUBMITTABLE_STATUSES,
    job_save,
)
from portal.admin import PROSE_EDITOR_A11Y
from portal.csvexport import csv_response
from portal.files import private_file_response
from portal.mail import request_base_url
from portal.models import Section
from portal.navigation import section_pages
from portal.pagecache import kept_per_session
from portal.ratelimit import HOUR, within_limits

JOBS_PER_PAGE = 20
APPLICANTS_PER_PAGE = 50
# The live title check asks once per pause in typing: generous for a person writing, a stop for
# a script. Per person and per client address (a hospital network shares one), in an hour.
TITLE_CHECKS_PER_HOUR, TITLE_CHECKS_PER_ADDRESS = 600, 3000

# --- Who may act -----------------------------------------------------------------------------


def approved_employers(user):
    """The organisations ``user`` may post for and see applicants of."""
    return Employer.objects.for_user(user).approved()


def employer_jobs(user):
    return Job.objects.managed_by(user)


def employer_applications(user):
    return Application.objects.visible_to_employer_user(user)


def _own_job(request, pk):
    return get_object_or_404(employer_jobs(request.user).select_related("employer"), pk=pk)


def _own_application(request, pk):
    return get_object_or_404(
        employer_applications(request.user).select_related("job__employer", "applicant"), pk=pk
    )


def _context(**extra):
    return {"nav_section": Section.CAREERS, **extra}


# --- Access ----------------------------------------------------------------------------------


@login_required
def employer_request(request):
    """Ask for employer access; afterwards, the request's state."""
    employers = list(Employer.objects.for_user(request.user).order_by("-created_at"))
    if any(e.is_approved for e in employers):
        messages.info(request, "You already have employer access.")
        return redirect("careers:employer_dashboard")
    pending = next((e for e in employers if e.status == Employer.Status.PENDING), None)
    if pending is not None:
        return render(request, "careers/employer/request.html", _context(pending=pending))

    refused = next((e for e in employers if e.status == Employer.Status.REJECTED), None)
    initial = {"contact_name": request.user.full_name, "contact_email": request.user.email}
    form = EmployerRequestForm(
        request.POST if request.method == "POST" else None,
        instance=refused or Employer(),
        initial=None if refused else initial,
    )
    if request.method == "POST" and form.is_valid():
        employer = employer_request_access(user=request.user, employer=form.save(commit=False))
        messages.success(
            request,
            f"Thank you. We received your request for employer access for {employer.name}. "
            "A society moderator will review it and email you.",
        )
        return redirect("careers:employer_request")
    return render(request, "careers/employer/request.html", _context(form=form, refused=refused))


# --- Dashboard -------------------------------------------------------------------------------


def _dashboard_jobs(employers):
    return (
        Job.objects.of_employers(employers)
        .select_related("employer")
        .defer("description", "search_vector", "site_search_vector")
        .annotate(
            application_count=Count("applications"),
            new_application_count=Count(
                "applications", filter=Q(applications__status=Application.Status.SUBMITTED)
            ),
        )
        .order_by("-updated_at", "-pk")
    )


@login_required
def dashboard(request):
    employers = list(Employer.objects.for_user(request.user).order_by("name"))
    approved = [e for e in employers if e.is_approved]
    if not approved:
        return render(
            request,
            "careers/employer/no_access.html",
            _context(
                pending=next((e for e in employers if e.status == Employer.Status.PENDING), None),
                refused=next((e for e in employers if e.status == Employer.Status.REJECTED), None),
                section_pages=section_pages(Section.CAREERS),
            ),
        )
    paginator = Paginator(_dashboard_jobs(approved), JOBS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    context = _context(
        employers=approved,
        page_obj=page,
        jobs=job_views.with_visits(page.object_list),
        editable=EDITABLE_STATUSES,
        submittable=SUBMITTABLE_STATUSES,
        closable=CLOSABLE_STATUSES,
        renewable=RENEWABLE_STATUSES,
        default_days=DEFAULT_POSTING_DAYS,
    )
    return render(request, "careers/employer/dashboard.html", context)


# --- Posting ---------------------------------------------------------------------------------


def _job_form_page(request, form, job=None, checked=False):
    # The rich-text editor's import map needs the CSP nonce; PROSE_EDITOR_A11Y names its editing
    # area after the field's label and tells screen readers which toolbar buttons are off or on.
    media = Media.from_media(form.media + PROSE_EDITOR_A11Y, nonce=str(request.csp_nonce))
    return render(
        request,
        "careers/employer/job_form.html",
        _context(
            form=form,
            job=job,
            editor_media=media,
            title_check=form.title_check(),
            checked=checked,
        ),
    )


def _saved_message(job: Job) -> str:
    if job.status == Job.Status.PENDING:
        return (
            f"“{job.title}” is with the moderators for review. We will email you when it is live."
        )
    if job.status == Job.Status.REJECTED:
        return f"Changes to “{job.title}” saved. Submit it for review when it is ready."
    return f"“{job.title}” saved as a draft. Submit it for review when it is ready."


def _title_note(request, job: Job) -> None:
    """The standard-title note after a save: the post went ahead as written; the employer
    decides whether to change it (the dashboard keeps the note beside the post)."""
    if not job.uses_outdated_title:
        return
    check = JobForm(instance=job).title_check()
    found = ", ".join(f"“{term}”" for term in dict.fromkeys(f.found for f in check.findings))
    standard = " or ".join(check.suggestions)
    messages.info(
        request,
        f"A note on the title: your post uses {found}. The title the certifications use is "
        f"{standard}. Your post was saved as you wrote it; edit it whenever you like.",
    )


def _checking(request) -> bool:
    """The form's “Check the title” button: show the note, save nothing."""
    return request.method == "POST" and request.POST.get("action") == "check"


def _as_typed(request) -> dict:
    return {key: value for key, value in request.POST.items() if key != "csrfmiddlewaretoken"}


@login_required
def job_create(request):
    employers = list(approved_employers(request.user))
    if not employers:
        messages.info(request, "Ask for employer access first; then you can post jobs.")
        return redirect("careers:employer_dashboard")
    instance = Job(employer=employers[0])
    if _checking(request):
        # What was typed comes back unchecked by the form's rules: this is a preview.
        form = JobForm(initial=_as_typed(request), instance=instance, employers=employers)
        return _job_form_page(request, form, checked=True)
    posted = request.POST if request.method == "POST" else None
    form = JobForm(posted, instance=instance, employers=employers)
    if request.method == "POST" and form.is_valid():
        job = job_save(
            job=form.save(commit=False),
            by=request.user,
            submit=request.POST.get("action") == "submit",
        )
        messages.success(request, _saved_message(job))
        _title_note(request, job)
        return redirect("careers:employer_dashboard")
    return _job_form_page(request, form)


@login_required
def job_edit(request, pk):
    job = _own_job(request, pk)
    if job.status not in EDITABLE_STATUSES:
        messages.info(
            request,
            f"“{job.title}” is {job.get_status_display().lower()}. Renew it to post it again; "
            "you can edit it while it waits for review.",
        )
        return redirect("careers:employer_dashboard")
    if _checking(request):
        form = JobForm(initial=_as_typed(request), instance=job)
        return _job_form_page(request, form, job, checked=True)
    was_live = job.status == Job.Status.PUBLISHED
    form = JobForm(request.POST if request.method == "POST" else None, instance=job)
    if request.method == "POST" and form.is_valid():
        job = job_save(
            job=form.save(commit=False),
            by=request.user,
            submit=request.POST.get("action") == "submit",
        )
        message = _saved_message(job)
        if was_live:
            message = (
                f"“{job.title}” is back with the moderators for review, and off the job board "
                "until they approve your changes."
            )
        messages.success(request, message)
        _title_note(request, job)
        return redirect("careers:employer_dashboard")
    return _job_form_page(request, form, job)


# POST, not GET: a description is longer than a web address may be. The token is the form's own.
@require_POST
@login_required
@never_cache
def title_check(request):
    """The job post form's live title check (static/js/title-check.js): the same note the form
    shows after “Check the title”, as HTML to put in the form's live region."""
    if not approved_employers(request.user).exists():
        raise Http404("Only employers check job posts.")
    allowed = within_limits(
        request,
        "title-check",
        address_limit=TITLE_CHECKS_PER_ADDRESS,
        key=str(request.user.pk),
        key_limit=TITLE_CHECKS_PER_HOUR,
    )
    if not allowed:
        # The check comes back when the form is saved or “Check the title” is pressed.
        return JsonResponse(
            {"error": "too many checks"}, status=429, headers={"Retry-After": str(HOUR)}
        )
    form = JobForm(request.POST, instance=Job())
    check = form.title_check()
    note = render_to_string(
        "careers/employer/_title_check.html", {"title_check": check}, request=request
    )
    return JsonResponse({"uses_outdated_title": check.uses_outdated_title, "html": note})


def _job_action(request, pk, action, done_message):
    job = _own_job(request, pk)
    try:
        action(job)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message(job))
    return redirect("careers:employer_dashboard")


@require_POST
@login_required
def job_submit(request, pk):
    return _job_action(
        request,
        pk,
        lambda job: job_services.job_submit(job=job),
        lambda job: (
            f"“{job.title}” is with the moderators for review. We will email you when it is live."
        ),
    )


@require_POST
@login_required
def job_close(request, pk):
    return _job_action(
        request,
        pk,
        lambda job: job_services.job_close(job=job),
        lambda job: f"“{job.title}” is closed and no longer on the job board.",
    )


@require_POST
@login_required
def job_renew(request, pk):
    return _job_action(
        request,
        pk,
        lambda job: job_services.job_renew(job=job),
        lambda job: (
            f"“{job.title}” is renewed until {long_date(job.closes_on)} and is with the "
            "moderators for review; we will email you when it is live again."
        ),
    )


# --- Applicants ------------------------------------------------------------------------------


@login_required
# Reloaded all day by its owner: a reload is answered from a copy kept for their session
# (portal/pagecache.py), emptied by any save (employer members, the job) and anything they post.
@kept_per_session
def applicants(request, pk):
    job = _own_job(request, pk)
    filter_form = ApplicantFilterForm(request.GET)
    status = filter_form.selected_status()
    to_this_job = employer_applications(request.user).filter(job=job)
    counts = dict(
        to_this_job.order_by()
        .values("status")
        .annotate(total=Count("pk"))
        .values_list("status", "total")
    )
    shown = (
        to_this_job.select_related("applicant")
        .defer("cover_note", "employer_notes")
        .order_by("-submitted_at", "-pk")
    )
    if status:
        shown = shown.filter(status=status)
    paginator = Paginator(shown, APPLICANTS_PER_PAGE)
    # Already counted by status above: no second COUNT over the same rows.
    paginator.count = counts.get(status, 0) if status else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = _context(
        job=job,
        filter_form=filter_form,
        status=status,
        status_label=dict(Application.Status.choices).get(status, ""),
        status_counts=[
            (label, counts[value]) for value, label in Application.Status.choices if value in counts
        ],
        total=sum(counts.values()),
        page_obj=page,
        applications=page.object_list,
        query_string=query.urlencode(),
    )
    return render(request, "careers/employer/applicants.html", context)


# What employers see in place of someone who deleted their account (portal/privacy.py).
DELETED_APPLICANT = "Applicant deleted their account"


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@login_required
def applicants_csv(request, pk):
    job = _own_job(request, pk)
    status = ApplicantFilterForm(request.GET).selected_status()
    rows = (
        employer_applications(request.user)
        .filter(job=job)
        .select_related("applicant")
        .order_by("submitted_at", "pk")
    )
    if status:
        rows = rows.filter(status=status)
    filename = f"applicants-{slugify(job.title)[:60] or 'job'}-{timezone.localdate():%Y-%m-%d}.csv"
    header = ["name", "email", "status", "submitted", "last change", "resume file"]
    return csv_response(
        filename,
        header,
        (
            [
                application.applicant.full_name if application.applicant else DELETED_APPLICANT,
                application.applicant.email if application.applicant else "",
                application.get_status_display(),
                _local(application.submitted_at),
                _local(application.status_changed_at),
                application.resume_name,
            ]
            for application in rows.iterator(chunk_size=500)
        ),
    )


def _change_status(request, application, status):
    try:
        changed = application_set_status(
            application=application,
            status=status,
            by=request.user,
            base_url=request_base_url(request),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return
    label = application.get_status_display()
    if changed and application.applicant is None:
        messages.success(request, f"Status changed to “{label}”.")
    elif changed:
        name = application.applicant.get_full_name()
        messages.success(request, f"Status changed to “{label}”. We emailed {name} about it.")
    else:
        messages.info(request, f"The status was already “{label}”.")


@login_required
def applicant_detail(request, pk):
    application = _own_application(request, pk)
    can_change = application.status != Application.Status.WITHDRAWN
    status_form = ApplicationStatusForm(initial={"status": application.status}, prefix="status")
    notes_form = ApplicationNotesForm(instance=application, prefix="notes")
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "status":
            if not can_change:
                messages.error(
                    request, "The applicant withdrew this application, so its status stays."
                )
                return redirect("careers:applicant_detail", pk=application.pk)
            status_form = ApplicationStatusForm(request.POST, prefix="status")
            if status_form.is_valid():
                _change_status(request, application, status_form.cleaned_data["status"])
                return redirect("careers:applicant_detail", pk=application.pk)
        elif action == "notes":
            notes_form = ApplicationNotesForm(request.POST, instance=application, prefix="notes")
            if notes_form.is_valid():
                application_save_notes(
                    application=application, notes=notes_form.cleaned_data["employer_notes"]
                )
                messages.success(request, "Your private notes are saved.")
                return redirect("careers:applicant_detail", pk=application.pk)
    context = _context(
        application=application,
        job=application.job,
        applicant=application.applicant,
        events=application.events.select_related("by"),
        can_change=can_change,
        status_form=status_form,
        notes_form=notes_form,
    )
    return render(request, "careers/employer/applicant_detail.html", context)


@login_required
def applicant_resume_download(request, pk):
    application = _own_application(request, pk)
    return private_file_response(
        application.resume_file, download_name=resume_download_name(application)
    )
