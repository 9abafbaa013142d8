from datetime import timedelta
from pathlib import PurePath

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import capfirst, get_valid_filename
from js_asset import Media, Script

from portal.audit import AuditTrailAdmin
from portal.csvexport import csv_response
from portal.files import private_file_response
from portal.forms import RosterUploadForm
from portal.models import (
    AccountDeletion,
    Membership,
    MembershipCategory,
    Page,
    RosterImport,
    User,
)
from portal.roster import RosterError, roster_import

# Accessibility fixes for the rich-text editor (a name for its editable area, the state of its
# toolbar buttons): static/admin/portal/prose_editor_a11y.js. Include it wherever the editor is.
PROSE_EDITOR_A11Y = Media(js=[Script("admin/portal/prose_editor_a11y.js", type="module")])


class CspNonceMediaMixin:
    """The rich-text editor loads through an import map, an inline script; give it the
    request's CSP nonce so the strict policy can stay on in the admin too. (The one inline
    <style> block the editor adds is allowed by its hash: see CONTENT_SECURITY_POLICY.)"""

    def render_change_form(self, request, context, *args, **kwargs):
        context["media"] = Media.from_media(
            context["media"] + PROSE_EDITOR_A11Y, nonce=str(request.csp_nonce)
        )
        return super().render_change_form(request, context, *args, **kwargs)

    def render_history_view(self, request, template, context, **kwargs):
        # A past version in the audit trail (portal.audit) is shown in the change form too.
        if "adminform" in context:
            context["media"] = Media.from_media(
                self.media + context["adminform"].media + PROSE_EDITOR_A11Y,
                nonce=str(request.csp_nonce),
            )
        return super().render_history_view(request, template, context, **kwargs)


class LabelledListEditableMixin:
    """Name each ``list_editable`` input on the list of records. Django renders them without a
    label (axe-core: "label", WCAG 1.3.1/4.1.2), so a screen reader says only "edit text";
    here each says what it is and whose, e.g. "Order: About the society"."""

    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)

        class LabelledForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.pk is None:
                    return  # the formset's spare empty form, never shown on the list
                for field in self.fields.values():
                    widget = field.widget
                    # A foreign key's select comes wrapped (with "add another" links).
                    while isinstance(widget, RelatedFieldWidgetWrapper):
                        widget = widget.widget
                    if widget.is_hidden or field.label is None:
                        continue
                    widget.attrs = {
                        **widget.attrs,
                        "aria-label": f"{capfirst(field.label)}: {self.instance}",
                    }

        return LabelledForm


class SingleRecordAdminMixin:
    """The admin of a table with one record (``model.defaults`` and ``model.load()``): the list
    goes straight to that record, or to adding it, prefilled with the built-in wording, the
    first time; a second cannot be added and the one there cannot be deleted."""

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not self.model.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def get_changeform_initial_data(self, request):
        return {**self.model.defaults, **super().get_changeform_initial_data(request)}

    def changelist_view(self, request, extra_context=None):
        record = self.model.objects.order_by("pk").first()
        info = self.opts.app_label, self.opts.model_name
        if record is not None and self.has_view_or_change_permission(request, record):
            return redirect("admin:{}_{}_change".format(*info), record.pk)
        if record is None and self.has_add_permission(request):
            return redirect("admin:{}_{}_add".format(*info))
        return super().changelist_view(request, extra_context)


class PrivateFileInput(forms.ClearableFileInput):
    """The admin's file input for a private file: "Currently: <name>" links to the admin's
    own download view, since the file has no URL of its own."""

    def __init__(self, attrs=None, *, download_url, download_name=None):
        self.download_url = download_url
        self.download_name = download_name
        super().__init__(attrs)

    def is_initial(self, value):
        return bool(value and getattr(value, "name", None))

    def format_value(self, value):
        if not self.is_initial(value):
            return None
        return _CurrentFile(
            name=self.download_name or PurePath(value.name).name, url=self.download_url
        )


class _CurrentFile:
    def __init__(self, *, name, url):
        self.name, self.url = name, url

    def __str__(self):
        return self.name


class PrivateFileAdminMixin:
    """Staff with view permission download an object's private file through the admin (the
    file has no URL of its own); an editable file field shows its current file the same way."""

    private_file_field = "file"

    def private_file_name(self, obj) -> str:
        return get_valid_filename(PurePath(getattr(obj, self.private_file_field).name).name)

    def _file_url_name(self):
        return f"{self.opts.app_label}_{self.opts.model_name}_file"

    def get_urls(self):
        return [
            path(
                "<path:object_id>/file/",
                self.admin_site.admin_view(self.private_file_view),
                name=self._file_url_name(),
            ),
            *super().get_urls(),
        ]

    def private_file_view(self, request, object_id):
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_view_permission(request, obj):
            raise PermissionDenied
        return private_file_response(
            getattr(obj, self.private_file_field), download_name=self.private_file_name(obj)
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get(self.private_file_field)
        if field is not None and obj is not None and obj.pk is not None:
            field.widget = PrivateFileInput(
                download_url=reverse(f"admin:{self._file_url_name()}", args=[obj.pk]),
                download_name=self.private_file_name(obj)
                if getattr(obj, self.private_file_field)
                else None,
            )
        return form

    @admin.display(description="file")
    def file_link(self, obj):
        if obj is None or obj.pk is None or not getattr(obj, self.private_file_field):
            return "—"
        url = reverse(f"admin:{self._file_url_name()}", args=[obj.pk])
        return format_html('<a href="{}">Download {}</a>', url, self.private_file_name(obj))


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "credentials", "employer", "is_staff", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups", "state"]
    search_fields = ["email", "full_name", "employer", "credentials"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Profile", {"fields": ["full_name", "credentials", "employer", "city", "state"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]}),
    ]


@admin.register(MembershipCategory)
class MembershipCategoryAdmin(LabelledListEditableMixin, admin.ModelAdmin):
    list_display = ["name", "order", "member_count"]
    list_editable = ["order"]
    search_fields = ["name"]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_members=Count("memberships"))

    @admin.display(description="memberships", ordering="_members")
    def member_count(self, obj):
        return obj._members


