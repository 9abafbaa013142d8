"""Admin for the sample letter (one, with its Word and PDF files) and the institutions list."""

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from advocacy.letters import PLACEHOLDERS, SAMPLE_DOWNLOAD_NAMES, unknown_placeholders
from advocacy.models import Institution, SampleLetter
from advocacy.services.institutions import institution_review
from portal import filetypes
from portal.admin import PrivateFileInput, SingleRecordAdminMixin
from portal.files import delete_file_after_commit
from portal.uploads import SAMPLE_LETTER_PDF, SAMPLE_LETTER_WORD, validate_upload

MAX_SAMPLE_FILE_BYTES = SAMPLE_LETTER_WORD.max_bytes
DOCX_ACCEPT = SAMPLE_LETTER_WORD.accept
SAMPLE_FILE_POLICIES = {"docx": SAMPLE_LETTER_WORD, "pdf": SAMPLE_LETTER_PDF}
OTHER_DOCUMENTS = {
    "pdf": "a PDF",
    "docx": "a Word (.docx) document",
    "ole2": "an old Word (.doc) file",
}

# What each upload slot must hold, judged from the bytes (portal.filetypes).
SAMPLE_FILE_KINDS = {
    "word_file": ("docx", "a Word document (.docx)"),
    "pdf_file": ("pdf", "a PDF"),
}


def placeholder_help() -> str:
    items = format_html_join(
        "",
        "<li><code>{{{}}}</code>: {}</li>",
        PLACEHOLDERS.items(),
    )
    return format_html(
        "Paragraphs are separated by a blank line; a single line break stays a line break. "
        "These placeholders are filled in with the writer's details:<ul>{}</ul>",
        items,
    )


def validate_sample_file(upload, *, kind: str, described: str = "") -> None:
    """Refuse an upload that is empty, too large, or not really ``kind`` whatever its name
    (``portal.uploads``); ``described`` is kept for callers that still pass it."""
    policy = SAMPLE_FILE_POLICIES[kind]
    try:
        validate_upload(upload, policy)
    except forms.ValidationError as error:
        # Staff most often pick the other version of the letter: say which one it is.
        found = filetypes.sniff_document_type(upload) if error.code == "wrong_type" else None
        if found not in OTHER_DOCUMENTS:
            raise
        raise forms.ValidationError(
            f"This file is {OTHER_DOCUMENTS[found]}, whatever its name says. Upload "
            f"{described or policy.allowed} here."
            + (" Open it in Word and save it as .docx first." if found == "ole2" else ""),
            code="wrong_type",
        ) from None


def _sample_file_input(kind, accept):
    # "Currently:" links to the public download: the stored file has no URL of its own.
    return PrivateFileInput(
        attrs={"accept": accept},
        download_url=reverse_lazy("advocacy:sample_letter", kwargs={"kind": kind}),
        download_name=SAMPLE_DOWNLOAD_NAMES[kind],
    )


