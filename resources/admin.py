from datetime import timedelta

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils import timezone

from portal.access import Visibility
from portal.admin import CspNonceMediaMixin, LabelledListEditableMixin, PrivateFileAdminMixin
from portal.audit import AuditTrailAdmin
from resources.models import Audience, Resource, Topic


class NotReviewedFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("stale", "Not reviewed in 12 months"),
            ("recent", "Reviewed in the last 12 months"),
        ]

    def queryset(self, request, queryset):
        cutoff = timezone.localdate() - timedelta(days=365)
        if self.value() == "stale":
            return queryset.filter(last_reviewed__lt=cutoff) | queryset.filter(
                last_reviewed__isnull=True
            )
        if self.value() == "recent":
            return queryset.filter(last_reviewed__gte=cutoff)
        return queryset


@admin.register(Resource)
class ResourceAdmin(PrivateFileAdminMixin, CspNonceMediaMixin, AuditTrailAdmin):
    list_display = [
        "title",
        "kind",
        "visibility",
        "is_published",
        "is_featured",
        "published_at",
        "last_reviewed",
        "download_count",
    ]
    list_filter = [
        "kind",
        "visibility",
        "is_published",
        "is_featured",
        NotReviewedFilter,
        "topics",
        "audiences",
    ]
    search_fields = ["title", "summary", "body", "url"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["audiences", "topics"]
    date_hierarchy = "published_at"
    readonly_fields = ["download_count", "created_at", "updated_at"]
    actions = ["publish", "unpublish", "make_members_only", "make_public", "mark_reviewed_today"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "summary", "body"]}),
        ("File or address", {"fields": ["file", "url"]}),
        ("Who it is for", {"fields": ["audiences", "topics"]}),
        (
            "Publishing",
            {
                "fields": [
                    "visibility",
                    "is_published",
                    "is_featured",
                    "published_at",
                    "last_reviewed",
                    "download_count",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def private_file_name(self, obj):
        # The stored name is generated; staff download it under the name visitors get.
        return f"{obj.slug}.{obj.file_extension.lower()}"

    def _bulk(self, request, queryset, message, *, reason, **changes):
        # Each resource's history records the change, who made it and the action's name.
        count = self.update_with_history(request, queryset, reason=reason, **changes)
        self.message_user(request, message.format(count=count), messages.SUCCESS)

    @admin.action(description="Publish the selected resources")
    def publish(self, request, queryset):
        self._bulk(
            request, queryset, "{count} resource(s) published.",
            reason="Published", is_published=True,
        )  # fmt: skip

    @admin.action(description="Unpublish the selected resources")
    def unpublish(self, request, queryset):
        self._bulk(
            request, queryset, "{count} resource(s) unpublished.",
            reason="Unpublished", is_published=False,
        )  # fmt: skip

    @admin.action(description="Make the selected resources members only")
    def make_members_only(self, request, queryset):
        self._bulk(
            request, queryset, "{count} resource(s) are now members only.",
            reason="Made members only", visibility=Visibility.MEMBERS,
        )  # fmt: skip

    @admin.action(description="Make the selected resources open to everyone")
    def make_public(self, request, queryset):
        self._bulk(
            request, queryset, "{count} resource(s) are now open to everyone.",
            reason="Made open to everyone", visibility=Visibility.PUBLIC,
        )  # fmt: skip

    @admin.action(description="Mark the selected resources as reviewed today")
    def mark_reviewed_today(self, request, queryset):
        self._bulk(
            request, queryset, "{count} resource(s) marked as reviewed today.",
            reason="Marked as reviewed today", last_reviewed=timezone.localdate(),
        )  # fmt: skip


class _CountedListAdmin(LabelledListEditableMixin, admin.ModelAdmin):
    list_display = ["name", "slug", "order", "resource_count"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_resources=Count("resources"))

    @admin.display(description="resources", ordering="_resources")
    def resource_count(self, obj):
        return obj._resources


@admin.register(Audience)
class AudienceAdmin(_CountedListAdmin):
    pass


@admin.register(Topic)
class TopicAdmin(_CountedListAdmin):
    pass
