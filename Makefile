# The two commands for a fresh machine: `make run` and `make test`. Each creates .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
ARGS ?=

.PHONY: run test lint bench soak clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python run_kiosk.py run $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy kiosk scenes run_kiosk.py

bench: $(STAMP)
	$(BIN)/python run_kiosk.py bench --json $(ARGS)

soak: $(STAMP)
	$(BIN)/python -m pytest tests/soak -m slow $(ARGS)

clean:
	rm -rf $(VENV) out
