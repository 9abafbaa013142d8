"""Every kind of response carries the security headers: a public page, a member's page, a
private file download and the staff admin."""

import pytest
from django.urls import reverse

from portal.access import Visibility
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_transport(settings):
    # Test settings turn these off for plain-HTTP test requests; production has them on.
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True


def _responses(client, member, superuser):
    locked = ResourceFactory(visibility=Visibility.MEMBERS, document=True)
    yield "public page", client.get("/", secure=True)
    client.force_login(member)
    yield "member page", client.get(locked.get_absolute_url(), secure=True)
    yield (
        "file download",
        client.get(reverse("resources:download", args=[locked.slug]), secure=True),
    )
    client.force_login(superuser)
    yield "admin", client.get(reverse("admin:index"), secure=True)


def test_every_kind_of_response_carries_the_security_headers(
    client, member, superuser, production_transport
):
    for name, response in _responses(client, member, superuser):
        assert response.status_code == 200, name
        headers = response.headers
        csp = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, name
        assert "script-src 'self'" in csp and "style-src 'self'" in csp, name  # nonce when used
        assert "frame-ancestors 'none'" in csp, name
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000"), name
        assert headers["Referrer-Policy"] == "same-origin", name
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin", name
        assert headers["X-Content-Type-Options"] == "nosniff", name
        assert headers["X-Frame-Options"] == "DENY", name
        policy = headers["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
            assert feature in policy, (name, feature)


def test_the_file_download_is_an_attachment(client, member):
    locked = ResourceFactory(visibility=Visibility.MEMBERS, document=True)
    client.force_login(member)

    response = client.get(reverse("resources:download", args=[locked.slug]))

    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_session_and_csrf_cookies_are_secure_httponly_and_lax(client, production_transport):
    from tests.factories import PASSWORD, UserFactory

    user = UserFactory(email="cookie@example.com")
    client.get(reverse("account_login"), secure=True)
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": PASSWORD}, secure=True
    )

    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"
