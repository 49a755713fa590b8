# Homeward: `make run` starts the app, `make test` runs every check CI runs.
# Both set up what they need on first use: the .venv, and for tests Debian's Chromium,
# PostgreSQL and poppler-utils (pdftotext and pdftoppm read the printed reports back).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends

.PHONY: run test check browser-deps db-deps report-deps clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m app run $(ARGS)

check: $(STAMP)
	$(VENV)/bin/ruff check app tests benchmarks
	$(VENV)/bin/mypy
	@# the core the rest stands on (records and rules, the store, sync) is held to strict mode
	$(VENV)/bin/mypy --strict app/domain app/storage app/sync

browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Chromium for the browser tests"; \
		apt-get update -q && $(APT_INSTALL) chromium; }

# The hub's tests start their own PostgreSQL cluster on 127.0.0.1 with Debian's server.
db-deps:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
		echo "Installing PostgreSQL for the hub tests"; \
		apt-get update -q && $(APT_INSTALL) postgresql; }

# The report tests read the PDFs back with poppler (pdftotext, pdftoppm).
report-deps:
	@command -v pdftotext >/dev/null 2>&1 || { \
		echo "Installing poppler-utils for the report tests"; \
		apt-get update -q && $(APT_INSTALL) poppler-utils; }

# Everything but the browser journeys runs on two workers (pytest-xdist); the journeys then
# run one at a time, as each drives a served app and a Chromium of its own. Both parts
# always run, and the target fails if either did.
test: check browser-deps db-deps report-deps
	@$(PY) -m pytest -q -p no:cacheprovider -n 2 -m "not browser"; services=$$?; \
	$(PY) -m pytest -q -p no:cacheprovider -m browser; journeys=$$?; \
	test $$services -eq 0 -a $$journeys -eq 0

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache .mypy_cache .ruff_cache
