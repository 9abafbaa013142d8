"""The files in deploy/ are what an operator installs on a fresh server: every variable they may
set is documented, the systemd units are valid and run commands that exist, the example
environment passes Django's deployment checks, and nginx accepts the site and, in front of
gunicorn started from deploy/gunicorn.conf.py, answers as the README says."""

import ast
import http.client
import os
import pwd
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import botocore.credentials
import pytest
from django.conf import settings
from django.core.management import get_commands, load_command_class

from portal.uploads import LARGEST_UPLOAD_BYTES, MB

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
ENV_EXAMPLE = DEPLOY / "portal.env.example"
NGINX_SITE = DEPLOY / "nginx-portal.conf"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
INSTALL_ROOT = "/srv/portal"
# Debian's paths; PORTAL_NGINX and PORTAL_SYSTEMD_ANALYZE point elsewhere.
NGINX = os.environ.get("PORTAL_NGINX", "/usr/sbin/nginx")
SYSTEMD_ANALYZE = os.environ.get("PORTAL_SYSTEMD_ANALYZE", "/usr/bin/systemd-analyze")
# Set by .ci/run: there a missing tool fails its tests instead of skipping them.
REQUIRE_TOOLS = "PORTAL_REQUIRE_DEPLOY_TOOLS"
MISSING_TOOL = (
    "!!! DEPLOYMENT FILE TESTS NOT RUN: {tool} is missing. Install Debian's {package} "
    "(apt-get install -y {package}); `make test` tries this itself."
)
NOT_RUN_SUMMARY = "portal-deploy-tools-not-run"

# Source files whose environment reads an operator may need to set.
SETTINGS_SOURCES = [
    *sorted(p for p in (ROOT / "portal" / "settings").glob("*.py") if p.name != "test.py"),
    ROOT / "portal" / "observability.py",
    ROOT / "portal" / "wsgi.py",
    ROOT / "manage.py",
    GUNICORN_CONF,
]
# Documented because a library reads them, not our code; each with the library that does.
READ_BY_LIBRARIES = {
    "AWS_ACCESS_KEY_ID": botocore.credentials,
    "AWS_SECRET_ACCESS_KEY": botocore.credentials,
}
UNITS = sorted(DEPLOY.glob("portal-*.service")) + sorted(DEPLOY.glob("portal-*.timer"))


# --- Reading the files --------------------------------------------------------------------------


def _first_string(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def environment_names_read(path: Path) -> set[str]:
    """Names read with django-environ (``env("X")``, ``env.bool("X")``...) or ``os.environ``."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Call):
            func = node.func
            env_call = (isinstance(func, ast.Name) and func.id == "env") or (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id == "env"
            )
            os_call = isinstance(func, ast.Attribute) and (
                ast.unparse(func) in {"os.environ.get", "os.environ.setdefault", "os.getenv"}
            )
            if (env_call or os_call) and (name := _first_string(node)):
                names.add(name)
        elif (
            isinstance(node, ast.Subscript)
            and ast.unparse(node.value) == "os.environ"
            and isinstance(node.slice, ast.Constant)
        ):
            names.add(node.slice.value)
    return names


def names_read_by_the_portal() -> set[str]:
    return set().union(*(environment_names_read(path) for path in SETTINGS_SOURCES))


def documented_names() -> set[str]:
    """``NAME=`` and ``#NAME=`` lines of the example file."""
    pattern = re.compile(r"#?([A-Z][A-Z0-9_]*)=")
    lines = ENV_EXAMPLE.read_text().splitlines()
    return {match.group(1) for line in lines if (match := pattern.match(line))}


def example_environment() -> dict[str, str]:
    """The example file's active lines, read the way systemd's EnvironmentFile= reads them."""
    values = {}
    for line in ENV_EXAMPLE.read_text().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, separator, value = line.partition("=")
        assert separator, f"not NAME=value: {line!r}"
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]  # systemd drops the quotes around a value
        assert "$" not in value and "`" not in value
        values[name.strip()] = value
    return values


