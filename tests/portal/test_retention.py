"""apply_retention: pledges nobody confirmed go after 30 days, accounts never confirmed after 14."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from advocacy.models import Pledge
from portal.models import AccountDeletion, User
from portal.privacy import UNCONFIRMED_PLEDGE_DAYS, UNVERIFIED_ACCOUNT_DAYS
from tests.advocacy.factories import PledgeFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.now() - timedelta(days=days)


def run(*args):
    out = StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def pledges():
    return {
        "pending 29 days": PledgeFactory(created_at=days_ago(29), confirmed_at=None),
        "pending 31 days": PledgeFactory(created_at=days_ago(31), confirmed_at=None),
        "confirmed 31 days": PledgeFactory(created_at=days_ago(31), confirmed_at=days_ago(30)),
    }


def joined(days, **fields):
    user = UserFactory(**fields)
    User.objects.filter(pk=user.pk).update(date_joined=days_ago(days))
    return user


@pytest.fixture
def accounts():
    return {
        "unverified 13 days": joined(13, verified=False),
        "unverified 15 days": joined(15, verified=False),
        "verified 15 days": joined(15),
        "unverified 15 days, has logged in": joined(15, verified=False, last_login=days_ago(1)),
        "unverified 15 days, staff": joined(15, verified=False, is_staff=True),
    }


def test_the_rules_are_the_ones_the_society_published():
    assert UNCONFIRMED_PLEDGE_DAYS == 30
    assert UNVERIFIED_ACCOUNT_DAYS == 14


def test_unconfirmed_pledges_older_than_30_days_go_with_their_audit_trail(pledges):
    stale = pledges["pending 31 days"]
    assert Pledge.history.filter(id=stale.pk).exists()

    output = run()

    assert not Pledge.objects.filter(pk=stale.pk).exists()
    assert not Pledge.history.filter(id=stale.pk).exists()
    assert Pledge.objects.filter(pk=pledges["pending 29 days"].pk).exists()
    assert Pledge.objects.filter(pk=pledges["confirmed 31 days"].pk).exists()
    assert Pledge.history.filter(id=pledges["pending 29 days"].pk).exists()
    assert "unconfirmed pledges: 1 deleted" in output


def test_accounts_never_confirmed_within_14_days_go(accounts, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        output = run()

    remaining = set(User.objects.values_list("pk", flat=True))
    assert accounts["unverified 15 days"].pk not in remaining
    for label in [
        "unverified 13 days",
        "verified 15 days",
        "unverified 15 days, has logged in",
        "unverified 15 days, staff",
    ]:
        assert accounts[label].pk in remaining, label
    assert "unconfirmed accounts: 1 deleted" in output
    record = AccountDeletion.objects.get()
    assert record.reason == AccountDeletion.Reason.RETENTION
    # Nobody is emailed about an account whose address was never shown to be theirs.
    assert mail.outbox == []


def test_an_unverified_address_next_to_no_verified_one_still_counts_as_unconfirmed(db):
    user = joined(20, verified=False)
    EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    run()

    assert not User.objects.filter(pk=user.pk).exists()


def test_dry_run_lists_what_would_go_and_deletes_nothing(pledges, accounts):
    output = run("--dry-run")

    stale, old_account = pledges["pending 31 days"], accounts["unverified 15 days"]
    assert "unconfirmed pledges: 1 would be deleted" in output
    assert f"pledge {stale.pk}, submitted" in output
    assert "unconfirmed accounts: 1 would be deleted" in output
    assert f"account {old_account.pk}, signed up" in output
    # Ids and dates only: the console and cron mail never carry names or addresses.
    assert stale.email not in output
    assert old_account.email not in output
    assert Pledge.objects.filter(pk=stale.pk).exists()
    assert User.objects.filter(pk=old_account.pk).exists()
    assert not AccountDeletion.objects.exists()


def test_running_again_finds_nothing_more(pledges, accounts):
    run()

    output = run()

    assert "unconfirmed pledges: 0 deleted" in output
    assert "unconfirmed accounts: 0 deleted" in output
