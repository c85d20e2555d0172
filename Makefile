# AssetScore: the two commands a newcomer runs are `make demo` and `make test` (see README.md).
SWIFT ?= swift
DB ?= assetscore.db
BIN = .build/debug/assetscore

.PHONY: deps build demo test lint check clean bench bench-server bench-console

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

# Every benchmark: the HTTP service, then the console at 100,000 assets. Not tests.
bench: bench-server bench-console

# Release build, the sample database, `assetscore serve` on loopback, wrk against /v1/decide
# (rotating user ids) and /healthz side by side: decisions/s, p99 and the ratio. Not a test.
bench-server: deps
	@scripts/bench.sh

# The console's start-up and per-key times on 100,000 assets, 10,000 review items and 100,000
# users (issue 3), beside a small baseline database; the big database is generated once into BENCH_DB.
BENCH_DB ?= .build/bench-100k-assets-100k-users.db
RELEASE_BIN = .build/release/assetscore
bench-console: deps
	$(SWIFT) build -c release --product assetscore
	@[ -f $(BENCH_DB) ] || $(RELEASE_BIN) --db $(BENCH_DB) generate --assets 100000 --review-items 10000 --users 100000
	$(RELEASE_BIN) --db $(BENCH_DB) bench console

lint:
	$(SWIFT) format lint --recursive --configuration .swift-format Sources Tests

check: lint test

clean:
	rm -rf .build
