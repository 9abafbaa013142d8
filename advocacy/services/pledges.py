"""The pledge's rules: taking it, confirming it (double opt-in), re-sending, withdrawing."""

from advocacy.models import Pledge


def pledge_count() -> int:
    """How many people have taken the pledge: confirmed pledges only."""
    return Pledge.objects.confirmed().count()
