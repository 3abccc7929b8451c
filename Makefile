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

generate: $(STAMP)
	@$(PY) -m generator generate

# Benchmarks of the generator and the generated clients (bench/); prints markdown tables. BENCH_ARGS=--help lists options.
bench: $(STAMP)
	@$(PY) -m bench $(BENCH_ARGS)

lint: $(STAMP)
	@$(PY) -m ruff check generator tests bench
	@$(PY) -m black --check --quiet generator tests bench || (echo "run: $(PY) -m black generator tests bench" && false)

typecheck: $(STAMP)
	@$(PY) -m mypy --strict generator bench

test: $(STAMP) $(NODE_STAMP) lint typecheck
	@$(PY) -m pytest -q

clean-venv:
	rm -rf $(VENV)