class SampleLetterAdminForm(forms.ModelForm):
    class Meta:
        model = SampleLetter
        fields = ["subject", "body", "word_file", "pdf_file"]
        widgets = {
            "word_file": _sample_file_input("docx", DOCX_ACCEPT),
            "pdf_file": _sample_file_input("pdf", ".pdf,application/pdf"),
        }
        help_texts = {
            "word_file": "The sample as a Word document (.docx), at most 10 MB. Visitors download "
            "it as i-am-mls-sample-letter.docx.",
            "pdf_file": "The same letter as a PDF, at most 10 MB. Visitors download it as "
            "i-am-mls-sample-letter.pdf.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = placeholder_help()
        self.fields[
            "subject"
        ].help_text = (
            "The “Re:” line of the letter. The same placeholders work here, such as {institution}."
        )

    def _clean_wording(self, name):
        text = self.cleaned_data.get(name, "")
        unknown = unknown_placeholders(text)
        if unknown:
            names = ", ".join(f"{{{n}}}" for n in unknown)
            valid = ", ".join(f"{{{n}}}" for n in PLACEHOLDERS)
            raise forms.ValidationError(
                f"Unknown placeholder{'s' if len(unknown) > 1 else ''} {names}: check the "
                f"spelling. The placeholders you can use are {valid}."
            )
        return text

    def clean_subject(self):
        return self._clean_wording("subject")

    def clean_body(self):
        return self._clean_wording("body")

    def _clean_file(self, name):
        upload = self.cleaned_data.get(name)
        if isinstance(upload, UploadedFile):
            kind, described = SAMPLE_FILE_KINDS[name]
            validate_sample_file(upload, kind=kind, described=described)
            # Stored under a plain name whatever the upload was called on staff's computer.
            upload.name = SAMPLE_DOWNLOAD_NAMES[kind]
        return upload

    def clean_word_file(self):
        return self._clean_file("word_file")

    def clean_pdf_file(self):
        return self._clean_file("pdf_file")


@admin.register(SampleLetter)
class SampleLetterAdmin(SingleRecordAdminMixin, admin.ModelAdmin):
    """There is one sample letter: it can be edited, never added twice or deleted."""

    form = SampleLetterAdminForm
    list_display = ["__str__", "subject", "updated_at"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        ("Wording of the personalized letter", {"fields": ["subject", "body"]}),
        ("Ready-made files to download", {"fields": ["word_file", "pdf_file"]}),
        (None, {"fields": ["updated_at"]}),
    ]

    def save_model(self, request, obj, form, change):
        previous = SampleLetter.objects.filter(pk=obj.pk).first() if obj.pk else None
        super().save_model(request, obj, form, change)
        if previous is None:
            return
        for name in SAMPLE_FILE_KINDS:
            old, new = getattr(previous, name), getattr(obj, name)
            if old and old.name != (new.name if new else ""):
                # The replaced or cleared file goes once the new state has committed.
                delete_file_after_commit(old.storage, old.name)


class AwaitingReviewFilter(admin.SimpleListFilter):
    """The status filter, with the number of suggestions waiting in its label."""

    title = "status"
    parameter_name = "status"

    def lookups(self, request, model_admin):
        waiting = Institution.objects.awaiting_review().count()
        return [
            (Institution.Status.SUGGESTED, f"Waiting for review ({waiting})"),
            (Institution.Status.LISTED, Institution.Status.LISTED.label),
            (Institution.Status.DECLINED, Institution.Status.DECLINED.label),
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status=self.value())
        return queryset


@admin.register(Institution)
class InstitutionAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "state", "year_adopted", "status", "created_at"]
    list_filter = [AwaitingReviewFilter, "state"]
    search_fields = ["name", "city", "suggested_by_email"]
    date_hierarchy = "created_at"
    ordering = ["status", "name"]
    readonly_fields = ["created_at", "reviewed_at"]
    actions = ["list_selected", "decline_selected"]
    fieldsets = [
        (None, {"fields": ["name", "city", "state", "year_adopted", "note"]}),
        ("Review", {"fields": ["status", "created_at", "reviewed_at"]}),
        (
            "Suggested by",
            {
                "fields": ["suggested_by_name", "suggested_by_email"],
                "description": "Only for following up on the suggestion; never shown on the site.",
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status != Institution.Status.SUGGESTED:
            obj.reviewed_at = timezone.now()
        super().save_model(request, obj, form, change)

    def _review(self, request, queryset, status, done):
        with transaction.atomic():
            count = institution_review(institutions=queryset, status=status)
        self.message_user(request, f"{count} institution(s) {done}.", messages.SUCCESS)

    @admin.action(description="List the selected institutions")
    def list_selected(self, request, queryset):
        self._review(request, queryset, Institution.Status.LISTED, "now on the public list")

    @admin.action(description="Decline the selected suggestions")
    def decline_selected(self, request, queryset):
        self._review(request, queryset, Institution.Status.DECLINED, "declined")
