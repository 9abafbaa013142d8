import re

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_page_shows_the_society_and_every_section(client):
    response = client.get(reverse("home"))

    html = response.content.decode()
    assert "ASCLS-Illinois" in html
    for label, url in [
        ("Laboratory Resources", "/resources/"),
        ("Career Center", "/careers/"),
        ("Certification &amp; CE", "/certification/"),
        ("I AM MLS", "/advocacy/"),
        ("Membership", "/membership/"),
    ]:
        assert f'<a href="{url}">{label}</a>' in html, label
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav class="main-nav" id="main-nav" aria-label="Main">' in html


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))

    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    html = response.content.decode()
    # The only scripts are JSON-LD data blocks, allowed by the page's nonce.
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts
    assert all(tag.startswith('<script type="application/ld+json" nonce=') for tag in scripts)
    assert "style=" not in html


def test_missing_page_is_a_helpful_404(client):
    response = client.get("/no/such/page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "We could not find that page" in html
    assert "/no/such/page/" in html
    assert 'href="/resources/"' in html
    assert 'href="/membership/"' in html


def test_server_error_page_is_friendly(client):
    from portal.errors import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Sorry, something went wrong on our side" in response.content.decode()


def test_breadcrumbs_lead_home(client):
    html = client.get(reverse("membership")).content.decode()
    crumbs = html.split('aria-label="Breadcrumb"', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/">Home</a>' in crumbs
    assert 'aria-current="page">Membership' in crumbs


def test_logged_in_header_offers_account_and_log_out(client, member):
    client.force_login(member)
    html = client.get(reverse("home")).content.decode()
    assert "My account" in html
    assert 'action="/accounts/logout/"' in html
    assert "Staff admin" not in html


@override_settings(DEBUG=False)
def test_stylesheet_is_served_with_the_page(client):
    html = client.get(reverse("home")).content.decode()
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    response = client.get("/static/css/site.css")
    assert response.status_code == 200
    assert b"@media print" in b"".join(response.streaming_content)


def test_favicon_requests_find_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url == "/static/img/favicon.svg"
