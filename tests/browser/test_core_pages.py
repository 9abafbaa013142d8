"""The pages every visitor meets: home, search, log in and the page for a wrong address."""

from playwright.sync_api import expect


def test_home_search_login_and_not_found_pages_pass_axe(browse):
    browse.go("/")
    expect(browse.page.get_by_role("heading", level=1)).to_be_visible()

    browse.page.get_by_role("searchbox", name="Search the portal").fill("coagulation")
    browse.page.get_by_role("button", name="Search").click()
    browse.audit()
    expect(browse.page.get_by_role("heading", level=1)).to_contain_text("Search")

    browse.go("/accounts/login/")
    expect(browse.page.get_by_label("Email")).to_be_visible()

    response = browse.go("/no-such-page/")
    assert response.status == 404
    expect(browse.page.get_by_role("heading", level=1)).to_be_visible()
