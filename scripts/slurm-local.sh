#!/usr/bin/env bash
# A single-node Slurm on this machine, for tests: scripts/slurm-local.sh up|down|status
#
#   eval "$(scripts/slurm-local.sh up)"    # starts munged, slurmctld, slurmd; prints export SLURM_CONF=…
#   scripts/slurm-local.sh status          # which of its daemons run, and the node's state
#   scripts/slurm-local.sh down            # stops the daemons it started (by their pid files)
#
# Everything lives in one state folder, $JTX_SLURM_DIR (default /tmp/jtx-slurm): slurm.conf, the
# munge key and socket, pid files, logs, the controller's state, the spool and the job
# completion file (jobcomp.txt, a line per finished job or array task: without slurmdbd there
# is no sacct). `up` and `down` are idempotent, and `down` stops only the processes named by
# its own pid files (checked against the daemon's name, so a reused pid is never signalled).
# `up` installs slurm-wlm and munge with apt-get when they are missing (as root), and starts a
# fresh cluster (an empty controller state, job ids from 1) when its daemons are not running.
# Runs as root: slurmd must be able to start jobs as the submitting user. The daemons listen
# on ports 6817 (slurmctld) and 6818 (slurmd); see ../shared/slurm.md for the background.
set -euo pipefail

STATE=${JTX_SLURM_DIR:-/tmp/jtx-slurm}
HOST=$(hostname -s)
CONF=$STATE/slurm.conf
MUNGE_DIR=$STATE/munge          # key, pid, log, seed: 0700
SOCKET_DIR=$STATE/munge-socket  # the socket: 0755, or munged refuses to start
SOCKET=$SOCKET_DIR/munge.socket.2
DAEMONS=(munged slurmctld slurmd)

say() { echo "slurm-local: $*" >&2; }
die() { echo "slurm-local: error: $*" >&2; exit 1; }

pid_file() {
  case $1 in
    munged) echo "$MUNGE_DIR/munged.pid" ;;
    *) echo "$STATE/$1.pid" ;;
  esac
}

# The pid of daemon $1 when it runs (its pid file names a live process of that name), else nothing.
running_pid() {
  local file pid
  file=$(pid_file "$1")
  [[ -s $file ]] || return 1
  pid=$(tr -dc '0-9' <"$file")
  [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$1" ]] || return 1
  echo "$pid"
}

install_packages() {
  local missing=()
  command -v munged >/dev/null 2>&1 || missing+=(munge)
  command -v slurmctld >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1 && command -v sbatch >/dev/null 2>&1 || missing+=(slurm-wlm)
  ((${#missing[@]} == 0)) && return 0
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1 \
    || die "missing ${missing[*]}: as root run apt-get install ${missing[*]}"
  say "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
}

write_conf() {
  cat >"$CONF" <<EOF
# Written by scripts/slurm-local.sh: a single-node Slurm for tests.
ClusterName=jtx-local
SlurmctldHost=$HOST
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$SOCKET
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/slurmctld.log
SlurmdLogFile=$STATE/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/filetxt
JobCompLoc=$STATE/jobcomp.txt
MinJobAge=3600
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=100000
NodeName=$HOST CPUs=$(nproc) State=UNKNOWN
PartitionName=jtx Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munged() {
  running_pid munged >/dev/null && return 0
  mkdir -p "$MUNGE_DIR" "$SOCKET_DIR"
  chmod 0700 "$MUNGE_DIR"
  chmod 0755 "$SOCKET_DIR"
  if [[ ! -s $MUNGE_DIR/munge.key ]]; then
    if command -v mungekey >/dev/null 2>&1; then
      mungekey --create --keyfile="$MUNGE_DIR/munge.key" >/dev/null
    else
      dd if=/dev/urandom of="$MUNGE_DIR/munge.key" bs=1024 count=1 status=none
    fi
  fi
  chmod 0400 "$MUNGE_DIR/munge.key"
  rm -f "$SOCKET" "$SOCKET.lock"
  munged --force --key-file="$MUNGE_DIR/munge.key" --socket="$SOCKET" --pid-file="$MUNGE_DIR/munged.pid" \
    --log-file="$MUNGE_DIR/munged.log" --seed-file="$MUNGE_DIR/munged.seed" \
    || die "munged did not start; see $MUNGE_DIR/munged.log"
}

start_slurmctld() {
  running_pid slurmctld >/dev/null && return 0
  # A fresh controller: no state from an earlier cluster, job ids from 1, an empty jobcomp file.
  rm -rf "$STATE/ctld" "$STATE/jobcomp.txt"
  mkdir -p "$STATE/ctld"
  slurmctld -f "$CONF" -c || die "slurmctld did not start; see $STATE/slurmctld.log"
}

start_slurmd() {
  running_pid slurmd >/dev/null && return 0
  rm -rf "$STATE/spool"
  mkdir -p "$STATE/spool"
  slurmd -f "$CONF" || die "slurmd did not start; see $STATE/slurmd.log"
}

wait_for_pid_file() {
  local i
  for ((i = 0; i < 100; i++)); do
    running_pid "$1" >/dev/null && return 0
    sleep 0.1
  done
  die "$1 did not write its pid file $(pid_file "$1")"
}

# Waits until the node takes jobs (idle, mixed or allocated), at most 30 s.
wait_for_node() {
  local i node
  for ((i = 0; i < 150; i++)); do
    node=$(SLURM_CONF=$CONF sinfo -h -n "$HOST" -o %t 2>/dev/null | head -n 1 || true)
    case $node in
      idle | mix | alloc | comp) return 0 ;;
      down* | drain* | fail*) SLURM_CONF=$CONF scontrol update NodeName="$HOST" State=RESUME >/dev/null 2>&1 || true ;;
    esac
    sleep 0.2
  done
  die "node $HOST is not up (state '${node:-unknown}'); see $STATE/slurmctld.log and $STATE/slurmd.log"
}

up() {
  install_packages
  mkdir -p "$STATE"
  if ! running_pid slurmctld >/dev/null && ! running_pid slurmd >/dev/null; then write_conf; fi
  [[ -s $CONF ]] || write_conf
  start_munged
  wait_for_pid_file munged
  start_slurmctld
  wait_for_pid_file slurmctld
  start_slurmd
  wait_for_pid_file slurmd
  wait_for_node
  say "up: munged $(running_pid munged), slurmctld $(running_pid slurmctld), slurmd $(running_pid slurmd); state in $STATE"
  echo "export SLURM_CONF=$CONF"
}

down() {
  local daemon pid i
  for daemon in slurmd slurmctld munged; do
    pid=$(running_pid "$daemon") || { rm -f "$(pid_file "$daemon")"; continue; }
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      say "$daemon ($pid) did not stop in 10 s; killing it"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$(pid_file "$daemon")"
    say "stopped $daemon ($pid)"
  done
}

status() {
  local daemon pid all=0
  for daemon in "${DAEMONS[@]}"; do
    if pid=$(running_pid "$daemon"); then
      echo "$daemon: running ($pid)"
    else
      echo "$daemon: stopped"
      all=1
    fi
  done
  if ((all == 0)); then
    echo "node $HOST: $(SLURM_CONF=$CONF sinfo -h -n "$HOST" -o %t 2>/dev/null || echo unknown)"
    echo "export SLURM_CONF=$CONF"
  fi
  return $all
}

case ${1:-} in
  up) up ;;
  down) down ;;
  status) status ;;
  *) echo "usage: $0 up|down|status   (state folder: \$JTX_SLURM_DIR, default /tmp/jtx-slurm)" >&2; exit 64 ;;
esac
