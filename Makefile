# zhspeech — `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPEECH ?= data/raw/ren_xianliang_cyberspace_community_2024.md
YEAR   ?= 2024
OUT    ?= reports

.DEFAULT_GOAL := help
.PHONY: help install report test lab bench clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## create .venv (if missing) and install the kit with its test tools

report: $(STAMP) ## execute every notebook on SPEECH, write figures/ and the HTML report in reports/
	$(BIN)/zhspeech report $(SPEECH) --out $(OUT) --year $(YEAR) --figures figures

test: $(STAMP) ## run the test suite (executes the notebooks too)
	$(BIN)/python -m pytest

lab: $(STAMP) ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## run the benchmarks in benchmarks/
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean: ## remove the report and caches (keeps .venv)
	rm -rf $(OUT) .pytest_cache build src/*.egg-info
