# The one front door for every task. `make demo` and `make test` work on a fresh machine
# that has only Python 3.11+ and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DIR ?= data/demo
DEMO_BIND ?= 127.0.0.1:8000

.PHONY: demo test generate bench lint install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	BPCAT_DATA_DIR=$(DEMO_DIR) $(BIN)/bpcat demo --bind $(DEMO_BIND)

test: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

generate: $(STAMP)
	$(BIN)/bpcat generate

bench: $(STAMP)
	$(BIN)/python -m benchmarks

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
