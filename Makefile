# obligraph: the few targets a user or maintainer needs. Each sets up .venv when missing.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: demo test lint data bench bench-stores figures screenshots explore clean validate bench-reasoning readme-coverage

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

## demo: the seed question, as recorded today and with a hypothetical notification date
demo: $(STAMP)
	@echo "== obligraph impact RUS --withdraw ETS-126   (what the sources record)"
	@$(BIN)/obligraph impact RUS --withdraw ETS-126
	@echo
	@echo "== obligraph impact RUS --withdraw ETS-126 --notified 2025-10-03   (if notified on that date)"
	@$(BIN)/obligraph impact RUS --withdraw ETS-126 --notified 2025-10-03

## explore: the web explorer at http://127.0.0.1:7878/ (open it in a browser; Ctrl-C stops it)
explore: $(STAMP)
	$(BIN)/obligraph serve

## test: the whole test suite
test: $(STAMP)
	$(BIN)/python -m pytest

## lint: ruff (lint + format check) and mypy
lint: $(STAMP)
	$(BIN)/ruff check src tests scripts
	$(BIN)/ruff format --check src tests scripts
	$(BIN)/mypy

## data: regenerate graph/generated/ from ../shared/data (or OBLIGRAPH_SOURCES)
data: $(STAMP)
	$(BIN)/obligraph build

## readme-coverage: rewrite the README's coverage table from `obligraph coverage` (a test checks they agree)
readme-coverage: $(STAMP)
	$(BIN)/python scripts/readme_coverage.py

## validate: syntax, SHACL, violation checks, then HermiT on a sample of the facts (exit 1 on findings)
validate: $(STAMP)
	$(BIN)/obligraph validate

## bench-reasoning: HermiT, owlrl and pySHACL timings, ratios in one run (takes minutes)
bench-reasoning: $(STAMP)
	$(BIN)/python scripts/bench_reasoning.py

## bench: the scale benchmark, 100k and 1M triples, four stores (writes docs/benchmarks.md; BENCH_SIZES=100k,1M,5M for 5M)
BENCH_SIZES ?= 100k,1M
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --sizes $(BENCH_SIZES) --write docs/benchmarks.md

## bench-stores: rdflib versus pyoxigraph on the real graph (writes docs/store-choice.md)
bench-stores: $(STAMP)
	$(BIN)/python scripts/bench_stores.py --write docs/store-choice.md

## figures: the README's pictures in docs/img/ (needs Graphviz `dot`)
figures: $(STAMP)
	$(BIN)/obligraph impact RUS --withdraw ETS-126 --notified 2025-10-03 --diagram docs/img/impact-rus-ecpt.svg > /dev/null
	$(BIN)/obligraph impact RUS --withdraw ETS-126 --notified 2025-10-03 --diagram docs/img/impact-rus-ecpt.png > /dev/null
	$(BIN)/obligraph timeline RUS --on 2026-11-24 --out docs/img/timeline-rus.png
	$(BIN)/obligraph diagram RUS --on 2021-06-01 --out docs/img/rus-2021.svg
	$(BIN)/obligraph diagram FRA --on 2024-01-01 --out docs/img/fra-2024.png

## screenshots: the explorer's pictures in docs/img/ (needs Debian's chromium)
screenshots: $(STAMP)
	$(BIN)/python scripts/explorer_screenshots.py docs/img

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
