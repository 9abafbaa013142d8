"""Forms for the CE tracker: a credential held and a CE activity.

They collect and check what a member types, with messages that say how to fix it; the rules
(one entry per credential, hours, dates, certificate files) live in
``certification.services.tracker``, which checks them again when saving.
"""

from django import forms

from certification.models import CEActivity, CECategory, CredentialHolding
from certification.services import tracker as services

CHOICE_FIELDSET_TEMPLATE = "includes/choice_fieldset.html"
CERTIFICATE_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
CERTIFICATE_HELP = (
    "Optional. PDF, JPEG or PNG, at most 10 MB. Keep proof of every activity: certifying "
    "bodies audit at random."
)
FILE_NOT_KEPT = (
    " Browsers do not keep a chosen file when a form comes back with a problem, so please "
    "choose the certificate again."
)


def _date_widget():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def credential_label(credential) -> str:
    return f"{credential.name} — {credential.title}"


class HoldingForm(forms.ModelForm):
    """A credential the member holds and the last day of its current cycle."""

    class Meta:
        model = CredentialHolding
        fields = ["credential", "cycle_end"]
        labels = {"credential": "Credential", "cycle_end": "Current cycle ends on"}
        help_texts = {
            "credential": "Only credentials whose renewal rules we know are listed.",
            "cycle_end": "The last day of your current renewal cycle, as your certifying body "
            "shows it (for the ASCP BOC, the expiry date on your certificate).",
        }
        widgets = {"cycle_end": _date_widget()}
        error_messages = {
            "credential": {
                "required": "Choose the credential you hold.",
                "invalid_choice": "Choose one of the credentials in the list.",
            },
            "cycle_end": {
                "required": "Enter the date your current cycle ends.",
                "invalid": "Enter the date as year-month-day, for example 2027-03-31.",
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["credential"]
        field.queryset = services.credentials_with_rules().select_related("renewal_rule")
        groups: dict[str, list] = {}
        for credential in field.queryset:
            groups.setdefault(credential.body.name, []).append(
                (credential.pk, credential_label(credential))
            )
        field.choices = [("", "Choose a credential"), *groups.items()]

    def clean(self):
        cleaned = super().clean()
        credential, cycle_end = cleaned.get("credential"), cleaned.get("cycle_end")
        if credential is not None and cycle_end is not None:
            try:
                services.validate_cycle_end(cycle_end, credential.renewal_rule)
            except forms.ValidationError as error:
                self.add_error("cycle_end", error)
        return cleaned


class ActivityForm(forms.ModelForm):
    """One CE activity. The certificate is a plain form field so the instance keeps its
    current file until the service replaces it."""

    amount = forms.DecimalField(
        label="Hours",
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        help_text="As on the certificate: contact hours (1 contact hour = 50–60 minutes), or "
        "the credit hours of a college course.",
        error_messages={
            "required": "Enter the hours on your certificate, for example 1 or 1.5.",
            "invalid": "Enter the hours as a number, for example 1 or 1.5.",
            "max_decimal_places": "Use at most two decimal places, for example 1.25.",
            "max_digits": services.HOURS_TYPO_MESSAGE,
            "max_whole_digits": services.HOURS_TYPO_MESSAGE,
        },
    )
    certificate = forms.FileField(
        label="Certificate",
        required=False,
        widget=forms.FileInput(attrs={"accept": CERTIFICATE_ACCEPT}),
        help_text=CERTIFICATE_HELP,
        error_messages={
            "empty": "The file is empty. Choose your certificate again and re-upload it.",
            "invalid": "That was not a file. Choose your certificate again.",
        },
    )
    remove_certificate = forms.BooleanField(label="Remove the attached certificate", required=False)

    class Meta:
        model = CEActivity
        fields = [
            "title",
            "provider",
            "completed_on",
            "amount",
            "unit",
            "category",
            "format",
            "pace_number",
            "notes",
        ]
        labels = {
            "title": "Title",
            "provider": "Provider",
            "completed_on": "Date completed",
            "unit": "What the hours are",
            "category": "Subject area",
            "format": "Format",
            "pace_number": "P.A.C.E. program number",
            "notes": "Notes",
        }
        help_texts = {
            "title": "As it appears on the certificate.",
            "provider": "Who offered it, for example ASCLS, ASCP, ADLM, a university or your "
            "hospital.",
            "completed_on": "The date on the certificate. Only activities inside a cycle count "
            "toward it.",
            "unit": "College courses turn into points at the certifying body's rate (for the "
            "ASCP BOC, 15 points a semester hour and 10 a quarter hour).",
            "category": "The subject it counts toward, for example Microbiology or Laboratory "
            "safety.",
            "pace_number": "Optional. P.A.C.E.-approved programs print it on the certificate.",
            "notes": "Optional, only for you.",
        }
        widgets = {
            "completed_on": _date_widget(),
            "unit": forms.RadioSelect,
            "format": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "title": {"required": "Give the activity its title, as on the certificate."},
            "provider": {"required": "Say who offered it, for example ASCLS or your hospital."},
            "completed_on": {
                "required": "Enter the date you completed it.",
                "invalid": "Enter the date as year-month-day, for example 2026-03-14.",
            },
            "unit": {"required": "Choose what the hours are."},
            "category": {
                "required": "Choose the subject area it counts toward.",
                "invalid_choice": "Choose one of the subject areas in the list.",
            },
            "format": {"required": "Choose how you took it."},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("unit", "format"):
            self.fields[name].template_name = CHOICE_FIELDSET_TEMPLATE
        category = self.fields["category"]
        category.queryset = CECategory.objects.all()
        category.empty_label = "Choose a subject area"
        if not (self.instance.pk and self.instance.certificate):
            del self.fields["remove_certificate"]
        else:
            self.fields["certificate"].label = "Replace the certificate"
            self.fields["certificate"].help_text = (
                "Optional: choose a new file only to replace the one attached. PDF, JPEG or "
                "PNG, at most 10 MB."
            )

    def clean_amount(self):
        amount = self.cleaned_data["amount"]
        services.validate_activity_hours(amount)
        return amount

    def clean_completed_on(self):
        completed_on = self.cleaned_data["completed_on"]
        services.validate_completed_on(completed_on)
        return completed_on

    def clean_certificate(self):
        upload = self.cleaned_data.get("certificate")
        if upload:
            services.validate_certificate_file(upload)
        return upload

    def activity_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}

    def remind_to_choose_file_again(self) -> None:
        """After an error, say that a chosen file has to be chosen again."""
        if self.files.get("certificate") and "certificate" not in self.errors:
            # The bound field keeps its own copy of the hint once the form has been rendered
            # or validated.
            self["certificate"].help_text += FILE_NOT_KEPT
