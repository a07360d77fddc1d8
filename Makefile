# Two commands: `make run` serves the app with demo data; `make test` runs every check.
# Both work on a fresh machine with Python 3.11+ and make (see README, "Services").

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SERVICES := $(BIN)/python scripts/services.py run --

.PHONY: run test lint install browser assets bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed

run: install
	$(SERVICES) $(BIN)/python scripts/serve.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: install browser lint
	$(SERVICES) $(BIN)/pytest

# Debian's Chromium for the browser tests, installed with apt where we may. Without it the
# browser tests are skipped with a reason, except under CI=true, where they fail.
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		(apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium) >/dev/null \
		|| echo "browser: could not install chromium; browser tests will be skipped"; \
	else echo "browser: no /usr/bin/chromium; browser tests will be skipped"; fi

# Rebuild static/css and static/govuk from the npm package govuk-frontend (needs Node.js).
# The built files are committed, so `make run` needs no Node.js.
assets:
	cd frontend && npm ci --no-fund --no-audit && npm run build

bench: install
	$(SERVICES) $(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
