# Two commands on a fresh machine: `make demo` and `make test` (see README).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SEEDS  ?= ../shared/seeds
OUT    ?= out
# axe-core (npm), which the site's browser test runs for accessibility; pinned
AXE_VERSION := 4.11.0
AXE    := .cache/npm/node_modules/axe-core/axe.min.js

.PHONY: setup demo test lint layers typecheck unit sources bench locale site clean

$(BIN)/kommgraph: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

setup: $(BIN)/kommgraph

## demo: set up, validate the bundled data and answer "who collaborates with whom"
demo: setup
	$(BIN)/kommgraph validate
	$(BIN)/kommgraph stats
	$(BIN)/kommgraph collab "Wilfried Bernhardt"
	$(BIN)/kommgraph path "Wilfried Bernhardt" "Christian Schachtner"
	$(BIN)/kommgraph centrality --top 10
	$(BIN)/kommgraph communities
	$(BIN)/kommgraph query collaborators-of --param actor=KDN --format md
	mkdir -p $(OUT)
	$(BIN)/kommgraph viz -o $(OUT)/network.html --png $(OUT)/network.png
	$(BIN)/kommgraph export --format graphml -o $(OUT)/network.graphml
	@echo "Open $(OUT)/network.html in a browser (it works offline)."

## test: set up, lint, check the import layers, type-check and run the whole test suite
test: setup lint layers typecheck unit

lint: setup
	$(BIN)/ruff check src tests benchmarks docs
	$(BIN)/ruff format --check src tests benchmarks docs

## layers: imports only go down (import-linter contract in pyproject.toml)
layers: setup
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy

unit: setup $(AXE)
	$(BIN)/pytest -q

$(AXE):
	npm install --prefix .cache/npm --no-save --no-audit --no-fund axe-core@$(AXE_VERSION)

## site: the offline website, a page per person, organization, event, topic, place, source
site: setup
	mkdir -p $(OUT)
	$(BIN)/kommgraph site -o $(OUT)/site
	@echo "Open $(OUT)/site/index.html in a browser (it works offline)."

## sources: check every quote against the article texts (not redistributed)
sources: setup
	$(BIN)/kommgraph validate --sources $(SEEDS)

## bench: every step at 1k, 10k and 50k events, the machine controls for the growth table,
## then the network page in headless Chromium at 1k and 10k events, whole commands and the
## DuckDB peer at 1k and 10k (50k by hand: see benchmarks/README.md)
bench: setup
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/machine.py
	$(BIN)/python benchmarks/page.py
	$(BIN)/python benchmarks/commands.py
	$(BIN)/python benchmarks/duckdb_peer.py

## locale: extract the marked messages (_, N_), merge them into the catalogues, compile (Babel)
LOCALE := src/kommgraph/views/locale
locale: setup
	$(BIN)/pybabel extract -F pyproject.toml --no-location --sort-output -k N_ -o $(LOCALE)/kommgraph.pot \
		src/kommgraph/views src/kommgraph/cli/viz.py
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-pot-creation-date \
		-i $(LOCALE)/kommgraph.pot -d $(LOCALE) -D kommgraph -w 100
	$(BIN)/pybabel compile -d $(LOCALE) -D kommgraph --statistics
	rm $(LOCALE)/kommgraph.pot

clean:
	rm -rf $(VENV) $(OUT) .cache build dist .mypy_cache .ruff_cache .pytest_cache
