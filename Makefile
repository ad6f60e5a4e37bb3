# jtx — the two commands that do everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
SWIFT ?= swift
PYTHON ?= python3
CONFIG ?= debug
BUILD_DIR := .build/$(CONFIG)
RELEASE_DIR := .build/release
SCENARIO ?= scenarios/grey-heron.yaml

.PHONY: all deps build release test test-slurm test-sanitize fuzz run bench bench-check clean help man install uninstall help-snapshots regress baselines

all: build

help:
	@echo "make run    install what is missing, build, run the default scenario"
	@echo "make test   install what is missing, build, run the whole test suite"
	@echo "make test-slurm  a sweep as a job array on a single-node Slurm (up and down here), byte-identical to a local run"
	@echo "make bench  kernel and end-to-end benchmarks side by side with the C + GSL and SimPy peers"
	@echo "make fuzz [FUZZ_SECONDS=60]  fuzz the scenario reader with libFuzzer and AddressSanitizer (docs/reliability.md)"
	@echo "make test-sanitize [SANITIZERS=\"thread address\"]  the test suites under ThreadSanitizer (and AddressSanitizer)"
	@echo "make bench-check  allocation budgets of the hot paths (package-benchmark, Benchmarks/)"
	@echo "make install [PREFIX=/usr/local]  jtx, its man page and shell completions (make uninstall removes them)"
	@echo "make man    the man page, from the commands' own help (swift-argument-parser's generate-manual)"
	@echo "make help-snapshots  rewrite Tests/Fixtures/help/*.txt after changing help text or options"
	@echo "make regress    rerun every shipped scenario and compare it with its baseline (exactly and statistically)"
	@echo "make baselines  regenerate results/baselines/ on purpose, after a deliberate change to the model or a scenario"
	@echo "make build | release | deps | clean"

# Installs what is missing with apt-get: GSL (found through pkg-config) for the build, and
# Python's jsonschema and yaml modules, which the test suite uses to check `jtx schema`, and
# junitparser, which reads the JUnit reports of `jtx compare` and `jtx regress`; and Debian's
# chromium, in which the test suite opens the HTML reports headless (JTX_REQUIRE_BROWSER=1 below
# makes its absence a failure rather than a skipped test).
deps:
	@if ! command -v $(SWIFT) >/dev/null 2>&1; then \
	  echo "error: '$(SWIFT)' not found: install a Swift 6 toolchain and put it on PATH" >&2; exit 1; fi
	@missing=""; \
	if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl; then missing="libgsl-dev pkg-config"; fi; \
	if ! $(PYTHON) -c 'import jsonschema, yaml' >/dev/null 2>&1; then missing="$$missing python3-jsonschema python3-yaml"; fi; \
	if ! $(PYTHON) -c 'import junitparser' >/dev/null 2>&1; then missing="$$missing python3-junitparser"; fi; \
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
	fi; \
	if ! $(PYTHON) -c 'import junitparser' >/dev/null 2>&1; then \
	  echo "deps: $(PYTHON) has no junitparser module; installing it with pip"; \
	  $(PYTHON) -m pip install --quiet junitparser || { echo "error: cannot install junitparser for $(PYTHON)" >&2; exit 1; }; \
	fi
	@if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "deps: installing chromium with apt-get (make test opens the HTML reports in it, headless)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || exit 1; \
	  else \
	    echo "note: no chromium: make test's browser test of the HTML reports will fail; as root run: apt-get install chromium" >&2; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c $(CONFIG)

release: deps
	$(SWIFT) build -c release

# The allocation test measures the release build of jtx-bench, and the coverage test runs the
# release jtx (thousands of replications), so the release products are built first.
test: deps
	$(SWIFT) build -c release
	$(REGRESS)
	$(SWIFT) package generate-manual $(MANUAL_FLAGS) >/dev/null
	$(SWIFT) build --build-tests
	JTX_REQUIRE_BROWSER=1 JTX_BUILD_DIR=$(CURDIR)/.build/debug JTX_RELEASE_DIR=$(CURDIR)/.build/release $(SWIFT) test --skip-build

# Regression runs (docs/regression.md): reruns every scenario that has a baseline in
# results/baselines/ with the baseline's seed and replications into results/regress/<scenario>/,
# compares exactly (fingerprints) and statistically, writes results/regress/junit.xml, and fails
# on a regression. `make test` runs it first.
REGRESS = $(RELEASE_DIR)/jtx regress --out results/regress --junit results/regress/junit.xml
regress: release
	$(REGRESS)

