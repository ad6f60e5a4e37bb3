#!/usr/bin/env bash
# Runs the test suites under Swift's sanitizers (`make test-sanitize` calls this).
#
#   scripts/test-sanitize.sh [thread] [address]      default: thread
#
# Each sanitizer gets its own build folder (.build-tsan, .build-asan) with the package and its
# tests instrumented. The in-process suites run whole: the kernel, distributions, the scenario
# reader, the model and the experiments, where the parallel replications, the ordered hand-over
# between worker threads and the consumer, and the sweep runner live. Of the command-line
# suites, those that exercise threads inside the built `jtx` run too, against the instrumented
# `jtx` (JTX_BUILD_DIR points at it), so a data race in the binary fails them: the shipped
# scenarios (runs with several jobs, identical for any number of jobs), sweeps (parallel points'
# replications, shards, merging) and the reliability tests (but not the timing test of documents
# at the size limits, whose bounds are for uninstrumented builds). The other command-line suites
# only start processes and compare text, and the kill-and-resume tests (sixty runs killed and
# resumed), the malformed corpus and the benchmark contracts would take too long instrumented;
# they run in `make test`.
# A sanitizer report fails the run (halt_on_error / exit codes below).
set -euo pipefail
cd "$(dirname "$0")/.."
swift="${SWIFT:-swift}"
sanitizers=("$@")
[ ${#sanitizers[@]} -eq 0 ] && sanitizers=(thread)
suites='StochasticsTests|SimKernelTests|ScenarioFormatTests|ExerciseModelTests|ExperimentsTests'
cli='CommandLineTests\.(ShippedScenarioTests|SweepCommandTests|ReliabilityTests)'
export TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:${TSAN_OPTIONS:-}"
export ASAN_OPTIONS="detect_leaks=0:halt_on_error=1:${ASAN_OPTIONS:-}"
for sanitizer in "${sanitizers[@]}"; do
  case "$sanitizer" in
    thread) scratch=.build-tsan ;;
    address) scratch=.build-asan ;;
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
    "$swift" test --skip-build --sanitize="$sanitizer" --scratch-path "$scratch" --filter "^($suites|$cli)" \
      --skip 'documentsAtTheLimitsAreHandledInBoundedTime' 
  echo "test-sanitize: $sanitizer clean (build $((built - start)) s, tests $(( $(date +%s) - built )) s)"
done
