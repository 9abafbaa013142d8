"""What the home page shows from each section.

The portal imports from no app: an app that has something to say on the home page offers
``<app>/home.py`` with ``highlight(request) -> Highlight | None``.
"""

from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


@dataclass(frozen=True)
class Highlight:
    section: str
    text: str
    url: str = ""
    link_text: str = ""


def _providers():
    for config in apps.get_app_configs():
        if config.name.startswith(("django", "allauth")) or config.name == "portal":
            continue
        if module_has_submodule(config.module, "home"):
            yield import_module(f"{config.name}.home").highlight


def section_highlights(request) -> dict[str, Highlight]:
    """Each section's highlight keyed by section, for ``{{ highlights.advocacy.text }}``."""
    found = {}
    for highlight in _providers():
        item = highlight(request)
        if item is not None:
            found[str(item.section)] = item
    return found
