# Tapestry. `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
# The residents' site (frontend/) under `make run`.
SITE_PORT ?= 3000
# pytest-xdist processes for `make test` (auto: one per core; 0 runs the suite in one process).
TEST_WORKERS ?= auto
export PATH := $(abspath $(BIN)):$(PATH)

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Tapestry needs Python 3.11 (set PYTHON=...)")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

.PHONY: venv
venv: $(BIN)/.installed ## Create or refresh the virtualenv from the lock files

.PHONY: run
run: venv ## Migrate, load demo content, build the residents' site, and run web + site + Celery workers + beat (embedded default unless DATABASE_URL/REDIS_URL)
	@mkdir -p var
	@$(BIN)/python -m cms.frontend start
	@echo "Migrating the database..."
	$(BIN)/python manage.py migrate --no-input --verbosity 0
	$(BIN)/python manage.py load_demo_content
	@if [ -f frontend/persisted-documents.json ]; then \
	  $(BIN)/python manage.py register_persisted_documents frontend/persisted-documents.json \
	    --client residents-web --verbosity 0 | tail -n 1; fi
	@set -e; processes="web worker publisher beat"; \
	if $(BIN)/python -m cms.frontend wait; then \
	  processes="$$processes site"; \
	  export TAPESTRY_PREVIEW_URL="$${TAPESTRY_PREVIEW_URL:-http://localhost:$(SITE_PORT)/api/preview}"; \
	  export TAPESTRY_FRONTEND_URL="$${TAPESTRY_FRONTEND_URL:-http://localhost:$(SITE_PORT)}"; \
	  webhook="$${TAPESTRY_SITE_WEBHOOK_URL:-}"; \
	  if [ -z "$$webhook" ] && [ -z "$${DATABASE_URL:-}" ]; then \
	    webhook="http://127.0.0.1:$(SITE_PORT)/api/revalidate"; \
	    export TAPESTRY_WEBHOOK_ALLOW_HTTP="$${TAPESTRY_WEBHOOK_ALLOW_HTTP:-true}"; \
	    export TAPESTRY_WEBHOOK_ALLOWED_NETWORKS="$${TAPESTRY_WEBHOOK_ALLOWED_NETWORKS:-127.0.0.0/8}"; \
	  fi; \
	  if [ -n "$$webhook" ]; then \
	    if [ -z "$${TAPESTRY_SITE_WEBHOOK_SECRET:-}" ]; then \
	      $(BIN)/python manage.py setup_site_webhook "$$webhook" --secret-file var/site-webhook-secret; \
	      export TAPESTRY_WEBHOOK_SECRET="$$(cat var/site-webhook-secret)"; \
	    else \
	      $(BIN)/python manage.py setup_site_webhook "$$webhook"; \
	      export TAPESTRY_WEBHOOK_SECRET="$$TAPESTRY_SITE_WEBHOOK_SECRET"; \
	    fi; \
	  fi; \
	fi; \
	echo ""; \
	case "$$processes" in *site*) \
	  echo "  Residents' site: http://localhost:$(SITE_PORT)/";; esac; \
	echo "  Tapestry admin:  http://localhost:$(PORT)/admin/"; \
	echo "  GraphQL:         http://localhost:$(PORT)/graphql/"; \
	echo "  Health:          http://localhost:$(PORT)/healthz"; \
	echo "  (demo logins are printed above; Ctrl-C stops web, site, workers and beat)"; \
	echo ""; \
	PORT=$(PORT) CMS_PORT=$(PORT) SITE_PORT=$(SITE_PORT) \
	  exec $(BIN)/python -m cms.procfile start -f Procfile.dev $$processes

.PHONY: test
test: venv chromium varnish pgbouncer redis-sentinel kubectl ## Run the whole test suite (needs PostgreSQL and Redis; see README)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

.PHONY: fuzz
fuzz: venv ## Fuzz the GraphQL API with schemathesis (the `fuzz` tests, also run by `make test`)
	$(BIN)/pytest -m fuzz $(PYTEST_ARGS)

