"""The CE certificate for an attended webinar, drawn as a one-page PDF.

It carries what a certifying body asks for in an audit (participant, title, date, provider,
contact hours) plus the P.A.C.E. details and a code anyone can check on the portal's
verification page.
"""

import io

from django.conf import settings
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from certification.calendar import format_contact_hours, format_day
from certification.services.webinars import (
    CE_PROVIDER,
    certificate_name,
    certificate_verify_url,
)
from portal.pdf import pdf_fonts

BRAND = HexColor("#0b4f6c")
INK = HexColor("#1b2430")
MUTED = HexColor("#4a5563")


def certificate_filename(registration) -> str:
    return f"ce-certificate-{registration.webinar.slug}.pdf"[:150]


def _centred(pdf, text, y, font, size, width, colour=INK, max_width=None):
    """Draw ``text`` centred, wrapped to ``max_width``; returns the y below it."""
    pdf.setFillColor(colour)
    pdf.setFont(font, size)
    for line in simpleSplit(text, font, size, max_width or width - 2 * inch):
        pdf.drawCentredString(width / 2, y, line)
        y -= size * 1.3
    return y


def certificate_pdf(registration, *, base_url: str | None = None) -> bytes:
    """The certificate for ``registration`` (which must be marked attended) as PDF bytes."""
    webinar, user = registration.webinar, registration.user
    regular, bold = pdf_fonts()
    name = certificate_name(user)
    verify_url = certificate_verify_url(registration, base_url)
    width, height = landscape(letter)

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1)
    pdf.setTitle(f"CE certificate: {webinar.title}")
    pdf.setAuthor(settings.SOCIETY_NAME)
    pdf.setSubject(f"Continuing education certificate for {name}")
    pdf.setCreator("ASCLS-Illinois Laboratory Professionals Portal")

    # A double frame in the society's colour.
    pdf.setStrokeColor(BRAND)
    pdf.setLineWidth(4)
    pdf.rect(0.4 * inch, 0.4 * inch, width - 0.8 * inch, height - 0.8 * inch)
    pdf.setLineWidth(1)
    pdf.rect(0.52 * inch, 0.52 * inch, width - 1.04 * inch, height - 1.04 * inch)

    y = height - 1.15 * inch
    y = _centred(pdf, settings.SOCIETY_NAME, y, bold, 20, width, BRAND)
    y = _centred(pdf, settings.SOCIETY_FULL_NAME, y, regular, 12, width, MUTED)
    y -= 0.3 * inch
    y = _centred(pdf, "Certificate of Continuing Education", y, bold, 26, width)
    y -= 0.15 * inch
    y = _centred(pdf, "This certifies that", y, regular, 13, width, MUTED)
    y -= 0.15 * inch
    y = _centred(pdf, name, y, bold, 22, width)
    y -= 0.05 * inch
    y = _centred(pdf, "attended the webinar", y, regular, 13, width, MUTED)
    y -= 0.05 * inch
    y = _centred(pdf, webinar.title, y, bold, 17, width)
    y = _centred(pdf, f"presented by {webinar.presenter}", y, regular, 12, width, MUTED)
    y -= 0.2 * inch

    facts = [
        ("Date", format_day(webinar.starts_at)),
        ("Contact hours", format_contact_hours(webinar.contact_hours)),
        ("CE category", webinar.category.name),
        ("Level", webinar.get_level_display()),
        ("P.A.C.E. program number", webinar.pace_number or "Not applicable"),
        ("Provider", CE_PROVIDER),
    ]
    label_x, value_x = width / 2 - 2.6 * inch, width / 2 - 0.4 * inch
    for label, value in facts:
        pdf.setFont(regular, 11)
        pdf.setFillColor(MUTED)
        pdf.drawString(label_x, y, label)
        pdf.setFont(bold, 11)
        pdf.setFillColor(INK)
        pdf.drawString(value_x, y, value)
        y -= 16

    y = 1.25 * inch
    y = _centred(pdf, f"Verification code: {registration.certificate_code}", y, bold, 11, width)
    y = _centred(pdf, f"Check this certificate at {verify_url}", y, regular, 9, width, MUTED)
    _centred(
        pdf,
        "One contact hour is 50 minutes of instruction. Keep this certificate for your "
        "certification renewal records.",
        y,
        regular,
        9,
        width,
        MUTED,
    )
    pdf.linkURL(verify_url, (inch, 0.9 * inch, width - inch, 1.45 * inch), relative=0)

    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
