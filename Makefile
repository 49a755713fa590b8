# Homeward: `make run` starts the app, `make test` runs every check CI runs.
# Both set up what they need on first use: the .venv, and for tests Debian's Chromium,
# PostgreSQL and poppler-utils (pdftotext and pdftoppm read the printed reports back).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
APT_INSTALL := DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends

.PHONY: run test check browser-deps db-deps report-deps speech-deps axe-deps clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	@$(MAKE) --no-print-directory speech-deps || \
		echo "Reading aloud is not set up (espeak-ng could not be installed); all else works."
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

# "Read this to me" speaks with espeak-ng on this machine (English and Welsh voices); the
# read-aloud tests measure the sound with sox.
speech-deps:
	@command -v espeak-ng >/dev/null 2>&1 && command -v sox >/dev/null 2>&1 || { \
		echo "Installing espeak-ng and sox for reading aloud"; \
		apt-get update -q && $(APT_INSTALL) espeak-ng sox; }

# The browser tests run axe-core (npm) at every screenshot: a pinned copy kept in the venv.
AXE_VERSION := 4.14.1
AXE_DIR := $(VENV)/axe
axe-deps:
	@grep -qs '"version": "$(AXE_VERSION)"' $(AXE_DIR)/node_modules/axe-core/package.json || { \
		command -v npm >/dev/null 2>&1 || { apt-get update -q && $(APT_INSTALL) npm; }; \
		echo "Installing axe-core $(AXE_VERSION) for the browser tests"; \
		mkdir -p $(AXE_DIR) && npm install -q --prefix $(AXE_DIR) --no-save \
			--no-package-lock axe-core@$(AXE_VERSION); }

# Everything but the browser journeys runs on two workers (pytest-xdist); the journeys then
# run one at a time, as each drives a served app and a Chromium of its own. Both parts
# always run, and the target fails if either did. Each part ends by naming its slowest
# tests, so a run's log shows where the time budget goes.
test: check browser-deps db-deps report-deps speech-deps axe-deps
	@$(PY) -m pytest -q -p no:cacheprovider --durations=8 -n 2 -m "not browser"; services=$$?; \
	$(PY) -m pytest -q -p no:cacheprovider --durations=8 -m browser; journeys=$$?; \
	test $$services -eq 0 -a $$journeys -eq 0

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache .mypy_cache .ruff_cache
