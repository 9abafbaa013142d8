"""The strict Content Security Policy and the rich-text editor.

django-prose-editor's Tiptap adds one fixed <style> block to the page when the editor starts.
Without it in the policy, the browser blocks it (a CSP violation on every page with the editor)
and the editor loses ProseMirror's base rules: Chromium then types non-breaking spaces into the
text. The policy allows exactly that block by its SHA-256 hash, and nothing else inline.
"""

import base64
import hashlib
import re
from pathlib import Path

import django_prose_editor
from django.conf import settings
from django.urls import reverse

from tests.factories import PageFactory

EDITOR_JS = (
    Path(django_prose_editor.__file__).parent / "static" / "django_prose_editor" / "editor.js"
)


def tiptap_base_style() -> str:
    """The text of the <style data-tiptap-style> block, as the installed editor holds it."""
    source = EDITOR_JS.read_text()
    found = re.findall(r"=`(\.ProseMirror \{\n  position: relative;\n\}.*?)`", source, re.S)
    assert len(found) == 1, "Tiptap's base style block is no longer where this test looks"
    return found[0]


def csp_hash(text: str) -> str:
    digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
    return f"'sha256-{digest}'"


def test_the_policy_allows_the_editors_style_block_by_its_hash():
    wanted = csp_hash(tiptap_base_style())

    style_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert wanted in style_src, (
        f"Tiptap's style block changed: put {wanted} in TIPTAP_BASE_STYLE_HASH "
        "(portal/settings/base.py) in place of the old hash."
    )


def test_nothing_else_inline_is_allowed():
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]

    assert [s for s in directives["style-src"] if "sha256-" not in s] == ["'self'"]
    assert len(directives["style-src"]) == 2
    for name in ("style-src", "script-src"):
        assert not any("unsafe" in str(source) for source in directives[name]), name


def test_the_admin_page_editor_is_served_with_the_hash(client, superuser):
    page = PageFactory()
    client.force_login(superuser)

    response = client.get(reverse("admin:portal_page_change", args=[page.pk]))

    policy = response.headers["Content-Security-Policy"]
    style_src = next(d for d in policy.split(";") if d.strip().startswith("style-src "))
    assert style_src.split() == ["style-src", "'self'", csp_hash(tiptap_base_style())]
    assert "data-django-prose-editor" in response.content.decode()
