#!/usr/bin/env bash
# make test-slurm: a sweep run as a Slurm job array on a real (single-node) Slurm gives results
# byte-identical to a local jtx sweep, also after a task is cancelled and resubmitted.
#
#   JTX=.build/release/jtx scripts/test-slurm.sh
#
# 1. brings Slurm up with scripts/slurm-local.sh (and down at the end, if it was not up before);
# 2. runs the example sweep (scenarios/sweeps/grey-heron-sweep.yaml, copied with its scenario's
#    absolute path; JTX_SLURM_TEST_REPLICATIONS lowers its replications) locally with jtx sweep;
# 3. submits it as an array of 4 tasks with jtx slurm submit, waits for the merge job by polling
#    squeue, and compares the merged files with the local ones byte for byte, and every shard's
#    point files with the local run's;
# 4. submits it again held (sbatch --hold), cancels array task 3 with scancel JOB_3 while it is
#    pending, releases the rest, checks that jtx slurm status reports shard 3 missing, runs
#    jtx slurm resubmit, waits for the new merge job and compares again.
# Prints the wall times of the local run and of each Slurm run. JTX_SLURM_TEST_KEEP=1 keeps the
# work folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

JTX=${JTX:-.build/release/jtx}
[[ -x $JTX ]] || { echo "test-slurm: error: $JTX is not an executable: build it (swift build -c release) or set JTX" >&2; exit 1; }
JTX=$(cd "$(dirname "$JTX")" && pwd)/$(basename "$JTX")
TASKS=4
WORK=$(mktemp -d "${TMPDIR:-/tmp}/jtx-test-slurm.XXXXXX")
TEST_START=$(date +%s.%N)
STARTED_SLURM=0
FAILURES=0
PASSED=0

