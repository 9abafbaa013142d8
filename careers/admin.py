"""The Career Center in the staff admin: the moderation queue for job posts and employers,
applications (read-mostly), resumes (read-only), alerts, and career service requests.

Every decision that changes a post's or an employer's status goes through ``careers.services``
(dates, the reason, the email and the admin history stay consistent); the admin only chooses
and confirms.
"""

from pathlib import PurePath

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.template.response import TemplateResponse
from django.utils.text import capfirst, get_valid_filename

from advocacy.services.institutions import institution_suggest_by_staff
from careers.models import (
    Application,
    ApplicationEvent,
    CareerServiceRequest,
    Employer,
    Job,
    JobAlert,
    OutdatedTitle,
    Resume,
)
from careers.services.employer import (
    EMPLOYER_APPLICATION_STATUSES,
    application_set_status,
    employer_approve,
    employer_reject,
    resume_download_name,
)
from careers.services.jobs import (
    APPROVABLE_STATUSES,
    EXTENSION_DAYS,
    REJECTABLE_STATUSES,
    job_approve,
    job_extend_closing_date,
    job_reject,
    log_moderation,
)
from careers.standard_titles import (
    employers_switched,
    recheck_all_jobs,
    recheck_jobs_mentioning,
    title_switch,
)
from portal import fragments
from portal.admin import CspNonceMediaMixin, LabelledListEditableMixin, PrivateFileAdminMixin
from portal.audit import AuditTrailAdmin
from portal.mail import request_base_url

# --- Shared pieces ----------------------------------------------------------------------------


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea(attrs={"rows": 6, "cols": 80}),
        error_messages={"required": "Write the reason: the employer reads it in the email."},
    )


def reason_action(
    modeladmin,
    request,
    queryset,
    *,
    action,
    title,
    eligible,
    decide,
    done,
    help_text,
    template,
):
    """An admin action that asks for a reason on an intermediate page before deciding.

    ``eligible(obj)`` says which selected objects the decision applies to (the others are
    listed as skipped); ``decide(obj, reason)`` makes it. Returning None sends the moderator
    back to the list, with a message.
    """
    selected = list(queryset)
    chosen = [obj for obj in selected if eligible(obj)]
    skipped = [obj for obj in selected if not eligible(obj)]
    if not chosen:
        modeladmin.message_user(
            request,
            "None of the selected items can be sent back: nothing changed.",
            messages.WARNING,
        )
        return None
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    form.fields["reason"].help_text = help_text
    if form.is_bound and form.is_valid():
        count = 0
        for obj in chosen:
            try:
                decide(obj, form.cleaned_data["reason"])
            except ValidationError as error:
                modeladmin.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                count += 1
        modeladmin.message_user(request, done.format(count=count), messages.SUCCESS)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.opts,
        "title": title,
        "form": form,
        "chosen": chosen,
        "skipped": skipped,
        "selected": selected,
        "action": action,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, template, context)


# --- Employers --------------------------------------------------------------------------------


