"""Test settings: fast hashing, in-memory mail, plain static files, rate limits off."""

import os

os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")

from portal.settings.base import *  # noqa: F403
from portal.settings.base import DATABASES, STORAGES

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_RATE_LIMITS = False
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Static files come straight from the finders; no collectstatic before a test run.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Off like allauth's; the tests of a limit turn it on (settings.PORTAL_RATE_LIMITS = True).
PORTAL_RATE_LIMITS = False
# Off so every test sees its view run; tests/portal/test_anonymous_page_cache.py turns it on.
PAGE_CACHE_SECONDS = 0
# Tests open and close connections the way pytest-django expects (production keeps them 60 s).
DATABASES["default"]["CONN_MAX_AGE"] = 0
