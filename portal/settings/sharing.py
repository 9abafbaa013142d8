"""What several app servers share, decided from the environment: the cache (and with it the
sessions' cache layer, rate limits, cached fragments and kept pages) and the uploaded files.

Kept apart from ``base.py`` so the decisions are plain functions of the environment that
``tests/portal/test_scale_out_settings.py`` can call with any variables.

- ``REDIS_URL`` (``redis://host:6379/0``): the cache is Django's own Redis backend. Every app
  server pointed at the same Redis counts the same rate limits, hears the same staff saves and
  finds the same sessions. ``CACHE_URL`` is the older, general switch (``filecache://…`` for
  several workers on one machine; a ``redis://`` address there works the same as ``REDIS_URL``).
  Setting both is refused: which one wins would be a guess.
- ``AWS_STORAGE_BUCKET_NAME``: uploads go to that S3-compatible bucket through django-storages,
  public ones under ``public/`` and private ones under ``private/``. Nothing is ever public-read:
  objects get no ACL (the bucket's own, private), a public file's URL is signed and short-lived,
  and a private file has no URL at all (``portal.object_storage.PrivateS3Storage``); only the
  views that check permission stream it.
"""

from django.core.exceptions import ImproperlyConfigured

REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"
# Caches every app server reaches over the network: only these may hold sessions in front of
# the database, since a session ended on one server must be gone from every server's cache.
NETWORK_CACHES = {
    REDIS_CACHE,
    "django.core.cache.backends.memcached.PyMemcacheCache",
    "django.core.cache.backends.memcached.PyLibMCCache",
}
# Several sites (staging and production, say) may share one Redis: each keeps to its prefix.
DEFAULT_CACHE_KEY_PREFIX = "portal"
# A Redis that stops answering must fail a request within seconds rather than hold a web worker
# for the operating system's TCP timeout; an idle connection is checked before it is reused.
REDIS_CONNECT_TIMEOUT_SECONDS = 2
REDIS_SOCKET_TIMEOUT_SECONDS = 2
REDIS_HEALTH_CHECK_SECONDS = 30

CACHED_DB_SESSIONS = "django.contrib.sessions.backends.cached_db"
DB_SESSIONS = "django.contrib.sessions.backends.db"

S3_STORAGE = "storages.backends.s3.S3Storage"
# Per connection attempt and per wait for the next bytes (not for a whole upload or download);
# one retry after the first attempt.
S3_CONNECT_TIMEOUT_SECONDS = 3
S3_READ_TIMEOUT_SECONDS = 10
S3_RETRIES = 1
PRIVATE_S3_STORAGE = "portal.object_storage.PrivateS3Storage"
PUBLIC_PREFIX = "public"
PRIVATE_PREFIX = "private"
# How long the signed address of a public upload works (AWS_QUERYSTRING_EXPIRE).
DEFAULT_SIGNED_URL_SECONDS = 300
# Reading a stored file through ``open()`` (the privacy zip, copying a resume into an
# application) spools past this many bytes to a temporary file instead of memory.
S3_MAX_MEMORY_BYTES = 1024 * 1024


def cache_settings(env) -> dict:
    """``CACHES`` from ``REDIS_URL`` or ``CACHE_URL`` (a local-memory cache when neither is set)."""
    redis_url = env.str("REDIS_URL", default="")
    cache_url = env.str("CACHE_URL", default="")
    if redis_url and cache_url:
        raise ImproperlyConfigured(
            "Set REDIS_URL or CACHE_URL, not both: REDIS_URL is the cache several app servers "
            "share; CACHE_URL names any other cache."
        )
    if redis_url:
        default = {"BACKEND": REDIS_CACHE, "LOCATION": redis_url}
    else:
        default = env.cache_url_config(cache_url or "locmemcache://")
    if default["BACKEND"] == REDIS_CACHE:
        default.setdefault(
            "KEY_PREFIX", env.str("CACHE_KEY_PREFIX", default=DEFAULT_CACHE_KEY_PREFIX)
        )
        options = default.setdefault("OPTIONS", {})
        # Passed to redis-py's connection pool; a query string on the URL may override them.
        options.setdefault("socket_connect_timeout", REDIS_CONNECT_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", REDIS_SOCKET_TIMEOUT_SECONDS)
        options.setdefault("health_check_interval", REDIS_HEALTH_CHECK_SECONDS)
    return {"default": default}


def session_engine(caches: dict) -> str:
    """Sessions read from the shared cache, written through to the database, when the cache is
    shared by every server; otherwise from the database alone (a worker's own memory would keep
    a session another worker had ended)."""
    if caches["default"]["BACKEND"] in NETWORK_CACHES:
        return CACHED_DB_SESSIONS
    return DB_SESSIONS


def file_storages(env, *, private_root) -> dict:
    """``STORAGES["default"]`` (public uploads) and ``STORAGES["private"]``."""
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="")
    if not bucket:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "private": {
                "BACKEND": "portal.files.PrivateFileSystemStorage",
                "OPTIONS": {"location": str(private_root), "base_url": None},
            },
        }
    from botocore.config import Config

    addressing_style = env.str("AWS_S3_ADDRESSING_STYLE", default="") or None
    common = {
        "bucket_name": bucket,
        # Unset: Amazon S3 itself. Set for another S3-compatible service (MinIO, Ceph, moto).
        "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
        "addressing_style": addressing_style,
        "signature_version": "s3v4",
        # botocore's own client settings (given here, django-storages uses these instead of the
        # two above, so they are repeated): a bucket that has gone silent fails a request, and
        # ends a /healthz probe left running, within seconds, not botocore's default 60 s
        # connect and read timeouts retried several times.
        "client_config": Config(
            s3={"addressing_style": addressing_style},
            signature_version="s3v4",
            connect_timeout=S3_CONNECT_TIMEOUT_SECONDS,
            read_timeout=S3_READ_TIMEOUT_SECONDS,
            retries={"max_attempts": S3_RETRIES, "mode": "standard"},
        ),
        # No ACL on upload: objects stay as private as the bucket, never public-read.
        "default_acl": None,
        # Two uploads with the same name never replace each other's file.
        "file_overwrite": False,
        "querystring_auth": True,
        "querystring_expire": env.int("AWS_QUERYSTRING_EXPIRE", default=DEFAULT_SIGNED_URL_SECONDS),
        "max_memory_size": S3_MAX_MEMORY_BYTES,
        # The keys come from boto3's own chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in
        # the environment, or the server's instance role), never from these settings.
    }
    return {
        "default": {
            "BACKEND": S3_STORAGE,
            "OPTIONS": {**common, "location": PUBLIC_PREFIX},
        },
        "private": {
            "BACKEND": PRIVATE_S3_STORAGE,
            "OPTIONS": {**common, "location": PRIVATE_PREFIX},
        },
    }
