# Two commands matter: `make demo` (install, then analyse the example corpus or INPUT=...)
# and `make test` (install, then run the tests). Both create .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
EXAMPLE := $(firstword $(wildcard ../shared/corpus/istanbul-talks) examples/harbour-talks)
INPUT ?= $(EXAMPLE)
OUT ?= out

.PHONY: install demo test lint bench clean

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

demo: install
	$(BIN)/newsprism analyze $(INPUT) --out $(OUT) --db $(OUT)/newsprism.db

test: install
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
