# The two commands of the README: `make demo` and `make test`. Both set up .venv first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.werkmonitor-installed
COMPILED := $(VENV)/.werkmonitor-compiled

.PHONY: demo test setup lint clean bench

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "Omgeving .venv installeren (eenmalig, ongeveer een kwart minuut)..."
	@# uv installs the same packages as pip, four times faster; pip when uv cannot be had
	@($(BIN)/python -m pip install --quiet --disable-pip-version-check uv \
	  && $(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test]') \
	  || (echo "uv niet beschikbaar: installeren met pip (ongeveer een minuut)..." \
	  && $(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip \
	  && $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]')
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/werkmonitor demo

test: $(COMPILED)
	@.ci/chromium
	$(BIN)/python -m pytest -n auto --maxprocesses 4 --dist loadfile

# The installed packages compiled once, on all cores (uv does not compile at install):
# otherwise the parallel test processes each compile the same modules at the same time
# (pytest 146 s instead of 122 s in CI). Not for make demo, which would wait for it.
$(COMPILED): $(STAMP)
	@echo "Pakketten compileren voor de tests (eenmalig, ongeveer tien seconden)..."
	@$(BIN)/python -m compileall -q -j 0 \
	  "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')" \
	  > /dev/null 2>&1 || true  # a few test files of other packages do not compile
	@touch $(COMPILED)

# Timings of the report batch against the naive way (not part of make test; see benchmarks/),
# with the installed packages compiled as for the tests: where Python may not write its
# bytecode (PYTHONDONTWRITEBYTECODE, as on the project's machines) every process, each naive
# kernel too, would otherwise compile pandas and matplotlib again (≈ 1-2 s each).
bench: $(COMPILED)
	$(BIN)/python benchmarks/bench.py

lint: $(STAMP)
	$(BIN)/ruff check werkmonitor tests notebooks benchmarks
	$(BIN)/ruff format --check werkmonitor tests notebooks benchmarks
	$(BIN)/lint-imports
	$(BIN)/nbstripout --verify notebooks/*.ipynb

clean:
	rm -rf reports/site reports/intern build/bouw data/werkmonitor.duckdb data/aanleveringen/demo
