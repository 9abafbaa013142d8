"""Writes with rules for accounts and membership."""

from allauth.account.models import EmailAddress
from django.db import transaction

from portal.membership import forget_membership_status
from portal.models import Membership


@transaction.atomic
def membership_link_user(*, user) -> int:
    """Link roster memberships that carry one of ``user``'s email addresses to the account.

    The account's own address counts from sign-up (login needs it verified anyway); other
    addresses only once verified. A membership already linked to someone else is left alone.
    Returns how many memberships were linked.
    """
    emails = {user.email}
    emails.update(
        EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    )
    linked = Membership.objects.unlinked_for_emails(emails).update(user=user)
    if linked:
        forget_membership_status(user)
    return linked
