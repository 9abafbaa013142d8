"""What an operator gets from REDIS_URL, CACHE_URL and the S3 variables
(portal/settings/sharing.py): one cache and one file store for every app server, sessions cached
only in a shared cache, and uploads that are never public-read."""

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import environ
import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings import sharing

ROOT = Path(__file__).resolve().parents[2]
SWITCHES = (
    "REDIS_URL",
    "CACHE_URL",
    "CACHE_KEY_PREFIX",
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_ADDRESSING_STYLE",
    "AWS_QUERYSTRING_EXPIRE",
)


@pytest.fixture
def env(monkeypatch):
    """The environment as the settings read it, with none of the switches set."""
    for name in SWITCHES:
        monkeypatch.delenv(name, raising=False)

    def set_env(**variables):
        for name, value in variables.items():
            monkeypatch.setenv(name, value)
        return environ.Env()

    return set_env


def test_without_redis_each_process_keeps_its_own_cache_and_sessions_stay_in_the_database(env):
    caches = sharing.cache_settings(env())
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert sharing.session_engine(caches) == "django.contrib.sessions.backends.db"


def test_redis_url_gives_every_server_one_redis_cache_with_a_prefix_and_short_timeouts(env):
    caches = sharing.cache_settings(env(REDIS_URL="redis://cache.internal:6379/2"))
    default = caches["default"]
    assert default["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert default["LOCATION"] == "redis://cache.internal:6379/2"
    assert default["KEY_PREFIX"] == "portal"
    # A Redis that stops answering fails a request in seconds instead of holding the worker.
    assert default["OPTIONS"]["socket_connect_timeout"] <= 5
    assert default["OPTIONS"]["socket_timeout"] <= 5
    assert sharing.session_engine(caches) == "django.contrib.sessions.backends.cached_db"


def test_two_sites_sharing_one_redis_keep_apart_by_their_key_prefix(env):
    caches = sharing.cache_settings(
        env(REDIS_URL="redis://cache.internal:6379/0", CACHE_KEY_PREFIX="portal-staging")
    )
    assert caches["default"]["KEY_PREFIX"] == "portal-staging"


def test_a_redis_cache_url_gets_the_same_prefix_timeouts_and_cached_sessions(env):
    caches = sharing.cache_settings(env(CACHE_URL="redis://127.0.0.1:6379/1"))
    default = caches["default"]
    assert default["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert default["KEY_PREFIX"] == "portal"
    assert default["OPTIONS"]["socket_timeout"] == sharing.REDIS_SOCKET_TIMEOUT_SECONDS
    assert sharing.session_engine(caches) == "django.contrib.sessions.backends.cached_db"


def test_a_file_cache_on_one_machine_leaves_sessions_in_the_database(env, tmp_path):
    caches = sharing.cache_settings(env(CACHE_URL=f"filecache://{tmp_path}"))
    assert caches["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert sharing.session_engine(caches) == "django.contrib.sessions.backends.db"


def test_setting_both_redis_url_and_cache_url_is_refused_at_start(env):
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL or CACHE_URL, not both"):
        sharing.cache_settings(
            env(REDIS_URL="redis://127.0.0.1:6379/0", CACHE_URL="locmemcache://")
        )


def test_without_a_bucket_uploads_stay_in_local_folders(env, tmp_path):
    storages = sharing.file_storages(env(), private_root=tmp_path / "private")
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storages["private"]["BACKEND"] == "portal.files.PrivateFileSystemStorage"
    assert storages["private"]["OPTIONS"]["location"] == str(tmp_path / "private")


def test_a_bucket_holds_public_and_private_uploads_apart_and_never_public_read(env, tmp_path):
    storages = sharing.file_storages(
        env(
            AWS_STORAGE_BUCKET_NAME="ascls-il-uploads",
            AWS_S3_ENDPOINT_URL="https://objects.example.org",
            AWS_S3_REGION_NAME="us-east-2",
        ),
        private_root=tmp_path,
    )
    public, private = storages["default"], storages["private"]
    assert public["BACKEND"] == "storages.backends.s3.S3Storage"
    assert private["BACKEND"] == "portal.object_storage.PrivateS3Storage"
    assert public["OPTIONS"]["location"] == "public"
    assert private["OPTIONS"]["location"] == "private"
    for options in (public["OPTIONS"], private["OPTIONS"]):
        assert options["bucket_name"] == "ascls-il-uploads"
        assert options["endpoint_url"] == "https://objects.example.org"
        assert options["region_name"] == "us-east-2"
        assert options["default_acl"] is None
        assert options["file_overwrite"] is False
        assert options["querystring_auth"] is True
        assert options["querystring_expire"] == 300
        # Keys come from boto3's own chain, never from settings a debug page could show.
        assert not {"access_key", "secret_key"} & set(options)


def _s3_storages(monkeypatch, tmp_path):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "example-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "example-secret")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", "ascls-il-uploads")
    monkeypatch.setenv("AWS_S3_ENDPOINT_URL", "https://objects.example.org")
    monkeypatch.setenv("AWS_S3_REGION_NAME", "us-east-2")
    from django.utils.module_loading import import_string

    configured = sharing.file_storages(environ.Env(), private_root=tmp_path)
    return {
        alias: import_string(entry["BACKEND"])(**entry["OPTIONS"])
        for alias, entry in configured.items()
    }


def test_a_public_upload_address_is_signed_and_expires_within_minutes(monkeypatch, tmp_path):
    url = _s3_storages(monkeypatch, tmp_path)["default"].url("letters/sample.pdf")
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    assert parts.path == "/ascls-il-uploads/public/letters/sample.pdf"
    assert "X-Amz-Signature" in query
    assert query["X-Amz-Expires"] == ["300"]


def test_a_private_upload_has_no_address_at_all(monkeypatch, tmp_path):
    private = _s3_storages(monkeypatch, tmp_path)["private"]
    with pytest.raises(ValueError, match="no public URL"):
        private.url("resumes/12/cv.pdf")


def test_the_settings_module_wires_redis_sessions_and_the_bucket_together(tmp_path):
    """The real settings, imported in a fresh process with production's variables."""
    variables = {
        **{k: v for k, v in os.environ.items() if k not in SWITCHES},
        "DJANGO_SETTINGS_MODULE": "portal.settings.base",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "settings-test-key",
        "REDIS_URL": "redis://127.0.0.1:6379/5",
        "AWS_STORAGE_BUCKET_NAME": "ascls-il-uploads",
        "AWS_S3_REGION_NAME": "us-east-2",
    }
    script = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({'caches': s.CACHES, 'session': s.SESSION_ENGINE, "
        "'storages': s.STORAGES}, default=str))"
    )
    result = subprocess.run(  # noqa: S603 - this Python, a fixed script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=variables,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["caches"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert loaded["caches"]["default"]["LOCATION"] == "redis://127.0.0.1:6379/5"
    assert loaded["session"] == "django.contrib.sessions.backends.cached_db"
    assert loaded["storages"]["default"]["OPTIONS"]["location"] == "public"
    assert loaded["storages"]["private"]["OPTIONS"]["location"] == "private"
    assert loaded["storages"]["private"]["OPTIONS"]["default_acl"] is None
    # Static files are untouched: whitenoise still serves them from the app servers.
    assert "whitenoise" in loaded["storages"]["staticfiles"]["BACKEND"]
