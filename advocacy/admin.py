from datetime import date

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from advocacy import admin_letters  # noqa: F401  (the sample letter and institutions)
from advocacy.models import Campaign, FAQEntry, Pledge
from advocacy.stats import (
    WeekCount,
    pledge_totals,
    pledges_by_credential,
    pledges_by_state,
    pledges_per_week,
    recent_weeks,
    week_bounds,
    week_label,
    week_start,
)
from portal.admin import CspNonceMediaMixin, LabelledListEditableMixin, SingleRecordAdminMixin
from portal.audit import AuditTrailAdmin
from portal.csvexport import csv_response

FILTER_WEEKS = 12  # weeks offered by the "Week confirmed" filter
CHART_WEEKS = 26  # weeks drawn on the statistics page


@admin.register(Campaign)
class CampaignAdmin(SingleRecordAdminMixin, CspNonceMediaMixin, admin.ModelAdmin):
    """The campaign page's texts. There is only ever one row: the list sends staff straight to
    it, a second cannot be added and the one there cannot be deleted."""

    change_form_template = "admin/advocacy/campaign/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["updated_at"]
    fieldsets = [
        ("Headline", {"fields": ["headline", "lede", "why_it_matters"]}),
        (
            "Position paper",
            {
                "fields": [
                    "position_paper_title",
                    "position_paper_date",
                    "position_paper_url",
                    "position_paper_summary",
                    "supporting_organizations",
                ]
            },
        ),
        ("The “I am MLS” site", {"fields": ["campaign_site_url", "campaign_site_summary"]}),
        ("Pledge and sharing", {"fields": ["pledge_statement", "share_message"]}),
        ("Saved", {"fields": ["updated_at"]}),
    ]


