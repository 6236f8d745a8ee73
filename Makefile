# One command to set up and run the demo, one to set up and run the tests.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= eventwire.db
# tables are wide: give Rich room when the output is not a terminal
export COLUMNS ?= 160

.PHONY: install sysdeps demo test model lock clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/eventwire ingest examples --db $(DB)
	$(BIN)/eventwire events --db $(DB) --limit 40

# Debian packages the tests drive for real: Chromium (browser tests) and a
# PostgreSQL server (store tests on a server). Installed when missing and root.
SYSPKGS := chromium postgresql
sysdeps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else echo "warning: missing$$missing (install them, as root: apt-get install$$missing)"; fi; \
	fi

# the store tests also run on a real PostgreSQL server on loopback
test: install sysdeps
	EVENTWIRE_TEST_PG="$${EVENTWIRE_TEST_PG:-$$(bash scripts/test-postgres.sh)}" $(BIN)/python -m pytest

# Rebuild the shipped event model from the training corpus and the real-news
# gold (needs ../shared beside the repository for the VOA stories); the same
# data and seed give the same model and figures (tests/learn checks them).
MODEL := src/eventwire/data/model
model: install
	$(BIN)/eventwire train --data tests/gold/voa/train.jsonl --dev tests/gold/voa/dev.jsonl \
	  --out $(MODEL) --name eventwire-events --version 1 --seed 0

# Re-pin every dependency after changing pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --upgrade pip
	.venv-lock/bin/pip install --quiet -e '.[test]'
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^eventwire' > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
