# The two commands of the README, and what they need.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run test install browser deploy-tools lint format check clean

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (looked for $(PYTHON); set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	mkdir -p var
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py seed_demo
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(BIN)/python manage.py runserver $(HOST)

test: install browser deploy-tools
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The browser journeys (tests/browser) drive Debian's Chromium, never a downloaded browser.
# When it is missing and cannot be installed here, those tests are skipped with a loud message.
CHROMIUM ?= $(or $(PORTAL_CHROMIUM),/usr/bin/chromium)
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1 \
	  || { $$SUDO apt-get update -qq >/dev/null 2>&1 \
	       && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; } \
	  || echo "!!! Could not install chromium: the browser journeys will be skipped"; \
	fi

# tests/deploy checks deploy/ with the real tools: `nginx -t` and a live nginx in front of gunicorn
# (Debian's nginx-light) and `systemd-analyze verify` on the units (Debian's systemd: no smaller
# Debian package has systemd-analyze). Only a missing one is installed. When that cannot be done
# here (no root), their tests are skipped with a loud message; PORTAL_REQUIRE_DEPLOY_TOOLS=1
# (.ci/run) makes that a failure.
deploy-tools:
	@missing=""; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx-light"; \
	[ -x /usr/bin/systemd-analyze ] || missing="$$missing systemd"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian's$$missing for the deployment tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null 2>&1 \
	  || { $$SUDO apt-get update -qq >/dev/null 2>&1 \
	       && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null 2>&1; } \
	  || echo "!!! Could not install$$missing: the deployment file tests that need it will be skipped"; \
	fi

# The several-app-servers test alone (tests/deploy): two gunicorn servers with production settings
# sharing one PostgreSQL database, Redis and an S3-compatible bucket (moto). It needs PostgreSQL
# and Redis on 127.0.0.1 (`bash .ci/run` starts both); `make test` skips it loudly without them,
# this target fails instead.
.PHONY: scale-out
scale-out: install
	PORTAL_REQUIRE_SCALE_OUT=1 $(BIN)/python -m pytest tests/deploy $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) var/static

# The performance benchmark (bench/, see the README): data at 1×, 10× and 100×, gunicorn on
# loopback, wrk on every main page. Needs the local PostgreSQL (or BENCH_ARGS="--database sqlite").
# BENCH_ARGS="--scales 1,10 --duration 3" for a shorter run. Exits non-zero when a budget is missed.
.PHONY: bench
BENCH_ARGS ?=
bench: install
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing Debian's wrk for the benchmark"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo "sudo -n" ); \
	  $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 \
	  || { $$SUDO apt-get update -qq >/dev/null 2>&1 \
	       && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1; } \
	  || { echo "!!! Could not install wrk: apt-get install -y wrk"; exit 1; }; \
	}
	$(BIN)/python -m bench.run $(BENCH_ARGS)
