#!/usr/bin/env bash
# Builds the libFuzzer target of the scenario reader (Fuzz/ScenarioFuzzer.swift) with
# AddressSanitizer and runs it for a given time (`make fuzz FUZZ_SECONDS=N` calls this).
#
#   scripts/fuzz.sh [SECONDS]          default 60
#
# The package's modules are built optimised with coverage instrumentation (-sanitize=fuzzer)
# and AddressSanitizer into .build-fuzz (only ScenarioFormat and what it depends on: no
# executable, whose `main` would clash with libFuzzer's), then the harness is compiled and
# linked against their objects. The
# working corpus (.build-fuzz/corpus) starts from the shipped scenarios, sweep files and MSEL,
# and the valid test fixtures; it grows across runs. A crash, a sanitizer report, a timeout
# (10 s per input) or more than 2 GiB of memory stops the run with the input saved under
# .build-fuzz/artifacts/; add it to Tests/Fixtures/fuzz-regressions/ and fix the bug.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
swift="${SWIFT:-swift}"
scratch=.build-fuzz
# Optimised (many times more inputs per second than a debug build), with -enable-testing so
# that the harness reaches the MSEL importer directly. Overflow and bounds checks stay on in
# optimised Swift, so traps are still found.
flags=(-Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xcc -fsanitize=fuzzer-no-link,address)

"$swift" build -c release --scratch-path "$scratch" --target ScenarioFormat "${flags[@]}"
bin="$scratch/release"
# Every object built for ScenarioFormat and its dependencies (C objects sit in subfolders).
modules=(); objects=()
for folder in "$bin"/*.build; do
  mapfile -t found < <(find "$folder" -name '*.o' | sort)
  [ ${#found[@]} -eq 0 ] && continue
  objects+=("${found[@]}")
  modules+=("$(basename "$folder" .build)")
done
maps=()
for map in $(find "$scratch/checkouts" Sources -name module.modulemap); do maps+=(-Xcc "-fmodule-map-file=$map"); done
includes=()
for dir in $(find "$scratch/checkouts" -path '*/include' -type d); do includes+=(-Xcc -I -Xcc "$dir"); done
swiftc=$(dirname "$(command -v "$swift")")/swiftc
"$swiftc" -g -O -parse-as-library -sanitize=fuzzer,address -module-name ScenarioFuzzer -swift-version 6 \
  -I "$bin/Modules" "${maps[@]}" "${includes[@]}" \
  Fuzz/ScenarioFuzzer.swift "${objects[@]}" $(pkg-config --libs gsl) -o "$scratch/jtx-fuzz"

corpus="$scratch/corpus"; seeds="$scratch/seeds"; artifacts="$scratch/artifacts"
mkdir -p "$corpus" "$seeds" "$artifacts"
cp scenarios/*.yaml scenarios/sweeps/*.yaml scenarios/msel/*.csv Tests/Fixtures/scenarios-valid/*.yaml "$seeds"/ 2>/dev/null || true
echo "fuzz: running $scratch/jtx-fuzz for $seconds s (modules: ${modules[*]})"
# -max_len: scenario files are small; longer inputs only slow the search.
# -rss_limit_mb / -timeout: memory and time per input count as failures.
# -detect_leaks=0 and a short malloc context: leak checks after every input (the Swift runtime's
# caches look like leaks) and full allocation stacks cost most of the time; memory errors are
# still reported with the stack of the bad access.
export ASAN_OPTIONS="malloc_context_size=5:detect_leaks=0:${ASAN_OPTIONS:-}"
set +e
"$scratch/jtx-fuzz" "$corpus" "$seeds" -dict=Fuzz/scenario.dict -max_total_time="$seconds" -max_len=65536 \
  -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 -artifact_prefix="$artifacts/" -print_final_stats=1 2>&1 \
  | tee "$scratch/last-run.log"
status=${PIPESTATUS[0]}
set -e
echo "fuzz: exit $status; $(grep -c . <(ls "$corpus")) inputs in the corpus; last status line:"
grep -E '^#[0-9]+' "$scratch/last-run.log" | tail -1 || true
exit "$status"
