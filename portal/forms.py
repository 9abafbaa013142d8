from django import forms
from django.forms.renderers import TemplatesSetting

from portal.models import User
from portal.uploads import ROSTER, roster_policy, validate_upload


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
        error_messages={"empty": ROSTER.empty},
    )

    def clean_roster(self):
        upload = self.cleaned_data["roster"]
        # Size first, then content (UTF-8 text, no NUL bytes) and the .csv name.
        validate_upload(upload, roster_policy())
        return upload
