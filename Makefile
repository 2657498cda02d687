# Every target builds .venv from the committed lock when it is missing; only python3.11 and pip are needed.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared

.PHONY: setup demo test lint fmt bench lock dashboard clean

$(BIN)/jobpulse: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . || \
	  $(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(BIN)/jobpulse

setup: $(BIN)/jobpulse

## The main job on the embedded default: refresh the project's demo recordings into data/jobpulse.duckdb,
## print the headline figures and how to open the dashboard.
demo: setup
	$(BIN)/jobpulse demo

test: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: setup
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: setup
	$(BIN)/python benchmarks/enrich.py --corpus $(SHARED)/eval/corpus.jsonl

dashboard: setup
	$(BIN)/jobpulse dashboard

## Re-resolve the lock (needs uv: pip install uv).
lock:
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements.lock

clean:
	rm -rf $(VENV) data/jobpulse.duckdb data/raw
