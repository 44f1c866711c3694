# Một Cửa: the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# The distribution's CPython 3.11 when it can make virtual environments (Debian builds it with
# profile-guided and link-time optimisation: the application runs about 10 % faster on it than on a
# default source build, docs/adr/0014), else the first python3 on the PATH.
PYTHON ?= $(shell /usr/bin/python3.11 -c "import ensurepip, venv" 2>/dev/null && echo /usr/bin/python3.11 || echo python3)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) src/manage.py
PORT ?= 8000
export PYTHONPATH := src

# Debian packages: fonts with full Vietnamese coverage, Pango for WeasyPrint, chromium for browser tests,
# poppler for checking rendered PDFs.
APT_PACKAGES := fonts-noto-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
	poppler-utils libnss3-tools softhsm2 chromium

.PHONY: help
help:
	@echo "make demo   install, migrate, load the demo province, serve http://127.0.0.1:$(PORT) with the worker"
	@echo "make test   install what is missing and run every check (ruff, mypy, migrations, imports, OpenAPI, pytest)"
	@echo "make schema regenerate docs/openapi.yaml and docs/configuration.md"

.PHONY: system-deps
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing system packages: $$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
		else \
			echo "Missing system packages (install them with apt as root): $$missing"; \
		fi; \
	fi

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	@touch $@

.PHONY: install
install: $(VENV)/.installed

.PHONY: lock
lock: install
	$(VENV)/bin/pip install -q pip-tools
	$(VENV)/bin/pip-compile -q --extra dev --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

.PHONY: lint
lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

.PHONY: format
format: install
	$(VENV)/bin/ruff format src tests benchmarks
	$(VENV)/bin/ruff check --fix src tests benchmarks

.PHONY: typecheck
typecheck: install
	$(VENV)/bin/mypy src

