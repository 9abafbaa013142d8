from django import forms


class AccountDeleteForm(forms.Form):
    """Asks for the password again, so a borrowed or forgotten-open session cannot delete an
    account, and for an explicit yes."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label="I understand that my account and the data listed above are deleted for good.",
        error_messages={"required": "Tick the box to confirm that you want to delete it."},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                "That is not your password. Your account has not been deleted.",
                code="wrong_password",
            )
        return password
