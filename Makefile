# Two commands on a fresh machine with Python >= 3.10 and make:
#   make demo   run the library's main job on the bundled calendar and catalogue
#   make test   run every check and the whole test suite
# Both install from the lock files in requirements/ (exact versions and hashes), so a
# commit gives the same environment on every machine; `make lock` refreshes them.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LOCKS  := requirements/pip.lock requirements/dev.lock
# uv's own header names this command in the lock files.
COMPILE = $(BIN)/uv pip compile --quiet --universal --python-version 3.10 --generate-hashes \
	--upgrade --custom-compile-command "make lock"

.PHONY: demo test lint typecheck pytest docs bench lock clean

$(STAMP): pyproject.toml $(LOCKS)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/pip.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/tthc calendar 2026
	$(BIN)/tthc validate catalog/
	$(BIN)/tthc due 1.000894 --case verification --received 2026-08-24T09:00 --lang en

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks conftest.py
	$(BIN)/ruff format --check src tests benchmarks conftest.py

typecheck: $(STAMP)
	$(BIN)/mypy --strict src

pytest: $(STAMP)
	$(BIN)/pytest --cov=tthc --cov-branch --cov-report=term --cov-fail-under=90

docs: $(STAMP)
	$(BIN)/mkdocs build --strict --quiet --site-dir $(VENV)/site

test: lint typecheck docs pytest

bench: $(STAMP)
	$(BIN)/python -m benchmarks

# Newest versions allowed by pyproject.toml, for every supported Python (3.10 and up).
lock: $(STAMP)
	$(COMPILE) requirements/pip.in -o requirements/pip.lock
	$(COMPILE) pyproject.toml --extra dev --no-emit-package tthc -o requirements/dev.lock
	$(subst 3.10,3.11,$(COMPILE)) requirements/spark.in -o requirements/spark.lock

clean:
	rm -rf $(VENV) .venv-* .mypy_cache .ruff_cache .pytest_cache .coverage htmlcov
