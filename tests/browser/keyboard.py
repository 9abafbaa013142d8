"""Moving through a page by keyboard only, checking that focus is always visible."""

import pytest
from playwright.sync_api import expect

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
