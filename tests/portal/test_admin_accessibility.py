"""Accessibility fixes for the staff admin that axe-core asked for in the browser journeys
(tests/browser/test_editor_journey.py, test_career_journeys.py), held here without a browser."""

import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


def _input(html, name):
    tag = re.search(rf'<(?:input|select)[^>]*name="{re.escape(name)}"[^>]*>', html)
    assert tag, name
    return tag.group(0)


def test_list_editable_inputs_say_what_they_are_and_whose(client, superuser):
    """axe-core "label": Django renders a list's editable inputs without any label."""
    PageFactory(title="About the society", order=1)
    PageFactory(title="Our history", order=2)
    client.force_login(superuser)

    html = client.get(reverse("admin:portal_page_changelist"), {"o": "5"}).content.decode()

    rows = {
        re.search(r'aria-label="Order: ([^"]+)"', _input(html, f"form-{n}-order")).group(1)
        for n in (0, 1)
    }
    assert rows == {"About the society", "Our history"}
    for n in (0, 1):
        assert 'aria-label="Published: ' in _input(html, f"form-{n}-is_published")
    assert "aria-label" not in _input(html, "form-0-id")


def test_every_admin_page_loads_the_accessibility_stylesheet(client, superuser):
    """axe-core "target-size" (the list filters) and "link-in-text-block" (the breadcrumbs)."""
    client.force_login(superuser)

    for url in [reverse("admin:index"), reverse("admin:portal_page_changelist")]:
        html = client.get(url).content.decode()
        assert '<link rel="stylesheet" href="/static/admin/portal/accessibility.css">' in html
    assert finders.find("admin/portal/accessibility.css")


def test_rich_text_change_forms_load_the_editor_accessibility_script(client, superuser):
    """axe-core "aria-input-field-name" (the editing area) and "color-contrast" (the toolbar)."""
    page = PageFactory()
    client.force_login(superuser)

    html = client.get(reverse("admin:portal_page_change", args=[page.pk])).content.decode()

    assert re.search(r'<script src="/static/admin/portal/prose_editor_a11y.js"[^>]*>', html)
    assert finders.find("admin/portal/prose_editor_a11y.js")


def test_every_admin_list_with_editable_columns_labels_them():
    """A new admin with ``list_editable`` and no labels fails here, not only in a browser."""
    from django.contrib import admin

    from portal.admin import LabelledListEditableMixin

    unlabelled = [
        type(model_admin).__name__
        for model_admin in admin.site._registry.values()
        if model_admin.list_editable and not isinstance(model_admin, LabelledListEditableMixin)
    ]

    assert unlabelled == []
