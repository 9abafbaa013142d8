import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from portal.admin import PageAdmin
from portal.models import Page
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

HOSTILE = (
    '<p onclick="steal()">Welcome<script>alert("x")</script></p>'
    '<a href="javascript:alert(1)">click</a><img src=x onerror="boom()">'
    '<h2 style="color:red">Heading</h2><p><a href="https://ascls.org/">ASCLS</a></p>'
)


def _assert_clean(html):
    for bad in ("<script", "onclick", "onerror", "javascript:", "style="):
        assert bad not in html, bad


def test_page_body_is_sanitized_when_saved(client):
    page = PageFactory(body=HOSTILE)

    page.refresh_from_db()
    _assert_clean(page.body)
    html = client.get(page.get_absolute_url()).content.decode()
    _assert_clean(html.split("<article", 1)[1])
    assert "Welcome" in html
    assert '<a href="https://ascls.org/"' in html
    assert "<h2>Heading</h2>" in html


def test_page_body_is_sanitized_when_saved_in_the_admin(superuser, client):
    client.force_login(superuser)
    response = client.post(
        "/admin/portal/page/add/",
        {
            "title": "Hostile",
            "slug": "hostile",
            "section": "about",
            "summary": "",
            "body": HOSTILE,
            "visibility": "public",
            "is_published": "on",
            "order": 0,
        },
    )
    assert response.status_code == 302
    _assert_clean(Page.objects.get(slug="hostile").body)


def test_admin_page_form_loads_the_rich_text_editor_under_the_csp(superuser, client):
    client.force_login(superuser)

    response = client.get("/admin/portal/page/add/")

    html = response.content.decode()
    nonce = response.headers["Content-Security-Policy"].split("'nonce-")[1].split("'")[0]
    assert f'<script type="importmap" nonce="{nonce}">' in html
    assert "django_prose_editor/editor.js" in html
    assert "data-django-prose-editor-configurable" in html


def test_page_admin_lists_filters_and_search():
    admin = PageAdmin(Page, site)
    request = RequestFactory().get("/")
    assert {"section", "visibility", "is_published"} <= set(admin.get_list_filter(request))
    assert "title" in admin.get_search_fields(request)


def test_published_pages_appear_in_their_section_navigation(client):
    about = PageFactory(title="Our history", slug="history", section="about", order=1)
    PageFactory(title="Bylaws", slug="bylaws", section="about", order=2)
    PageFactory(title="Benefits", slug="benefits", section="membership")
    PageFactory(title="Hidden draft", slug="hidden", section="about", is_published=False)

    html = client.get(about.get_absolute_url()).content.decode()
    nav = html.split('class="section-nav"', 1)[1]

    assert nav.index("Our history") < nav.index("Bylaws")
    assert "Benefits" not in nav
    assert "Hidden draft" not in nav
    assert 'aria-current="page">Our history' in nav


def test_page_query_count_stays_flat_as_a_section_grows(client, django_assert_max_num_queries):
    page = PageFactory(section="about")
    PageFactory.create_batch(40, section="about")
    with django_assert_max_num_queries(2):
        response = client.get(page.get_absolute_url())
    nav = response.content.decode().split('class="section-nav"', 1)[1].split("</nav>", 1)[0]
    assert nav.count('<li><a href="/pages/') == 41
