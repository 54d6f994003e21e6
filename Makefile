# Two commands matter: `make demo` (install, then analyse the example corpus or INPUT=...)
# and `make test` (install, run the tests, then the quality gate). Both create .venv when it is
# missing. `make gate` runs the quality gate alone: fast benchmark runs on fixed samples of
# ../shared/eval, each figure against its floor in bench/floors.json (bench/gate.py).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
# The real example corpus when ../shared is beside the checkout, else the invented one shipped here.
EXAMPLE := $(firstword $(wildcard ../shared/corpus/istanbul-talks) examples/harbour-talks)
INPUT ?= $(EXAMPLE)
OUT ?= out

.PHONY: install demo test gate lint bench clean audit

$(STAMP):
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $@

install: $(STAMP)

# The store is the default ./newsprism.db, so `newsprism ask/stories/brief/export` work after
# the demo without --db.
demo: install
	$(BIN)/newsprism analyze $(INPUT) --out $(OUT)

test: install
	$(BIN)/python -m pytest -q
	$(BIN)/python bench/gate.py

gate: install
	$(BIN)/python bench/gate.py

# The judged audit (issue 17, bench/audit/README.md): analyse the development corpora and draw
# the sample for the judges (TAG names it); score it with `$(BIN)/python bench/audit.py score`.
TAG ?= latest
audit: install
	$(BIN)/python bench/audit.py build
	$(BIN)/python bench/audit.py sample --tag $(TAG)

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(OUT) .pytest_cache .mypy_cache .ruff_cache
