"""Simultaneous registrations never take more seats than a webinar has.

On PostgreSQL the threads really race: each registration locks the webinar row, so they count
and add one at a time, and the late ones find the webinar full. SQLite allows one writer at a
time, so there the registrations run one after another (still from separate threads and
connections, released together by a barrier); the outcome must be the same.
"""

import contextlib
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.test import Client

from certification.models import WebinarRegistration
from certification.services.webinars import webinar_register
from tests.certification.factories_webinars import WebinarFactory
from tests.factories import MembershipFactory, UserFactory


def _run_together(count, action):
    barrier = threading.Barrier(count)
    serial = threading.Lock() if connection.vendor == "sqlite" else contextlib.nullcontext()
    results, errors = [], []

    def worker(index):
        try:
            barrier.wait(timeout=10)
            with serial:
                results.append(action(index))
        except Exception as error:  # reported by the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    return results


def _members(count):
    members = []
    for n in range(count):
        user = UserFactory(email=f"racer{n}@example.com")
        MembershipFactory(user=user)
        members.append(user)
    return members


@pytest.mark.django_db(transaction=True)
def test_eight_members_racing_for_three_seats_get_three_registrations():
    webinar = WebinarFactory(capacity=3, join_url="")
    members = _members(8)

    def register(index):
        try:
            registration, created = webinar_register(webinar=webinar, user=members[index])
        except ValidationError as error:
            return ("refused", error.code, " ".join(error.messages))
        return ("registered", created, registration.pk)

    results = _run_together(8, register)

    registered = [r for r in results if r[0] == "registered"]
    refused = [r for r in results if r[0] == "refused"]
    assert len(registered) == 3 and all(created for _, created, _ in registered)
    assert len(refused) == 5
    assert {code for _, code, _ in refused} == {"full"}
    assert {text for _, _, text in refused} == {"Sorry, every seat for this webinar is taken."}
    assert WebinarRegistration.objects.filter(webinar=webinar).count() == 3
    # Only the three who got a seat were emailed, after their registrations committed.
    assert len(mail.outbox) == 3
    winners = set(
        WebinarRegistration.objects.filter(webinar=webinar).values_list("user__email", flat=True)
    )
    assert {m.to[0] for m in mail.outbox} == winners


@pytest.mark.django_db(transaction=True)
def test_simultaneous_clicks_through_the_page_stay_within_capacity():
    webinar = WebinarFactory(capacity=2, join_url="")
    members = _members(4)
    clients = []
    for user in members:
        client = Client()
        client.force_login(user)
        clients.append(client)
    url = f"/certification/webinars/{webinar.slug}/register/"

    responses = _run_together(4, lambda index: clients[index].post(url))

    assert [r.status_code for r in responses] == [302] * 4
    assert WebinarRegistration.objects.filter(webinar=webinar).count() == 2


@pytest.mark.django_db(transaction=True)
def test_one_member_double_clicking_gets_one_seat():
    webinar = WebinarFactory(capacity=5, join_url="")
    [member] = _members(1)

    results = _run_together(4, lambda index: webinar_register(webinar=webinar, user=member))

    assert sorted(created for _, created in results) == [False, False, False, True]
    assert len({registration.pk for registration, _ in results}) == 1
    assert WebinarRegistration.objects.count() == 1
    assert len(mail.outbox) == 1
