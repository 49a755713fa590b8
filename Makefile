# Homeward: `make run` starts the app, `make test` runs every check CI runs.
# Both set up what they need on first use: the .venv, and for tests Debian's Chromium
# and PostgreSQL.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends

.PHONY: run test check browser-deps db-deps clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m app run $(ARGS)

check: $(STAMP)
	$(VENV)/bin/ruff check app tests benchmarks
	$(VENV)/bin/mypy

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium for the browser tests"; \
		apt-get update -q && $(APT_INSTALL) chromium; }

# The hub's tests start their own PostgreSQL cluster on 127.0.0.1 with Debian's server.
db-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "Installing PostgreSQL for the hub tests"; \
		apt-get update -q && $(APT_INSTALL) postgresql; }

# The browser tests run in the foreground at normal priority (they act at a person's pace
# and must not be starved); everything else runs beside them at low priority, and its
# report is printed after theirs. The target fails if either run fails.
test: check browser-deps db-deps
	@mkdir -p test-artifacts
	@nice -n 10 $(PY) -m pytest -q -p no:cacheprovider --ignore=tests/browser \
		> test-artifacts/other-tests.log 2>&1 & others=$$!; \
	echo "Browser tests (the other tests run beside them; their report follows):"; \
	$(PY) -m pytest -q -p no:cacheprovider tests/browser; browser=$$?; \
	wait $$others; rest=$$?; \
	echo "Unit, storage, service, sync, hub, view and command-line tests:"; \
	cat test-artifacts/other-tests.log; \
	test $$browser -eq 0 && test $$rest -eq 0

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache .mypy_cache .ruff_cache
