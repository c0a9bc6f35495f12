# ketnap: the front door. `make` alone prints the help generated from the `## ` comments below.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.SUFFIXES:
MAKEFLAGS += --no-builtin-rules --no-print-directory
.DEFAULT_GOAL := help

# Python: an activated conda environment named `ketnap` (from environment.yml) is used as it is;
# otherwise a .venv is created here and kept in step with pyproject.toml (a stamp file).
ifeq ($(CONDA_DEFAULT_ENV),ketnap)
  PYBIN := $(CONDA_PREFIX)/bin
  ENV_STAMP := .make/conda-env.stamp
  INSTALL_ARGS := --no-deps -e .
else
  PYBIN := .venv/bin
  ENV_STAMP := .venv/.ketnap-installed
  INSTALL_ARGS := -e '.[dev]'
endif
PY := $(PYBIN)/python
export PATH := $(abspath $(PYBIN)):$(PATH)
export PYTHONDONTWRITEBYTECODE := 1

NPROC := $(shell nproc 2>/dev/null || echo 2)

PERIOD ?=
# What a report depends on besides its notebook and the data: the top-level modules and the build wing
# (code and templates); not ingest/ or synth/, whose effect reaches reports through data/processed.
REPORT_LIB := $(sort $(wildcard lib/ketnap/*.py) \
                     $(shell find lib/ketnap/build -type f \( -name '*.py' -o -path '*/templates/*' \)))
# Every input file (returns under any name, attachments, reference data), not the returns register
# ingestion writes beside them, nor notes and hidden files.
RAW_INPUTS := $(shell find data/sample data/raw -type f -not -name '.*' -not -name 'README*' \
                -not -name 'register.sqlite*' 2>/dev/null | LC_ALL=C sort)
MANIFEST := data/processed/manifest.json

.PHONY: help
help: ## Show this help
	@echo "ketnap: admissions of new Party members by sector against target (Thanh Hóa city)."
	@echo
	@echo "Usage: make <target> [PERIOD=2023-Q3]"
	@echo
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-13s\033[0m %s\n", $$1, $$2}'

$(ENV_STAMP): pyproject.toml
	@if [ ! -x "$(PY)" ]; then echo "Creating the Python environment in .venv ..."; python3 -m venv .venv; fi
	@echo "Installing ketnap and its dependencies into $(PYBIN)/.. (a few minutes the first time) ..."
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	@$(PY) -m pip install --quiet --disable-pip-version-check $(INSTALL_ARGS)
	@$(PY) -m ipykernel install --sys-prefix --name ketnap --display-name "Python 3 (ketnap)" >/dev/null
	@mkdir -p $(@D) && touch $@

.PHONY: env
env: $(ENV_STAMP) ## Create or update the Python environment and the `ketnap` Jupyter kernel

# What ingestion is made of: the ingest wing and every module it imports, followed to the end. Found
# in the import lines of the tree (stdlib python3, no environment needed), rewritten when a module changes.
INGEST_MK := .make/ingest-sources.mk
-include $(INGEST_MK)
$(INGEST_MK): $(shell find lib/ketnap -name '*.py' -not -path '*/__pycache__/*')
	@mkdir -p $(@D)
	@python3 lib/ketnap/build/sources.py ketnap.ingest INGEST_SOURCES > $@.tmp && mv $@.tmp $@

# The deadline for returns decides which are late or missing: a new value means a new ingestion.
DEADLINE_STAMP := .make/return-deadline-$(or $(KETNAP_RETURN_DEADLINE),default)
$(DEADLINE_STAMP):
	@mkdir -p $(@D) && rm -f .make/return-deadline-* && touch $@

$(MANIFEST): $(RAW_INPUTS) $(INGEST_SOURCES) $(DEADLINE_STAMP) | $(ENV_STAMP)
	@$(PY) -m ketnap.ingest

# Another reporting body's data root: `make reports DATA=data/examples/phuong-hac-thanh OUT=<folder>`
# reads its returns and reference data (KETNAP_DATA=DATA) and writes its processed data, reports
# and logs under OUT, a project folder of its own (KETNAP_HOME=OUT, with a link to the notebooks):
# the checkout's data/processed and reports/ are never touched. It ingests and builds every
# report of the default periods (or PERIOD) each time: an example is small.
DATA ?=
OUT ?=
ifneq ($(DATA),)
ifeq ($(OUT),)
$(error DATA=$(DATA) needs OUT=<folder> for its processed data and reports)
endif
OUT_HOME := $(abspath $(OUT))
OUT_ENV := KETNAP_HOME=$(OUT_HOME) KETNAP_DATA=$(abspath $(DATA))

.PHONY: data
data: | $(ENV_STAMP)
	@mkdir -p $(OUT_HOME) && ln -sfn $(abspath notebooks) $(OUT_HOME)/notebooks
	@$(OUT_ENV) $(PY) -m ketnap.ingest

.PHONY: reports
reports: data
	@$(OUT_ENV) $(PY) -m ketnap.build batch $(if $(PERIOD),--period $(PERIOD),--default-periods)
	@echo "Reports are in $(OUT_HOME)/reports/: open $(OUT_HOME)/reports/index.html"
else
.PHONY: data
data: $(MANIFEST) ## Ingest the returns (data/raw, else the sample, or DATA=<root> OUT=<folder>) into data/processed

# The report targets depend on the data (which periods exist), so they are generated into a
# makefile fragment; it is only read when reports are asked for. Each stale report queues itself;
# the index rule then builds the queue in one go, one worker per core (KETNAP_WORKERS to change).
REPORTS_MK := .make/reports-$(or $(PERIOD),default).mk
BUILD_QUEUE := .make/queue
ifneq ($(filter reports,$(MAKECMDGOALS)),)
include $(REPORTS_MK)
endif

$(REPORTS_MK): $(MANIFEST) $(wildcard lib/ketnap/build/*.py) | $(ENV_STAMP)
	@mkdir -p $(@D)
	@$(PY) -m ketnap.build makefile $(if $(PERIOD),--period $(PERIOD)) > $@.tmp && mv $@.tmp $@

# A prerequisite that is always out of date: the index rule runs every time (it is cheap when idle).
.PHONY: FORCE
FORCE:

.PHONY: reports
reports: $(REPORT_INDEX) ## Render the reports (default periods, or PERIOD=2023-Q3) into reports/ (DATA=<root> OUT=<folder>: another body's, into OUT)
	@echo "Reports are in $(abspath reports)/: open $(abspath $(REPORT_INDEX))"
endif

.PHONY: issue
issue: $(ENV_STAMP) $(MANIFEST) ## Issue (ban hành) a built period: PERIOD=2024-02 [BY="name"] freezes it in reports/issued/<period>/<n>/
	@if [ -z "$(PERIOD)" ]; then echo "make issue needs PERIOD=..., e.g. make issue PERIOD=2024-02" >&2; exit 2; fi
	@$(PY) -m ketnap.build issue --period $(PERIOD) $(if $(BY),--by "$(BY)")

.PHONY: verify-issued
verify-issued: $(ENV_STAMP) ## Check every issued file against its recorded SHA-256; names any changed or missing
	@$(PY) -m ketnap.build verify-issued

.PHONY: test
test: $(ENV_STAMP) $(MANIFEST) lint ## Run the linters and every test: unit, doctests, notebooks, browser, PDF
	@$(PY) -m pytest -n $(NPROC) --dist loadgroup

.PHONY: test-fast
test-fast: $(ENV_STAMP) $(MANIFEST) ## Run the unit tests and doctests only (no notebooks, browser or whole-sample runs)
	@$(PY) -m pytest -n $(NPROC) --dist loadgroup -m "not slow" -q

.PHONY: lint
lint: $(ENV_STAMP) ## Check the code style with ruff and the types of lib/ with mypy
	@$(PYBIN)/ruff check lib tests notebooks bench
	@$(PYBIN)/ruff format --check lib tests notebooks bench
	@$(PYBIN)/mypy

.PHONY: format
format: $(ENV_STAMP) ## Reformat the code with ruff
	@$(PYBIN)/ruff check --fix lib tests notebooks bench
	@$(PYBIN)/ruff format lib tests notebooks bench

.PHONY: docs
docs: $(ENV_STAMP) ## Regenerate docs/indicators.md from the indicator catalogue (ketnap.indicators)
	@$(PY) -c "import ketnap.indicators as i, pathlib; pathlib.Path('docs/indicators.md').write_text(i.markdown(), encoding='utf-8')"

.PHONY: bench
bench: $(ENV_STAMP) $(MANIFEST) ## Measure build speed (reports, cards), peak memory and national-scale metrics (bench/results/latest.json)
	@$(PY) bench/run.py

.PHONY: lab
lab: $(ENV_STAMP) $(MANIFEST) ## Open JupyterLab on notebooks/ with the ketnap kernel
	@$(PYBIN)/jupyter lab --ServerApp.root_dir=notebooks --MappingKernelManager.default_kernel_name=ketnap

.PHONY: sample
sample: $(ENV_STAMP) ## Regenerate the synthetic sample in data/sample (deterministic)
	@$(PY) -m ketnap.synth

.PHONY: examples
examples: $(ENV_STAMP) ## Regenerate the example ward in data/examples/phuong-van-an (deterministic)
	@$(PY) -m ketnap.synth.ward

.PHONY: clean
clean: ## Remove generated data, reports and caches (keeps .venv and data/raw)
	@find data/interim data/processed reports -mindepth 1 ! -name README.md -exec rm -rf {} + 2>/dev/null || true
	@rm -rf .make logs tests/artifacts .pytest_cache .ruff_cache
	@echo "Removed generated data and reports."

.PHONY: distclean
distclean: clean ## Also remove the .venv
	@rm -rf .venv