class SwitchedToStandardTitleFilter(admin.SimpleListFilter):
    """Employers whose posts moved from an outdated title to Medical Laboratory Scientist or
    Technician: candidates for the I AM MLS institutions list."""

    title = "posts switched to the standard title"
    parameter_name = "switched_title"

    def lookups(self, request, model_admin):
        return [("yes", "Yes")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return employers_switched(queryset)
        return queryset


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "status",
        "city",
        "state",
        "contact_email",
        "requested_by",
        "created_at",
        "approved_at",
        "job_total",
    ]
    list_filter = ["status", "state", SwitchedToStandardTitleFilter]
    search_fields = ["name", "contact_name", "contact_email", "members__email"]
    list_select_related = ["requested_by"]
    autocomplete_fields = ["members"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["status", "rejection_reason", "requested_by", "approved_at", "created_at"]
    actions = ["approve", "reject", "suggest_for_institutions"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "website", "city", "state", "description"]}),
        ("Contact", {"fields": ["contact_name", "contact_email", "contact_phone"]}),
        ("Who posts for it", {"fields": ["members"]}),
        (
            "Approval",
            {
                "fields": [
                    "status",
                    "rejection_reason",
                    "requested_by",
                    "created_at",
                    "approved_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        jobs = Job.objects.filter(employer=OuterRef("pk")).order_by().values("employer")
        return (
            super()
            .get_queryset(request)
            .annotate(
                _jobs=Coalesce(
                    Subquery(jobs.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
                    0,
                )
            )
        )

    @admin.display(description="job posts", ordering="_jobs")
    def job_total(self, obj):
        return obj._jobs

    @admin.action(description="Approve the selected employers", permissions=["change"])
    def approve(self, request, queryset):
        approved = 0
        for employer in queryset.select_related("requested_by"):
            try:
                employer_approve(
                    employer=employer, moderator=request.user, base_url=request_base_url(request)
                )
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.WARNING)
            else:
                approved += 1
        self.message_user(
            request,
            f"{approved} employer(s) approved; each requester was emailed.",
            messages.SUCCESS,
        )

    @admin.action(description="Turn down the selected employers (asks for the reason)",
                  permissions=["change"])  # fmt: skip
    def reject(self, request, queryset):
        return reason_action(
            self,
            request,
            queryset.select_related("requested_by"),
            action="reject",
            title="Turn down employer access",
            eligible=lambda employer: employer.status != Employer.Status.REJECTED,
            decide=lambda employer, reason: employer_reject(
                employer=employer,
                moderator=request.user,
                reason=reason,
                base_url=request_base_url(request),
            ),
            done="{count} employer(s) turned down; each requester was emailed the reason.",
            help_text="Emailed to the person who asked. Say what would make the request "
            "acceptable, for example a work email address or the laboratory's web site.",
            template="admin/careers/employer/reject.html",
        )

    @admin.action(
        description="Suggest for the I AM MLS institutions list (posts switched to the "
        "standard title)",
        permissions=["change"],
    )
    def suggest_for_institutions(self, request, queryset):
        suggested, already, skipped = [], [], []
        for employer in queryset.order_by("name"):
            switch = title_switch(employer)
            if switch is None:
                skipped.append(employer.name)
                continue
            first = switch.first_standard
            old = ", ".join(f"“{term}”" for term in switch.old_terms) or "an outdated title"
            note = (
                f"Its Career Center posts switched from {old} to the standard title: "
                f"“{first.title}”, published {first.first_published_at:%Y-%m-%d}."
            )
            with transaction.atomic():
                _institution, created = institution_suggest_by_staff(
                    name=employer.name,
                    city=employer.city,
                    state=employer.state,
                    year_adopted=first.first_published_at.year,
                    note=note,
                    by=request.user,
                )
                if created:
                    log_moderation(
                        request.user, employer, "Suggested for the I AM MLS institutions list."
                    )
            (suggested if created else already).append(employer.name)
        parts = []
        if suggested:
            parts.append(
                f"{len(suggested)} suggested for the institutions list, waiting for review "
                f"under I AM MLS → Institutions: {', '.join(suggested)}."
            )
        if already:
            parts.append(f"Already on the institutions tracker: {', '.join(already)}.")
        if skipped:
            parts.append(
                "Skipped, their posts have not switched from an outdated title to the "
                f"standard one: {', '.join(skipped)}."
            )
        self.message_user(
            request, " ".join(parts), messages.SUCCESS if suggested else messages.WARNING
        )


# --- Job posts: the moderation queue ----------------------------------------------------------


@admin.register(Job)
class JobAdmin(CspNonceMediaMixin, AuditTrailAdmin):
    list_display = [
        "title",
        "employer",
        "status",
        "submitted_at",
        "closes_on",
        "is_featured",
        "title_check",
        "application_total",
        "view_count",
    ]
    list_filter = [
        "status",
        "uses_outdated_title",
        "title_standing",
        "is_featured",
        "discipline",
        "credential",
        "employer",
        "closes_on",
    ]
    search_fields = ["title", "employer__name", "city"]
    list_select_related = ["employer"]
    autocomplete_fields = ["employer"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    prepopulated_fields = {"slug": ["title"]}
    list_per_page = 50
    readonly_fields = [
        "status",
        "rejection_reason",
        "submitted_at",
        "published_at",
        "first_published_at",
        "closed_at",
        "expiry_warning_sent_on",
        "view_count",
        "created_by",
        "created_at",
        "updated_at",
        "title_standing",
        "outdated_terms",
    ]
    actions = ["approve", "reject", "feature", "unfeature", "extend_closing_date"]
    fieldsets = [
        (None, {"fields": ["employer", "title", "slug", "description"]}),
        (
            "Standard-title check",
            {
                "description": "Checked against the list of outdated job titles whenever the "
                "title or description is saved. It never blocks a post: the employer chooses.",
                "fields": ["title_standing", "outdated_terms"],
            },
        ),
        (
            "Where and what",
            {
                "fields": [
                    "city",
                    "state",
                    "workplace",
                    "discipline",
                    "credential",
                    "employment_type",
                    "shift",
                ]
            },
        ),
        ("Salary", {"fields": ["salary_min", "salary_max", "salary_period"]}),
        ("How to apply", {"fields": ["apply_method", "apply_url", "apply_email"]}),
        (
            "Review and publishing",
            {
                "description": "The status changes only through the actions on the list of "
                "posts (approve, send back for changes), so the employer is always told.",
                "fields": [
                    "status",
                    "rejection_reason",
                    "is_featured",
                    "closes_on",
                    "submitted_at",
                    "published_at",
                    "first_published_at",
                    "closed_at",
                    "expiry_warning_sent_on",
                    "view_count",
                    "created_by",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        applications = (
            Application.objects.filter(job=OuterRef("pk"))
            .order_by()
            .values("job")
            .annotate(n=Count("pk"))
            .values("n")
        )
        # Annotate before ordering (ModelAdmin.get_queryset would order by names that do not
        # exist yet).
        queryset = self.model._default_manager.get_queryset().annotate(
            # The moderation queue: posts in review first, the longest-waiting at the top;
            # then everything else, most recently changed first.
            review_order=Case(
                When(status=Job.Status.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            pending_since=Case(
                When(status=Job.Status.PENDING, then=F("submitted_at")),
                default=None,
                output_field=DateTimeField(),
            ),
            _applications=Coalesce(Subquery(applications, output_field=IntegerField()), 0),
        )
        return queryset.order_by(*self.get_ordering(request))

    def get_ordering(self, request):
        return ["review_order", F("pending_since").asc(nulls_last=True), "-updated_at", "-pk"]

    @admin.display(description="applications", ordering="_applications")
    def application_total(self, obj):
        return obj._applications

    @admin.display(description="outdated title", ordering="uses_outdated_title")
    def title_check(self, obj):
        # Stored with the post (careers/standard_titles.py): no query per row.
        return obj.outdated_terms if obj.uses_outdated_title else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description="Approve the selected posts (they go live)", permissions=["change"])
    def approve(self, request, queryset):
        approved = skipped = 0
        for job in queryset.select_related("employer").prefetch_related("employer__members"):
            if job.status not in APPROVABLE_STATUSES:
                skipped += 1
                continue
            try:
                job_approve(job=job, moderator=request.user, base_url=request_base_url(request))
            except ValidationError:  # decided by someone else a moment ago
                skipped += 1
            else:
                approved += 1
        message = f"{approved} post(s) approved and live; the employers were emailed."
        if skipped:
            message += f" {skipped} skipped: only posts in review can be approved."
        self.message_user(request, message, messages.SUCCESS if approved else messages.WARNING)

    @admin.action(description="Send the selected posts back for changes (asks for the reason)",
                  permissions=["change"])  # fmt: skip
    def reject(self, request, queryset):
        return reason_action(
            self,
            request,
            queryset.select_related("employer").prefetch_related("employer__members"),
            action="reject",
            title="Send job posts back for changes",
            eligible=lambda job: job.status in REJECTABLE_STATUSES,
            decide=lambda job, reason: job_reject(
                job=job, moderator=request.user, reason=reason, base_url=request_base_url(request)
            ),
            done="{count} post(s) sent back for changes; the employers were emailed the reason.",
            help_text="Emailed to the employer and shown on their dashboard until they fix the "
            "post. Say what to change, for example “Add the salary range” or “The credential "
            "asked for does not match the duties”.",
            template="admin/careers/job/reject.html",
        )

    def _set_featured(self, request, queryset, featured):
        state = "featured" if featured else "no longer featured"
        count = self.update_with_history(
            request, queryset, reason=capfirst(state), is_featured=featured
        )
        self.message_user(request, f"{count} post(s) {state}.", messages.SUCCESS)

    @admin.action(description="Feature the selected posts", permissions=["change"])
    def feature(self, request, queryset):
        self._set_featured(request, queryset, True)

    @admin.action(description="Stop featuring the selected posts", permissions=["change"])
    def unfeature(self, request, queryset):
        self._set_featured(request, queryset, False)

    @admin.action(
        description=f"Extend the closing date by {EXTENSION_DAYS} days", permissions=["change"]
    )
    def extend_closing_date(self, request, queryset):
        extended = skipped = 0
        for job in queryset:
            if job_extend_closing_date(job=job, moderator=request.user):
                extended += 1
            else:
                skipped += 1
        message = f"{extended} post(s) now close later."
        if skipped:
            message += (
                f" {skipped} unchanged: only live posts or posts in review with a closing date "
                "can be extended, and never beyond 90 days from today."
            )
        self.message_user(request, message, messages.SUCCESS if extended else messages.WARNING)


# --- The list of outdated job titles ----------------------------------------------------------


@admin.register(OutdatedTitle)
class OutdatedTitleAdmin(admin.ModelAdmin):
    """The titles the job post form and the moderation queue flag. Every change re-checks the
    job posts that mention the titles changed, so the flags, the job search's filter and the
    campaign page's figures follow; "Check every job post" (and ``recheck_job_titles``) checks
    them all."""

    list_display = ["term", "replacement", "is_abbreviation", "active", "updated_at"]
    list_filter = ["replacement", "is_abbreviation", "active"]
    search_fields = ["term"]
    fields = ["term", "replacement", "is_abbreviation", "active"]
    actions = ["activate", "deactivate", "recheck_posts"]

    def _rechecked(self, request, terms=None):
        """Check the posts again: only those mentioning ``terms`` (the entries just changed),
        or every post when ``terms`` is None."""
        # In the admin's own transaction, which sees the list as just changed: the posts'
        # flags change with the list, or not at all. Narrowed in the database first, so a
        # change stays well inside the request's time limit on a large job board.
        if terms is None:
            changed = recheck_all_jobs()
            message = f"Every job post was checked against the list again; {changed} changed."
        else:
            terms = sorted({term.strip() for term in terms if term and term.strip()})
            done = recheck_jobs_mentioning(terms)
            named = ", ".join(f"“{term}”" for term in terms) or "no title"
            # The database looks at every post for the changed titles; only the posts that
            # mention one can change, and those are read again: the outcome is a full check's.
            message = (
                f"Every job post was checked against the list again; {done.changed} changed. "
                f"{done.checked} mention {named} and were read again; no other post could "
                "change."
            )
        # Once committed, other connections read the new list too (a page built in between
        # may have cached the old one).
        transaction.on_commit(lambda: fragments.changed("outdated-titles", "jobs"))
        self.message_user(request, message, messages.INFO)

    def save_model(self, request, obj, form, change):
        # An edited entry: the posts its old wording matched may change too.
        before = (
            OutdatedTitle.objects.filter(pk=obj.pk).values_list("term", flat=True).first()
            if change
            else None
        )
        super().save_model(request, obj, form, change)
        self._rechecked(request, [obj.term, before])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        self._rechecked(request, [obj.term])

    def delete_queryset(self, request, queryset):
        terms = list(queryset.values_list("term", flat=True))
        super().delete_queryset(request, queryset)
        self._rechecked(request, terms)

    @admin.action(description="Use the selected titles in the check", permissions=["change"])
    def activate(self, request, queryset):
        terms = list(queryset.values_list("term", flat=True))
        count = queryset.update(active=True)
        self.message_user(request, f"{count} title(s) now checked.", messages.SUCCESS)
        self._rechecked(request, terms)

    @admin.action(description="Stop checking the selected titles", permissions=["change"])
    def deactivate(self, request, queryset):
        terms = list(queryset.values_list("term", flat=True))
        count = queryset.update(active=False)
        self.message_user(request, f"{count} title(s) no longer checked.", messages.SUCCESS)
        self._rechecked(request, terms)

    # It writes every post's stored check: a change, not a look.
    @admin.action(description="Check every job post against the list again",
                  permissions=["change"])  # fmt: skip
    def recheck_posts(self, request, queryset):
        self._rechecked(request)


# --- Applications, resumes, alerts --------------------------------------------------------------


class ApplicationEventInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ["status", "at", "by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name = "status change"
    verbose_name_plural = "history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ApplicationAdminForm(forms.ModelForm):
    """Only the status can change here, and never to or from “withdrawn” (that is the
    applicant's own decision)."""

    class Meta:
        model = Application
        fields = ["status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" not in self.fields:
            return
        if self.instance.status == Application.Status.WITHDRAWN:
            self.fields["status"].disabled = True
            self.fields["status"].help_text = "The applicant withdrew this application."
        else:
            self.fields["status"].choices = EMPLOYER_APPLICATION_STATUSES
            self.fields["status"].help_text = "The applicant is emailed about a new status."


@admin.register(Application)
class ApplicationAdmin(PrivateFileAdminMixin, admin.ModelAdmin):
    form = ApplicationAdminForm
    private_file_field = "resume_file"
    list_display = ["applicant", "job", "employer", "status", "submitted_at", "status_changed_at"]
    list_filter = ["status", "job__employer"]
    search_fields = [
        "applicant__email",
        "applicant__full_name",
        "job__title",
        "job__employer__name",
    ]
    list_select_related = ["applicant", "job__employer"]
    date_hierarchy = "submitted_at"
    # The employer's private notes stay with the employer.
    fields = [
        "job",
        "applicant",
        "status",
        "file_link",
        "resume_name",
        "cover_note",
        "submitted_at",
        "status_changed_at",
    ]
    readonly_fields = [
        "job",
        "applicant",
        "file_link",
        "resume_name",
        "cover_note",
        "submitted_at",
        "status_changed_at",
    ]
    inlines = [ApplicationEventInline]

    def private_file_name(self, obj):
        return resume_download_name(obj)

    @admin.display(description="employer", ordering="job__employer__name")
    def employer(self, obj):
        return obj.job.employer

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            wanted, obj.status = obj.status, form.initial["status"]
            application_set_status(
                application=obj, status=wanted, by=request.user, base_url=request_base_url(request)
            )
        else:
            super().save_model(request, obj, form, change)


@admin.register(Resume)
class ResumeAdmin(PrivateFileAdminMixin, admin.ModelAdmin):
    list_display = ["title", "owner", "original_name", "is_default", "uploaded_at"]
    list_filter = ["is_default"]
    search_fields = ["owner__email", "owner__full_name", "title", "original_name"]
    list_select_related = ["owner"]
    fields = ["owner", "title", "original_name", "file_link", "is_default", "uploaded_at"]
    readonly_fields = fields

    def private_file_name(self, obj):
        return get_valid_filename(obj.original_name) or "resume"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JobAlert)
class JobAlertAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "frequency", "is_active", "created_at", "last_sent_at"]
    list_filter = ["frequency", "is_active"]
    search_fields = ["name", "user__email", "query"]
    list_select_related = ["user"]
    fields = ["user", "name", "query", "frequency", "is_active", "created_at", "last_sent_at"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# --- Career services ------------------------------------------------------------------------------


@admin.register(CareerServiceRequest)
class CareerServiceRequestAdmin(LabelledListEditableMixin, PrivateFileAdminMixin, admin.ModelAdmin):
    private_file_field = "resume_file"
    list_display = ["requester", "service", "status", "assignee", "created_at"]
    list_display_links = ["requester"]
    list_editable = ["status", "assignee"]
    list_filter = ["service", "status", "assignee"]
    search_fields = ["requester__email", "requester__full_name", "message"]
    list_select_related = ["requester", "assignee"]
    date_hierarchy = "created_at"
    fields = [
        "requester",
        "service",
        "preferred_contact",
        "phone",
        "message",
        "file_link",
        "status",
        "assignee",
        "staff_notes",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "requester",
        "service",
        "preferred_contact",
        "phone",
        "message",
        "file_link",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False

    def private_file_name(self, obj):
        # The stored name is generated; staff get a name that says whose resume it is.
        suffix = PurePath(obj.resume_file.name).suffix.lower()
        return f"career-service-request-{obj.pk}-resume{suffix}"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "assignee" and field is not None:
            # The list's rows share one list of staff, read once rather than once per row.
            cached = getattr(request, "_career_assignee_choices", None)
            if cached is None:
                cached = request._career_assignee_choices = list(field.choices)
            field.choices = cached
        return field
