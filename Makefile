# The two commands: `make run` (serve the demo on http://127.0.0.1:8000) and `make test` (every test).
# Everything installs into .venv from pyproject.toml; the PWA (when present) from pwa/package-lock.json.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test install pwa migrate demo lint format test-python test-pwa clean messages schema

## install: create .venv and install the project with its test tools (re-runs when pyproject.toml changes)
install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

## pwa: build the web app into pwa/dist when it exists
pwa:
	@if [ -f pwa/package.json ]; then \
		cd pwa && (test -d node_modules || npm ci --no-audit --no-fund) && npm run build; \
	else echo "pwa: no pwa/package.json yet, serving the placeholder page at /"; fi

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo
	$(PY) manage.py train_recommender --no-evaluation

## run: install, build the PWA, migrate SQLite, load the demo (and train the recommender on it), serve on http://127.0.0.1:8000
run: install pwa demo
	@echo "Serving: app http://$(HOST):$(PORT)/  CMS http://$(HOST):$(PORT)/cms/  API http://$(HOST):$(PORT)/graphql  health http://$(HOST):$(PORT)/healthz"
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .

format: install
	$(VENV)/bin/ruff format .

## test: lint, every Python test (unit, API, CMS, end-to-end in Chromium), then the PWA's own tests
test: install lint test-python test-pwa

test-python: install pwa
	@test -x $(CHROMIUM) || { echo "Chromium is missing: install Debian's package with 'apt-get install -y chromium' (browser tests need $(CHROMIUM))"; exit 1; }
	$(VENV)/bin/pytest; status=$$?; if [ $$status -eq 5 ]; then echo "pytest: no tests collected"; exit 0; fi; exit $$status

## test-pwa: the PWA's unit tests, then its first-screen size budget (60 KB of JavaScript, gzipped) on the build
test-pwa: pwa
	@if [ -f pwa/package.json ]; then cd pwa && npm test && npm run size; \
	else echo "test-pwa: no pwa/package.json yet"; fi

clean:
	rm -rf var .pytest_cache .ruff_cache test-artifacts

## messages: refresh the fi/sv catalogues after changing interface strings, then compile them
messages: install
	$(PY) manage.py makemessages -l fi -l sv --ignore '.venv/*' --ignore 'tests/*' --ignore 'bench/*' --ignore 'pwa/*'
	$(PY) manage.py compilemessages --locale fi --locale sv --ignore '.venv/*'

## schema: write schema.graphql, the API's schema for client developers (tests/test_schema_file.py checks it is current)
schema: install
	$(PY) manage.py graphql_schema --schema backend.api.schema.schema --out schema.graphql