# $(call debian_packages,<shell test that passes when installed>,<packages>,<the tests that need them>):
# install Debian's packages when the test fails (as root; apt-get update only when the cached lists
# do not have them), else say what to install.
define debian_packages
	@{ $(1); } || { \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get install -y -qq --no-install-recommends $(2) \
	    || { apt-get update -qq && apt-get install -y -qq --no-install-recommends $(2); }; \
	  else \
	    echo "$(3) need Debian's $(2): sudo apt-get install $(2)" >&2; \
	  fi; }
endef

.PHONY: chromium
chromium: ## Install Debian's Chromium (and CJK fonts, for the site's screenshots) for the browser tests when missing (as root)
	$(call debian_packages,test -x /usr/bin/chromium && test -d /usr/share/fonts/opentype/noto,chromium fonts-noto-cjk,The browser tests)

.PHONY: varnish
varnish: ## Install Debian's Varnish and its xkey vmod for the cache tests when missing (as root)
	$(call debian_packages,test -x /usr/sbin/varnishd && ls /usr/lib/*/varnish/vmods/libvmod_xkey.so >/dev/null 2>&1,varnish varnish-modules,The Varnish tests)

.PHONY: pgbouncer
pgbouncer: ## Install Debian's PgBouncer for the connection-pooling tests when missing (as root)
	$(call debian_packages,test -x /usr/sbin/pgbouncer,pgbouncer,The pooling tests)

.PHONY: redis-sentinel
redis-sentinel: ## Install Debian's Redis Sentinel for the failover tests when missing (as root)
	$(call debian_packages,test -x /usr/bin/redis-sentinel,redis-sentinel,The failover tests)

.PHONY: kubectl
kubectl: ## Install Debian's kubectl (kubernetes-client) for the Kubernetes manifest tests when missing (as root)
	$(call debian_packages,command -v kubectl >/dev/null 2>&1,kubernetes-client,The Kubernetes manifest tests)

.PHONY: bench-publishing
bench-publishing: venv ## Scheduled-publishing lag over a batch of pages (real worker + beat; PostgreSQL and Redis)
	$(BIN)/python bench/publishing_lag.py $(BENCH_ARGS)

.PHONY: bench-abuse
bench-abuse: venv ## Abusive GraphQL requests against a running server (BENCH_ARGS="--base-url http://host:port")
	$(BIN)/python -m bench.abuse $(BENCH_ARGS)

.PHONY: lint
lint: venv ## ruff lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: check
check: venv ## Django system checks and missing migrations
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

.PHONY: schema
schema: venv ## Write the GraphQL schema (SDL) to schema.graphql; commit it with API changes
	$(BIN)/python manage.py graphql_schema --schema schema.schema.schema --out schema.graphql

.PHONY: bench
bench: venv varnish ## Load ~1,000 articles; GraphQL cost limit vs time; GraphQL (uncached, Redis, Varnish) vs its floor and REST; publishing lag (see bench/)
	$(BIN)/python -m bench.load
	$(BIN)/python -m bench.cost
	$(BIN)/python -m bench.api
	$(MAKE) bench-publishing

.PHONY: lock
lock: ## Re-pin requirements*.txt from requirements*.in in a scratch virtualenv
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	{ echo "# Generated by 'make lock' from requirements.in. Do not edit by hand."; \
	  .lock-venv/bin/pip freeze --all | grep -vE '^(pip|setuptools|wheel)=='; } > requirements.txt
	.lock-venv/bin/pip install --quiet -r requirements-dev.in
	{ echo "# Generated by 'make lock' from requirements-dev.in. Do not edit by hand."; \
	  echo "-r requirements.txt"; \
	  .lock-venv/bin/pip freeze --all | grep -vE '^(pip|setuptools|wheel)==' \
	    | grep -vxFf <(tail -n +2 requirements.txt); } > requirements-dev.txt
	rm -rf .lock-venv

.PHONY: clean
clean: ## Remove the embedded default's state (SQLite database, broker, cache, media)
	rm -rf var static
