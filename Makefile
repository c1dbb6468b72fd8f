# Two commands on a fresh machine: `make site` and `make test`. Everything else is optional.
PYTHON ?= python3
SHELL  := bash
.SHELLFLAGS := -o pipefail -c   # a failed pip install fails make, even when piped through grep
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: help site test serve check bench clean golden screenshots

help:  # the first rule: a bare `make` says what there is, instead of making the venv and stopping
	@echo "make site         build the example site into site/ (first run: makes .venv and installs)"
	@echo "make test         run every test (installs the test tools too)"
	@echo "make serve        preview the site at http://127.0.0.1:8000/, rebuilt on every change"
	@echo "make check        digest check: the editor's checks"
	@echo "make bench        compare with Hugo and Pelican (needs the shared bench folder: bench/README.md)"
	@echo "make golden       refresh the golden site after a change you meant (review the diff)"
	@echo "make screenshots  refresh the README's pictures"
	@echo "make clean        remove .venv, site/, its spare and scratch folders, and .cache/"

$(BIN)/python:
	@echo "make: creating $(VENV) (first run only)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# pip prints each package as it goes: a first install takes a minute or two, and shows it
$(STAMP): $(BIN)/python pyproject.toml
	@echo "make: installing news-digest and its dependencies into $(VENV)"
	$(BIN)/python -m pip install --progress-bar on --no-input -e . | { grep -v '^Requirement already satisfied' || true; }
	touch $@

$(TSTAMP): $(STAMP)
	@echo "make: installing the test tools into $(VENV)"
	$(BIN)/python -m pip install --progress-bar on --no-input -e '.[test]' | { grep -v '^Requirement already satisfied' || true; }
	touch $@

site: $(STAMP)
	$(BIN)/digest build

test: $(TSTAMP)
	$(BIN)/python -m pytest

golden: $(TSTAMP)
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

screenshots: $(TSTAMP)
	$(BIN)/python -m pytest tests/test_browser.py --screenshots -k screenshots

serve: $(STAMP)
	$(BIN)/digest serve

check: $(STAMP)
	$(BIN)/digest check

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) site .site.prev .site.old .site.tmp .cache