class MembershipStatusFilter(admin.SimpleListFilter):
    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            ("active", "Active"),
            ("expired", "Expired"),
            ("expiring", "Expires within 30 days"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.active()
        if self.value() == "expired":
            return queryset.expired()
        if self.value() == "expiring":
            return queryset.expiring_within(30)
        return queryset


class LinkedAccountFilter(admin.SimpleListFilter):
    title = "linked account"
    parameter_name = "linked"

    def lookups(self, request, model_admin):
        return [("yes", "Linked to an account"), ("no", "No account yet")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(user__isnull=False)
        if self.value() == "no":
            return queryset.filter(user__isnull=True)
        return queryset


@admin.register(Membership)
class MembershipAdmin(AuditTrailAdmin):
    list_display = [
        "member_id",
        "last_name",
        "first_name",
        "email",
        "category",
        "expiry_date",
        "is_active_display",
        "user",
    ]
    list_filter = [MembershipStatusFilter, "category", LinkedAccountFilter]
    search_fields = ["member_id", "first_name", "last_name", "email", "user__email"]
    list_select_related = ["category", "user"]
    autocomplete_fields = ["user"]
    date_hierarchy = "expiry_date"
    readonly_fields = ["created_at", "updated_at"]
    list_per_page = 50
    change_list_template = "admin/portal/membership/change_list.html"

    @admin.display(description="active", boolean=True)
    def is_active_display(self, obj):
        return obj.is_active

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_roster_view),
                name="portal_membership_import",
            ),
            path(
                "export.csv",
                self.admin_site.admin_view(self.export_csv_view),
                name="portal_membership_export",
            ),
            *super().get_urls(),
        ]

    def import_roster_view(self, request):
        if not request.user.has_perm("portal.import_roster"):
            raise PermissionDenied
        form = RosterUploadForm(request.POST or None, request.FILES or None)
        problems = []
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["roster"]
            try:
                result = roster_import(
                    data=upload.read(), file_name=upload.name, imported_by=request.user
                )
            except RosterError as error:
                problems = error.problems
                messages.error(
                    request,
                    f"Nothing was imported: {len(problems)} problem(s) in {upload.name}. "
                    "Fix them in the file and upload it again.",
                )
            else:
                messages.success(
                    request,
                    f"Imported {result.rows} rows from {result.file_name}: {result.created} new, "
                    f"{result.updated} updated, {result.unchanged} unchanged; "
                    f"{result.linked} linked to accounts.",
                )
                return redirect("admin:portal_membership_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import the national roster",
            "form": form,
            "problems": problems,
            "recent_imports": RosterImport.objects.select_related("imported_by")[:5],
        }
        return TemplateResponse(request, "admin/portal/membership/import_roster.html", context)

    def export_csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        # The changelist's own queryset, so the export honours the filters and search in use.
        changelist = self.get_changelist_instance(request)
        queryset = changelist.get_queryset(request).select_related("category", "user")
        stamp = timezone.localdate().isoformat()
        header = ["member ID", "first name", "last name", "email", "category", "start date",
                  "expiry date", "status", "account"]  # fmt: skip
        rows = (
            [
                m.member_id,
                m.first_name,
                m.last_name,
                m.email,
                m.category.name,
                m.start_date.isoformat() if m.start_date else "",
                m.expiry_date.isoformat(),
                "active" if m.is_active else "expired",
                m.user.email if m.user else "",
            ]
            for m in queryset.iterator(chunk_size=1000)
        )
        return csv_response(f"memberships-{stamp}.csv", header, rows)

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "export_url": reverse("admin:portal_membership_export") + "?" + request.GET.urlencode(),
            "can_import": request.user.has_perm("portal.import_roster"),
            "soon": timezone.localdate() + timedelta(days=30),
        }
        return super().changelist_view(request, extra_context)


@admin.register(RosterImport)
class RosterImportAdmin(admin.ModelAdmin):
    list_display = [
        "file_name",
        "imported_at",
        "imported_by",
        "rows",
        "created",
        "updated",
        "unchanged",
        "linked",
    ]
    list_select_related = ["imported_by"]
    date_hierarchy = "imported_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Page)
class PageAdmin(LabelledListEditableMixin, CspNonceMediaMixin, AuditTrailAdmin):
    list_display = ["title", "section", "visibility", "is_published", "order", "updated_at"]
    list_filter = ["section", "visibility", "is_published"]
    list_editable = ["order", "is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "section", "summary", "body"]}),
        ("Publishing", {"fields": ["visibility", "is_published", "order"]}),
    ]


@admin.register(AccountDeletion)
class AccountDeletionAdmin(admin.ModelAdmin):
    """Proof that deletions happened, for superusers only; the rows name nobody."""

    list_display = ["deleted_at", "reason", "summary"]
    list_filter = ["reason"]
    date_hierarchy = "deleted_at"
    fields = ["deleted_at", "reason", "summary", "counts"]
    readonly_fields = fields

    @admin.display(description="what went or was anonymized")
    def summary(self, obj):
        return "; ".join(
            f"{count} {label}"
            for per_app in obj.counts.values()
            for label, count in per_app.items()
            if count
        )

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
