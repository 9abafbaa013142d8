"""The public forms of the I AM MLS pledge: taking it and asking for a new confirmation link."""

from django import forms

from advocacy.models import Credential, Pledge
from portal.antispam import HoneypotForm

PLEDGE_FIELDS = [
    "full_name",
    "email",
    "credential",
    "other_credentials",
    "job_title",
    "institution",
    "city",
    "state",
    "show_publicly",
    "campaign_emails",
]

# The fields come from the model (labels, lengths, choices) but the form is a plain Form on
# purpose: a ModelForm would check the one-pledge-per-email constraint itself and say so in an
# error, telling anyone whether an address has pledged. services.pledges.pledge_take handles an
# existing pledge instead, without revealing it.
_model_fields = forms.fields_for_model(
    Pledge,
    fields=PLEDGE_FIELDS,
    labels={
        "full_name": "Full name",
        "email": "Email address",
        "credential": "The credential you work under",
        "other_credentials": "All credentials you hold (optional)",
        "job_title": "Your job title at work today",
        "institution": "Employer or institution",
        "show_publicly": "Show my name on the public wall",
        "campaign_emails": "Email me news about the I AM MLS campaign",
    },
    help_texts={
        "full_name": "The wall shows only your first name and the initial of your last name.",
        "email": "We send a link to this address; the pledge counts once you follow it. "
        "It is never shown to anyone.",
        "other_credentials": "As you write them after your name, for example MLS(ASCP)CM, SBB.",
        "job_title": "The title your employer uses today, even if it is not MLS. It helps the "
        "society see which titles are still in use; it is never shown publicly.",
        "institution": "Never shown publicly.",
        "show_publicly": "Your first name, last initial, credential, city and state appear on "
        "the wall of pledges. Your email, employer and job title never do.",
        "campaign_emails": "A few messages a year at most. You can stop them at any time.",
    },
    widgets={
        "full_name": forms.TextInput(attrs={"autocomplete": "name"}),
        "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        "other_credentials": forms.TextInput(),
        "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
        "institution": forms.TextInput(attrs={"autocomplete": "organization"}),
        "city": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        "state": forms.Select(attrs={"autocomplete": "address-level1"}),
    },
)


class PledgeForm(HoneypotForm):
    full_name = _model_fields["full_name"]
    email = _model_fields["email"]
    credential = _model_fields["credential"]
    other_credentials = _model_fields["other_credentials"]
    job_title = _model_fields["job_title"]
    institution = _model_fields["institution"]
    city = _model_fields["city"]
    state = _model_fields["state"]
    show_publicly = _model_fields["show_publicly"]
    campaign_emails = _model_fields["campaign_emails"]

    field_order = [*PLEDGE_FIELDS, "website"]

    def __init__(self, *args, initial=None, **kwargs):
        initial = {"state": "IL", **(initial or {})}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["credential"].choices = [("", "Choose one"), *Credential.choices]
        self.fields["state"].choices = [("", "Choose a state"), *self.fields["state"].choices[1:]]

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def details(self) -> dict:
        """What the person typed, ready for ``pledge_take``."""
        return {name: self.cleaned_data[name] for name in PLEDGE_FIELDS}


class ResendConfirmationForm(HoneypotForm):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="The address you used when you took the pledge.",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    field_order = ["email", "website"]
