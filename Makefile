# Two entry points for a fresh machine: `make sample` builds the sample project,
# `make test` runs the whole test suite. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: sample test lint system-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# GNU gettext is needed by the interop tests (msgfmt, msgcat, msgmerge).
system-deps:
	@command -v msgfmt >/dev/null && command -v msgcat >/dev/null && command -v msgmerge >/dev/null \
	  || { if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	         apt-get update -qq && apt-get install -y -qq gettext >/dev/null; \
	       else echo "GNU gettext missing: run 'sudo apt-get install gettext'" >&2; exit 1; fi; }

sample: $(STAMP)
	$(BIN)/calcii18n extract
	$(BIN)/calcii18n update
	$(BIN)/calcii18n status

test: $(STAMP) system-deps
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