# Regenerates the baseline of every shipped scenario on purpose, keeping each baseline's seed and
# replications (a new scenario gets its own seed and at most 100 replications), and removes the
# baselines of scenarios that no longer exist. Fingerprints change
# with any change to the model or a scenario: review `git diff results/baselines/` and commit the
# new baselines together with the change that explains them.
baselines: release
	@echo "make baselines: regenerating results/baselines/ deliberately, from the current model and scenarios"
	@for scenario in scenarios/*.yaml; do \
	  $(RELEASE_DIR)/jtx baseline "$$scenario" --out "results/baselines/$$(basename "$$scenario" .yaml).json" || exit 1; \
	done
	@for baseline in results/baselines/*.json; do \
	  if [ ! -f "scenarios/$$(basename "$$baseline" .json).yaml" ]; then echo "Removed $$baseline: its scenario is gone"; rm -f "$$baseline"; fi; \
	done
	@echo "make baselines: done; review 'git diff --stat results/baselines/' and commit the baselines with the change that explains them"

# The test suites under ThreadSanitizer (and AddressSanitizer with SANITIZERS="thread address"),
# each in its own build folder; what each covers is in scripts/test-sanitize.sh.
SANITIZERS ?= thread
test-sanitize: deps
	bash scripts/test-sanitize.sh $(SANITIZERS)

# Fuzzes the scenario reader with libFuzzer and AddressSanitizer for FUZZ_SECONDS seconds
# (scripts/fuzz.sh); a crash stops it with the input saved under .build-fuzz/artifacts/.
FUZZ_SECONDS ?= 60
fuzz: deps
	bash scripts/fuzz.sh $(FUZZ_SECONDS)

# Brings a single-node Slurm up (scripts/slurm-local.sh: installs slurm-wlm and munge with apt-get
# when missing), runs the example sweep locally and as a job array, checks the merged files are
# byte-identical (also after a cancelled task is resubmitted), brings Slurm down. JTX=path tests
# another build of jtx.
JTX ?= $(RELEASE_DIR)/jtx
test-slurm: deps
	@if [ "$(JTX)" = "$(RELEASE_DIR)/jtx" ]; then $(SWIFT) build -c release; fi
	JTX=$(JTX) bash scripts/test-slurm.sh

# The man page, generated from the commands' own help by swift-argument-parser's generate-manual
# plugin (it builds the package in release first). A fixed date keeps the page reproducible.
MANUAL_FLAGS := --date 2026-01-01
MAN_PAGE := .build/plugins/GenerateManual/outputs/jtx/jtx.1
man: deps
	$(SWIFT) package generate-manual $(MANUAL_FLAGS) >/dev/null
	@echo "Man page: $(CURDIR)/$(MAN_PAGE)   (read it with: man $(CURDIR)/$(MAN_PAGE))"

# Installs jtx, its man page and its bash, zsh and fish completions under PREFIX (DESTDIR stages
# the install for packaging). The binary uses the Swift runtime of the toolchain it was built with.
PREFIX ?= /usr/local
DESTDIR ?=
INSTALLED = $(DESTDIR)$(PREFIX)/bin/jtx $(DESTDIR)$(PREFIX)/share/man/man1/jtx.1 \
  $(DESTDIR)$(PREFIX)/share/bash-completion/completions/jtx $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_jtx \
  $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/jtx.fish
install: man
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(RELEASE_DIR)/jtx $(DESTDIR)$(PREFIX)/bin/jtx
	install -m 644 $(MAN_PAGE) $(DESTDIR)$(PREFIX)/share/man/man1/jtx.1
	$(RELEASE_DIR)/jtx --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/jtx
	$(RELEASE_DIR)/jtx --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_jtx
	$(RELEASE_DIR)/jtx --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/jtx.fish
	@echo "Installed jtx $$($(RELEASE_DIR)/jtx --version) in $(DESTDIR)$(PREFIX)/bin; try: jtx init my-exercise"

uninstall:
	rm -f $(INSTALLED)

# Rewrites the help-text snapshots (Tests/Fixtures/help/*.txt) from the current commands.
help-snapshots: deps
	$(SWIFT) build --build-tests
	JTX_UPDATE_SNAPSHOTS=1 JTX_BUILD_DIR=$(CURDIR)/.build/debug $(SWIFT) test --skip-build --filter HelpSnapshotTests

# Runs the default scenario and writes its HTML report; the last line printed is the report's path.
run: release
	@out="results/$$(basename $(SCENARIO) .yaml)/$$(date -u +%Y%m%dT%H%M%SZ)"; \
	$(RELEASE_DIR)/jtx run $(SCENARIO) --out "$$out" && \
	$(RELEASE_DIR)/jtx report "$$out" >/dev/null && \
	echo "Report: $(CURDIR)/$$out/report.html"

bench: deps
	$(SWIFT) build -c release
	$(PYTHON) bench/run.py --jtx-bench $(RELEASE_DIR)/jtx-bench
	$(PYTHON) bench/end_to_end.py --jtx $(RELEASE_DIR)/jtx --jtx-bench $(RELEASE_DIR)/jtx-bench

# Malloc budgets of the event loop and of one replication of grey-heron, against the committed
# Benchmarks/Thresholds/ (deterministic counts, not time). Benchmarks/ is a package of its own.
# The benchmark tool exits non-zero for improvements as well as regressions; improvements only
# (its output names benchmarkThresholdImprovement and no regression) pass with a note. Update
# with `cd Benchmarks && swift package --allow-writing-to-package-directory benchmark thresholds update`.
bench-check: deps
	@cd Benchmarks && { $(SWIFT) package benchmark thresholds check --no-progress 2>&1 | tee ../results/bench-check.log; status=$${PIPESTATUS[0]}; \
	  if [ $$status != 0 ] && grep -q benchmarkThresholdImprovement ../results/bench-check.log && ! grep -q benchmarkThresholdRegression ../results/bench-check.log; then \
	    echo "bench-check: improvements only: consider updating Benchmarks/Thresholds/"; status=0; fi; \
	  exit $$status; }

clean:
	rm -rf .build bench/.build Benchmarks/.build .build-fuzz .build-tsan .build-asan
