# Two entry points for a fresh machine: `make sample` builds the sample project,
# `make test` runs the whole test suite. Both create .venv themselves, from the lock:
# requirements/dev.txt pins every package, direct and transitive, with its hashes
# (exported from uv.lock; `make lock` refreshes both).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCKED := requirements/dev.txt

.PHONY: sample test system-deps clean bench lock requirements test-lowest test-latest dist

# A new lock means a new venv: nothing left over from the old one can hide a missing pin.
# --require-hashes: every package must be in the lock with a matching hash. The project
# itself is installed without build isolation, so its build backend (setuptools) is the
# locked one too, not whatever the index serves today.
$(STAMP): $(LOCKED) pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r $(LOCKED)
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/pip check --disable-pip-version-check >/dev/null
	touch $(STAMP)

# Debian packages: GNU gettext (interop tests), the Noto fonts and HarfBuzz subsetting
# (PDF rendering with WeasyPrint), poppler-utils (tests read PDFs back), chromium (tests look at
# rendered pages in a real browser and run axe-core's accessibility rules there), openssh-client (ssh-keygen: reviewers' keys
# in tests, and signing with a key held by ssh-agent).
DEB_PACKAGES := gettext fonts-noto-core fonts-noto-cjk libharfbuzz-subset0 poppler-utils chromium \
  openssh-client
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
	CALCII18N_STRICT_TOOLS=1 $(BIN)/pytest

# Refresh the lock: the newest versions pyproject.toml allows, resolved once for every
# platform and Python >= 3.11 (uv.lock), then its pip-installable exports with hashes:
# runtime (what the wheel needs), dev (make test) and bench (make bench).
UV := UV_PYTHON_DOWNLOADS=never $(BIN)/uv
EXPORT := $(UV) export --quiet --frozen --no-emit-project --no-default-groups
# (Both use the venv's uv without bringing the venv up to date first: after a dependency is
# added to pyproject.toml the old lock cannot satisfy it, which is what they are run to fix.)
HAVE_UV = @test -x $(BIN)/uv || $(MAKE) --no-print-directory $(STAMP)
lock:
	$(HAVE_UV)
	$(UV) lock --upgrade
	$(MAKE) --no-print-directory requirements

requirements:
	$(HAVE_UV)
	$(EXPORT) -o requirements/runtime.txt
	$(EXPORT) --group dev -o requirements/dev.txt
	$(EXPORT) --group dev --group bench -o requirements/bench.txt

# A throw-away venv for the two drift targets below, resolved now (not from the lock).
# $(1): the venv, $(2): uv's --resolution, $(3): the dependency groups.
define drift_venv
	rm -rf $(1)
	$(UV) venv --quiet --python $(PYTHON) $(1)
	$(UV) pip compile --quiet pyproject.toml $(foreach g,$(3),--group pyproject.toml:$(g)) \
	  --resolution $(2) --python $(1)/bin/python -o $(1)/requirements.txt
	$(UV) pip install --quiet --python $(1)/bin/python -r $(1)/requirements.txt
	$(UV) pip install --quiet --python $(1)/bin/python --no-deps -e .
	@echo "$(1): $$(grep -c '==' $(1)/requirements.txt) packages, direct ones at:"; \
	  grep -iE '^($(DIRECT))==' $(1)/requirements.txt | tr '\n' ' '; echo
endef
# (Expanded only where used: no Python start for every make command.)
DIRECT = $(shell $(PYTHON) -c "import re,tomllib;d=tomllib.load(open('pyproject.toml','rb'));\
print('|'.join(re.split('[<>=!~ ;\\[]',r)[0] for r in d['project']['dependencies']))")

# The declared lower bounds must be true: every direct dependency (runtime and test) at
# the lowest version pyproject.toml allows, the rest resolved; then the tests.
test-lowest: $(STAMP) system-deps
	$(call drift_venv,.venv-lowest,lowest-direct,test)
	.venv-lowest/bin/python -m pytest -p no:cacheprovider

# What a user installing today gets: the newest versions pyproject.toml allows, unlocked.
# Shows drift (a new Babel, a new WeasyPrint) here before users meet it.
test-latest: $(STAMP) system-deps
	$(call drift_venv,.venv-latest,highest,test lint)
	.venv-latest/bin/ruff check src tests
	.venv-latest/bin/mypy
	.venv-latest/bin/python -m pytest -p no:cacheprovider

# The sdist and wheel users install, built with the locked build tools.
dist: $(STAMP)
	rm -rf dist
	$(BIN)/python -m build --no-isolation --outdir dist .

# Benchmarks (not part of the tests): bench/run.py writes bench/RESULTS.md.
# `make bench BIG=1` adds the 50,000-message runs (about half an hour on 2 cores).
bench: $(STAMP) system-deps
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/bench.txt
	$(BIN)/python bench/run.py $(if $(BIG),--big,)

clean:
	rm -rf $(VENV) .venv-lowest .venv-latest build dist .pytest_cache .mypy_cache .ruff_cache
