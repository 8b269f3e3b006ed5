# zhspeech — `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SPEECH ?= data/raw/ren_xianliang_cyberspace_community_2024.md
YEAR   ?= 2024
CORPUS ?= data/raw/corpus/gov_work_reports
A      ?= $(CORPUS)/2016政府工作报告_李克强.txt
B      ?= $(CORPUS)/2017政府工作报告_李克强.txt
OUT    ?= reports

.DEFAULT_GOAL := help
.PHONY: help install report test check lint lab bench clean clean-cache

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP) ## create .venv (if missing) and install the kit with its test tools

report: $(STAMP) ## execute every notebook (SPEECH; A vs B; CORPUS), write figures/ and the HTML report in reports/
	$(BIN)/zhspeech report $(SPEECH) --year $(YEAR) --compare $(A) $(B) --corpus $(CORPUS) --out $(OUT) --figures figures

test: $(STAMP) ## run every test: notebooks, report and browser included (what CI runs)
	$(BIN)/python -m pytest

check: $(STAMP) ## the fast tests only (no notebooks, no browser, no corpus measures): under a minute
	$(BIN)/python -m pytest -q -m "not slow and not browser and not corpus"

lint: $(STAMP) ## ruff: lint and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

lab: $(STAMP) ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## run the benchmarks in benchmarks/
	for b in benchmarks/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean: ## remove the report, build files and Python caches (keeps .venv, figures/ and the kit's cache)
	rm -rf $(OUT) .pytest_cache .ruff_cache build src/*.egg-info
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +

clean-cache: $(STAMP) ## remove the kit's cache of token tables and reference counts (config.CACHE_DIR)
	$(BIN)/python -c "import shutil, zhspeech.config as c; print('removing', c.CACHE_DIR); shutil.rmtree(c.CACHE_DIR, ignore_errors=True)"
