"""Settings for the Laboratory Professionals Portal, read from the environment.

Development defaults are safe to run on a laptop (SQLite under var/, console email).
With DJANGO_DEBUG off, a secret key must come from the environment and the
security settings below default to their strict values, so `check --deploy` passes.
"""

from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

from portal import observability
from portal.settings import sharing

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env") if (BASE_DIR / ".env").exists() else None

DEBUG = env.bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env(
        "DJANGO_SECRET_KEY", default="insecure-development-key-never-used-in-production"
    )
else:
    # No fallback: a production site without its own key must not start.
    SECRET_KEY = env("DJANGO_SECRET_KEY")

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "portal",
    "resources",
    "careers",
    "certification",
    "advocacy",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django.forms",
    "allauth",
    "allauth.account",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
]

MIDDLEWARE = [
    # First, so its line has every request's status and duration, even a redirect to HTTPS.
    "portal.requestlog.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Whole pages for visitors who are not signed in, and a few per session: a hit skips sessions,
    # auth and the view.
    "portal.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Records which staff member made each change in the audit trail.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
            ],
        },
    },
]
FORM_RENDERER = "portal.forms.PortalFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'portal.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Production keeps each worker's database connection for a minute instead of opening one per
# request (a PostgreSQL connection costs about 5 ms, as much as a whole cached page); the health
# check drops one the server closed, and portal.errors drops one an outage broke.
DATABASES["default"].setdefault(
    "CONN_MAX_AGE", env.int("DJANGO_CONN_MAX_AGE", default=0 if DEBUG else 60)
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database server that has gone silent fails a request within seconds, with the "briefly
    # unavailable" page, instead of holding a web worker for the system's TCP timeout.
    # DATABASE_URL=...?connect_timeout=N overrides it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache every worker and app server shares when REDIS_URL (or CACHE_URL) names one: rate
# limits, cached fragments, kept pages and the sessions' cache layer (portal/settings/sharing.py).
CACHES = sharing.cache_settings(env)
SESSION_ENGINE = sharing.session_engine(CACHES)

AUTH_USER_MODEL = "portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Accounts (django-allauth) -------------------------------------------------------------
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "account_profile"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SIGNUP_FORM_CLASS = "portal.forms.SignupDetailsForm"
ACCOUNT_ADAPTER = "portal.adapters.PortalAccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[ASCLS-Illinois] "
ACCOUNT_CHANGE_EMAIL = True
# allauth's rate limits stay at their defaults (logins, sign-ups, resets and confirmations per
# IP and per key); tests switch them off except where they are the subject.

# --- Email ----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
globals().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ASCLS-Illinois <no-reply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
ADMINS = [("Site admins", a) for a in env.list("DJANGO_ADMINS", default=[])]

# Emails are queued; the immediate backend runs them in-process for development,
# production runs `manage.py db_worker` beside the web server.
TASKS = {
    "default": {
        "BACKEND": env(
            "TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        ),
    }
}

# --- Files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=VAR_DIR / "media")
# Private uploads (resumes, CE certificates, member-only files) live outside MEDIA_ROOT and
# have no URL: only permission-checking views stream them (portal.files.private_file_response).
PRIVATE_MEDIA_ROOT = env.path("DJANGO_PRIVATE_MEDIA_ROOT", default=VAR_DIR / "private")
# With AWS_STORAGE_BUCKET_NAME set, both go to an S3-compatible bucket instead, under public/ and
# private/, never public-read (portal/settings/sharing.py names every variable).
STORAGES = {
    **sharing.file_storages(env, private_root=PRIVATE_MEDIA_ROOT),
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# In development whitenoise serves straight from the source folders (no collectstatic needed).
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The first handler stops storing an upload once it is larger than any upload the portal accepts
# (portal.uploads), so a huge file never fills the disk and the form still says it is too large.
FILE_UPLOAD_HANDLERS = [
    "portal.uploads.UploadSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "America/Chicago"
USE_I18N = True
USE_TZ = True

# --- Security ------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features the portal never uses: off for it and anything it embeds (Permissions-Policy).
PERMISSIONS_POLICY = [
    "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
    "encrypted-media", "geolocation", "gyroscope", "hid", "magnetometer", "microphone",
    "midi", "payment", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
    "xr-spatial-tracking",
]  # fmt: skip
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe /healthz over plain HTTP, from inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
# Every check silenced here carries its reason; tests/portal/test_deploy_checks.py fails on a
# silenced check without one.
SILENCED_CHECK_REASONS = {}
if not SECURE_HSTS_PRELOAD:
    SILENCED_CHECK_REASONS["security.W021"] = (
        "HSTS preloading binds every subdomain of the society's domain to HTTPS in browsers for "
        "years; that is the domain owner's decision (DJANGO_SECURE_HSTS_PRELOAD=true), not a "
        "code default."
    )
SILENCED_SYSTEM_CHECKS = list(SILENCED_CHECK_REASONS)
# Behind a TLS-terminating proxy (nginx) that sets X-Forwarded-Proto.
BEHIND_PROXY = env.bool("DJANGO_BEHIND_TLS_PROXY", default=not DEBUG)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Rate limits (allauth's and portal/ratelimit.py) count per client address. Behind nginx every
# request comes from 127.0.0.1, so the address is the one the proxy adds last to
# X-Forwarded-For; earlier entries are whatever the client sent and are never trusted.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int(
    "DJANGO_TRUSTED_PROXY_COUNT", default=1 if BEHIND_PROXY else 0
)

# A strict Content Security Policy: no inline script or style anywhere. The nonce is only used by
# the rich-text editor's import map (admin and the employer job form) and JSON-LD data blocks.
#
# The one exception for styles: the rich-text editor (django-prose-editor 0.28, built on Tiptap)
# adds one fixed <style data-tiptap-style> block to the page when it starts: ProseMirror's base
# rules, among them "white-space: pre-wrap", without which Chromium types non-breaking spaces
# into the text. The package creates its Tiptap Editor itself, with neither `injectCSS: false`
# nor `injectNonce` reachable from Django, so the policy allows exactly that block by its SHA-256
# hash (the hash Chromium names in its console message when it blocks the block). A hash covers
# only a <style> element with exactly that text: no other inline style, and no style="..."
# attribute, is allowed. When django-prose-editor is upgraded and its Tiptap's block changes,
# tests/portal/test_csp_editor_style.py fails and prints the new hash to put here.
TIPTAP_BASE_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, TIPTAP_BASE_STYLE_HASH],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# --- The society ---------------------------------------------------------------------------
SOCIETY_NAME = "ASCLS-Illinois"
SOCIETY_FULL_NAME = "Illinois Society for Clinical Laboratory Science"
SOCIETY_CONTACT_EMAIL = env("SOCIETY_CONTACT_EMAIL", default="info@ascls-il.org")
NATIONAL_MEMBERSHIP_URL = env("NATIONAL_MEMBERSHIP_URL", default="https://ascls.org/membership/")
SOCIETY_SOCIAL_LINKS = [
    ("Facebook", env("SOCIETY_FACEBOOK_URL", default="https://www.facebook.com/ASCLSIllinois")),
    (
        "LinkedIn",
        env("SOCIETY_LINKEDIN_URL", default="https://www.linkedin.com/company/ascls-illinois"),
    ),
]
ROSTER_MAX_BYTES = 5 * 1024 * 1024
# How long a page is kept for visitors who are not signed in (portal/pagecache.py); staff saves
# show at once, changes with time within this many seconds. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=60)
# The portal's own limits on public forms that send email (portal/ratelimit.py).
PORTAL_RATE_LIMITS = True
# Where the portal lives, for links in emails sent outside a request (nightly commands).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Log lines, one per request, and error reports (portal/observability.py).
LOGGING = observability.logging_settings(env, DEBUG)
observability.start_error_reports(env)
