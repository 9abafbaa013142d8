"""The pledge's rules: taking it, confirming it (double opt-in), re-sending, withdrawing.

A pledge counts, and can appear on the wall, only once it is confirmed: by following the signed
link emailed to its address, or at once when a logged-in person pledges with an address their
account has verified. Nothing a stranger sees tells them whether an address has pledged; the
address's owner learns it by email. Every email about a pledge carries its withdraw link.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from allauth.account.models import EmailAddress
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from advocacy.models import Campaign, Pledge
from portal import fragments
from portal.mail import absolute_url, send_templated_email

CONFIRM_SALT = "advocacy.pledge.confirm"
CONFIRM_MAX_AGE = timedelta(days=7)


def pledge_count() -> int:
    """How many people have taken the pledge: confirmed pledges only. Counting 30,000 rows on
    every view of the home page is wasted work; the count is kept until a pledge changes."""
    return fragments.cached(
        "pledge-count", lambda: Pledge.objects.confirmed().count(), topics=["pledges"]
    )


# --- The confirmation link ---------------------------------------------------------------------


class PledgeLinkInvalid(Exception):
    """The link was changed, cut short, or its pledge no longer exists."""


class PledgeLinkExpired(Exception):
    """The link is genuine but older than CONFIRM_MAX_AGE. ``pledge`` is its (pending or
    confirmed) pledge, or None if it has since been withdrawn."""

    def __init__(self, pledge: Pledge | None):
        super().__init__("The confirmation link has expired.")
        self.pledge = pledge


def confirm_signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=CONFIRM_SALT)


def pledge_confirm_token(pledge: Pledge) -> str:
    """The signed, dated value in a confirmation link (a new one each time it is sent)."""
    return confirm_signer().sign(str(pledge.token))


def pledge_from_confirm_token(signed_token: str) -> Pledge:
    """The pledge a confirmation link names. Raises PledgeLinkExpired or PledgeLinkInvalid."""
    signer = confirm_signer()
    try:
        value = signer.unsign(signed_token, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        raise PledgeLinkExpired(_pledge_with_token(signer.unsign(signed_token))) from None
    except signing.BadSignature:
        raise PledgeLinkInvalid from None
    pledge = _pledge_with_token(value)
    if pledge is None:
        raise PledgeLinkInvalid
    return pledge


def _pledge_with_token(value: str) -> Pledge | None:
    try:
        token = uuid.UUID(value)
    except ValueError:
        return None
    return Pledge.objects.filter(token=token).first()


# --- Taking, confirming, re-sending and withdrawing --------------------------------------------


class Outcome(StrEnum):
    CONFIRMATION_SENT = "confirmation_sent"  # pending: the link is on its way
    CONFIRMED = "confirmed"  # counted now (a verified address of the logged-in person)
    ALREADY_PLEDGED = "already_pledged"  # the address had a confirmed pledge; nothing changed


@dataclass(frozen=True)
class PledgeTaken:
    pledge: Pledge
    outcome: Outcome
    # True when the address is a verified one of the logged-in person, so the page may talk
    # about the pledge openly; otherwise the page must stay neutral.
    own_address: bool


def pledge_take(
    *, details: dict, user=None, base_url: str | None = None, now: datetime | None = None
) -> PledgeTaken:
    """Take the pledge with ``details`` (the PledgeForm fields).

    - A new address: the pledge is saved unconfirmed and a confirmation link is emailed.
    - An address with an unconfirmed pledge: its details are replaced by these (only the
      latest submission can be confirmed) and a fresh link is emailed.
    - An address with a confirmed pledge: nothing changes; the address is emailed a note that
      it has already pledged (unless it is the logged-in person's own verified address).
    - A verified address of the logged-in ``user``: confirmed at once, linked to the account.

    Simultaneous submissions of one address make one pledge: the insert runs in a savepoint
    and, when the unique constraint refuses it, the pledge that won is treated as existing.
    """
    now = now or timezone.now()
    email = details["email"].strip()
    fields = {**details, "email": email}
    verified = _is_verified_address(user, email)
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().with_email(email).first()
        if pledge is None:
            try:
                with transaction.atomic():
                    pledge = Pledge.objects.create(
                        **fields, user=user if verified else None, created_at=now
                    )
            except IntegrityError:
                pledge = Pledge.objects.select_for_update().with_email(email).first()
                if pledge is None:  # pragma: no cover - the conflict was something else
                    raise
            else:
                return _confirm_or_ask(pledge, verified=verified, base_url=base_url, now=now)

        if pledge.is_confirmed:
            if verified:
                if pledge.user_id is None:
                    pledge.user = user
                    pledge.save(update_fields=["user"])
            else:
                _send(pledge, "pledge_already", base_url=base_url)
            return PledgeTaken(pledge, Outcome.ALREADY_PLEDGED, own_address=verified)

        for name, value in fields.items():
            setattr(pledge, name, value)
        if verified:
            pledge.user = user
        pledge.save()
        return _confirm_or_ask(pledge, verified=verified, base_url=base_url, now=now)


def _confirm_or_ask(pledge, *, verified, base_url, now) -> PledgeTaken:
    if verified:
        _mark_confirmed(pledge, base_url=base_url, now=now)
        return PledgeTaken(pledge, Outcome.CONFIRMED, own_address=True)
    _send_confirmation(pledge, base_url=base_url, now=now)
    return PledgeTaken(pledge, Outcome.CONFIRMATION_SENT, own_address=False)


def pledge_confirm(*, pledge: Pledge, base_url: str | None = None, now=None) -> bool:
    """Confirm ``pledge`` (its link was followed and the button pressed); it now counts.

    Returns False, changing nothing, when it was already confirmed. Raises PledgeLinkInvalid
    if it was withdrawn in the meantime.
    """
    with transaction.atomic():
        locked = Pledge.objects.select_for_update().filter(pk=pledge.pk).first()
        if locked is None:
            raise PledgeLinkInvalid
        if locked.is_confirmed:
            return False
        _mark_confirmed(locked, base_url=base_url, now=now or timezone.now())
    return True


def pledge_resend(*, email: str, base_url: str | None = None, now=None) -> None:
    """Someone asked for a new link for ``email``. An unconfirmed pledge gets a fresh link, a
    confirmed one the "already pledged" note, and an unknown address nothing at all. The page
    that asked says the same in every case."""
    with transaction.atomic():
        pledge = Pledge.objects.select_for_update().with_email(email).first()
        if pledge is None:
            return
        if pledge.is_confirmed:
            _send(pledge, "pledge_already", base_url=base_url)
        else:
            _send_confirmation(pledge, base_url=base_url, now=now or timezone.now())


def pledge_withdraw(*, token: uuid.UUID) -> bool:
    """Delete the pledge with this withdraw token: it leaves the count and the wall at once.
    Returns whether there was one."""
    deleted, _ = Pledge.objects.filter(token=token).delete()
    return bool(deleted)


def _mark_confirmed(pledge, *, base_url, now) -> None:
    pledge.confirmed_at = now
    pledge.save(update_fields=["confirmed_at"])
    _send(pledge, "pledge_thanks", base_url=base_url, count=pledge_count())


def _send_confirmation(pledge, *, base_url, now) -> None:
    pledge.confirmation_sent_at = now
    pledge.save(update_fields=["confirmation_sent_at"])
    confirm_path = reverse("advocacy:pledge_confirm", args=[pledge_confirm_token(pledge)])
    _send(
        pledge,
        "pledge_confirm",
        base_url=base_url,
        confirm_url=absolute_url(confirm_path, base_url),
        valid_until=now + CONFIRM_MAX_AGE,
        valid_days=CONFIRM_MAX_AGE.days,
    )


def _send(pledge, template, *, base_url, **extra) -> None:
    """Email ``pledge``'s address (after commit); every such email has the withdraw link."""
    context = {
        "pledge": pledge,
        "first_name": pledge.full_name.split()[0] if pledge.full_name.split() else "",
        "statement": Campaign.load().pledge_statement,
        "withdraw_url": absolute_url(
            reverse("advocacy:pledge_withdraw", args=[pledge.token]), base_url
        ),
        "campaign_url": absolute_url(reverse("advocacy:index"), base_url),
        "wall_url": absolute_url(reverse("advocacy:wall"), base_url),
        "letter_url": absolute_url(reverse("advocacy:letter"), base_url),
        **extra,
    }
    send_templated_email(f"advocacy/email/{template}", to=pledge.email, context=context)


# --- The logged-in person ----------------------------------------------------------------------


def _verified_addresses(user) -> list[str]:
    if not getattr(user, "is_authenticated", False):
        return []
    return [
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
            "email", flat=True
        )
    ]


def _is_verified_address(user, email: str) -> bool:
    return email.lower() in _verified_addresses(user)


def pledge_of(user) -> Pledge | None:
    """The logged-in person's own confirmed pledge: linked to the account, or made with one of
    its verified addresses. None for visitors."""
    if not getattr(user, "is_authenticated", False):
        return None
    addresses = _verified_addresses(user)
    return (
        Pledge.objects.confirmed()
        .alias(email_lower=Lower("email"))
        .filter(Q(user=user) | Q(email_lower__in=addresses))
        .order_by("-confirmed_at")
        .first()
    )


def pledge_initial_for(user) -> dict:
    """The pledge form filled in from the person's profile, so they need only check it."""
    if not getattr(user, "is_authenticated", False):
        return {}
    initial = {
        "full_name": user.full_name,
        "email": user.email,
        "other_credentials": user.credentials,
        "institution": user.employer,
        "city": user.city,
        "state": user.state,
    }
    return {name: value for name, value in initial.items() if value}
