"""Forms for job seekers: resumes, applying and job alerts.

They collect and check input; the rules (limits, one default, one application per job) are in
``careers.services.seeker``.
"""

from django import forms
from django.utils import formats

from careers.models import Application, JobAlert, Resume
from careers.validators import validate_resume_file

RESUME_ACCEPT = (
    ".pdf,.doc,.docx,application/pdf,application/msword,"
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
RESUME_HELP = "PDF, DOC or DOCX, at most 5 MB."
CHOICE_FIELDSET_TEMPLATE = "includes/choice_fieldset.html"


def _resume_file_field(**kwargs):
    return forms.FileField(
        widget=forms.FileInput(attrs={"accept": RESUME_ACCEPT}),
        help_text=RESUME_HELP,
        error_messages={
            "required": "Choose your resume file (PDF, DOC or DOCX).",
            "empty": "The file is empty. Choose your resume again and re-upload it.",
            "invalid": "That was not a file. Choose your resume again and re-upload it.",
        },
        **kwargs,
    )


class ResumeUploadForm(forms.ModelForm):
    """The file is checked by its content by the model field's validator (run by the form)."""

    file = _resume_file_field(label="Resume file")

    class Meta:
        model = Resume
        fields = ["title", "file"]
        labels = {"title": "Name for this resume"}
        help_texts = {"title": "Only you see it, for example “MLS resume 2026”."}
        error_messages = {"title": {"required": "Give the resume a name so you can tell it apart."}}


class ResumeRenameForm(forms.ModelForm):
    class Meta:
        model = Resume
        fields = ["title"]
        labels = {"title": "Name for this resume"}
        help_texts = {"title": "Only you see it, for example “MLS resume 2026”."}
        error_messages = {"title": {"required": "Give the resume a name so you can tell it apart."}}


def resume_choice_label(resume: Resume) -> str:
    uploaded = formats.date_format(resume.uploaded_at, "j M Y")
    label = f"{resume.title} ({resume.original_name}, uploaded {uploaded})"
    return f"{label} — your default" if resume.is_default else label


class ApplyForm(forms.Form):
    """Apply in one step: pick a kept resume (the default is preselected) or, for someone with
    none yet, upload one right here."""

    prefix = "apply"

    resume = forms.TypedChoiceField(
        label="Resume to send",
        coerce=int,
        widget=forms.RadioSelect,
        template_name=CHOICE_FIELDSET_TEMPLATE,
        error_messages={
            "required": "Choose which resume to send.",
            "invalid_choice": "Choose one of your own resumes.",
        },
        help_text="The employer gets a copy of it as it is today.",
    )
    resume_title = forms.CharField(
        label="Name for this resume",
        required=False,
        max_length=Resume._meta.get_field("title").max_length,
        help_text="Optional. It is kept in My career so you can apply with it again.",
    )
    resume_file = _resume_file_field(label="Your resume")
    cover_note = forms.CharField(
        label="Note to the employer (optional)",
        required=False,
        max_length=Application._meta.get_field("cover_note").max_length,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A few lines on why this job interests you. At most 5,000 characters.",
    )

    def __init__(self, *args, resumes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.resumes = {resume.pk: resume for resume in resumes}
        if self.resumes:
            del self.fields["resume_title"], self.fields["resume_file"]
            self.fields["resume"].choices = [
                (pk, resume_choice_label(r)) for pk, r in self.resumes.items()
            ]
            default = next((r for r in self.resumes.values() if r.is_default), None)
            first = default or next(iter(self.resumes.values()))
            self.fields["resume"].initial = first.pk
        else:
            del self.fields["resume"]

    @property
    def uploads_resume(self) -> bool:
        return "resume_file" in self.fields

    def clean_resume(self):
        resume = self.resumes.get(self.cleaned_data["resume"])
        if resume is None:  # pragma: no cover - TypedChoiceField only allows listed ones
            raise forms.ValidationError("Choose one of your resumes.")
        return resume

    def clean_resume_file(self):
        upload = self.cleaned_data["resume_file"]
        validate_resume_file(upload)
        return upload


class JobAlertForm(forms.Form):
    name = forms.CharField(
        label="Alert name",
        required=False,
        max_length=JobAlert._meta.get_field("name").max_length,
        help_text="Leave it empty and we will name it after the search.",
    )
    frequency = forms.ChoiceField(
        label="How often",
        choices=JobAlert.Frequency.choices,
        initial=JobAlert.Frequency.WEEKLY,
        widget=forms.RadioSelect,
        template_name=CHOICE_FIELDSET_TEMPLATE,
        error_messages={"required": "Choose daily or weekly."},
    )
    query = forms.CharField(
        required=False,
        max_length=JobAlert._meta.get_field("query").max_length,
        widget=forms.HiddenInput,
        error_messages={"max_length": "This search has too many filters to save. Remove a few."},
    )
