"""What the home page shows from each section.

The portal imports from no app: an app that has something to say on the home page offers
``<app>/home.py`` with ``highlight(request) -> Highlight | None``.
"""

from dataclasses import dataclass

from portal.contributions import app_modules


@dataclass(frozen=True)
class Highlight:
    section: str
    text: str
    url: str = ""
    link_text: str = ""


def section_highlights(request) -> dict[str, Highlight]:
    """Each section's highlight keyed by section, for ``{{ highlights.advocacy.text }}``."""
    found = {}
    for module in app_modules("home"):
        item = module.highlight(request)
        if item is not None:
            found[str(item.section)] = item
    return found
