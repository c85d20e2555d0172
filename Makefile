# AssetScore: the two commands a newcomer runs are `make demo` and `make test` (see README.md).
SWIFT ?= swift
DB ?= assetscore.db
BIN = .build/debug/assetscore

.PHONY: deps build demo test lint check clean bench

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

# Release build, the sample database, `assetscore serve` on loopback, wrk against /v1/decide
# (rotating user ids) and /healthz side by side: decisions/s, p99 and the ratio. Not a test.
bench:
	@scripts/bench.sh

lint:
	$(SWIFT) format lint --recursive --configuration .swift-format Sources Tests

check: lint test

clean:
	rm -rf .build
