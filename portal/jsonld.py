"""schema.org data blocks in pages."""

import json

from django.conf import settings
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


def organization(*, url: str) -> dict:
    """schema.org Organization data for the society, whose site is at ``url``."""
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": settings.SOCIETY_NAME,
        "alternateName": settings.SOCIETY_FULL_NAME,
        "url": url,
        "email": settings.SOCIETY_CONTACT_EMAIL,
        "sameAs": [link for _name, link in settings.SOCIETY_SOCIAL_LINKS],
        "parentOrganization": {
            "@type": "Organization",
            "name": "American Society for Clinical Laboratory Science",
            "alternateName": "ASCLS",
            "url": "https://ascls.org/",
        },
    }
