"""The public form to suggest an institution for the list of those that use the MLS title."""

from django import forms
from django.utils import timezone

from advocacy.models import Institution
from portal.antispam import HoneypotForm
from portal.states import US_STATES

# The title has been in use since the late 1990s at the earliest; anything before is a typo.
FIRST_YEAR = 1990


class InstitutionSuggestForm(HoneypotForm, forms.ModelForm):
    state = forms.ChoiceField(
        choices=[("", "Choose a state"), *US_STATES],
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
    )
    year_adopted = forms.IntegerField(
        label="Year it adopted the title",
        required=False,
        help_text="If you know it. Leave it empty if you are not sure.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    suggested_by_email = forms.EmailField(
        label="Your email",
        required=False,
        max_length=254,
        help_text="Optional, like your name. We use them only to follow up on this suggestion "
        "if we have a question; they are never shown on the site.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    class Meta:
        model = Institution
        fields = [
            "name",
            "city",
            "state",
            "year_adopted",
            "note",
            "suggested_by_name",
            "suggested_by_email",
        ]
        labels = {
            "name": "Name of the institution",
            "note": "Anything we should know",
            "suggested_by_name": "Your name",
        }
        help_texts = {
            "name": "The hospital, laboratory or health system, as it calls itself.",
            "note": "Optional. For example which departments use the title, or where it was "
            "announced. At most 1,000 characters.",
            "suggested_by_name": "Optional.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "note": forms.Textarea(attrs={"rows": 4}),
            "suggested_by_name": forms.TextInput(attrs={"autocomplete": "name"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = self.fields["year_adopted"].widget
        widget.attrs.update({"min": FIRST_YEAR, "max": timezone.localdate().year})

    def clean_year_adopted(self):
        year = self.cleaned_data.get("year_adopted")
        this_year = timezone.localdate().year
        if year is not None and not FIRST_YEAR <= year <= this_year:
            raise forms.ValidationError(
                f"Enter a year between {FIRST_YEAR} and {this_year}, or leave it empty."
            )
        return year

    def suggestion(self) -> dict:
        """The cleaned answers as keyword arguments for ``institution_suggest``."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
