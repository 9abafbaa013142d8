"""A webinar registration made while the mail server is down still gets its confirmation,
calendar file included, once the server returns: the registration email retries like every
other email (portal.mail.retry_or_give_up)."""

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from certification.models import WebinarRegistration
from tests.certification.factories_webinars import WebinarFactory
from tests.factories import MembershipFactory, UserFactory
from tests.portal.test_mail_outage import (  # noqa: F401 (fixtures)
    mail_server_down,
    mail_server_returns,
    run_worker,
    task_queue,
    time_passes,
)

CONFIRMATION = "certification.services.webinars.send_registration_confirmation"


@pytest.mark.usefixtures("task_queue", "mail_server_down")
def test_registration_succeeds_with_mail_down_and_the_confirmation_follows(
    client, settings, caplog
):
    member = UserFactory(email="rosa@example.org")
    MembershipFactory(user=member)
    webinar = WebinarFactory(
        title="Antibody identification",
        starts_at=datetime(2030, 1, 17, 19, tzinfo=ZoneInfo("America/Chicago")),
    )
    client.force_login(member)

    response = client.post(
        reverse("certification:webinar_register", args=[webinar.slug]), follow=True
    )

    assert "You’re registered for “Antibody identification”." in response.content.decode()
    assert WebinarRegistration.objects.filter(webinar=webinar, user=member).exists()

    with caplog.at_level(logging.WARNING, logger="portal.mail"):
        run_worker()

    retry = DBTaskResult.objects.get(task_path=CONFIRMATION, status=TaskResultStatus.READY)
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert any("webinar_registered not sent (attempt 1 of 6" in r.message for r in caplog.records)
    assert "rosa@example.org" not in caplog.text
    assert mail.outbox == []

    mail_server_returns(settings)
    time_passes()
    run_worker()

    assert [m.to for m in mail.outbox] == [["rosa@example.org"]]
    assert mail.outbox[0].attachments[0][0] == f"{webinar.slug}.ics"
