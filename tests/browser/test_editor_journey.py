"""Journey 7: a content editor changes a society page in the admin's rich-text editor and sees
the change on the public page.

The editor is django-prose-editor (Tiptap). Tiptap injects one fixed ``<style>`` block when it
starts; the strict Content Security Policy allows exactly that block by its hash (see the CSP
section of portal/settings/base.py), so the browser reports no violation here.
"""

import re

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from portal.groups import CONTENT_EDITORS
from portal.models import Page
from tests.factories import PageFactory, UserFactory

# True once the text caret sits, collapsed, right after ``arg`` at the end of a text node.
CARET_AFTER_LAST_WORD = """(word) => {
  const selection = getSelection();
  const node = selection.anchorNode;
  return Boolean(node) && selection.isCollapsed && node.nodeType === Node.TEXT_NODE
    && selection.anchorOffset === node.textContent.length && node.textContent.endsWith(word);
}"""


def test_content_editor_bolds_a_sentence_and_the_public_page_shows_it(browse):
    editor = UserFactory(email="editor@example.com", full_name="Edie Tor", is_staff=True)
    editor.groups.add(Group.objects.get(name=CONTENT_EDITORS))
    PageFactory(
        title="About the society",
        slug="about-the-society",
        body="<p>We represent laboratory professionals across Illinois.</p>",
    )
    page = browse.page
    browse.log_in_as(editor)

    # From the admin's home to the page's change form, as an editor finds it.
    browse.go("/admin/")
    page.get_by_role("link", name="Pages", exact=True).click()
    browse.audit()
    page.get_by_role("link", name="About the society").click()
    browse.audit()
    expect(page.get_by_role("heading", name="Change page")).to_be_visible()

    # Click just after the body's last word (ProseMirror keeps where a click puts the caret, and
    # puts it back there a moment after any quicker keyboard move), start a new paragraph,
    # switch bold on with the toolbar button and type a sentence.
    body = page.get_by_role("textbox", name="Body")
    paragraph = body.get_by_role("paragraph")
    expect(paragraph).to_have_text("We represent laboratory professionals across Illinois.")
    box = paragraph.bounding_box()
    paragraph.click(position={"x": box["width"] - 2, "y": box["height"] / 2})
    # The editor may settle its caret a moment after the click (seen once at the start of the
    # text on a loaded machine): wait until it really stands after the last word.
    page.wait_for_function(CARET_AFTER_LAST_WORD, arg="Illinois.")
    page.keyboard.press("Enter")
    bold = page.get_by_role("button", name="bold", exact=True)
    expect(bold).to_have_attribute("aria-pressed", "false")
    bold.click()
    expect(bold).to_have_attribute("aria-pressed", "true")
    page.keyboard.type("Members meet on the first Tuesday of each month.")
    expect(body.get_by_role("paragraph")).to_have_text(
        [
            "We represent laboratory professionals across Illinois.",
            "Members meet on the first Tuesday of each month.",
        ]
    )
    expect(body.locator("strong")).to_have_text("Members meet on the first Tuesday of each month.")

    page.get_by_role("button", name="Save", exact=True).click()
    browse.audit()
    expect(page.get_by_text("“About the society” was changed successfully.")).to_be_visible()
    assert "<strong>Members meet on the first Tuesday of each month.</strong>" in (
        Page.objects.get(slug="about-the-society").body
    )

    # What visitors see: the text that was there, then the new sentence, in bold.
    browse.go("/pages/about-the-society/")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text("About the society")
    expect(main.get_by_role("paragraph").filter(has_text="Members meet")).to_have_count(1)
    expect(main).to_contain_text(re.compile(r"across Illinois\.\s*Members meet on the first"))
    sentence = main.locator("strong")
    expect(sentence).to_have_text("Members meet on the first Tuesday of each month.")
    expect(sentence).to_have_css("font-weight", "700")