log() { echo "test-slurm: $*"; }
fail() { echo "test-slurm: FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
# check MESSAGE COMMAND…: counts a passed check when COMMAND succeeds, a failure (MESSAGE) otherwise.
check() {
  local message=$1
  shift
  if "$@"; then PASSED=$((PASSED + 1)); else fail "$message"; fi
}
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

cleanup() {
  local status=$?
  if ((status != 0 || FAILURES != 0)); then
    for f in "$WORK"/run*/slurm/logs/*.out; do [[ -f $f ]] && { echo "--- $f"; tail -n 5 "$f"; }; done >&2 || true
  fi
  if ((STARTED_SLURM)); then scripts/slurm-local.sh down || true; fi
  if [[ ${JTX_SLURM_TEST_KEEP:-0} == 1 ]]; then log "kept $WORK"; else rm -rf "$WORK"; fi
  exit "$status"
}
trap cleanup EXIT

# The value of KEY (array_job, merge_job) in the last submission of folder $1's jobs.json.
job_id() {
  python3 - "$1/slurm/jobs.json" "$2" <<'EOF'
import json, sys
jobs = json.load(open(sys.argv[1]))
print(jobs["submissions"][-1][sys.argv[2]])
EOF
}

# Waits until job $1 has left the queue (at most $2 seconds); fails at once when it can never
# start (a task it depends on failed).
wait_for_job() {
  local deadline=$(($(date +%s) + $2)) reason
  while reason=$(squeue -h -j "$1" -o %r 2>/dev/null) && [[ -n $reason ]]; do
    [[ $reason != DependencyNeverSatisfied ]] || { fail "job $1 can never start: a task it depends on failed"; return 1; }
    (($(date +%s) < deadline)) || { fail "job $1 still queued after $2 s"; squeue >&2; return 1; }
    sleep 0.2
  done
}

# Compares the merged results of submission folder $1 with the local run, and each shard's
# point files with the local run's point files.
compare() {
  local run=$1 file point shard name compared=0
  for file in points.csv replications.csv sweep.json; do
    if cmp -s "$WORK/local/$file" "$run/merged/$file"; then compared=$((compared + 1)); else fail "$run/merged/$file differs from the local run's"; fi
  done
  extra=$(cd "$run/merged" && ls -A | grep -vxE 'points.csv|replications.csv|sweep.json' || true)
  check "$run/merged has unexpected files: $extra" test -z "$extra"
  for ((shard = 1; shard <= TASKS; shard++)); do
    for point in "$run/shards/$shard/points/"*; do
      name=$(basename "$point")
      if cmp -s "$point" "$WORK/local/points/$name"; then compared=$((compared + 1)); else fail "$point differs from the local run's"; fi
    done
  done
  local expected=$((3 + $(ls "$WORK/local/points" | wc -l)))
  check "$run: compared $compared files byte for byte, expected $expected" test "$compared" -eq "$expected"
  log "$run: $compared files byte-identical to the local run (points.csv, replications.csv, sweep.json and every point file)"
}

# --- Slurm up ------------------------------------------------------------------------------
if ! scripts/slurm-local.sh status >/dev/null 2>&1; then STARTED_SLURM=1; fi
eval "$(scripts/slurm-local.sh up)"
log "Slurm up (SLURM_CONF=$SLURM_CONF)"

# --- the sweep, locally --------------------------------------------------------------------
SWEEP=$WORK/grey-heron-sweep.yaml
sed -e "s|^  scenario: ../grey-heron.yaml|  scenario: $ROOT/scenarios/grey-heron.yaml|" scenarios/sweeps/grey-heron-sweep.yaml >"$SWEEP"
if [[ -n ${JTX_SLURM_TEST_REPLICATIONS:-} ]]; then
  sed -i -e "s|^  replications: [0-9]*|  replications: $JTX_SLURM_TEST_REPLICATIONS|" "$SWEEP"
fi
grep -q "scenario: $ROOT/scenarios/grey-heron.yaml" "$SWEEP" || { fail "could not point the sweep copy at the scenario"; exit 1; }
log "sweep: 32 points x $(awk '/^  replications:/ { print $2 }' "$SWEEP") replications, $TASKS tasks, jtx $("$JTX" --version)"

start=$(now)
"$JTX" sweep "$SWEEP" --jobs 2 --out "$WORK/local" --quiet >/dev/null
LOCAL_TIME=$(since "$start")
log "local jtx sweep --jobs 2: ${LOCAL_TIME} s"

# --- 1. an array of 4 tasks and the merge job ------------------------------------------------
start=$(now)
"$JTX" slurm submit "$SWEEP" --out "$WORK/run1" --tasks $TASKS --cpus-per-task 1 --time 30
wait_for_job "$(job_id "$WORK/run1" merge_job)" 600
RUN1_TIME=$(since "$start")
log "Slurm run (submit to merged): ${RUN1_TIME} s"
"$JTX" slurm status "$WORK/run1" | tee "$WORK/status1.txt"
check "jtx slurm status does not report every shard done" grep -q "^$TASKS shards: $TASKS done$" "$WORK/status1.txt"
check "jtx slurm status does not report the merge done" grep -qE '^  merge +done' "$WORK/status1.txt"
compare "$WORK/run1"

# --- 2. one task cancelled while pending, then resubmitted ----------------------------------
start=$(now)
# Submitted held (an sbatch on PATH that adds --hold), so that task 3 cannot start before it is cancelled.
mkdir -p "$WORK/held-bin"
printf '#!/bin/sh\nexec %s --hold "$@"\n' "$(command -v sbatch)" >"$WORK/held-bin/sbatch"
chmod +x "$WORK/held-bin/sbatch"
PATH="$WORK/held-bin:$PATH" "$JTX" slurm submit "$SWEEP" --out "$WORK/run2" --tasks $TASKS --cpus-per-task 1 --time 30
ARRAY=$(job_id "$WORK/run2" array_job)
MERGE=$(job_id "$WORK/run2" merge_job)
log "scancel ${ARRAY}_3 (held, so it has not started)"
scancel "${ARRAY}_3"
scontrol release "$ARRAY"
scontrol release "$MERGE"
wait_for_array() {
  local deadline=$(($(date +%s) + 600))
  while squeue -h -r -j "$1" -o '%i' 2>/dev/null | grep -q "^$1_"; do
    (($(date +%s) < deadline)) || { fail "array $1 still queued after 600 s"; return 1; }
    sleep 0.2
  done
}
wait_for_array "$ARRAY"
"$JTX" slurm status "$WORK/run2" | tee "$WORK/status2.txt"
check "jtx slurm status does not report shard 3 missing" grep -qE '^  shard 3  missing ' "$WORK/status2.txt"
check "jtx slurm status does not report shards 1, 2 and 4 done" test "$(grep -cE '^  shard [124]  done ' "$WORK/status2.txt")" -eq 3
state=$("$JTX" slurm status "$WORK/run2" --format json | python3 -c 'import json, sys; print(json.load(sys.stdin)["shards"][2]["state"])')
check "jtx slurm status --format json gives shard 3 as '$state', not missing" test "$state" = missing
check "the merge ran although shard 3 was cancelled" test ! -e "$WORK/run2/merged/sweep.json"

"$JTX" slurm resubmit "$WORK/run2" | tee "$WORK/resubmit.txt"
check "jtx slurm resubmit did not submit shard 3 alone" grep -q "for shard 3 and merge job" "$WORK/resubmit.txt"
check "jtx slurm resubmit did not cancel the old merge job $MERGE" grep -q "Cancelled the waiting merge job $MERGE" "$WORK/resubmit.txt"
wait_for_job "$(job_id "$WORK/run2" merge_job)" 600
RUN2_TIME=$(since "$start")
"$JTX" slurm status "$WORK/run2" | tee "$WORK/status3.txt"
check "after resubmit, jtx slurm status does not report every shard done" grep -q "^$TASKS shards: $TASKS done$" "$WORK/status3.txt"
compare "$WORK/run2"
"$JTX" slurm resubmit "$WORK/run2" | tee "$WORK/resubmit2.txt"
check "a second resubmit found something to do" grep -q "^Nothing to resubmit" "$WORK/resubmit2.txt"

log "wall times: local jtx sweep ${LOCAL_TIME} s; Slurm array of $TASKS + merge ${RUN1_TIME} s; with a cancelled task and resubmit ${RUN2_TIME} s; whole test $(since "$TEST_START") s"
echo "test-slurm: $PASSED passed, $FAILURES failed"
((FAILURES == 0))
