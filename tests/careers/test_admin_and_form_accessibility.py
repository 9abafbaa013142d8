"""Accessibility fixes in the Career Center that axe-core asked for in the browser journeys
(tests/browser/test_career_journeys.py), held here without a browser."""

import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from careers.models import CareerServiceRequest
from portal.groups import CAREER_MODERATORS
from tests.careers.factories import EmployerFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_job_form_loads_the_editor_accessibility_script(client):
    """axe-core "aria-input-field-name": the editor's editing area had no name."""
    recruiter = UserFactory()
    EmployerFactory(members=[recruiter])
    client.force_login(recruiter)

    html = client.get(reverse("careers:job_create")).content.decode()

    assert re.search(r'<script src="/static/admin/portal/prose_editor_a11y.js"[^>]*>', html)


def test_service_request_list_inputs_say_what_they_are_and_whose(client):
    """axe-core "label": the list's status and assignee selects had no label, the assignee
    one inside the admin's related-object wrapper."""
    moderator = UserFactory(full_name="Mo Derator", is_staff=True)
    moderator.groups.add(Group.objects.get(name=CAREER_MODERATORS))
    for name in ("Ann Archer", "Bob Baker"):
        CareerServiceRequest.objects.create(
            service=CareerServiceRequest.Service.COACHING,
            requester=UserFactory(full_name=name),
            message="Please help me prepare for a lead position.",
        )
    client.force_login(moderator)

    html = client.get(reverse("admin:careers_careerservicerequest_changelist")).content.decode()

    labels = re.findall(r'<select name="form-\d-(\w+)"[^>]*aria-label="([^"]+)"', html)
    assert sorted(labels) == [
        ("assignee", "Assignee: Professional coaching for Ann Archer"),
        ("assignee", "Assignee: Professional coaching for Bob Baker"),
        ("status", "Status: Professional coaching for Ann Archer"),
        ("status", "Status: Professional coaching for Bob Baker"),
    ]
