# Every target sets up .venv on first use, so a fresh clone needs only `make serve` or `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
HOST   ?= 127.0.0.1:8000
# Keep serve and build output to what the course says.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site test lint fuzz bench schema dist clean w3c-client

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

serve: $(STAMP) ## serve the example course with live reload
	$(BIN)/mkdocs serve --dev-addr $(HOST)

site: $(STAMP) ## build the example course into site/
	$(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check plugins tests

test: $(STAMP) ## lint and run every test (browser tests need /usr/bin/chromium, the W3C client test npm)
	$(BIN)/ruff check plugins tests
	if command -v npm >/dev/null; then $(MAKE) w3c-client; fi
	$(BIN)/python -m pytest

W3C_CLIENT := tests/browser/w3c_client
$(W3C_CLIENT)/build/clients.js: $(W3C_CLIENT)/package-lock.json $(W3C_CLIENT)/clients.js
	cd $(W3C_CLIENT) && npm ci --no-audit --no-fund --loglevel=error && npm run --silent bundle

w3c-client: $(W3C_CLIENT)/build/clients.js ## bundle the W3C anchoring clients from npm for the browser test

fuzz: $(STAMP) ## the fuzz tests with thousands of examples each (LESSONS_FUZZ_EXAMPLES=N to choose)
	LESSONS_FUZZ=long $(BIN)/python -m pytest tests/fuzz -p no:xdist -W ignore::hypothesis.errors.HypothesisWarning

bench: $(STAMP) ## benchmarks; see docs/reference/benchmarks.md
	$(BIN)/python -m tests.benchmarks.scale

schema: $(STAMP) ## refresh the committed JSON Schemas
	$(BIN)/lessons schema > plugins/annotated_lessons/schema/lesson.schema.json
	$(BIN)/lessons schema --catalogue > plugins/annotated_lessons/schema/techniques.schema.json

dist: $(STAMP) ## build the sdist and the wheel into dist/ and check them as PyPI will
	rm -rf dist
	$(BIN)/python -m build --outdir dist .
	$(BIN)/twine check --strict dist/*

clean:
	rm -rf site dist build $(VENV) .pytest_cache .ruff_cache .hypothesis $(W3C_CLIENT)/node_modules $(W3C_CLIENT)/build
