# AssetScore: the two commands a newcomer runs are `make demo` and `make test` (see README.md).
SWIFT ?= swift
DB ?= assetscore.db
BIN = .build/debug/assetscore

.PHONY: deps build demo test lint check clean

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

# Installs what is missing, builds, and runs the main job on the shipped sample assets.
demo: build
	$(BIN) --db $(DB) demo

# Every test (tests that need ../shared/corpus skip with a message where it is absent).
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-swift-testing

lint:
	$(SWIFT) format lint --recursive --configuration .swift-format Sources Tests

check: lint test

clean:
	rm -rf .build
