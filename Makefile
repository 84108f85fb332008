# Two entry points: `make run` and `make test`. Every other target is a step they share;
# each is idempotent and only redoes work when its inputs changed.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1:8000

.PHONY: run test setup demo lint vendor chromium bench bench-edit bench-explain

# The task worker (bupkart.varsling's e-mail) runs beside the server; Ctrl-C stops both, and
# the worker goes too if the server stops by itself.
run: setup demo
	export DJANGO_SETTINGS_MODULE=bupkart.settings.dev; \
	$(MANAGE) db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; \
	$(MANAGE) runserver $(HOST)

test: lint node_modules/.stamp chromium
	scripts/test.sh

setup: $(VENV)/.stamp

$(VENV)/.stamp: requirements.lock .python-version
	@python=$$(scripts/find-python) && rm -rf $(VENV) && "$$python" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	touch $@

demo: setup
	DJANGO_SETTINGS_MODULE=bupkart.settings.dev $(MANAGE) migrate --no-input
	DJANGO_SETTINGS_MODULE=bupkart.settings.dev $(MANAGE) load_demo

# axe-core for the accessibility tests, and the sources of the vendored CSS/JS.
node_modules/.stamp: package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

# Browser tests drive Debian's chromium; Playwright's own browser download is not used.
chromium:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi; }

# Copies the pinned npm packages into static/vendor/ (committed, so the site needs no CDN).
vendor: node_modules/.stamp
	scripts/vendor.sh

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Benchmarks of the production stack on loopback (PostgreSQL, gunicorn, national dataset);
# each starts and removes its own throwaway cluster. See bench/run.sh.
bench: setup
	bench/run.sh read

bench-edit: setup
	bench/run.sh edit

bench-explain: setup
	bench/run.sh explain
