"""The personalized letter to an employer, built from the staff-edited wording.

Nothing a person types here is stored: the details go into the file and the file goes back to
them.
"""

from dataclasses import dataclass

# The placeholders the letter wording may use, and what each stands for (shown to staff).
PLACEHOLDERS = {
    "your_name": "the writer's name",
    "credential": "the writer's credential",
    "institution": "the institution the letter goes to",
    "department": "the writer's department",
    "recipient_name": "who the letter is addressed to",
    "recipient_title": "that person's job title",
    "current_title": "the title the institution uses today",
}


@dataclass(frozen=True)
class LetterDetails:
    your_name: str
    credential: str
    institution: str
    department: str
    recipient_name: str
    recipient_title: str
    current_title: str


def unknown_placeholders(text: str) -> list[str]:
    """Names in ``{braces}`` in ``text`` that are not in PLACEHOLDERS (for the admin form)."""
    raise NotImplementedError


def letter_docx(letter, details: LetterDetails) -> bytes:
    """``letter`` (a SampleLetter) filled in with ``details``, as a Word document."""
    raise NotImplementedError


def letter_pdf(letter, details: LetterDetails) -> bytes:
    """``letter`` (a SampleLetter) filled in with ``details``, as a PDF."""
    raise NotImplementedError
