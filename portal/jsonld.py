"""schema.org data blocks in pages."""

import json

from django.utils.safestring import mark_safe


def json_ld(data: dict) -> str:
    """JSON safe inside <script type="application/ld+json">: no "</script>" can end it early."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return mark_safe(text)  # noqa: S308 - escaped above


def faq_page(entries) -> dict:
    """schema.org FAQPage data for FAQ entries (``question``, ``answer`` with sanitized HTML)."""
    return {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": entry.question,
                "acceptedAnswer": {"@type": "Answer", "text": entry.answer},
            }
            for entry in entries
        ],
    }
