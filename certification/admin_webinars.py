"""Webinars in the staff admin: scheduling, registrations, and attendance that earns CE credit.

Attendance is marked in three ways (the Attended box on a webinar's registrations, the “Mark
attended” action on the registrations list, or a CSV of attendee emails uploaded on the
webinar) and all three go through ``certification.services.webinars`` so the member's CE
record is made exactly once. Un-marking never deletes that record.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from certification.calendar import format_when
from certification.forms_webinars import AttendanceUploadForm
from certification.models import Webinar, WebinarRegistration
from certification.services.webinars import (
    attendance_import,
    registration_mark_attended,
    registration_unmark_attended,
)
from portal.admin import CspNonceMediaMixin

ATTENDED_HELP = (
    "Ticking this adds the webinar to the member’s CE tracker and lets them download a "
    "certificate. Unticking hides the certificate but does not delete the CE record from their "
    "tracker (they may have edited it); remove it under CE activities if it really should go."
)


def _apply_attended(registration, attended: bool) -> None:
    if attended:
        registration_mark_attended(registration=registration)
    else:
        registration_unmark_attended(registration=registration)


class TimingFilter(admin.SimpleListFilter):
    title = "when"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", "Upcoming"), ("past", "Past")]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.filter(starts_at__gte=timezone.now())
        if self.value() == "past":
            return queryset.filter(starts_at__lt=timezone.now())
        return queryset


class WebinarRegistrationInline(admin.TabularInline):
    model = WebinarRegistration
    fields = ["user", "registered_at", "attended", "certificate_code"]
    readonly_fields = ["user", "registered_at", "certificate_code"]
    extra = 0
    show_change_link = True
    verbose_name_plural = "registrations and attendance"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        # Registrations come from members (or the registrations list, for a late addition).
        return False

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "attended":
            field.help_text = ATTENDED_HELP
        return field


@admin.register(Webinar)
class WebinarAdmin(CspNonceMediaMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "when",
        "presenter",
        "category",
        "level",
        "registered",
        "attended",
        "capacity",
        "is_published",
    ]
    list_filter = [TimingFilter, "is_published", "category", "level"]
    search_fields = ["title", "presenter", "pace_number", "slug"]
    date_hierarchy = "starts_at"
    list_select_related = ["category"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [WebinarRegistrationInline]
    change_form_template = "admin/certification/webinar/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["title", "slug", "presenter", "description", "is_published"]}),
        (
            "Time (enter Central time, America/Chicago)",
            {"fields": ["starts_at", "duration_minutes"]},
        ),
        ("CE credit", {"fields": ["contact_hours", "category", "level", "pace_number"]}),
        (
            "Registration",
            {"fields": ["capacity", "registration_opens", "registration_closes"]},
        ),
        ("Links", {"fields": ["join_url", "recording_url"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                _registered=Count("registrations"),
                _attended=Count("registrations", filter=Q(registrations__attended=True)),
            )
        )

    @admin.display(description="starts (CT)", ordering="starts_at")
    def when(self, obj):
        return format_when(obj.starts_at)

    @admin.display(description="registered", ordering="_registered")
    def registered(self, obj):
        return obj._registered

    @admin.display(description="attended", ordering="_attended")
    def attended(self, obj):
        return obj._attended

    def save_formset(self, request, form, formset, change):
        if formset.model is not WebinarRegistration:
            return super().save_formset(request, form, formset, change)
        # The Attended box goes through the service (which adds the CE record); everything
        # else the inline may do (deleting a registration) is saved as usual.
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            obj.delete()
        for inline_form in formset.forms:
            if inline_form in formset.deleted_forms or not inline_form.has_changed():
                continue
            registration = inline_form.instance
            if "attended" in inline_form.changed_data and registration.pk:
                _apply_attended(registration, inline_form.cleaned_data["attended"])
        formset.save_m2m()
        return None

    def get_urls(self):
        return [
            path(
                "<path:object_id>/attendance/",
                self.admin_site.admin_view(self.attendance_view),
                name="certification_webinar_attendance",
            ),
            *super().get_urls(),
        ]

    def attendance_view(self, request, object_id):
        webinar = get_object_or_404(Webinar, pk=object_id)
        if not (
            self.has_view_permission(request, webinar)
            and request.user.has_perm("certification.change_webinarregistration")
        ):
            raise PermissionDenied
        form = AttendanceUploadForm(request.POST or None, request.FILES or None)
        result = None
        if request.method == "POST" and form.is_valid():
            try:
                result = attendance_import(webinar=webinar, data=form.cleaned_data["attendees"])
            except ValidationError as error:
                form.add_error("attendees", error)
            else:
                level = messages.WARNING if result.problems else messages.SUCCESS
                self.message_user(
                    request,
                    f"Marked {len(result.marked)} attended; {len(result.already)} were already "
                    f"marked; {len(result.problems)} line(s) need a look.",
                    level,
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": webinar,
            "title": f"Upload attendance: {webinar.title}",
            "webinar": webinar,
            "when": format_when(webinar.starts_at),
            "form": form,
            "result": result,
            "registered": webinar.registrations.count(),
            "attended": webinar.registrations.filter(attended=True).count(),
        }
        return TemplateResponse(
            request, "admin/certification/webinar/attendance_upload.html", context
        )


@admin.register(WebinarRegistration)
class WebinarRegistrationAdmin(admin.ModelAdmin):
    list_display = ["user", "webinar", "registered_at", "attended", "certificate_code"]
    list_filter = ["attended", ("webinar", admin.RelatedOnlyFieldListFilter)]
    search_fields = [
        "user__email",
        "user__full_name",
        "webinar__title",
        "=certificate_code",
    ]
    list_select_related = ["user", "webinar"]
    autocomplete_fields = ["user"]
    date_hierarchy = "registered_at"
    readonly_fields = ["registered_at", "certificate_code", "certificate_link"]
    actions = ["mark_attended", "mark_not_attended"]
    list_per_page = 100

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += ["webinar", "user"]
        return fields

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["webinar", "user", "attended"]
        return ["webinar", "user", "registered_at", "attended", "certificate_code",
                "certificate_link"]  # fmt: skip

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "attended":
            field.help_text = ATTENDED_HELP
        return field

    @admin.display(description="certificate")
    def certificate_link(self, obj):
        if not obj.pk or not obj.attended:
            return "Available once attendance is marked."
        return format_html(
            '<a href="{}">Download the certificate (PDF)</a>',
            reverse("certification:certificate_download", args=[obj.pk]),
        )

    def save_model(self, request, obj, form, change):
        wanted = obj.attended
        if "attended" not in form.changed_data:
            return super().save_model(request, obj, form, change)
        # Save as it was, then let the service change the mark (and add the CE record).
        obj.attended = form.initial.get("attended", False) if change else False
        super().save_model(request, obj, form, change)
        _apply_attended(obj, wanted)
        return None

    @admin.action(description="Mark attended (adds CE credit)", permissions=["change"])
    def mark_attended(self, request, queryset):
        newly = already = 0
        for registration in queryset:
            if registration.attended:
                already += 1
            else:
                registration_mark_attended(registration=registration)
                newly += 1
        self.message_user(
            request,
            f"Marked {newly} registration(s) attended and added their CE credit"
            + (f"; {already} were already marked." if already else "."),
            messages.SUCCESS,
        )

    @admin.action(description="Mark not attended (keeps CE records)", permissions=["change"])
    def mark_not_attended(self, request, queryset):
        count = 0
        for registration in queryset.filter(attended=True):
            registration_unmark_attended(registration=registration)
            count += 1
        self.message_user(
            request,
            f"Marked {count} registration(s) not attended. Their certificates are no longer "
            "available; the CE records in their trackers were kept.",
            messages.SUCCESS,
        )
