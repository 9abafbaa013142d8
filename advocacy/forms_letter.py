"""The "Personalize it" form on the letter page. Nothing it collects is saved."""

from django import forms

from advocacy.letters import LetterDetails

# The two ways the letter can be downloaded; the submit button's value says which.
LETTER_FORMATS = {"docx": "Word (.docx)", "pdf": "PDF"}


def _text(label, max_length, *, help_text="", autocomplete=None):
    attrs = {"autocomplete": autocomplete} if autocomplete else {}
    return forms.CharField(
        label=label,
        max_length=max_length,
        help_text=help_text,
        widget=forms.TextInput(attrs=attrs),
    )


class PersonalizeLetterForm(forms.Form):
    your_name = _text("Your name", 150, autocomplete="name")
    credential = _text(
        "Your credential", 100, help_text="As you sign your name, for example MLS(ASCP)CM."
    )
    institution = _text(
        "Institution",
        200,
        help_text="Where you work: the employer the letter goes to.",
        autocomplete="organization",
    )
    department = _text(
        "Your department", 150, help_text="For example Clinical Laboratory or Microbiology."
    )
    recipient_name = _text(
        "Recipient's name", 150, help_text="The person you are writing to, such as Dr. Ana Ruiz."
    )
    recipient_title = _text(
        "Recipient's title",
        150,
        help_text="Their job title, for example Director of Human Resources or Laboratory "
        "Director.",
    )
    current_title = _text(
        "The title your institution uses today",
        150,
        help_text="For example Medical Technologist or Clinical Laboratory Scientist.",
    )

    def details(self) -> LetterDetails:
        """The cleaned answers, ready for ``letter_docx`` or ``letter_pdf``."""
        return LetterDetails(**{name: self.cleaned_data[name] for name in self.fields})


def chosen_format(data) -> str:
    """The format of the button that was pressed; Word when none was (pressing Enter)."""
    value = data.get("format", "")
    return value if value in LETTER_FORMATS else "docx"
