"""The audit trail: who changed a membership, a page, a job post, a resource or a pledge, when,
and what changed, on each record's History page in the admin.

django-simple-history keeps a copy of the record (a version) on every save and delete: the
models' ``history = HistoricalRecords(...)``. This module

- turns two consecutive versions into readable changes, "Expiry date: Dec. 31, 2025 → June 30,
  2026": field names as staff see them on the form, choices by their labels, related records by
  their names, rich text as plain text, long text shortened (``version_changes``);
- gives the admins of those models one base class that lists the versions with their changes,
  in a fixed number of queries however many versions there are (``AuditTrailAdmin``);
- lets a service say who made a change and why when no one is signed in or the change is made
  for someone else (``recorded_as``): a moderator's decision, the nightly expiry.

Bulk writes (the roster import, admin actions on many records) use simple-history's
``bulk_create_with_history`` and ``bulk_update_with_history``, which take the user and the
reason as arguments.
"""

import html
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, capfirst
from django_prose_editor.fields import ProseEditorField
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import (
    bulk_update_with_history,
    get_history_model_for_model,
    get_m2m_reverse_field_name,
)

EMPTY = "(empty)"
NONE_CHOSEN = "(none)"
MAX_CHARS = 120  # a changed text longer than this is shortened, with "…"

_KEEP = object()


@contextmanager
def recorded_as(obj, *, by=_KEEP, reason: str = ""):
    """Record every save of ``obj`` inside the block as made by ``by`` for ``reason``.

    Without ``by`` the signed-in user of the request is recorded (the history middleware);
    ``by=None`` records nobody, for changes the portal makes by itself.
    """
    attributes = ("_history_user", "_change_reason")
    before = {name: obj.__dict__[name] for name in attributes if name in obj.__dict__}
    if by is not _KEEP:
        obj._history_user = by
    if reason:
        obj._change_reason = reason[:100]  # the length of history_change_reason
    try:
        yield obj
    finally:
        # Only the saves in the block: a later save of the same object is someone else's.
        for name in attributes:
            obj.__dict__.pop(name, None)
        obj.__dict__.update(before)


# --- Readable changes ------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    field: str  # as labelled on the admin form, e.g. "Expiry date"
    old: str
    new: str


def plain_text(value: str, *, rich: bool = False) -> str:
    """Text fit for one line of the history: tags dropped from rich text, white space
    collapsed, shortened past ``MAX_CHARS``."""
    if rich:
        value = html.unescape(strip_tags(re.sub(r"<(br|/p|/li|/h\d)\b", r" \g<0>", value)))
    value = " ".join(value.split())
    return Truncator(value).chars(MAX_CHARS)


def display_value(field: models.Field, value, related: dict | None = None) -> str:
    """How staff read ``value`` of ``field``: the same words as on the form and the list.

    ``related`` maps the primary keys of a foreign key's records to the records (absent when
    the record has since been deleted).
    """
    if value is None or value == "":
        return EMPTY
    if field.is_relation:
        record = (related or {}).get(value)
        if record is None:
            return f"deleted {field.related_model._meta.verbose_name} (#{value})"
        return plain_text(str(record))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(field, models.DateTimeField):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(field, models.DateField):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(field, models.FileField):
        return PurePath(str(value)).name
    return plain_text(str(value), rich=isinstance(field, ProseEditorField))


def _tracked_fields(history_model) -> list[models.Field]:
    # The record's own fields as saved in each version, minus its primary key (never changes).
    return [field for field in history_model.tracked_fields if not field.primary_key]


def version_changes(newer, older, *, related=None, m2m=None) -> list[FieldChange]:
    """What changed from version ``older`` to version ``newer`` of one record, in the order of
    the record's fields. ``related`` (foreign keys) and ``m2m`` (many-to-many values by version)
    come from ``annotate_changes``, which loads them for every version at once."""
    related = related or {}
    m2m = m2m or {}
    changes = []
    for field in _tracked_fields(type(newer)):
        old, new = getattr(older, field.attname), getattr(newer, field.attname)
        if old != new:
            lookup = related.get(field.name)
            changes.append(
                FieldChange(
                    capfirst(field.verbose_name),
                    display_value(field, old, lookup),
                    display_value(field, new, lookup),
                )
            )
    for field in type(newer)._history_m2m_fields:
        old = m2m.get((field.name, older.history_id), ())
        new = m2m.get((field.name, newer.history_id), ())
        if old != new:
            changes.append(
                FieldChange(
                    capfirst(field.verbose_name),
                    ", ".join(old) or NONE_CHOSEN,
                    ", ".join(new) or NONE_CHOSEN,
                )
            )
    return changes