def read_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    """A systemd unit as sections of directives, keeping repeated ones (ExecStart=) in order."""
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for number, raw in enumerate(path.read_text().splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
            continue
        key, separator, value = line.partition("=")
        assert current is not None and separator, f"{path.name}:{number} is not in a section"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def manage_py_commands(unit: dict) -> list[list[str]]:
    """Each ExecStart= that runs manage.py, as [command, *arguments]."""
    found = []
    for line in unit.get("Service", {}).get("ExecStart", []):
        words = shlex.split(line)
        if "manage.py" in words:
            found.append(words[words.index("manage.py") + 1 :])
    return found


class NotRunSummary:
    """Repeats each "NOT RUN" message at the end of the run, where the browser journeys' is."""

    def __init__(self):
        self.messages: list[str] = []

    def pytest_terminal_summary(self, terminalreporter):
        for message in self.messages:
            terminalreporter.write_sep("!", message, red=True, bold=True)


def deploy_tool(config, path: str, package: str) -> str:
    """``path`` when that tool is installed. Otherwise the test is skipped with a loud message
    (on a developer's machine without root, say), or fails where PORTAL_REQUIRE_DEPLOY_TOOLS
    is set."""
    if os.access(path, os.X_OK):
        return path
    message = MISSING_TOOL.format(tool=path, package=package)
    if os.environ.get(REQUIRE_TOOLS):
        pytest.fail(message)
    summary = config.pluginmanager.get_plugin(NOT_RUN_SUMMARY)
    if summary is None:
        summary = NotRunSummary()
        config.pluginmanager.register(summary, NOT_RUN_SUMMARY)
    if message not in summary.messages:
        summary.messages.append(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The environment file ---------------------------------------------------------------------


def test_every_variable_the_settings_read_is_documented_in_the_example_file():
    read = names_read_by_the_portal()

    assert {"DJANGO_SECRET_KEY", "DATABASE_URL", "SENTRY_DSN", "WEB_CONCURRENCY"} <= read
    assert read - documented_names() == set()


def test_every_documented_variable_is_read_by_the_portal_or_a_named_library():
    unread = documented_names() - names_read_by_the_portal()

    assert unread == set(READ_BY_LIBRARIES)
    for name, module in READ_BY_LIBRARIES.items():
        assert name in Path(module.__file__).read_text()


def test_the_example_file_has_no_real_secret_and_says_what_to_change():
    values = example_environment()

    assert values["DJANGO_DEBUG"] == "false"
    assert "CHANGE-ME" in values["DJANGO_SECRET_KEY"]
    assert "CHANGE-ME" in values["DATABASE_URL"]
    assert values["DJANGO_SETTINGS_MODULE"] == "portal.settings.base"


def test_the_example_environment_with_a_real_secret_passes_check_deploy(tmp_path):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key in {"PATH", "HOME", "LANG", "PYTHONPATH", "VIRTUAL_ENV"}
    }
    environment.update(example_environment())
    environment["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


def test_the_shell_reads_the_example_file_as_systemd_does():
    """deploy/portal-manage sources the same file the services read."""
    result = subprocess.run(  # noqa: S603 - a fixed shell line on our own file
        ["/bin/sh", "-c", 'set -a; . "$1"; set +a; env -0', "sh", str(ENV_EXAMPLE)],
        env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=30, check=True,
    )  # fmt: skip
    from_shell = dict(item.split("=", 1) for item in result.stdout.split("\0") if "=" in item)

    for name, value in example_environment().items():
        assert from_shell[name] == value


def test_portal_manage_runs_manage_py_with_the_environment_file(tmp_path):
    environment_file = tmp_path / "portal.env"
    environment_file.write_text(
        ENV_EXAMPLE.read_text()
        .replace("CHANGE-ME-run-the-command-above", secrets.token_urlsafe(50))
        .replace("DATABASE_URL=postgres://", "#DATABASE_URL=postgres://")
        + f"\nDATABASE_URL=sqlite:///{tmp_path / 'portal.sqlite3'}\n"
    )
    user = pwd.getpwuid(os.getuid()).pw_name

    result = subprocess.run(  # noqa: S603 - our own script
        [str(DEPLOY / "portal-manage"), "check", "--deploy", "--fail-level", "WARNING"],
        env={
            "PATH": os.environ["PATH"],
            "PORTAL_ROOT": str(ROOT),
            "PORTAL_ENV_FILE": str(environment_file),
            "PORTAL_USER": user,
        },
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout + result.stderr


# --- systemd --------------------------------------------------------------------------------


def test_the_units_are_the_web_server_the_worker_and_their_timers():
    names = {unit.name for unit in UNITS}

    assert {"portal-web.service", "portal-worker.service"} <= names
    assert {"portal-daily.service", "portal-daily.timer"} <= names
    for timer in DEPLOY.glob("portal-*.timer"):
        (service,) = read_unit(timer)["Timer"]["Unit"]
        assert (DEPLOY / service).exists()
        assert read_unit(timer)["Install"]["WantedBy"] == ["timers.target"]


@pytest.mark.parametrize("unit_path", [u for u in UNITS if u.suffix == ".service"], ids=str)
def test_each_service_runs_as_the_portal_user_with_the_environment_file_and_hardening(unit_path):
    service = read_unit(unit_path)["Service"]

    assert service["User"] == ["portal"]
    assert service["WorkingDirectory"] == [INSTALL_ROOT]
    assert service["EnvironmentFile"] == ["/etc/portal/portal.env"]
    assert service["NoNewPrivileges"] == ["yes"]
    assert service["ProtectSystem"] == ["strict"]
    # The one place the portal writes: uploads, SQLite if used.
    assert service["ReadWritePaths"] == [f"{INSTALL_ROOT}/var"]
    assert service["PrivateTmp"] == ["yes"]
    assert service["CapabilityBoundingSet"] == [""]
    for line in service["ExecStart"]:
        assert shlex.split(line)[0].startswith(f"{INSTALL_ROOT}/.venv/bin/")


@pytest.mark.parametrize("unit_path", [u for u in UNITS if u.suffix == ".service"], ids=str)
def test_each_manage_py_command_in_a_unit_exists_and_accepts_its_options(unit_path, settings):
    # As in production: prune_db_task_results checks its backend is the database one.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    available = get_commands()

    for name, *arguments in manage_py_commands(read_unit(unit_path)):
        assert name in available, f"{unit_path.name}: no manage.py command {name!r}"
        command = load_command_class(available[name], name)
        # Parsing exits (SystemExit) on an option the command does not have.
        command.create_parser("manage.py", name).parse_args(arguments)


def test_the_daily_timer_runs_every_scheduled_command_the_readme_names():
    daily = [words[0] for words in manage_py_commands(read_unit(DEPLOY / "portal-daily.service"))]

    assert daily[:4] == ["expire_jobs", "send_job_alerts", "send_ce_reminders", "apply_retention"]
    assert "clearsessions" in daily
    assert read_unit(DEPLOY / "portal-daily.service")["Service"]["Type"] == ["oneshot"]
    assert read_unit(DEPLOY / "portal-daily.timer")["Timer"]["Persistent"] == ["true"]


def test_the_web_server_runs_gunicorn_with_the_deploy_config_and_the_worker_db_worker():
    web = read_unit(DEPLOY / "portal-web.service")["Service"]
    worker = read_unit(DEPLOY / "portal-worker.service")["Service"]

    (web_start,) = web["ExecStart"]
    assert shlex.split(web_start) == [
        f"{INSTALL_ROOT}/.venv/bin/gunicorn", "--config", f"{INSTALL_ROOT}/deploy/gunicorn.conf.py",
    ]  # fmt: skip
    assert manage_py_commands(read_unit(DEPLOY / "portal-worker.service"))[0][0] == "db_worker"
    assert worker["Restart"] == ["always"]


def test_systemd_accepts_every_unit_without_a_warning(tmp_path, pytestconfig):
    """``systemd-analyze verify`` on copies pointing at this checkout: an unknown or misspelt
    directive (which systemd would silently ignore on the server) is a failure here."""
    systemd_analyze = deploy_tool(pytestconfig, SYSTEMD_ANALYZE, "systemd")
    # The venv's gunicorn may be missing from a system-wide install; the check needs the file.
    for unit in UNITS:
        text = unit.read_text().replace(INSTALL_ROOT, str(ROOT))
        (tmp_path / unit.name).write_text(text)

    result = subprocess.run(  # noqa: S603 - a fixed system tool on our own copies
        [systemd_analyze, "verify", "--man=no", *(str(tmp_path / u.name) for u in UNITS)],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "notice"},
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    problems = [
        line for line in result.stderr.splitlines() if str(tmp_path) in line or "Unknown" in line
    ]
    assert problems == []


def run_the_tool_tests(**environment) -> subprocess.CompletedProcess:
    """This file's nginx and systemd tests in a pytest of their own, with the tools' paths and
    PORTAL_REQUIRE_DEPLOY_TOOLS as given."""
    clean = {k: v for k, v in os.environ.items() if k not in {REQUIRE_TOOLS, "PYTEST_ADDOPTS"}}
    return subprocess.run(  # noqa: S603 - this Python's pytest on this file
        [sys.executable, "-m", "pytest", __file__, "-p", "no:cacheprovider", "-q",
         "-k", "test_nginx_accepts_the_site_file or test_systemd_accepts_every_unit"],
        cwd=ROOT, env={**clean, **environment}, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_without_nginx_and_systemd_analyze_their_tests_are_skipped_loudly_not_failed(tmp_path):
    """A developer's machine without root, where `make test` could not install them."""
    result = run_the_tool_tests(
        PORTAL_NGINX=str(tmp_path / "no-nginx"),
        PORTAL_SYSTEMD_ANALYZE=str(tmp_path / "no-systemd-analyze"),
    )
    output = result.stdout + result.stderr

    assert result.returncode == 0, output
    assert "2 skipped" in output
    # In the summary at the end, a line of its own between rows of "!", as the browser
    # journeys' message is; the skip reasons are listed again below it (-ra).
    summary = output[output.rindex("[100%]") :]
    for tool, package in [("no-nginx", "nginx-light"), ("no-systemd-analyze", "systemd")]:
        loud = re.search(
            rf"^!+ !!! DEPLOYMENT FILE TESTS NOT RUN: \S*{tool} is missing\. "
            rf"Install Debian's {package} .* !+$",
            summary,
            re.MULTILINE,
        )
        assert loud, summary


def test_where_the_deploy_tools_are_required_a_missing_one_fails_the_run(tmp_path):
    result = run_the_tool_tests(
        PORTAL_NGINX=str(tmp_path / "no-nginx"),
        PORTAL_SYSTEMD_ANALYZE=str(tmp_path / "no-systemd-analyze"),
        PORTAL_REQUIRE_DEPLOY_TOOLS="1",
    )
    output = result.stdout + result.stderr

    assert result.returncode == 1, output
    assert not re.search(r"\d+ skipped", output)
    # systemd's test fails; nginx's fails in its fixture, which pytest counts as an error.
    assert "1 failed" in output and "1 error" in output
    assert "NOT RUN: " + str(tmp_path / "no-nginx") in output
    assert "NOT RUN: " + str(tmp_path / "no-systemd-analyze") in output


def test_make_test_installs_only_the_missing_deploy_tool():
    """`make test` runs `make deploy-tools` first; with both tools there it installs nothing,
    and it never asks for a package whose tool is already installed."""
    # make's dry run of our own Makefile: it only prints the recipe.
    dry_run = [shutil.which("make") or "/usr/bin/make", "-n", "-s", "deploy-tools"]
    recipe = subprocess.run(  # noqa: S603 - see above
        dry_run, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    rules = re.search(r"^test:.*$", (ROOT / "Makefile").read_text(), re.MULTILINE).group(0)

    assert "deploy-tools" in rules.split(":", 1)[1].split()
    script = recipe.replace("\\\n", " ")
    assert re.search(r"\[ -x /usr/sbin/nginx \] \|\| missing=\"\$missing nginx-light\"", script)
    assert re.search(
        r"\[ -x /usr/bin/systemd-analyze \] \|\| missing=\"\$missing systemd\"", script
    )
    assert "apt-get install -y -qq $missing" in script
    assert "apt-get install -y -qq nginx-light systemd" not in script


# --- nginx ----------------------------------------------------------------------------------


def nginx_directives(text: str) -> list[str]:
    without_comments = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in without_comments if line]


def test_nginx_takes_uploads_a_little_larger_than_the_largest_the_portal_accepts():
    (line,) = [d for d in nginx_directives(NGINX_SITE.read_text()) if d.startswith("client_max")]
    size_mb = int(re.fullmatch(r"client_max_body_size (\d+)m;", line).group(1))

    largest = max(LARGEST_UPLOAD_BYTES, settings.ROSTER_MAX_BYTES)
    assert largest + MB <= size_mb * MB <= largest * 2


def test_nginx_passes_the_scheme_and_host_and_serves_no_upload_folder():
    directives = nginx_directives(NGINX_SITE.read_text())

    assert "proxy_set_header X-Forwarded-Proto $scheme;" in directives
    assert "proxy_set_header Host $host;" in directives
    assert "proxy_pass http://portal_gunicorn;" in directives
    assert "server 127.0.0.1:8001 fail_timeout=0;" in directives
    # No folder is served by nginx: private files only through the portal's permission checks.
    assert not [d for d in directives if d.startswith(("alias ", "root "))]
    assert not [d for d in directives if d.startswith("location") and "media" in d]
    # No access log with client addresses and query strings; the portal logs each request.
    assert "access_log off;" in directives
    # gunicorn listens where nginx sends requests.
    assert "127.0.0.1:8001" in GUNICORN_CONF.read_text()


def nginx_test_config(tmp_path: Path, *, listen_port: int, upstream_port: int) -> Path:
    """The site file inside a minimal nginx.conf whose paths all live in ``tmp_path``."""
    site = NGINX_SITE.read_text()
    site = site.replace("/var/log/nginx/portal.error.log", str(tmp_path / "portal.error.log"))
    # Loopback on a free port; the IPv6 lines are left out (a test machine may have no IPv6).
    site = re.sub(r"listen \[::\]:80\b[^;]*;", "", site)
    site = re.sub(r"listen 80\b", f"listen 127.0.0.1:{listen_port}", site)
    site = site.replace("127.0.0.1:8001", f"127.0.0.1:{upstream_port}")
    (tmp_path / "site.conf").write_text(site)
    temp = {name: tmp_path / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for folder in temp.values():
        folder.mkdir()
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"""
        pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/error.log notice;
        daemon off;
        worker_processes 1;
        events {{ worker_connections 64; }}
        http {{
            client_body_temp_path {temp["body"]};
            proxy_temp_path {temp["proxy"]};
            fastcgi_temp_path {temp["fastcgi"]};
            uwsgi_temp_path {temp["uwsgi"]};
            scgi_temp_path {temp["scgi"]};
            include {tmp_path / "site.conf"};
        }}
        """
    )
    return config


@pytest.fixture
def nginx_binary(pytestconfig) -> str:
    return deploy_tool(pytestconfig, NGINX, "nginx-light")


def test_nginx_accepts_the_site_file(tmp_path, nginx_binary):
    config = nginx_test_config(tmp_path, listen_port=free_port(), upstream_port=8001)

    result = subprocess.run(  # noqa: S603 - Debian's nginx on our own test config
        [nginx_binary, "-t", "-q", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
         "-c", str(config)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr


@pytest.fixture
def site_behind_nginx(tmp_path, nginx_binary):
    """gunicorn started from deploy/gunicorn.conf.py with production settings, nginx from the
    site file in front of it, both on free loopback ports."""
    nginx = nginx_binary
    gunicorn_port, nginx_port = free_port(), free_port()
    environment = {
        key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}
    }
    environment.update(example_environment())
    environment.update(
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        # No server beyond this test: an empty SQLite database, an in-memory cache and the
        # in-process task backend; /healthz needs no tables with it.
        DATABASE_URL=f"sqlite:///{tmp_path / 'portal.sqlite3'}",
        REDIS_URL="",
        CACHE_URL="locmemcache://",
        TASKS_BACKEND="django_tasks.backends.immediate.ImmediateBackend",
        DJANGO_PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        GUNICORN_BIND=f"127.0.0.1:{gunicorn_port}",
        WEB_CONCURRENCY="1",
    )
    environment.pop("REDIS_URL")
    gunicorn_log = (tmp_path / "gunicorn.log").open("wb")
    gunicorn = subprocess.Popen(  # noqa: S603 - this venv's gunicorn, our own config
        [str(Path(sys.executable).with_name("gunicorn")), "--config", str(GUNICORN_CONF)],
        cwd=ROOT, env=environment, stdout=gunicorn_log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    config = nginx_test_config(tmp_path, listen_port=nginx_port, upstream_port=gunicorn_port)
    proxy = subprocess.Popen(  # noqa: S603 - Debian's nginx on our own test config
        [nginx, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(config)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _, _ = fetch(nginx_port, "/healthz")
                if status == 200:
                    break
            except OSError:
                pass
            assert gunicorn.poll() is None, (tmp_path / "gunicorn.log").read_text()
            assert proxy.poll() is None, (tmp_path / "error.log").read_text()
            assert time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.3)
        yield nginx_port, tmp_path / "gunicorn.log"
    finally:
        for process in (proxy, gunicorn):
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        gunicorn_log.close()


def fetch(
    port, path, *, method="GET", host="portal.example.org", body=None, headers=None, source="",
):  # fmt: skip
    """``source``: the loopback address the request comes from (127.0.0.2 is not 127.0.0.1)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(source, 0) if source else None
    )
    try:
        connection.request(method, path, body=body, headers={"Host": host, **(headers or {})})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_behind_nginx_the_site_answers_healthz_redirects_to_https_and_logs_one_line(
    site_behind_nginx,
):
    port, gunicorn_log = site_behind_nginx

    status, headers, body = fetch(port, "/healthz")
    assert status == 200
    assert b'"database": {"status": "ok"' in body
    # nginx's $request_id reached the portal and came back.
    assert re.fullmatch(r"[0-9a-f]{32}", headers["X-Request-ID"])

    status, headers, _ = fetch(port, "/search/?q=private-words")
    # Plain http from nginx (X-Forwarded-Proto: http): the portal sends the browser to https.
    assert status == 301
    assert headers["Location"] == "https://portal.example.org/search/?q=private-words"

    status, headers, _ = fetch(port, "/search/", headers={"X-Forwarded-Proto": "https"})
    # nginx overwrites what the client claims: still plain http, still redirected.
    assert status == 301

    time.sleep(0.5)
    log = gunicorn_log.read_text()
    request_lines = [line for line in log.splitlines() if '"logger": "portal.request"' in line]
    assert len(request_lines) >= 4
    assert "private-words" not in log
    assert "127.0.0.1" not in "".join(request_lines)


def test_behind_nginx_an_oversized_upload_and_an_unknown_host_are_refused(site_behind_nginx):
    port, _ = site_behind_nginx

    too_large = b"x" * (31 * MB)
    status, _, _ = fetch(port, "/accounts/login/", method="POST", body=too_large,
                         headers={"Content-Type": "application/octet-stream"})  # fmt: skip
    assert status == 413

    with pytest.raises((http.client.RemoteDisconnected, ConnectionError)):
        fetch(port, "/healthz", host="203.0.113.10")


def test_nginx_keeps_healthz_to_loopback_and_the_private_networks():
    site = NGINX_SITE.read_text()
    block = re.search(r"location = /healthz \{(.*?)\}", site, re.DOTALL).group(1)
    directives = nginx_directives(block)

    assert directives[-2:] == ["deny all;", "proxy_pass http://portal_gunicorn;"]
    allowed = {d.split()[1].rstrip(";") for d in directives if d.startswith("allow ")}
    assert allowed == {
        "127.0.0.1", "::1", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fd00::/8",
    }  # fmt: skip


def test_behind_nginx_healthz_answers_loopback_but_not_another_address(site_behind_nginx):
    port, _ = site_behind_nginx

    status, _, body = fetch(port, "/healthz")
    assert status == 200
    assert b'"storage": {"status": "ok"' in body

    # 127.0.0.2 is loopback too, but not an allowed address: as a visitor from outside.
    status, _, body = fetch(port, "/healthz", source="127.0.0.2")
    assert status == 403
    assert b"database" not in body
    # Pages are not restricted.
    status, _, _ = fetch(port, "/", source="127.0.0.2")
    assert status == 301
