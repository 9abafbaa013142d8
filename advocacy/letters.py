"""The personalized letter to an employer, built from the staff-edited wording.

Nothing a person types here is stored: the details go into the file and the file goes back to
them.

Placeholders are replaced with a regular expression over ``{name}``, never with ``str.format``:
staff wording may contain other braces, and a person's details are inserted as plain text, so
braces, HTML or markup typed into the form come out literally in both files.
"""

import io
import re
from dataclasses import asdict, dataclass
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.text import slugify

from portal.pdf import pdf_fonts

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

PLACEHOLDER_PATTERN = re.compile(r"\{(\w+)\}")

# Characters XML 1.0 (and therefore a Word file) cannot hold at all.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"
CONTENT_TYPES = {"docx": DOCX_CONTENT_TYPE, "pdf": PDF_CONTENT_TYPE}


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
    unknown = []
    for name in PLACEHOLDER_PATTERN.findall(text or ""):
        if name not in PLACEHOLDERS and name not in unknown:
            unknown.append(name)
    return unknown


def _clean(value: str) -> str:
    """Text safe to put in a Word or PDF file: Windows line ends made plain, and characters no
    document format can hold (control characters) dropped."""
    return _XML_INVALID.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n"))


def fill_placeholders(text: str, details: LetterDetails) -> str:
    """``text`` with every known ``{placeholder}`` replaced by the matching detail, as plain
    text. Unknown names and any other braces are left exactly as they are."""
    values = {name: _clean(value).strip() for name, value in asdict(details).items()}

    def replace(match):
        return values.get(match.group(1), match.group(0))

    return PLACEHOLDER_PATTERN.sub(replace, _clean(text))


def split_paragraphs(text: str) -> list[list[str]]:
    """Paragraphs (separated by a blank line), each a list of its lines."""
    text = _clean(text).strip()
    if not text:
        return []
    return [
        [line.strip() for line in block.strip().split("\n")]
        for block in re.split(r"\n[ \t]*\n", text)
        if block.strip()
    ]


@dataclass(frozen=True)
class FilledLetter:
    """Everything that goes on the page, already filled in and in order."""

    date: str
    recipient_lines: list[str]
    subject: str
    paragraphs: list[list[str]]
    title: str
    author: str


def fill_letter(letter, details: LetterDetails, *, dated: str | None = None) -> FilledLetter:
    """``letter`` (a SampleLetter) laid out as a letter: date, recipient, subject, body, and a
    signature when the wording never uses {your_name}. The date is today's unless
    ``dated`` gives the text to print instead (such as "[Date]" in a blank sample)."""
    body = letter.body or ""
    paragraphs = split_paragraphs(fill_placeholders(body, details))
    if "{your_name}" not in body:
        # Staff wording normally signs off with {your_name}; if it does not, sign for the writer.
        paragraphs += split_paragraphs(
            fill_placeholders("Sincerely,\n\n{your_name}, {credential}", details)
        )
    recipient = [details.recipient_name, details.recipient_title, details.institution]
    institution = _clean(details.institution).strip()
    return FilledLetter(
        date=dated if dated is not None else formats.date_format(timezone.localdate(), "F j, Y"),
        recipient_lines=[line for line in (_clean(v).strip() for v in recipient) if line],
        subject=fill_placeholders(letter.subject or "", details).strip(),
        paragraphs=paragraphs,
        title=f"Letter to {institution}" if institution else "Letter to your employer",
        author=_clean(details.your_name).strip(),
    )


def letter_filename(details: LetterDetails, kind: str) -> str:
    """A download name safe in any Content-Disposition header: letter-to-<institution>.<kind>."""
    slug = slugify(details.institution)[:60].strip("-") or "your-employer"
    return f"letter-to-{slug}.{kind}"


# --- Word ---------------------------------------------------------------------------------------


def letter_docx(letter, details: LetterDetails, *, dated: str | None = None) -> bytes:
    """``letter`` (a SampleLetter) filled in with ``details``, as a Word document."""
    from docx import Document
    from docx.shared import Inches, Pt

    filled = fill_letter(letter, details, dated=dated)
    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
        section.left_margin = section.right_margin = Inches(1)
        section.top_margin = section.bottom_margin = Inches(1)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(10)
    normal.paragraph_format.line_spacing = 1.1

    def add_lines(lines, *, bold_prefix=None, space_after=None):
        paragraph = document.add_paragraph()
        if bold_prefix:
            paragraph.add_run(bold_prefix).bold = True
        for index, line in enumerate(lines):
            run = paragraph.add_run(line)
            if index < len(lines) - 1:
                run.add_break()
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    add_lines([filled.date], space_after=18)
    if filled.recipient_lines:
        add_lines(filled.recipient_lines, space_after=18)
    if filled.subject:
        add_lines([filled.subject], bold_prefix="Re: ", space_after=14)
    for paragraph in filled.paragraphs:
        add_lines(paragraph)

    properties = document.core_properties
    properties.title = filled.title
    properties.subject = filled.subject
    properties.author = filled.author
    properties.last_modified_by = filled.author
    properties.comments = ""
    properties.keywords = "I AM MLS"
    properties.created = properties.modified = timezone.now()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF ----------------------------------------------------------------------------------------


