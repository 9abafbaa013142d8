"""CE transcripts for one credential held and its current cycle, as CSV and PDF.

What a member needs for an ASCP CMP declaration or an audit: every activity that counts in the
cycle (date, title, provider, category, hours, points, P.A.C.E. number, whether a certificate
is attached), the totals, and each category minimum met or still missing. Both formats are made
from the same ``Transcript`` so they never disagree; progress comes from
``certification.progress.ce_progress`` alone.
"""

import csv
import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, timezone
from django.utils.text import slugify
from reportlab.lib import colors
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import (
    ListFlowable,
    ListItem,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from certification.progress import activity_points
from certification.services import tracker as services
from certification.suggestions import format_points
from portal.csvexport import safe_cell

CSV_HEADER = [
    "Date completed",
    "Title",
    "Provider",
    "Category",
    "Hours",
    "Unit",
    "Points counted",
    "P.A.C.E. number",
    "Certificate attached",
]


@dataclass(frozen=True)
class TranscriptRow:
    completed_on: date
    title: str
    provider: str
    category: str
    hours: str
    unit: str
    points: str
    pace_number: str
    has_certificate: bool
    certificate_name: str


@dataclass(frozen=True)
class CategoryLine:
    name: str
    required: str
    earned: str
    met: bool
    missing: str

    @property
    def result(self) -> str:
        return "Met" if self.met else f"Missing {self.missing}"


@dataclass(frozen=True)
class Transcript:
    member_name: str
    member_email: str
    credential: str
    credential_title: str
    body: str
    window_start: date
    window_end: date
    generated_on: date
    rows: list
    earned: str
    required: str
    missing: str
    academic_capped: str
    status_label: str
    categories: list
    credential_slug: str

    @property
    def certificates(self) -> list:
        return [row for row in self.rows if row.has_certificate]


def build_transcript(holding, *, today=None) -> Transcript | None:
    """The transcript of ``holding``'s current cycle, or None when its credential has no
    renewal rule on record."""
    if getattr(holding.credential, "renewal_rule", None) is None:
        return None
    today = today or timezone.localdate()
    progress = services.holding_progress(holding=holding, today=today)
    rule = progress.rule
    counted = sorted(progress.counted, key=lambda a: (a.completed_on, a.pk))
    rows = [
        TranscriptRow(
            completed_on=activity.completed_on,
            title=activity.title,
            provider=activity.provider,
            category=activity.category.name,
            hours=format_points(activity.amount),
            unit=activity.get_unit_display(),
            points=format_points(activity_points(activity, rule)),
            pace_number=activity.pace_number,
            has_certificate=bool(activity.certificate),
            certificate_name=services.certificate_download_name(activity)
            if activity.certificate
            else "",
        )
        for activity in counted
    ]
    user = holding.user
    credential = holding.credential
    return Transcript(
        member_name=user.get_full_name() or user.email,
        member_email=user.email,
        credential=credential.name,
        credential_title=credential.title,
        body=credential.body.name,
        window_start=progress.window_start,
        window_end=progress.window_end,
        generated_on=today,
        rows=rows,
        earned=format_points(progress.earned),
        required=format_points(progress.required),
        missing=format_points(progress.missing),
        academic_capped=format_points(progress.academic_capped)
        if progress.academic_capped > Decimal(0)
        else "",
        status_label=progress.status_label,
        categories=[
            CategoryLine(
                name=check.category.name,
                required=format_points(check.required),
                earned=format_points(check.earned),
                met=check.met,
                missing=format_points(check.missing),
            )
            for check in progress.categories
        ],
        credential_slug=credential.slug,
    )


def transcript_filename(transcript: Transcript, extension: str) -> str:
    """A name safe in any Content-Disposition header: ASCII letters, digits and dashes."""
    slug = slugify(transcript.credential_slug or transcript.credential)[:50] or "credential"
    return (
        f"ce-transcript-{slug}-{transcript.window_start:%Y-%m-%d}-to-"
        f"{transcript.window_end:%Y-%m-%d}.{extension}"
    )


def _long_date(day: date) -> str:
    return formats.date_format(day, "j F Y")


# --- CSV -----------------------------------------------------------------------------------------


def transcript_csv(transcript: Transcript) -> str:
    """The header row, one row per counted activity, then the totals and the category checks.
    Starts with a byte order mark so spreadsheet programs read accents correctly."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in transcript.rows:
        writer.writerow(
            [
                safe_cell(value)
                for value in (
                    row.completed_on.isoformat(),
                    row.title,
                    row.provider,
                    row.category,
                    row.hours,
                    row.unit,
                    row.points,
                    row.pace_number,
                    "Yes" if row.has_certificate else "No",
                )
            ]
        )
    writer.writerow([])
    writer.writerow(["Member", safe_cell(transcript.member_name)])
    writer.writerow(["Credential", safe_cell(transcript.credential)])
    writer.writerow(
        ["Cycle", f"{transcript.window_start.isoformat()} to {transcript.window_end.isoformat()}"]
    )
    writer.writerow(["Total points counted", transcript.earned])
    writer.writerow(["Points required", transcript.required])
    writer.writerow(["Points still needed", transcript.missing])
    if transcript.academic_capped:
        writer.writerow(
            ["Academic points over the limit (not counted)", transcript.academic_capped]
        )
    writer.writerow(["Status", transcript.status_label])
    if transcript.categories:
        writer.writerow([])
        writer.writerow(["Category minimum", "Required", "Earned", "Result"])
        for line in transcript.categories:
            writer.writerow([safe_cell(line.name), line.required, line.earned, line.result])
    return out.getvalue()


# --- PDF -----------------------------------------------------------------------------------------


def _paragraph(text, style):
    return Paragraph(escape(str(text)), style)


def transcript_pdf(transcript: Transcript) -> bytes:
    """A printable transcript: who, which credential and cycle, the activities, the totals,
    the category minimums and the certificates on file."""
    styles = getSampleStyleSheet()
    body, small, heading = styles["BodyText"], styles["BodyText"].clone("small"), styles["Heading2"]
    small.fontSize, small.leading = 8, 10
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=landscape(letter),
        leftMargin=0.6 * inch,
        rightMargin=0.6 * inch,
        topMargin=0.6 * inch,
        bottomMargin=0.6 * inch,
        title=f"CE transcript: {transcript.credential}",
        author=transcript.member_name,
    )
    grid = TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
        ]
    )

    story = [
        _paragraph("Continuing education transcript", styles["Title"]),
        _paragraph(f"Member: {transcript.member_name} ({transcript.member_email})", body),
        _paragraph(
            f"Credential: {transcript.credential} — {transcript.credential_title}, "
            f"{transcript.body}",
            body,
        ),
        _paragraph(
            f"Cycle: {_long_date(transcript.window_start)} to {_long_date(transcript.window_end)}",
            body,
        ),
        _paragraph(f"Prepared on {_long_date(transcript.generated_on)}", body),
        Spacer(1, 0.15 * inch),
        _paragraph("Activities counted in this cycle", heading),
    ]
    if transcript.rows:
        table = [[_paragraph(name, small) for name in CSV_HEADER]]
        for row in transcript.rows:
            table.append(
                [
                    _paragraph(value, small)
                    for value in (
                        row.completed_on.isoformat(),
                        row.title,
                        row.provider,
                        row.category,
                        row.hours,
                        row.unit,
                        row.points,
                        row.pace_number,
                        "Yes" if row.has_certificate else "No",
                    )
                ]
            )
        widths = [0.8, 2.4, 1.5, 1.3, 0.5, 1.0, 0.6, 1.0, 0.7]
        story.append(Table(table, colWidths=[w * inch for w in widths], repeatRows=1, style=grid))
    else:
        story.append(_paragraph("No activities are logged inside this cycle yet.", body))

    story += [Spacer(1, 0.15 * inch), _paragraph("Totals", heading)]
    totals = [
        ["Total points counted", transcript.earned],
        ["Points required", transcript.required],
        ["Points still needed", transcript.missing],
    ]
    if transcript.academic_capped:
        totals.append(["Academic points over the limit (not counted)", transcript.academic_capped])
    totals.append(["Status", transcript.status_label])
    story.append(
        Table(
            [[_paragraph(a, body), _paragraph(b, body)] for a, b in totals],
            colWidths=[3.2 * inch, 1.5 * inch],
            hAlign="LEFT",
            style=TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.grey)]),
        )
    )

    if transcript.categories:
        story += [Spacer(1, 0.15 * inch), _paragraph("Category minimums", heading)]
        lines = [["Category", "Required", "Earned", "Result"]]
        lines += [[c.name, c.required, c.earned, c.result] for c in transcript.categories]
        story.append(
            Table(
                [[_paragraph(v, body) for v in line] for line in lines],
                colWidths=[2.6 * inch, 1 * inch, 1 * inch, 1.4 * inch],
                hAlign="LEFT",
                repeatRows=1,
                style=grid,
            )
        )

    story += [Spacer(1, 0.15 * inch), _paragraph("Certificates on file", heading)]
    if transcript.certificates:
        story.append(
            ListFlowable(
                [
                    ListItem(
                        _paragraph(
                            f"{row.completed_on.isoformat()} — {row.title} ({row.provider}): "
                            f"{row.certificate_name}",
                            body,
                        )
                    )
                    for row in transcript.certificates
                ],
                bulletType="bullet",
            )
        )
    else:
        story.append(_paragraph("No certificates are attached to these activities.", body))
    missing = len(transcript.rows) - len(transcript.certificates)
    if missing:
        story.append(
            _paragraph(
                f"{missing} activit{'y has' if missing == 1 else 'ies have'} no certificate "
                "attached; keep the proof at hand in case of an audit.",
                body,
            )
        )

    doc.build(story)
    return buffer.getvalue()
