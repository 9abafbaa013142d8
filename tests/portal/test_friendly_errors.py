"""Requests Django turns away before any view runs still get the site's own words."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_an_expired_form_says_what_happened_and_what_to_do(member):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)

    response = client.post(reverse("account_profile"), {"full_name": "Rosa Delgado"})

    html = response.content.decode()
    assert response.status_code == 403
    assert "This form has expired" in html
    assert "reload the page, and send the form again" in html
    assert "CSRF" not in html


def test_a_request_for_an_unknown_host_gets_a_plain_explanation(client):
    response = client.get("/", HTTP_HOST="portal.attacker.example")

    html = response.content.decode()
    assert response.status_code == 400
    assert "We couldn’t understand that request" in html
    assert "attacker" not in html
