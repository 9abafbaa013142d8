"""How the portal asks apps for what they contribute (sitemaps, home-page highlights, search)
without importing any of them by name: each app may ship a module with a known name."""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def app_modules(name: str):
    """Each project app's ``<app>.<name>`` module, in INSTALLED_APPS order (portal's own and
    third-party apps excluded)."""
    for config in apps.get_app_configs():
        if config.name.startswith(("django", "allauth")) or config.name == "portal":
            continue
        if module_has_submodule(config.module, name):
            yield import_module(f"{config.name}.{name}")
