# MijnDossier — the two commands a newcomer needs:
#   make run    install, migrate, load the demo site and serve it on http://127.0.0.1:8000
#   make test   install and run the whole test suite (SQLite, then PostgreSQL + Redis)

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
# pytest-xdist worker processes for the suite; one per core of this 2-core machine.
TEST_WORKERS ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: audit-in-test run test install system-deps lint format check test-sqlite test-postgres audit screenshots bench load-test serve-prod clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

# The test OpenID Connect provider (a DigiD broker stand-in for tests and the demo), from its lockfile.
OIDC_PROVIDER := tests/oidc_provider
$(OIDC_PROVIDER)/node_modules/.package-lock.json: $(OIDC_PROVIDER)/package.json $(OIDC_PROVIDER)/package-lock.json
	command -v npm >/dev/null || scripts/install-system-deps
	cd $(OIDC_PROVIDER) && npm ci --no-audit --no-fund --loglevel=error

install: $(BIN)/.installed $(OIDC_PROVIDER)/node_modules/.package-lock.json

# scripts/run-demo serves the demo with its background worker (django-tasks' db_worker) and the test DigiD
# provider on 127.0.0.1:8010, so the login page offers "Inloggen met DigiD"; all stop together.
run: export WAGTAILADMIN_BASE_URL ?= http://127.0.0.1:8000
run: install
	TASKS_BACKEND=immediate $(MANAGE) migrate --noinput
	TASKS_BACKEND=immediate $(MANAGE) load_demo
	scripts/run-demo

system-deps:
	scripts/install-system-deps

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) check
	DJANGO_SETTINGS_MODULE=cms.settings.test $(MANAGE) makemigrations --check --dry-run

test-sqlite: install system-deps
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadgroup

test-postgres: install system-deps
	scripts/with-services $(BIN)/pytest -m "not browser" -n $(TEST_WORKERS) --dist loadgroup

audit: install
	scripts/audit-dependencies

# Production configuration on http://127.0.0.1:8001 against throwaway PostgreSQL + Redis (local HTTP only).
serve-prod: install
	scripts/serve-prod

# Load and fault test on the production stack (127.0.0.1 only, about 2.5 minutes); prints the figures.
load-test: install
	$(BIN)/python bench/load_fault.py

# Benchmarks on the production stack; prints tables, not part of pass/fail.
bench: install system-deps
	command -v wrk >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python bench/public_bench.py
	scripts/with-services $(BIN)/python bench/dossier_bench.py
	$(BIN)/python bench/dossier_bench.py --http
	scripts/with-services $(BIN)/python bench/import_bench.py
	scripts/with-services $(BIN)/python bench/access_log_bench.py

# The audit fails on any known vulnerability; an unreachable advisory service is a loud warning here.
audit-in-test: install
	AUDIT_UNREACHABLE=warn scripts/audit-dependencies

test: install system-deps lint check audit-in-test test-sqlite test-postgres

# Screenshots for the README from a throwaway demo site (docs/screenshots/).
screenshots: install system-deps
	scripts/screenshots

clean:
	rm -rf $(VENV) var db.sqlite3 .pytest_cache
