# Two commands for a newcomer: `make run` (set up + map the bundled example) and `make test` (set up + all tests).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.geomap-installed

.PHONY: run test setup pack lint fast-test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

# builds the offline data pack into $$GEOMAP_DATA_DIR (default ~/.local/share/geomap); a no-op when complete
pack: $(STAMP)
	$(BIN)/geomap data build

run: pack
	$(BIN)/geomap map

lint: $(STAMP)
	$(BIN)/ruff check .

# the whole suite, slow and browser tests included
test: pack lint
	$(BIN)/python -m pytest -m "" -q

# the default, fast selection
fast-test: pack
	$(BIN)/python -m pytest -q

bench: pack
	for f in bench/bench_*.py; do $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) output/example
