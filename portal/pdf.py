"""Fonts for the PDFs the portal draws (CE certificates, transcripts, letters)."""

from functools import cache


@cache
def pdf_fonts() -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans when the server has it, so names in any Latin,
    Greek or Cyrillic script print correctly; otherwise the built-in Helvetica. Registered once,
    as a family, so ``<b>`` inside a reportlab Paragraph finds the bold face."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        pdfmetrics.registerFont(TTFont("PortalSans", "DejaVuSans.ttf"))
        pdfmetrics.registerFont(TTFont("PortalSans-Bold", "DejaVuSans-Bold.ttf"))
    except (TTFError, OSError):
        return "Helvetica", "Helvetica-Bold"
    for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
        addMapping("PortalSans", bold, italic, "PortalSans-Bold" if bold else "PortalSans")
    return "PortalSans", "PortalSans-Bold"
