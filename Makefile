# jtx — the two commands that do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
CONFIG ?= debug
BUILD_DIR := .build/$(CONFIG)
RELEASE_DIR := .build/release
SCENARIO ?= scenarios/grey-heron.yaml

.PHONY: all deps build release test run bench clean help

all: build

help:
	@echo "make run    install what is missing, build, run the default scenario"
	@echo "make test   install what is missing, build, run the whole test suite"
	@echo "make bench  kernel benchmarks side by side with the C + GSL and SimPy peers"
	@echo "make build | release | deps | clean"

# Installs what is missing with apt-get: GSL (found through pkg-config) for the build, and
# Python's jsonschema and yaml modules, which the test suite uses to check `jtx schema`.
deps:
	@if ! command -v $(SWIFT) >/dev/null 2>&1; then \
	  echo "error: '$(SWIFT)' not found: install a Swift 6 toolchain and put it on PATH" >&2; exit 1; fi
	@missing=""; \
	if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl; then missing="libgsl-dev pkg-config"; fi; \
	if ! $(PYTHON) -c 'import jsonschema, yaml' >/dev/null 2>&1; then missing="$$missing python3-jsonschema python3-yaml"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "deps: installing$$missing with apt-get"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	  else \
	    echo "error: missing packages:$$missing" >&2; \
	    echo "       as root run: apt-get install$$missing   (or with sudo), then run make again." >&2; exit 1; \
	  fi; \
	fi; \
	if ! $(PYTHON) -c 'import jsonschema, yaml' >/dev/null 2>&1; then \
	  echo "deps: $(PYTHON) has no jsonschema/yaml modules; installing them with pip"; \
	  $(PYTHON) -m pip install --quiet jsonschema pyyaml || { echo "error: cannot install jsonschema and pyyaml for $(PYTHON)" >&2; exit 1; }; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

release: deps
	$(SWIFT) build -c release

# The allocation test measures the release build of jtx-bench, and the coverage test runs the
# release jtx (thousands of replications), so the release products are built first.
test: deps
	$(SWIFT) build -c release
	$(SWIFT) build --build-tests
	JTX_BUILD_DIR=$(CURDIR)/.build/debug JTX_RELEASE_DIR=$(CURDIR)/.build/release $(SWIFT) test --skip-build

# Runs the default scenario and writes its HTML report; the last line printed is the report's path.
run: release
	@out="results/$$(basename $(SCENARIO) .yaml)/$$(date -u +%Y%m%dT%H%M%SZ)"; \
	$(RELEASE_DIR)/jtx run $(SCENARIO) --out "$$out" && \
	$(RELEASE_DIR)/jtx report "$$out" >/dev/null && \
	echo "Report: $(CURDIR)/$$out/report.html"

bench: deps
	$(SWIFT) build -c release
	$(PYTHON) bench/run.py --jtx-bench $(RELEASE_DIR)/jtx-bench

clean:
	rm -rf .build bench/.build
