"""Journey 2: a visitor creates an account, confirms their address from the email, and edits
their profile; once with a mouse, once with the keyboard alone."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import expect

from tests.browser.keyboard import tab_to, use_skip_link
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
