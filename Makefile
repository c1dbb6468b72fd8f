# Two commands on a fresh machine: `make site` and `make test`. Everything else is optional.
PYTHON ?= python3
SHELL  := bash
.SHELLFLAGS := -o pipefail -c   # a failed pip install fails make, even when piped through grep
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: site test serve check bench clean golden screenshots

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
	rm -rf $(VENV) site .site.prev .site.old .cache
