"""Thirty submissions of one address at the same moment still make one pledge.

On PostgreSQL the threads really race: every request finds no pledge and inserts; the unique
index on the lower-cased address makes all but one wait and then fail, and the service treats
those as submissions for the pledge that won. SQLite allows one writer at a time, so there the
submissions run one after another (still from separate threads and connections, released
together by a barrier); the outcome must be the same.
"""

import contextlib
import threading

import pytest
from django.core import mail
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from advocacy.models import Credential, Pledge
from advocacy.services.pledges import Outcome, pledge_take

SUBMISSIONS = 30


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
        thread.join(timeout=60)
    assert errors == []
    return results


def _details(index):
    return {
        "full_name": f"Rosa Delgado {index}",
        # The same address, typed in different cases.
        "email": "rosa@example.org" if index % 2 else "ROSA@Example.org",
        "credential": Credential.MLS,
        "other_credentials": "",
        "job_title": "Medical Technologist",
        "institution": "Lakeside Memorial Hospital",
        "city": "Peoria",
        "state": "IL",
        "show_publicly": True,
        "campaign_emails": False,
    }


@pytest.mark.django_db(transaction=True)
def test_thirty_simultaneous_submissions_of_one_address_make_one_pledge_and_no_error_page():
    clients = [Client() for _ in range(SUBMISSIONS)]
    url = reverse("advocacy:pledge")

    def submit(index):
        data = {key: value for key, value in _details(index).items() if value is not False}
        data["show_publicly"] = "on"
        return clients[index].post(url, data)

    responses = _run_together(SUBMISSIONS, submit)

    assert [r.status_code for r in responses] == [302] * SUBMISSIONS
    assert {r["Location"] for r in responses} == {reverse("advocacy:pledge_check_email")}
    pledge = Pledge.objects.get()
    assert pledge.confirmed_at is None
    # Every submission was answered by email, each with a link to this one pledge.
    withdraw = reverse("advocacy:pledge_withdraw", args=[pledge.token])
    assert len(mail.outbox) == SUBMISSIONS
    assert all(withdraw in message.body for message in mail.outbox)
    assert {message.to[0].lower() for message in mail.outbox} == {"rosa@example.org"}


@pytest.mark.django_db(transaction=True)
def test_simultaneous_service_calls_agree_on_the_one_pledge():
    results = _run_together(8, lambda index: pledge_take(details=_details(index)))

    pledge = Pledge.objects.get()
    assert {taken.pledge.pk for taken in results} == {pledge.pk}
    assert {taken.outcome for taken in results} == {Outcome.CONFIRMATION_SENT}
    # The details kept are those of one of the submissions, whole, not a mixture.
    assert pledge.full_name in {f"Rosa Delgado {i}" for i in range(8)}
