# Two entry points for a fresh machine: `make sample` builds the sample project,
# `make test` runs the whole test suite. Both create .venv themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: sample test lint system-deps clean bench

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Debian packages: GNU gettext (interop tests), the Noto fonts and HarfBuzz subsetting
# (PDF rendering with WeasyPrint), poppler-utils (tests read PDFs back), chromium (one test
# looks at a rendered page in a real browser).
DEB_PACKAGES := gettext fonts-noto-core fonts-noto-cjk libharfbuzz-subset0 poppler-utils chromium
system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing: $$missing"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "missing Debian packages; run: sudo apt-get install $$missing" >&2; exit 1; fi; \
	fi

sample: $(STAMP) system-deps
	$(BIN)/calcii18n build

test: $(STAMP) system-deps
	$(BIN)/ruff check src tests
	$(BIN)/mypy
	$(BIN)/pytest

# Benchmarks (not part of the tests): bench/run.py writes bench/RESULTS.md.
# `make bench BIG=1` adds the 50,000-message runs (about half an hour on 2 cores).
bench: $(STAMP) system-deps
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py $(if $(BIG),--big,)

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
