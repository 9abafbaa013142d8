"""Writes with rules for accounts and membership."""

from allauth.account.models import EmailAddress
from django.db import transaction
from simple_history.utils import bulk_update_with_history

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
    memberships = list(Membership.objects.unlinked_for_emails(emails).select_for_update())
    for membership in memberships:
        membership.user = user
    # Recorded in the audit trail like a staff member's change, so a membership's history shows
    # when and why it was linked to an account.
    linked = 0
    if memberships:
        linked = bulk_update_with_history(
            memberships,
            Membership,
            ["user"],
            default_user=None,
            default_change_reason="Linked to the account with the same email address",
        )
    if linked:
        forget_membership_status(user)
    return linked
