"""Journey 2: a visitor creates an account, confirms their address from the email, and edits
their profile; once with a mouse, once with the keyboard alone."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.factories import PASSWORD

EMAIL = "noor.newcomer@example.com"
CONFIRM_LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+")


def confirmation_path(mailoutbox, email):
    """The path of the verification link in the one message sent to ``email``."""
    messages = [m for m in mailoutbox if m.to == [email]]
    assert len(messages) == 1, [m.subject for m in mailoutbox]
    match = CONFIRM_LINK.search(messages[0].body)
    assert match, messages[0].body
    return urlsplit(match.group(0)).path


def test_visitor_signs_up_confirms_email_and_edits_profile(browse, mailoutbox):
    page = browse.page
    browse.go("/")
    page.get_by_role("link", name="Create account").click()
    browse.audit()
    assert browse.path() == "/accounts/signup/"

    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Full name").fill("Noor Newcomer")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    browse.audit()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address")
    expect(page.get_by_role("main")).to_contain_text("We have emailed you a link")
    expect(page.get_by_role("link", name="My account")).to_have_count(0)

    browse.go(confirmation_path(mailoutbox, EMAIL))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Email Address")
    expect(page.get_by_role("main")).to_contain_text(EMAIL)
    page.get_by_role("button", name="Confirm").click()
    browse.audit()

    # Confirming logged them in and brought them to their account.
    assert browse.path() == "/accounts/profile/"
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text(f"You have confirmed {EMAIL}")
    expect(page.get_by_label("Full name")).to_have_value("Noor Newcomer")

    page.get_by_label("Full name").fill("Noor N. Newcomer-Reyes")
    page.get_by_label("City").fill("Peoria")
    page.get_by_role("button", name="Save profile").click()
    browse.audit()

    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    expect(page.get_by_label("Full name")).to_have_value("Noor N. Newcomer-Reyes")
    expect(page.get_by_label("City")).to_have_value("Peoria")
    # What was saved is what a fresh visit shows.
    page.reload()
    expect(page.get_by_label("Full name")).to_have_value("Noor N. Newcomer-Reyes")
    expect(page.get_by_role("status")).to_have_count(0)


# --- Keyboard only ------------------------------------------------------------------------------

# What the person tabbing sees of the focused element: whether it is the one they are heading
# for, and whether it shows that it has focus (an outline or a box shadow).
FOCUS_STEP = """target => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
  const name = (el.getAttribute("aria-label") || el.labels?.[0]?.textContent || el.textContent
    || el.getAttribute("name") || "").trim().replace(/\\s+/g, " ").slice(0, 60);
  return {
    reached: el === target,
    focusable: el !== document.body && el !== document.documentElement,
    visible: outline || shadow,
    what: `<${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}> "${name}"`,
  };
}"""


def tab_to(page, locator, max_presses=60, key="Tab"):
    """Press Tab (or ``key="Shift+Tab"``) until ``locator`` has focus, as a keyboard user
    would, checking that every element focus passes through shows it has focus."""
    expect(locator).to_be_attached()
    passed = []
    for _ in range(max_presses):
        page.keyboard.press(key)
        step = locator.evaluate(FOCUS_STEP)
        if step["focusable"]:
            assert step["visible"], f"No visible focus indicator on {step['what']} ({page.url})"
        passed.append(step["what"])
        if step["reached"]:
            return
    pytest.fail(
        f"{key} pressed {max_presses} times on {page.url} never reached {locator}; focus went "
        "through: " + ", ".join(passed)
    )


def use_skip_link(page):
    """On a page just opened: the first Tab shows the skip link, Enter moves focus to main."""
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert skip.evaluate(FOCUS_STEP)["visible"], "The skip link shows no focus"
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_visitor_signs_up_confirms_email_and_edits_profile_by_keyboard_only(browse, mailoutbox):
    page = browse.page
    browse.go("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    tab_to(page, page.get_by_role("link", name="Create account"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/signup/")
    browse.audit()

    use_skip_link(page)
    for field, text in [
        (page.get_by_label("Email"), EMAIL),
        (page.get_by_label("Full name"), "Noor Newcomer"),
        (page.get_by_label("Password:", exact=True), PASSWORD),
        (page.get_by_label("Password (again)"), PASSWORD),
    ]:
        tab_to(page, field)
        page.keyboard.type(text)
    tab_to(page, page.get_by_role("button", name="Sign Up"))
    page.keyboard.press("Enter")
    page.wait_for_url("**/accounts/confirm-email/")
    browse.audit()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address")

    # The person pastes the link from the email into the address bar.
    browse.go(confirmation_path(mailoutbox, EMAIL))
    use_skip_link(page)
    tab_to(page, page.get_by_role("button", name="Confirm"))
    page.keyboard.press("Space")
    page.wait_for_url("**/accounts/profile/")
    browse.audit()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()

    use_skip_link(page)
    tab_to(page, page.get_by_label("Full name"))
    page.keyboard.press("ControlOrMeta+A")
    page.keyboard.type("Noor N. Newcomer-Reyes")
    tab_to(page, page.get_by_label("City"))
    page.keyboard.type("Peoria")
    tab_to(page, page.get_by_role("button", name="Save profile"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("Your profile has been saved.")
    browse.audit()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    expect(page.get_by_label("Full name")).to_have_value("Noor N. Newcomer-Reyes")
    expect(page.get_by_label("City")).to_have_value("Peoria")
