"""Phone width (390 by 844): the main pages fit the screen, and the folded main navigation
opens from "Menu" and takes the person where they chose."""

import pytest
from playwright.sync_api import expect

from tests.careers.factories import JobFactory
from tests.factories import ResourceFactory


def fits_the_screen(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth"
        " && document.body.scrollWidth <= window.innerWidth"
    )


@pytest.fixture
def content(db):
    ResourceFactory(title="Blood culture contamination: a collection checklist")
    return {"job": JobFactory(title="Medical Laboratory Scientist, night shift")}


def test_main_pages_have_no_sideways_scroll_on_a_phone(phone, member, content):
    phone.log_in_as(member)
    pages = {
        "/": "home",
        "/resources/": "resources list",
        content["job"].get_absolute_url(): "job page",
        "/certification/tracker/": "CE dashboard",
        "/advocacy/": "campaign page",
    }
    too_wide = []
    for path, name in pages.items():
        response = phone.go(path)
        assert response.status == 200, name
        if not fits_the_screen(phone.page):
            too_wide.append(name)

    assert too_wide == []


def test_the_menu_opens_and_its_links_work_on_a_phone(phone, content):
    phone.go("/")
    nav = phone.page.get_by_role("navigation", name="Main")
    expect(nav).to_be_hidden()

    phone.page.get_by_role("link", name="Menu").tap()
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Close menu")).to_be_visible()
    phone.page.get_by_role("link", name="Close menu").tap()
    expect(nav).to_be_hidden()

    phone.page.get_by_role("link", name="Menu").tap()
    nav.get_by_role("link", name="Career Center").tap()
    phone.page.wait_for_url("**/careers/")
    phone.audit()
    expect(phone.page.get_by_role("heading", level=1)).to_contain_text("Career")
    assert fits_the_screen(phone.page)
