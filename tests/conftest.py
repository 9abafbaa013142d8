from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Each test writes uploads into its own folders, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "portal.files.PrivateFileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and cached pages never carry over from one test to the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def non_member(db):
    return UserFactory(email="visitor@example.com")


@pytest.fixture
def member(db):
    user = UserFactory(email="member@example.com")
    MembershipFactory(user=user, expiry_date=timezone.localdate() + timedelta(days=120))
    return user


@pytest.fixture
def expired_member(db):
    user = UserFactory(email="expired@example.com")
    MembershipFactory(user=user, expiry_date=timezone.localdate() - timedelta(days=10))
    return user


@pytest.fixture
def staff_user(db):
    return UserFactory(email="staff@example.com", is_staff=True)


@pytest.fixture
def superuser(db):
    return UserFactory(email="root@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def send_queued_mail(django_capture_on_commit_callbacks):
    """Run the on-commit hooks that queue email, as a real transaction commit would."""

    def run(callable_, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return callable_(*args, **kwargs)

    return run
