#!/usr/bin/env bash
# Runs the test suites under Swift's sanitizers (`make test-sanitize` calls this).
#
#   scripts/test-sanitize.sh [thread] [address]      default: thread
#
# Each sanitizer gets its own build folder (.build-tsan, .build-asan) with the package and its
# tests instrumented.
#
# ThreadSanitizer runs what has threads: the experiments suites (parallel replications and their
# ordered hand-over between worker threads and the consumer, the sweep runner and pipeline), the
# summary tests that fold parallel replications, and the command-line suites that run the
# instrumented `jtx` with several jobs (JTX_BUILD_DIR points at it, so a data race in the binary
# fails them): the shipped scenarios (identical results for 1, 2 and 4 jobs), sweeps (jobs,
# shards, merging, resuming) and the reliability tests. The kernel, distribution, scenario-reader
# and other model suites are single-threaded; under ThreadSanitizer they only cost time.
#
# AddressSanitizer runs every in-process suite (kernel, distributions, scenario reader, model,
# experiments) and the same command-line suites.
#
# Not run instrumented, because they would take too long and have no threads of their own (they
# run in `make test`): the kill-and-resume tests (sixty runs killed and resumed), the malformed
# corpus, the benchmark contracts, and the timing test of documents at the size limits, whose
# bounds are for uninstrumented builds. A sanitizer report fails the run (halt_on_error).
set -euo pipefail
cd "$(dirname "$0")/.."
swift="${SWIFT:-swift}"
sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(thread)
cli='CommandLineTests\.(ShippedScenarioTests|SweepCommandTests|ReliabilityTests)'
threaded="ExperimentsTests|ExerciseModelTests\.SummaryTests|$cli"
everything="StochasticsTests|SimKernelTests|ScenarioFormatTests|ExerciseModelTests|ExperimentsTests|$cli"
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:${TSAN_OPTIONS:-}"
export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:${ASAN_OPTIONS:-}"
for sanitizer in "${sanitizers[@]}"; do
  case "$sanitizer" in
    thread) scratch=.build-tsan; filter="$threaded" ;;
    address) scratch=.build-asan; filter="$everything" ;;
    *) echo "error: unknown sanitizer '$sanitizer' (thread or address)" >&2; exit 64 ;;
  esac
  start=$(date +%s)
  echo "test-sanitize: building with --sanitize=$sanitizer in $scratch"
  "$swift" build --build-tests --sanitize="$sanitizer" --scratch-path "$scratch"
  built=$(date +%s)
  # The instrumented jtx for the command-line suites; its release twin is not built here, so
  # the suites that prefer a release binary use this one (JTX_RELEASE_DIR too).
  dir="$(cd "$scratch/debug" && pwd)"
  JTX_BUILD_DIR="$dir" JTX_RELEASE_DIR="$dir" \
    "$swift" test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" --filter "^($filter)" \
      --skip 'documentsAtTheLimitsAreHandledInBoundedTime' 
  echo "test-sanitize: $sanitizer clean (build $((built - start)) s, tests $(( $(date +%s) - built )) s)"
done