def _markup(lines: list[str]) -> str:
    """Lines as Paragraph markup: the text escaped, so a person's details are never markup."""
    return "<br/>".join(escape(line) for line in lines)


def letter_pdf(letter, details: LetterDetails, *, dated: str | None = None) -> bytes:
    """``letter`` (a SampleLetter) filled in with ``details``, as a PDF."""
    from reportlab.lib.pagesizes import letter as us_letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    filled = fill_letter(letter, details, dated=dated)
    font = pdf_fonts()[0]
    body = ParagraphStyle("LetterBody", fontName=font, fontSize=11, leading=15, spaceAfter=10)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=us_letter,
        leftMargin=inch,
        rightMargin=inch,
        topMargin=inch,
        bottomMargin=inch,
        title=filled.title,
        author=filled.author,
        subject=filled.subject,
        creator="ASCLS-Illinois portal",
    )
    story = [Paragraph(_markup([filled.date]), body), Spacer(1, 0.15 * inch)]
    if filled.recipient_lines:
        story += [Paragraph(_markup(filled.recipient_lines), body), Spacer(1, 0.15 * inch)]
    if filled.subject:
        story.append(Paragraph("<b>Re: " + _markup([filled.subject]) + "</b>", body))
        story.append(Spacer(1, 0.05 * inch))
    story += [Paragraph(_markup(lines), body) for lines in filled.paragraphs]
    document.build(story)
    return buffer.getvalue()


# --- The page's preview -------------------------------------------------------------------------


def letter_preview(letter) -> dict:
    """The wording as the letter page shows it: the subject and paragraphs, each line a list of
    (text, is_placeholder) pieces, so the page can mark what the form fills in. A placeholder
    reads as its plain name in brackets, such as "[your name]"."""

    def pieces(line):
        parts, position = [], 0
        for match in PLACEHOLDER_PATTERN.finditer(line):
            if match.start() > position:
                parts.append((line[position : match.start()], False))
            name = match.group(1)
            if name in PLACEHOLDERS:
                parts.append((f"[{_PREVIEW_LABELS[name]}]", True))
            else:
                parts.append((match.group(0), False))
            position = match.end()
        if position < len(line):
            parts.append((line[position:], False))
        return parts

    return {
        "subject": pieces(_clean(letter.subject or "").strip()),
        "paragraphs": [
            [pieces(line) for line in lines] for lines in split_paragraphs(letter.body or "")
        ],
    }


# How each placeholder reads in the preview on the letter page.
_PREVIEW_LABELS = {
    "your_name": "your name",
    "credential": "your credential",
    "institution": "institution",
    "department": "department",
    "recipient_name": "recipient's name",
    "recipient_title": "recipient's title",
    "current_title": "title used today",
}


# --- The ready-made sample files ----------------------------------------------------------------

# What a downloaded sample is called, whatever name staff uploaded it under.
SAMPLE_DOWNLOAD_NAMES = {"docx": "i-am-mls-sample-letter.docx", "pdf": "i-am-mls-sample-letter.pdf"}
SAMPLE_LABELS = {"docx": "Word", "pdf": "PDF"}


def sample_file(letter, kind: str):
    """The uploaded Word (``kind="docx"``) or PDF (``"pdf"``) sample, or None when staff have not
    uploaded it or the stored file has gone."""
    field = {"docx": letter.word_file, "pdf": letter.pdf_file}.get(kind)
    if not field or not field.storage.exists(field.name):
        return None
    return field


def sample_downloads(letter) -> list[dict]:
    """The samples the letter page links to: kind, label, extension and size of each file that
    is really there."""
    downloads = []
    for kind, label in SAMPLE_LABELS.items():
        field = sample_file(letter, kind)
        if field is not None:
            downloads.append(
                {"kind": kind, "label": label, "extension": f".{kind}", "size": field.size}
            )
    return downloads


def personalized_letter(letter, details: LetterDetails, kind: str) -> bytes:
    """The filled-in letter as a Word file (``kind="docx"``) or a PDF (``"pdf"``)."""
    builders = {"docx": letter_docx, "pdf": letter_pdf}
    return builders[kind](letter, details)
