"""A honeypot for public forms: a field people never see, that form-filling bots do fill."""

from django import forms


class HoneypotForm(forms.Form):
    """Mix into a public form (``class PledgeForm(HoneypotForm, forms.ModelForm)``); the view
    then treats ``form.is_bot()`` submissions as if they succeeded, and saves nothing."""

    website = forms.CharField(
        required=False,
        label="Leave this field empty",
        template_name="includes/honeypot_field.html",
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website"), "").strip())
