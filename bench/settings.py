"""The portal's production settings, made to run on loopback for the benchmark.

DEBUG is off and everything that shapes a response (middleware, templates, caching, compressed
static files) is production's; only what needs TLS or a real mail server is relaxed. The secret
key comes from DJANGO_SECRET_KEY (bench.run makes one up for each run).
"""

import os

# Production behaviour whatever the shell says: base.py reads this when it is imported.
os.environ["DJANGO_DEBUG"] = "false"

from portal.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "bench.urls"

# Plain HTTP on loopback: no redirect to HTTPS, no cookies that only travel over TLS.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0

# Nothing leaves the machine, and no db_worker runs beside gunicorn.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# A line per request at INFO would be measured along with the page.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