.PHONY: check-migrations
check-migrations: install
	DJANGO_SETTINGS_MODULE=motcua.conf.test $(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=motcua.conf.test $(MANAGE) check

.PHONY: check-imports
check-imports: install
	$(VENV)/bin/lint-imports --config pyproject.toml

# The schema is generated against an in-memory SQLite database whatever DATABASE_URL says: DRF derives
# integer bounds from the connection, and the committed file must not depend on the database of the run.
SCHEMA_ENV := DJANGO_SETTINGS_MODULE=motcua.conf.test DATABASE_URL=sqlite://:memory:

.PHONY: schema
schema: install
	$(SCHEMA_ENV) $(MANAGE) spectacular --validate --fail-on-warn --file docs/openapi.yaml
	DJANGO_SETTINGS_MODULE=motcua.conf.test $(MANAGE) configuration_docs --output docs/configuration.md

.PHONY: check-schema
check-schema: install
	$(SCHEMA_ENV) $(MANAGE) spectacular --validate --fail-on-warn --file var/openapi.check.yaml
	@diff -u docs/openapi.yaml var/openapi.check.yaml || (echo "docs/openapi.yaml is stale: run 'make schema'"; exit 1)
	DJANGO_SETTINGS_MODULE=motcua.conf.test $(MANAGE) configuration_docs --check docs/configuration.md

PYTEST_ARGS ?=
.PHONY: pytest
pytest: install
	@# Exit code 5 means "no tests collected": not a failure of the suite.
	$(PY) -m pytest -q $(PYTEST_ARGS) || { rc=$$?; [ $$rc -eq 5 ] && echo "no tests collected" || exit $$rc; }

.PHONY: test
test: system-deps install
	@mkdir -p var
	$(MAKE) --no-print-directory lint typecheck check-migrations check-imports check-schema pytest

.PHONY: migrate
migrate: install
	@mkdir -p var
	$(MANAGE) migrate --no-input

# Static files are gathered (and compressed) again only when a source changed or packages were installed:
# that is most of a restart's time otherwise.
STATIC_SOURCES := $(shell find src/motcua -path '*/static/*' -type f 2>/dev/null)
STATIC_STAMP := var/static/.collected
$(STATIC_STAMP): $(STATIC_SOURCES) $(VENV)/.installed
	@mkdir -p var
	$(MANAGE) collectstatic --no-input -v 0
	@touch $@

.PHONY: demo
# Demo e-mails go to files under var/mail (not the terminal); links in them point at this server.
demo: export EMAIL_BACKEND ?= file
demo: export SITE_URL ?= http://127.0.0.1:$(PORT)
# Only the IT administrators' demo accounts show two-factor sign-in; the other officials sign in with a password.
demo: export TWO_FACTOR_REQUIRED_ROLES ?= administrator
# Several web processes share the sign-in lockout counters through a cache on disk.
demo: export CACHE_URL ?= file://$(CURDIR)/var/cache
demo: export PORT := $(PORT)
# Dossiers are synchronised to the reference receiver of the national portal, started below.
DVCQG_RECEIVER_PORT ?= 8765
demo: export DVCQG_URL ?= http://127.0.0.1:$(DVCQG_RECEIVER_PORT)/
# Signatures: the test CA's keys are protected by this passphrase and timestamped by the local test TSA.
demo: export SIGNATURE_PASSPHRASE ?= demo-test-keys-only
demo: export SIGNATURE_TSA_URL ?= local
# Payments: the portal keeps the sandbox gateway; the VNPAY simulator shows a payment through VNPAY's protocol
# (PAYMENT_GATEWAY=vnpay makes the portal offer it; docs/payments.md).
demo: export PAYMENT_VNPAY_SIMULATOR ?= true
demo: system-deps install migrate $(STATIC_STAMP)
	$(MANAGE) load_demo
	@echo ""
	@echo "  Cổng dịch vụ công:   http://127.0.0.1:$(PORT)/"
	@echo "  Bàn làm việc cán bộ: http://127.0.0.1:$(PORT)/can-bo/"
	@echo "  Quản trị:            http://127.0.0.1:$(PORT)/admin/"
	@echo "  API docs:            http://127.0.0.1:$(PORT)/api/v1/docs/"
	@echo "  E-mails sent by the demo: var/mail/"
	@echo "  VNPAY (mô phỏng): đối soát tại http://127.0.0.1:$(PORT)/can-bo/doi-soat-thanh-toan/"
	@echo "  Cổng DVC quốc gia (máy nhận tham chiếu): http://127.0.0.1:$(DVCQG_RECEIVER_PORT)/_stats"
	@echo "  Demo logins (password for all):"
	@$(MANAGE) demo_logins
	@echo "  Ctrl-C stops the web server, the background worker, the outbox worker, the postal poller and the receiver."
	@# gunicorn (src/motcua/conf/gunicorn.py: one worker per core), the task worker, the outbox's delivery
	@# worker and the national portal's reference receiver; DEBUG stays off.
	@trap 'trap - INT TERM EXIT; kill 0' INT TERM EXIT; \
	$(MANAGE) db_worker --interval 2 & \
	$(MANAGE) dvcqg_receiver --port $(DVCQG_RECEIVER_PORT) & \
	$(MANAGE) deliver_outbox --interval 2 & \
	$(MANAGE) poll_postal --interval 60 & \
	DEBUG=false $(VENV)/bin/gunicorn -c src/motcua/conf/gunicorn.py motcua.wsgi

.PHONY: runserver
runserver: export SIGNATURE_PASSPHRASE ?= demo-test-keys-only
runserver: export SIGNATURE_TSA_URL ?= local
runserver: export PAYMENT_VNPAY_SIMULATOR ?= true
runserver: install migrate
	@# Development only: Django's auto-reloading server with debug pages.
	DEBUG=true $(MANAGE) runserver 127.0.0.1:$(PORT)

# Front-end files vendored under src/motcua/static/vendor/ from the npm registry, pinned by package-lock.json
# (run by hand when a version changes; nothing is fetched at run time or by `make demo`).
.PHONY: vendor-static
vendor-static:
	npm ci --ignore-scripts --no-audit --no-fund
	cp node_modules/chart.js/dist/chart.umd.min.js src/motcua/static/vendor/chart.js/
	cp node_modules/chart.js/LICENSE.md src/motcua/static/vendor/chart.js/LICENSE
