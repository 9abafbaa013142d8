"""Admin for the certification catalogue: CE categories, certifying bodies, credentials and their
renewal rules, the CE options guide and the FAQ, plus a read-mostly view of members' credentials
and CE records. Webinars and registrations are in admin_webinars.py."""

from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from certification.models import (
    CategoryMinimum,
    CEActivity,
    CECategory,
    CEOption,
    CEOptionType,
    CertifyingBody,
    Credential,
    CredentialHolding,
    FAQEntry,
    RenewalRule,
)
from certification.rules_text import describe_rule, number
from portal.admin import CspNonceMediaMixin, LabelledListEditableMixin


@admin.register(CECategory)
class CECategoryAdmin(LabelledListEditableMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class CredentialInline(admin.TabularInline):
    model = Credential
    fields = ["name", "slug", "title", "order"]
    prepopulated_fields = {"slug": ["name"]}
    show_change_link = True
    extra = 0


@admin.register(CertifyingBody)
class CertifyingBodyAdmin(LabelledListEditableMixin, CspNonceMediaMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "abbreviation", "website", "credential_count", "order"]
    list_editable = ["order"]
    search_fields = ["name", "abbreviation"]
    prepopulated_fields = {"slug": ["abbreviation"]}
    inlines = [CredentialInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_credentials=Count("credentials"))

    @admin.display(description="credentials", ordering="_credentials")
    def credential_count(self, obj):
        return obj._credentials


class RenewalRuleInline(admin.StackedInline):
    """The rule's figures edited with the credential; its category minimums are edited on the
    rule's own page (the admin cannot nest inlines), which ``minimums_link`` opens."""

    model = RenewalRule
    fields = [
        ("cycle_years", "total_points"),
        ("points_per_semester_hour", "points_per_quarter_hour", "academic_share_limit"),
        "annual_renewal",
        "notes",
        ("needs_review", "reviewed_on"),
        "minimums_link",
    ]
    readonly_fields = ["minimums_link"]
    max_num = 1
    extra = 0

    @admin.display(description="category minimums")
    def minimums_link(self, rule):
        if not rule.pk:
            return "Save the rule first, then add its minimums per CE category."
        minimums = ", ".join(str(m) for m in rule.minimums.select_related("category")) or "none"
        url = reverse("admin:certification_renewalrule_change", args=[rule.pk])
        return format_html('{} — <a href="{}">edit the minimums</a>', minimums, url)


class UnverifiedFilter(admin.SimpleListFilter):
    title = "Unverified — to check"
    parameter_name = "unverified"

    def lookups(self, request, model_admin):
        return [("yes", "Unverified: confirm with the body"), ("no", "Confirmed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(needs_review=True)
        if self.value() == "no":
            return queryset.filter(needs_review=False)
        return queryset


class HasRuleFilter(admin.SimpleListFilter):
    title = "renewal rule"
    parameter_name = "has_rule"

    def lookups(self, request, model_admin):
        return [("yes", "Has a rule"), ("no", "No rule recorded")]

    def queryset(self, request, queryset):
        if self.value() in ("yes", "no"):
            return queryset.filter(renewal_rule__isnull=self.value() == "no")
        return queryset


@admin.register(Credential)
class CredentialAdmin(CspNonceMediaMixin, admin.ModelAdmin):
    list_display = ["name", "title", "body", "rule_summary", "order"]
    list_filter = [
        "body",
        HasRuleFilter,
        ("renewal_rule__needs_review", admin.BooleanFieldListFilter),
    ]
    list_select_related = ["body", "renewal_rule"]
    search_fields = ["name", "title", "body__name", "body__abbreviation"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RenewalRuleInline]

    @admin.display(description="renewal")
    def rule_summary(self, credential):
        rule = getattr(credential, "renewal_rule", None)
        if rule is None:
            return "No rule recorded"
        text = f"{number(rule.total_points)} points / {rule.cycle_years} yr"
        if rule.annual_renewal:
            text += " + yearly renewal"
        return f"{text} (unverified)" if rule.needs_review else text


class CategoryMinimumInline(admin.TabularInline):
    model = CategoryMinimum
    extra = 0


@admin.register(RenewalRule)
class RenewalRuleAdmin(admin.ModelAdmin):
    list_display = [
        "credential",
        "body",
        "cycle_years",
        "total_points",
        "annual_renewal",
        "needs_review",
        "reviewed_on",
    ]
    list_filter = [UnverifiedFilter, "annual_renewal", "credential__body"]
    list_select_related = ["credential__body"]
    search_fields = ["credential__name", "credential__title", "notes"]
    autocomplete_fields = ["credential"]
    fieldsets = [
        (None, {"fields": ["credential", ("cycle_years", "total_points"), "annual_renewal"]}),
        (
            "College courses",
            {
                "fields": [
                    ("points_per_semester_hour", "points_per_quarter_hour"),
                    "academic_share_limit",
                ]
            },
        ),
        ("Shown to members", {"fields": ["notes", "preview"]}),
        ("Checking the figures", {"fields": [("needs_review", "reviewed_on")]}),
    ]
    readonly_fields = ["preview"]
    inlines = [CategoryMinimumInline]

    @admin.display(description="body", ordering="credential__body__order")
    def body(self, rule):
        return rule.credential.body

    @admin.display(description="as the credential page words it")
    def preview(self, rule):
        if not rule.pk:
            return "Shown once the rule is saved."
        items = format_html_join("", "<li>{}</li>", ((s,) for s in describe_rule(rule)))
        return format_html("<ul>{}</ul>", items)


class CEOptionInline(admin.TabularInline):
    model = CEOption
    fields = ["name", "provider", "format", "is_published"]
    show_change_link = True
    extra = 0


@admin.register(CEOptionType)
class CEOptionTypeAdmin(LabelledListEditableMixin, CspNonceMediaMixin, admin.ModelAdmin):
    list_display = ["name", "summary", "option_count", "order"]
    list_editable = ["order"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CEOptionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_options=Count("options"))

    @admin.display(description="entries", ordering="_options")
    def option_count(self, obj):
        return obj._options


@admin.register(CEOption)
class CEOptionAdmin(LabelledListEditableMixin, admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "name",
        "provider",
        "type",
        "format",
        "awards_pace",
        "ascp_accepted",
        "is_published",
    ]
    list_filter = ["type", "format", "topics", "awards_pace", "ascp_accepted", "is_published"]
    list_editable = ["is_published"]
    list_select_related = ["type"]
    search_fields = ["name", "provider"]
    filter_horizontal = ["topics"]
    fieldsets = [
        (None, {"fields": ["type", "name", "provider", "url", "description"]}),
        ("Tags", {"fields": ["format", "topics", "cost_note", "awards_pace", "ascp_accepted"]}),
        ("Publishing", {"fields": ["is_published"]}),
    ]


@admin.register(FAQEntry)
class FAQEntryAdmin(LabelledListEditableMixin, CspNonceMediaMixin, admin.ModelAdmin):
    list_display = ["question", "order", "is_published"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["question", "answer"]


class ReadMostlyAdmin(admin.ModelAdmin):
    """Members keep these records themselves in the CE tracker; staff look them up (to answer a
    question or check an audit) rather than create them."""

    def has_add_permission(self, request):
        return False


@admin.register(CredentialHolding)
class CredentialHoldingAdmin(ReadMostlyAdmin):
    list_display = ["user", "credential", "cycle_end", "created_at"]
    list_filter = ["credential__body", "credential"]
    list_select_related = ["user", "credential"]
    search_fields = ["user__email", "user__full_name", "credential__name"]
    date_hierarchy = "cycle_end"
    readonly_fields = ["user", "credential", "created_at"]
    fields = ["user", "credential", "cycle_end", "created_at"]


@admin.register(CEActivity)
class CEActivityAdmin(ReadMostlyAdmin):
    list_display = [
        "title",
        "user",
        "provider",
        "completed_on",
        "amount",
        "unit",
        "category",
        "pace_number",
        "from_webinar",
    ]
    list_filter = ["category", "unit", "format", ("webinar", admin.EmptyFieldListFilter)]
    list_select_related = ["user", "category"]
    search_fields = ["user__email", "user__full_name", "title", "provider", "pace_number"]
    date_hierarchy = "completed_on"
    # The certificate is a private file with no URL: members download it from their tracker.
    fields = [
        "user",
        "title",
        "provider",
        ("completed_on", "amount", "unit"),
        ("category", "format"),
        "pace_number",
        "webinar",
        "has_certificate",
        "notes",
        ("created_at", "updated_at"),
    ]
    readonly_fields = [
        "user",
        "title",
        "provider",
        "completed_on",
        "amount",
        "unit",
        "category",
        "format",
        "pace_number",
        "webinar",
        "has_certificate",
        "created_at",
        "updated_at",
    ]

    @admin.display(description="webinar", boolean=True)
    def from_webinar(self, activity):
        return activity.webinar_id is not None

    @admin.display(description="certificate attached", boolean=True)
    def has_certificate(self, activity):
        return bool(activity.certificate)
