# Cartera: `make run` to try it, `make test` to check everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8050

.PHONY: run test lint typecheck pytest deps bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: virtualenv, install, database + demo portfolio (first time), server on http://$(HOST):$(PORT)
run: $(STAMP)
	$(BIN)/cartera setup
	@echo "Cartera on http://$(HOST):$(PORT)"
	$(BIN)/cartera serve --host $(HOST) --port $(PORT)

## test: lint, types, unit, data access on SQLite and PostgreSQL, browser tests
test: $(STAMP) deps lint typecheck pytest

deps:
	bash .ci/ensure-deps

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest -p no:cacheprovider

## bench: time the portfolio page on a 10,000-customer, 1M-invoice portfolio (README, Performance)
bench: $(STAMP)
	$(BIN)/python -m tests.bench.bench_portfolio

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
