from django import forms
from django.conf import settings
from django.forms.renderers import TemplatesSetting

from portal.models import User


class PortalFormRenderer(TemplatesSetting):
    """Every form renders its fields through one accessible template (labels, hints and
    errors tied to the input with aria-describedby)."""

    form_template_name = "includes/form.html"
    field_template_name = "includes/field.html"


class SignupDetailsForm(forms.Form):
    """Extra fields on allauth's sign-up form."""

    full_name = forms.CharField(
        max_length=150,
        label="Full name",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        help_text="As you would like it to appear to the society.",
    )

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"].strip()
        user.save(update_fields=["full_name"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["full_name", "credentials", "employer", "city", "state"]
        widgets = {
            "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "employer": forms.TextInput(attrs={"autocomplete": "organization"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "state": forms.Select(attrs={"autocomplete": "address-level1"}),
        }


class RosterUploadForm(forms.Form):
    roster = forms.FileField(
        label="Roster file (CSV)",
        help_text="Columns: member ID, first name, last name, email, category, expiry date. "
        "UTF-8 CSV, at most 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_roster(self):
        upload = self.cleaned_data["roster"]
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError(
                "Upload the roster as a .csv file (in your spreadsheet: Save as CSV UTF-8)."
            )
        if upload.size > settings.ROSTER_MAX_BYTES:
            raise forms.ValidationError(
                f"The file is {upload.size / 1024 / 1024:.1f} MB; the largest roster accepted is "
                f"{settings.ROSTER_MAX_BYTES // 1024 // 1024} MB."
            )
        return upload