def _m2m_names(history_model, versions) -> dict[tuple[str, int], tuple[str, ...]]:
    """The names chosen in each many-to-many field of each version: two queries a field."""
    ids = [version.history_id for version in versions]
    names: dict[tuple[str, int], list[str]] = {}
    for field in history_model._history_m2m_fields:
        rows_model = getattr(history_model, field.name).model
        target = get_m2m_reverse_field_name(field)
        rows = list(
            rows_model.objects.filter(history_id__in=ids).values_list("history_id", f"{target}_id")
        )
        records = field.related_model._base_manager.in_bulk({pk for _, pk in rows})
        for history_id, pk in rows:
            record = records.get(pk)
            name = str(record) if record else f"deleted {field.related_model._meta.verbose_name}"
            names.setdefault((field.name, history_id), []).append(name)
    return {key: tuple(sorted(value, key=str.casefold)) for key, value in names.items()}


def _related_records(history_model, versions) -> dict[str, dict]:
    """The records each foreign key pointed to in any of ``versions``: one query a field,
    deleted ones simply missing."""
    related = {}
    for field in _tracked_fields(history_model):
        if not field.is_relation:
            continue
        pks = {getattr(v, field.attname) for v in versions} - {None}
        related[field.name] = field.related_model._base_manager.in_bulk(pks) if pks else {}
    return related


def annotate_changes(versions, *, older=None) -> None:
    """Give each of ``versions`` (one record's, newest first) an ``audit_changes`` list: what
    changed since the version after it, or since ``older`` for the last one (the version
    before the page shown). The oldest version of all, the record's creation, has none."""
    versions = list(versions)
    if not versions:
        return
    history_model = type(versions[0])
    chain = [*versions, older] if older is not None else versions
    related = _related_records(history_model, chain)
    m2m = _m2m_names(history_model, chain)
    for index, version in enumerate(versions):
        previous = chain[index + 1] if index + 1 < len(chain) else None
        version.audit_changes = (
            [] if previous is None else version_changes(version, previous, related=related, m2m=m2m)
        )


# --- The admin ---------------------------------------------------------------------------------


class AuditTrailAdmin(SimpleHistoryAdmin):
    """A ModelAdmin whose History page lists every version of the record: when, by whom, why,
    and what changed. Use it in place of ``admin.ModelAdmin`` (mixins before it).

    Staff who may view a record may read its history; a past version can be restored
    ("Revert") only by staff who may change the record, and never where ``audit_revert`` is
    False.
    """

    object_history_template = "admin/portal/audit_history.html"
    history_list_per_page = 50
    audit_revert = True

    def get_history_queryset(self, request, history_manager, pk_name, object_id):
        # Not simple-history's select_related() of every foreign key: an inner join would hide
        # the versions whose related record has since been deleted. annotate_changes loads them.
        return history_manager.filter(**{pk_name: object_id}).select_related("history_user")

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        page = historical_records
        page.object_list = list(page.object_list)
        older = None
        if page.has_next():
            # The version just before this page, so its last row says what changed too.
            older = page.paginator.object_list[page.end_index()]
        annotate_changes(page.object_list, older=older)
        # Numbered from the first version, so each row's link has a name of its own.
        for index, version in enumerate(page.object_list):
            version.audit_number = page.paginator.count - page.start_index() + 1 - index

    def revert_disabled(self, request, obj=None):
        return not self.audit_revert or super().revert_disabled(request, obj)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple-history saves a posted past version without asking whether the person may
        # change the record (it only hides the Revert button from those who may not).
        if request.method == "POST" and self.revert_disabled(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        m2m_fields = get_history_model_for_model(self.model)._history_m2m_fields
        if m2m_fields and hasattr(form, "save_m2m"):
            # Setting a many-to-many field records a version for each of its steps: hold them
            # all, and record one version once the form's choices are saved too.
            if change:
                obj.skip_history_when_saving = True
            save_m2m = form.save_m2m

            def save_m2m_then_record():
                obj.skip_history_when_saving = True
                try:
                    save_m2m()
                finally:
                    del obj.skip_history_when_saving
                if change or any(getattr(obj, f.name).exists() for f in m2m_fields):
                    obj.save()

            form.save_m2m = save_m2m_then_record
        super().save_model(request, obj, form, change)

    def update_with_history(self, request, queryset, *, reason: str, **changes) -> int:
        """An admin action's change to every selected record, recorded as one version each,
        made by the signed-in person for ``reason``. Returns how many records changed."""
        model = self.model
        objs = list(model._default_manager.filter(pk__in=queryset.values("pk")))
        fields = list(changes)
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            changes = {**changes, "updated_at": timezone.now()}
            fields.append("updated_at")
        for obj in objs:
            for name, value in changes.items():
                setattr(obj, name, value)
        if not get_history_model_for_model(model)._history_m2m_fields:
            return bulk_update_with_history(
                objs, model, fields, default_user=request.user, default_change_reason=reason
            )
        # A bulk version would leave out the many-to-many choices: save record by record
        # (a page of them at most).
        with transaction.atomic():
            for obj in objs:
                with recorded_as(obj, by=request.user, reason=reason):
                    obj.save(update_fields=fields)
        return len(objs)
