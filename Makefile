# AssetScore: the two commands a newcomer runs are `make demo` and `make test` (see README.md).
SWIFT ?= swift
DB ?= assetscore.db
BIN = .build/debug/assetscore

.PHONY: deps build demo test lint check clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# Installs what is missing, builds, runs the main job on the shipped sample assets and opens the
# console on the result (when this is a terminal; otherwise it says how to open it).
demo: build
	$(BIN) --db $(DB) demo
	@if [ -t 0 ] && [ -t 1 ]; then $(BIN) --db $(DB) console; \
	else echo "Not a terminal: open the console later with '$(BIN) --db $(DB) console'."; fi

# Every test (tests that need ../shared/corpus skip with a message where it is absent).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

lint:
	$(SWIFT) format lint --recursive --configuration .swift-format Sources Tests

check: lint test

clean:
	rm -rf .build
