"""Forms for employers: asking for access, writing a job post, and handling applicants."""

from django import forms
from django.core.exceptions import SuspiciousOperation
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.html import strip_tags

from careers.choices import ApplyMethod
from careers.models import DEFAULT_POSTING_DAYS, MAX_POSTING_DAYS, Application, Employer, Job
from careers.services.employer import EMPLOYER_APPLICATION_STATUSES
from careers.standard_titles import check_post

SALARY_ORDER_ERROR = "The minimum salary is higher than the maximum."


def _https_urls(db_field, **kwargs):
    # People type "lab.example.org"; assume the secure scheme for it.
    if isinstance(db_field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return db_field.formfield(**kwargs)


def long_date(value) -> str:
    return format_date(value, "F j, Y")


def closing_date_problem(value, today=None) -> str | None:
    """What is wrong with a closing date an employer chose, or None if it is fine."""
    if value is None:
        return None
    today = today or timezone.localdate()
    if value < today:
        return "This date has passed. Choose today or a later day."
    latest = Job.latest_closing_date(today)
    if value > latest:
        return (
            f"A post can stay up at most {MAX_POSTING_DAYS} days, so choose {long_date(latest)} "
            "or an earlier day."
        )
    return None


class EmployerRequestForm(forms.ModelForm):
    class Meta:
        model = Employer
        fields = [
            "name",
            "website",
            "city",
            "state",
            "description",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        formfield_callback = _https_urls
        labels = {
            "name": "Organisation name",
            "website": "Web site",
            "description": "About the organisation",
            "contact_name": "Contact person",
            "contact_email": "Contact email",
            "contact_phone": "Contact phone",
        }
        help_texts = {
            "name": "As job seekers know it, for example “Prairie Health Laboratory”.",
            "description": "A sentence or two, shown on each of your job posts.",
            "contact_email": "Where the society writes about your posts. Not shown publicly.",
            "contact_phone": "Optional. In case the moderators have a question.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "state": forms.Select(attrs={"autocomplete": "address-level1"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }


class JobForm(forms.ModelForm):
    """An employer's job post. The moderators review it before it is live."""

    salary_min = forms.DecimalField(
        label="Salary from",
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        help_text="Optional, but posts that show pay get more applicants.",
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
    )
    salary_max = forms.DecimalField(
        label="Salary up to",
        required=False,
        min_value=0,
        max_digits=9,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "min": "0"}),
    )

    class Meta:
        model = Job
        fields = [
            "employer",
            "title",
            "description",
            "city",
            "state",
            "workplace",
            "discipline",
            "credential",
            "employment_type",
            "shift",
            "salary_min",
            "salary_max",
            "salary_period",
            "apply_method",
            "apply_url",
            "apply_email",
            "closes_on",
        ]
        formfield_callback = _https_urls
        labels = {
            "employer": "Posting for",
            "title": "Job title",
            "workplace": "Workplace",
            "discipline": "Laboratory discipline",
            "employment_type": "Employment type",
            "salary_period": "Salary is",
        }
        help_texts = {
            "title": "For example “Medical Laboratory Scientist, night shift”.",
            "description": "The duties, what the person needs, the schedule and the benefits.",
            "apply_url": "Needed when people apply on your web site.",
            "apply_email": "Needed when people apply by email.",
        }
        widgets = {
            "city": forms.TextInput(attrs={"autocomplete": "off"}),
            "closes_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, employers=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        # Only someone who posts for several organisations chooses one, and only for a new post.
        employers = list(employers or [])
        if self.instance.pk is None and len(employers) > 1:
            self.fields["employer"].queryset = Employer.objects.filter(
                pk__in=[e.pk for e in employers]
            )
            self.fields["employer"].empty_label = None
        else:
            del self.fields["employer"]
        latest = Job.latest_closing_date(self.today)
        closes_on = self.fields["closes_on"]
        closes_on.help_text = (
            f"Optional. Without a date the post stays up {DEFAULT_POSTING_DAYS} days after it "
            f"goes live. At most {MAX_POSTING_DAYS} days from today: {long_date(latest)}."
        )
        closes_on.widget.attrs.update({"min": self.today.isoformat(), "max": latest.isoformat()})

    def title_check(self):
        """The standard-title check of what the form holds now: what was typed (valid or
        not), or the saved post. A note for the employer; it never makes the form invalid."""
        if self.is_bound:
            title = self.data.get(self.add_prefix("title"), "")
            description = self.data.get(self.add_prefix("description"), "")
        else:
            title = self.initial.get("title", self.instance.title)
            description = self.initial.get("description", self.instance.description)
        return check_post(str(title)[:1000], str(description)[:100_000])

    def clean_description(self):
        description = self.cleaned_data.get("description", "")
        try:
            text = strip_tags(description)
        except SuspiciousOperation:  # thousands of unclosed tags: Django refuses to parse them
            raise forms.ValidationError(
                "The description has markup we cannot read. Paste it as plain text and format "
                "it with the editor's buttons."
            ) from None
        if not text.strip():
            raise forms.ValidationError("Describe the job: its duties and what the person needs.")
        return description

    def clean_closes_on(self):
        closes_on = self.cleaned_data.get("closes_on")
        if problem := closing_date_problem(closes_on, self.today):
            raise forms.ValidationError(problem)
        return closes_on

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("salary_min"), cleaned.get("salary_max")
        if low is not None and high is not None and low > high:
            self.add_error("salary_min", SALARY_ORDER_ERROR)
        method = cleaned.get("apply_method")
        if method == ApplyMethod.URL:
            cleaned["apply_email"] = ""
            if not cleaned.get("apply_url") and "apply_url" not in self.errors:
                self.add_error("apply_url", "Give the web address where people apply for this job.")
        elif method == ApplyMethod.EMAIL:
            cleaned["apply_url"] = ""
            if not cleaned.get("apply_email") and "apply_email" not in self.errors:
                self.add_error("apply_email", "Give the email address applications go to.")
        elif method == ApplyMethod.PORTAL:
            cleaned["apply_url"] = cleaned["apply_email"] = ""
        return cleaned


class ApplicantFilterForm(forms.Form):
    status = forms.ChoiceField(
        label="Show applications",
        required=False,
        choices=[("", "All statuses"), *Application.Status.choices],
    )

    def selected_status(self) -> str:
        """The status asked for, or "" for all (an unknown value shows all)."""
        return self.cleaned_data.get("status", "") if self.is_valid() else ""


class ApplicationStatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status",
        choices=EMPLOYER_APPLICATION_STATUSES,
        help_text="The applicant sees the new status and gets an email about it.",
    )


class ApplicationNotesForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = ["employer_notes"]
        labels = {"employer_notes": "Private notes"}
        help_texts = {
            "employer_notes": "Only people at your organisation see these; the applicant never "
            "does."
        }
        widgets = {"employer_notes": forms.Textarea(attrs={"rows": 5})}
