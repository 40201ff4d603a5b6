# Set-up and the main jobs. Each target makes its own virtual environment in .venv.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN     = $(VENV)/bin
OUT    ?= out
STAMP   = $(VENV)/.installed

.PHONY: run test lint bench docs clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## run: build the graph from examples/pages, validate it, run a saved query, export Turtle and JSON-LD
run: $(STAMP)
	bash scripts/run-example.sh "$(BIN)" "$(OUT)"

## test: lint and run the whole test suite (starts and stops its own Oxigraph server on loopback)
test: $(STAMP)
	bash scripts/ensure-chromium.sh
	$(BIN)/ruff check kg tests bench
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python -m bench.run --sizes 1000,10000

docs: $(STAMP)
	$(BIN)/python -m kg.docs $(OUT)/docs

clean:
	rm -rf $(VENV) $(OUT) kg-store .pytest_cache
