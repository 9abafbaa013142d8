"""The job seeker's side of the Career Center: resumes, applying, My career, saved jobs, alerts.

Any logged-in person is a job seeker. Views collect input and show outcomes; the rules are in
``careers.services.seeker`` and ``careers.alerts``. A person only ever reaches their own
resumes, applications and alerts: anyone else's are a 404, not a 403, so nothing leaks.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from careers.alerts import describe_search, suggest_alert_name
from careers.forms_seeker import ApplyForm, JobAlertForm, ResumeRenameForm, ResumeUploadForm
from careers.models import MAX_RESUMES_PER_PERSON, Application, Job, JobAlert, Resume, SavedJob
from careers.services import seeker as services
from portal.files import private_file_response
from portal.mail import request_base_url
from portal.models import Section
from portal.pagecache import kept_per_session
from portal.ratelimit import HOUR, too_many_requests, within_limits

APPLICATIONS_PER_PAGE = 20
# Errors about the job itself (not about what was typed) send the person back to the job page.
JOB_REFUSALS = {"not_open", "applies_elsewhere"}
# Applications sent in an hour, per person and per client address (a hospital network shares one).
APPLY_LIMIT, APPLY_ADDRESS_LIMIT = 20, 60
APPLY_TOO_MANY = (
    "You have sent a lot of applications in the last hour, so this one was not sent. Please "
    "try again in an hour."
)


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y")


def _dashboard_url(anchor=""):
    return reverse("careers:seeker_dashboard") + (f"#{anchor}" if anchor else "")


def _add_errors(form, error: ValidationError, field_names=None):
    """Attach a service's ValidationError to the form, under the form's own field names."""
    field_names = field_names or {}
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            field = field_names.get(name, name)
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _safe_next(request, fallback):
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


# --- The apply box on the job page ------------------------------------------------------------


def apply_box_context(request, job) -> dict:
    """Context for templates/careers/seeker/_apply_box.html on the job page (at most three
    queries, whatever the person has)."""
    user = request.user
    context = {
        "apply_state": "form",
        "apply_application": None,
        "apply_saved": False,
        "apply_can_save": False,
        "apply_form": None,
    }
    if user.is_authenticated:
        application = (
            Application.objects.of_applicant(user)
            .filter(job=job)
            .only("pk", "status", "submitted_at", "job_id", "applicant_id")
            .first()
        )
        context["apply_application"] = application
        context["apply_saved"] = SavedJob.objects.filter(user=user, job=job).exists()
        context["apply_can_save"] = context["apply_saved"] or job.is_open()
    if context["apply_application"] is not None:
        context["apply_state"] = "applied"
    elif not job.applies_through_portal:
        context["apply_state"] = "external"
    elif not job.is_open():
        context["apply_state"] = "closed"
    elif not user.is_authenticated:
        context["apply_state"] = "anonymous"
        next_query = urlencode({"next": job.get_absolute_url()})
        context["apply_login_url"] = f"{reverse('account_login')}?{next_query}"
        context["apply_signup_url"] = f"{reverse('account_signup')}?{next_query}"
    else:
        context["apply_form"] = ApplyForm(resumes=Resume.objects.filter(owner=user))
    return context


# --- Applying ----------------------------------------------------------------------------------


def _already_applied(request, application):
    messages.info(
        request,
        f"You already applied on {_date(application.submitted_at)}. "
        "Here is your application and where it stands.",
    )
    return redirect("careers:application_detail", pk=application.pk)


def _refused(request, job, error):
    messages.error(request, " ".join(error.messages))
    # A post that was never live has no public page to go back to.
    return redirect(job if job.published_at else "careers:index")


@login_required
@require_POST
def apply(request, slug):
    job = get_object_or_404(Job.objects.select_related("employer"), slug=slug)
    existing = Application.objects.of_applicant(request.user).filter(job=job).first()
    if existing is not None:
        return _already_applied(request, existing)
    try:
        services.check_job_accepts_applications(job)
    except ValidationError as error:
        return _refused(request, job, error)

    form = ApplyForm(request.POST, request.FILES, resumes=Resume.objects.filter(owner=request.user))
    if form.is_valid() and not within_limits(
        request,
        "apply",
        address_limit=APPLY_ADDRESS_LIMIT,
        key=str(request.user.pk),
        key_limit=APPLY_LIMIT,
    ):
        form.add_error(None, APPLY_TOO_MANY)
        context = {"nav_section": Section.CAREERS, "job": job, "apply_form": form}
        return too_many_requests(
            request, retry_after=HOUR, template="careers/seeker/apply_error.html", context=context
        )
    if form.is_valid():
        try:
            if form.uploads_resume:
                resume = services.resume_upload(
                    owner=request.user,
                    title=form.cleaned_data["resume_title"],
                    file=form.cleaned_data["resume_file"],
                )
            else:
                resume = form.cleaned_data["resume"]
            application, created = services.apply_to_job(
                applicant=request.user,
                job=job,
                resume=resume,
                cover_note=form.cleaned_data["cover_note"],
                base_url=request_base_url(request),
            )
        except ValidationError as error:
            if error.code in JOB_REFUSALS:
                return _refused(request, job, error)
            _add_errors(form, error, {"file": "resume_file", "title": "resume_title"})
        else:
            if not created:
                return _already_applied(request, application)
            messages.success(
                request,
                f"Your application for {job.title} has been sent to {job.employer.name}. "
                "We have emailed you a confirmation, and you can follow it here.",
            )
            return redirect("careers:application_detail", pk=application.pk)

    context = {"nav_section": Section.CAREERS, "job": job, "apply_form": form}
    return render(request, "careers/seeker/apply_error.html", context)


# --- My career -------------------------------------------------------------------------------


@login_required
# Reloaded all day by its owner: a reload is answered from a copy kept for their session
# (portal/pagecache.py), emptied by any save and by anything they post.
@kept_per_session
def dashboard(request):
    user = request.user
    resumes = list(Resume.objects.filter(owner=user))
    applications = (
        Application.objects.of_applicant(user)
        .select_related("job__employer")
        .defer(
            "cover_note",
            "employer_notes",
            "job__description",
            "job__search_vector",
            "job__site_search_vector",
        )
        .order_by("-submitted_at", "-pk")
    )
    page = Paginator(applications, APPLICATIONS_PER_PAGE).get_page(request.GET.get("page"))
    saved_jobs = list(
        SavedJob.objects.filter(user=user)
        .select_related("job__employer")
        .defer("job__description", "job__search_vector", "job__site_search_vector")
    )
    alerts = list(JobAlert.objects.filter(user=user))
    for alert in alerts:
        alert.search_words = describe_search(alert.query)
    context = {
        "nav_section": Section.CAREERS,
        "resumes": resumes,
        "can_upload": len(resumes) < MAX_RESUMES_PER_PERSON,
        "max_resumes": MAX_RESUMES_PER_PERSON,
        "upload_form": ResumeUploadForm(),
        "page_obj": page,
        "applications": page.object_list,
        "saved_jobs": saved_jobs,
        "alerts": alerts,
        "today": timezone.localdate(),
    }
    return render(request, "careers/seeker/dashboard.html", context)


# --- Resumes -----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def resume_upload(request):
    count = Resume.objects.filter(owner=request.user).count()
    posted = request.method == "POST"
    form = ResumeUploadForm(request.POST, request.FILES) if posted else ResumeUploadForm()
    if posted and form.is_valid():
        try:
            resume = services.resume_upload(
                owner=request.user,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            note = " It is your default resume." if resume.is_default else ""
            messages.success(request, f"“{resume.title}” is uploaded.{note}")
            return redirect(_dashboard_url("resumes"))
    if posted:
        messages.error(request, "Your resume was not uploaded. Please see the note below.")
    context = {
        "nav_section": Section.CAREERS,
        "form": form,
        "count": count,
        "max_resumes": MAX_RESUMES_PER_PERSON,
        "can_upload": count < MAX_RESUMES_PER_PERSON,
    }
    return render(request, "careers/seeker/resume_upload.html", context)


def _own_resume(request, pk):
    return get_object_or_404(Resume, pk=pk, owner=request.user)


@login_required
@require_http_methods(["GET", "POST"])
def resume_edit(request, pk):
    resume = _own_resume(request, pk)
    if request.method == "POST" and request.POST.get("action") == "default":
        services.resume_set_default(resume=resume)
        messages.success(request, f"“{resume.title}” is now your default resume.")
        return redirect(_dashboard_url("resumes"))
    form = ResumeRenameForm(request.POST if request.method == "POST" else None, instance=resume)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.resume_rename(resume=resume, title=form.cleaned_data["title"])
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, f"The resume is now called “{resume.title}”.")
                return redirect(_dashboard_url("resumes"))
        resume.refresh_from_db(fields=["title"])
    context = {"nav_section": Section.CAREERS, "resume": resume, "form": form}
    return render(request, "careers/seeker/resume_edit.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def resume_delete(request, pk):
    resume = _own_resume(request, pk)
    if request.method == "POST":
        new_default = services.resume_delete(resume=resume)
        text = f"“{resume.title}” is deleted. Applications you sent with it keep their own copy."
        if new_default is not None:
            text += f" “{new_default.title}” is now your default resume."
        messages.success(request, text)
        return redirect(_dashboard_url("resumes"))
    context = {"nav_section": Section.CAREERS, "resume": resume}
    return render(request, "careers/seeker/resume_confirm_delete.html", context)


@login_required
def resume_download(request, pk):
    resume = _own_resume(request, pk)
    return private_file_response(resume.file, download_name=resume.original_name)


# --- Applications ----------------------------------------------------------------------------


def _own_application(request, pk):
    return get_object_or_404(
        Application.objects.of_applicant(request.user).select_related("job__employer"), pk=pk
    )


@login_required
def application_detail(request, pk):
    application = _own_application(request, pk)
    context = {
        "nav_section": Section.CAREERS,
        "application": application,
        "job": application.job,
        "events": list(application.events.all()),
        "can_withdraw": services.application_can_withdraw(application),
    }
    return render(request, "careers/seeker/application_detail.html", context)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = _own_application(request, pk)
    try:
        services.application_withdraw(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"You have withdrawn your application for {application.job.title}. "
            f"{application.job.employer.name} will see it as withdrawn.",
        )
    return redirect("careers:application_detail", pk=application.pk)


@login_required
def application_resume_download(request, pk):
    application = _own_application(request, pk)
    return private_file_response(application.resume_file, download_name=application.resume_name)


# --- Saved jobs ----------------------------------------------------------------------------------


@login_required
@require_POST
def toggle_saved_job(request, slug):
    job = get_object_or_404(Job, slug=slug)
    wanted = {"1": True, "0": False}.get(request.POST.get("save", ""))
    try:
        saved = services.saved_job_toggle(user=request.user, job=job, save=wanted)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if saved:
            messages.success(request, f"Saved “{job.title}”. You will find it in My career.")
        else:
            messages.success(request, f"Removed “{job.title}” from your saved jobs.")
    return redirect(_safe_next(request, job.get_absolute_url()))


# --- Job alerts --------------------------------------------------------------------------------


@login_required
@require_POST
def alert_create(request):
    form = JobAlertForm(request.POST)
    if form.is_valid():
        try:
            alert, created = services.job_alert_create(
                user=request.user,
                name=form.cleaned_data["name"] or suggest_alert_name(form.cleaned_data["query"]),
                query=form.cleaned_data["query"],
                frequency=form.cleaned_data["frequency"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            how_often = "every day" if alert.frequency == JobAlert.Frequency.DAILY else "weekly"
            if created:
                text = (
                    f"Your job alert “{alert.name}” is saved. We will email you {how_often} "
                    "when new jobs match this search."
                )
            else:
                text = (
                    f"You already had an alert for this search; it is now called "
                    f"“{alert.name}” and comes {how_often}."
                )
            messages.success(request, text)
            index = reverse("careers:index")
            return redirect(f"{index}?{alert.query}" if alert.query else index)
    context = {
        "nav_section": Section.CAREERS,
        "form": form,
        "search_words": describe_search(form.data.get("query", "")),
    }
    return render(request, "careers/seeker/alert_form.html", context)


@login_required
@require_POST
def alert_delete(request, pk):
    alert = get_object_or_404(JobAlert, pk=pk, user=request.user)
    alert.delete()
    messages.success(request, f"The job alert “{alert.name}” is deleted. No more emails from it.")
    return redirect(_dashboard_url("alerts"))


# The link in each alert email works without logging in: the unguessable token is the
# permission. CSRF protection is off for it so that mail programs' one-click unsubscribe
# (RFC 8058, a POST without a form token) works; a forged POST would need the token anyway.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    alert = get_object_or_404(JobAlert, token=token)
    if request.method == "POST":
        services.job_alert_unsubscribe(alert=alert)
        return redirect("careers:alert_unsubscribe", token=alert.token)
    context = {"nav_section": Section.CAREERS, "alert": alert}
    return render(request, "careers/seeker/alert_unsubscribe.html", context)