@admin.register(FAQEntry)
class FAQEntryAdmin(LabelledListEditableMixin, CspNonceMediaMixin, admin.ModelAdmin):
    list_display = ["question", "order", "is_published"]
    list_editable = ["order", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["question", "answer"]


class ConfirmedFilter(admin.SimpleListFilter):
    title = "confirmed"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", "Confirmed"), ("no", "Not confirmed yet")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.confirmed()
        if self.value() == "no":
            return queryset.pending()
        return queryset


class WeekConfirmedFilter(admin.SimpleListFilter):
    """Pledges confirmed in one week (Monday to Sunday, site time zone). The last few weeks are
    offered; any Monday in the address (``?week=2026-11-09``) works."""

    title = "week confirmed"
    parameter_name = "week"

    def lookups(self, request, model_admin):
        mondays = reversed(recent_weeks(FILTER_WEEKS))
        return [(monday.isoformat(), week_label(monday)) for monday in mondays]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        try:
            day = date.fromisoformat(self.value())
        except ValueError as error:
            raise IncorrectLookupParameters(error) from error
        start, end = week_bounds(week_start(day))
        return queryset.filter(confirmed_at__gte=start, confirmed_at__lt=end)


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


@admin.register(Pledge)
class PledgeAdmin(AuditTrailAdmin):
    """People's pledges. Staff read, filter, export and delete them; the token in their
    confirm and withdraw links is never shown. Their history can be read, never restored:
    a pledge is what its owner said."""

    audit_revert = False

    list_display = [
        "full_name",
        "email",
        "credential",
        "institution",
        "city",
        "state",
        "is_confirmed_display",
        "show_publicly",
        "campaign_emails",
        "created_at",
    ]
    list_filter = [
        ConfirmedFilter,
        WeekConfirmedFilter,
        "show_publicly",
        "campaign_emails",
        "state",
        "credential",
    ]
    search_fields = ["full_name", "email", "institution", "city"]
    # Nothing in the list is a related object; the account is only on the change form.
    list_select_related = False
    list_per_page = 50
    readonly_fields = ["created_at", "confirmation_sent_at", "confirmed_at", "user"]
    fieldsets = [
        (
            "The person",
            {
                "fields": [
                    "full_name",
                    "email",
                    "credential",
                    "other_credentials",
                    "job_title",
                    "institution",
                    "city",
                    "state",
                ]
            },
        ),
        ("Their choices", {"fields": ["show_publicly", "campaign_emails"]}),
        ("Record", {"fields": ["created_at", "confirmation_sent_at", "confirmed_at", "user"]}),
    ]
    change_list_template = "admin/advocacy/pledge/change_list.html"

    @admin.display(description="confirmed", boolean=True, ordering="confirmed_at")
    def is_confirmed_display(self, obj):
        return obj.is_confirmed

    def get_urls(self):
        return [
            path(
                "export.csv",
                self.admin_site.admin_view(self.export_csv_view),
                name="advocacy_pledge_export",
            ),
            path(
                "statistics/",
                self.admin_site.admin_view(self.statistics_view),
                name="advocacy_pledge_statistics",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "export_url": reverse("admin:advocacy_pledge_export") + "?" + request.GET.urlencode(),
            "statistics_url": reverse("admin:advocacy_pledge_statistics"),
        }
        return super().changelist_view(request, extra_context)

    def export_csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        # The changelist's own queryset (every page of it), so the export holds exactly the
        # pledges the filters and search in use select.
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return redirect(reverse("admin:advocacy_pledge_changelist") + "?e=1")
        queryset = changelist.get_queryset(request)
        stamp = timezone.localdate().isoformat()
        header = ["full name", "email", "credential", "all credentials", "job title",
                  "institution", "city", "state", "show publicly", "campaign emails",
                  "submitted", "confirmed"]  # fmt: skip
        rows = (
            [
                p.full_name,
                p.email,
                p.credential,
                p.other_credentials,
                p.job_title,
                p.institution,
                p.city,
                p.state,
                "yes" if p.show_publicly else "no",
                "yes" if p.campaign_emails else "no",
                _local(p.created_at),
                _local(p.confirmed_at),
            ]
            for p in queryset.iterator(chunk_size=1000)
        )
        return csv_response(f"pledges-{stamp}.csv", header, rows)

    def statistics_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        per_week = pledges_per_week(weeks=CHART_WEEKS)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "I AM MLS pledge statistics",
            "totals": pledge_totals(),
            "per_week": per_week,
            "chart": bar_chart(per_week),
            "weeks": CHART_WEEKS,
            "by_credential": pledges_by_credential(),
            "by_state": pledges_by_state(),
        }
        return TemplateResponse(request, "admin/advocacy/pledge/statistics.html", context)


# The bar chart's drawing area, in SVG user units.
CHART_LEFT = 40
CHART_TOP = 12
CHART_PLOT_HEIGHT = 160
CHART_BAR_STEP = 24
CHART_BAR_WIDTH = 18
CHART_LABEL_EVERY = 4


def bar_chart(per_week: list[WeekCount]) -> dict:
    """Where each bar of the pledges-per-week chart goes: the template draws it as SVG with
    presentation attributes only (the CSP forbids style attributes)."""
    peak = max((week.count for week in per_week), default=0)
    scale = CHART_PLOT_HEIGHT / peak if peak else 0
    baseline = CHART_TOP + CHART_PLOT_HEIGHT
    bars = []
    for index, week in enumerate(per_week):
        height = round(week.count * scale, 1)
        x = CHART_LEFT + index * CHART_BAR_STEP + (CHART_BAR_STEP - CHART_BAR_WIDTH) / 2
        bars.append(
            {
                "week": week,
                "x": x,
                "y": round(baseline - height, 1),
                "width": CHART_BAR_WIDTH,
                "height": height,
                # A few dates under the axis; every bar has its own <title>.
                "label": f"{week.week.day} {week.week:%b}"
                if index % CHART_LABEL_EVERY == 0
                else "",
            }
        )
    width = CHART_LEFT + len(per_week) * CHART_BAR_STEP + 8
    total = sum(week.count for week in per_week)
    first, last = (per_week[0].week, per_week[-1].week) if per_week else (None, None)
    return {
        "bars": bars,
        "peak": peak,
        "width": width,
        "height": baseline + 28,
        "left": CHART_LEFT,
        "top": CHART_TOP,
        "baseline": baseline,
        "right": width - 4,
        "label_y": baseline + 18,
        "description": (
            f"Bar chart of confirmed pledges per week, from the week of {first.day} "
            f"{first:%b %Y} to the week of {last.day} {last:%b %Y}: {total} in all, "
            f"at most {peak} in one week."
            if per_week
            else "No weeks to show."
        ),
    }
