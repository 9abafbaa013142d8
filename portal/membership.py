"""Society membership status: the one definition of an *active member*.

A person is an active member while today is on or before the expiry date of a membership
linked to their account. Memberships come from the national ASCLS roster (portal.roster).
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone


@dataclass(frozen=True)
class MembershipStatus:
    ACTIVE = "active"
    EXPIRED = "expired"
    NONE = "none"

    state: str
    membership: object | None = None

    @property
    def is_active(self) -> bool:
        return self.state == self.ACTIVE

    @property
    def is_expired(self) -> bool:
        return self.state == self.EXPIRED

    @property
    def is_member_ever(self) -> bool:
        return self.membership is not None

    @property
    def expiry_date(self) -> date | None:
        return self.membership.expiry_date if self.membership else None


def status_of(membership, today: date | None = None) -> MembershipStatus:
    if membership is None:
        return MembershipStatus(MembershipStatus.NONE)
    today = today or timezone.localdate()
    state = MembershipStatus.ACTIVE if membership.expiry_date >= today else MembershipStatus.EXPIRED
    return MembershipStatus(state, membership)


def membership_status(user, today: date | None = None) -> MembershipStatus:
    """The status of ``user``'s society membership; cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return MembershipStatus(MembershipStatus.NONE)
    if today is None and hasattr(user, "_membership_status"):
        return user._membership_status
    # Of several linked memberships (a renewed member ID, a duplicate roster row) the one that
    # runs longest decides.
    latest = (
        user.memberships.select_related("category").order_by("-expiry_date").first()
        if user.pk
        else None
    )
    status = status_of(latest, today)
    if today is None:
        user._membership_status = status
    return status


def forget_membership_status(user) -> None:
    user.__dict__.pop("_membership_status", None)


def is_active_member(user) -> bool:
    return membership_status(user).is_active
