"""Production settings pass Django's deployment checks with nothing silenced without a reason."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "CACHE_URL", "EMAIL_URL"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.base",
        DJANGO_SECRET_KEY="a-production-like-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
        **extra,
    )
    return env


def _check_deploy(**extra):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(**extra),
        capture_output=True,
        text=True,
        timeout=120,
    )


def _silenced(**extra):
    code = (
        "from django.conf import settings; import json; "
        "print(json.dumps([settings.SILENCED_SYSTEM_CHECKS, settings.SILENCED_CHECK_REASONS]))"
    )
    # The command is this file's own fixed code, run by this interpreter.
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=_production_env(**extra),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


def test_production_settings_pass_check_deploy_at_warning_level():
    result = _check_deploy()

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


@pytest.mark.parametrize("preload", ["false", "true"])
def test_every_silenced_check_has_a_written_reason(preload):
    silenced, reasons = _silenced(DJANGO_SECURE_HSTS_PRELOAD=preload)

    assert set(silenced) == set(reasons)
    assert all(len(reason) > 40 for reason in reasons.values())


def test_with_preloading_chosen_nothing_is_silenced_and_the_checks_still_pass():
    silenced, _ = _silenced(DJANGO_SECURE_HSTS_PRELOAD="true")
    result = _check_deploy(DJANGO_SECURE_HSTS_PRELOAD="true")

    assert silenced == []
    assert result.returncode == 0, result.stdout + result.stderr
