#!/usr/bin/env python3
"""The `make bench` driver: jtx's kernel against its C + GSL and SimPy peers.

Runs the two reference models of shared/performance.md ("mmc" and "relay") with
each implementation, `--repeats` times, interleaved so that drift in the machine
hits every implementation alike. Prints a table of median logical events per
second, ratios, peak memory and the statistical estimates against their exact
values, then the target check lines, and writes every run as JSON to `--out`.

Every implementation is a program with the same CLI and output:

    PROGRAM mmc   --customers N --seed S
    PROGRAM relay --messages  N --seed S

printing one JSON object on one line with at least "events", "seconds",
"events_per_second" and "wq" (and "e2e", "visits" for relay).

Python standard library only: SimPy is installed into bench/.venv, not here.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
BUILD_DIR = BENCH_DIR / ".build"
VENV_DIR = BENCH_DIR / ".venv"
C_SOURCE = BENCH_DIR / "peers" / "c" / "mmc_relay.c"
PEAK_RSS_SOURCE = BENCH_DIR / "tools" / "peak_rss.c"
SIMPY_SCRIPT = BENCH_DIR / "peers" / "simpy" / "mmc_relay.py"
SIMPY_REQUIREMENT = "simpy==4.1.2"  # the version shared/performance.md measured

MODELS = ("mmc", "relay")
JTX, C, SIMPY = "jtx", "c-gsl", "simpy"
IMPLS = (JTX, C, SIMPY)

# Exact values (Erlang C for mmc; product form for relay), shared/performance.md.
EXACT = {
    "mmc": {"wq": 1.969383},
    "relay": {"wq": 2.3652, "e2e": 22.653, "visits": 4.686},
}
# Fewer customers or messages than this leave nothing measured after warm-up.
WARMUP = {"mmc": 10_000, "relay": 5_000}
# Ratio targets: (numerator, denominator, minimum).
TARGETS = ((JTX, C, 0.5), (JTX, SIMPY, 50.0))
# Repeats whose events/s spread wider than this (max - min, over the median) get a note.
NOISY_SPREAD = 0.25
REQUIRED_KEYS = {
    "mmc": ("events", "seconds", "events_per_second", "wq"),
    "relay": ("events", "seconds", "events_per_second", "wq", "e2e", "visits"),
}


class BenchError(Exception):
    """A failure that stops the benchmark, with a message for the user."""


def log(message):
    print(message, file=sys.stderr, flush=True)


def capture(cmd, **kwargs):
    """Runs a set-up command; returns its stdout, or raises BenchError with its output."""
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    except OSError as error:
        raise BenchError(f"cannot run {shlex.join(map(str, cmd))}: {error}") from None
    if done.returncode != 0:
        raise BenchError(
            f"{shlex.join(map(str, cmd))} exited with status {done.returncode}:\n"
            f"{done.stdout}{done.stderr}".rstrip()
        )
    return done.stdout


# ---------------------------------------------------------------- preparation


def build_c_programs():
    """Compiles the C peer and the peak_rss launcher into bench/.build/ with -O2.

    Returns the paths of (the C peer, peak_rss).
    """
    cc = os.environ.get("CC", "cc")
    gsl_flags = shlex.split(capture(["pkg-config", "--cflags", "--libs", "gsl"]))
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    peer, launcher = BUILD_DIR / "mmc_relay", BUILD_DIR / "peak_rss"
    log(f"bench: compiling {C_SOURCE.relative_to(ROOT)} with {cc} -O2")
    capture([cc, "-O2", "-o", str(peer), str(C_SOURCE), *gsl_flags])
    capture([cc, "-O2", "-o", str(launcher), str(PEAK_RSS_SOURCE)])
    return peer, launcher


def ensure_simpy():
    """Makes bench/.venv with SimPy in it; returns (its python, SimPy's version)."""
    python = VENV_DIR / "bin" / "python"
    if not python.exists():
        log(f"bench: creating {VENV_DIR.relative_to(ROOT)}")
        capture([sys.executable, "-m", "venv", str(VENV_DIR)])
    probe = [str(python), "-c", "import simpy; print(simpy.__version__)"]
    if subprocess.run(probe, capture_output=True).returncode != 0:
        log(f"bench: installing {SIMPY_REQUIREMENT} into {VENV_DIR.relative_to(ROOT)}")
        capture([str(python), "-m", "pip", "install", "--quiet", SIMPY_REQUIREMENT])
    return python, capture(probe).strip()


def machine_info():
    def first_line(cmd):
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        except OSError:
            return None
        return out.stdout.strip().splitlines()[0] if out.returncode == 0 and out.stdout else None

    cpu_model = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model,
        "uname": platform.uname()._asdict(),
        "python": platform.python_version(),
        "cc": first_line([os.environ.get("CC", "cc"), "--version"]),
        "gsl": first_line(["pkg-config", "--modversion", "gsl"]),
        "git_commit": first_line(["git", "rev-parse", "HEAD"]),
    }


# --------------------------------------------------------------------- running


def run_child(launcher, cmd, model, impl):
    """Runs one benchmark program; returns its JSON result plus its peak RSS.

    The program runs under the peak_rss launcher (see bench/tools/peak_rss.c):
    ru_maxrss from os.wait4 on a direct child of this Python process would
    include this process's own high-water mark, carried over by execve.
    """
    with tempfile.TemporaryFile() as stderr, tempfile.TemporaryDirectory() as scratch:
        rss_file = Path(scratch) / "rss"
        try:
            child = subprocess.Popen([str(launcher), str(rss_file), *cmd],
                                     stdout=subprocess.PIPE, stderr=stderr)
        except OSError as error:
            raise BenchError(f"{impl} {model}: cannot run {launcher}: {error}") from None
        with child.stdout:
            stdout = child.stdout.read().decode(errors="replace")
        _, status, _ = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped: tell Popen
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace").strip()
        try:
            maxrss_kb, raw_status = map(int, rss_file.read_text().split())
            child.returncode = os.waitstatus_to_exitcode(raw_status)  # the program's own
        except (OSError, ValueError):
            maxrss_kb = None  # the launcher failed: its exit status says so

    if child.returncode != 0:
        why = (
            f"was killed by signal {-child.returncode}"
            if child.returncode < 0
            else f"exited with status {child.returncode}"
        )
        raise BenchError(f"{impl} {model}: {shlex.join(cmd)} {why}" + (f":\n{errors}" if errors else ""))
    if maxrss_kb is None:
        raise BenchError(f"{impl} {model}: the peak_rss launcher left no measurement")
    lines = [line for line in stdout.splitlines() if line.strip()]
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        raise BenchError(
            f"{impl} {model}: {shlex.join(cmd)} did not print a JSON object on its last line; "
            f"it printed:\n{stdout.strip() or '(nothing)'}"
        ) from None
    if not isinstance(result, dict):
        raise BenchError(f"{impl} {model}: expected a JSON object, got {lines[-1]}")
    missing = [key for key in REQUIRED_KEYS[model] if not isinstance(result.get(key), (int, float))]
    if missing:
        raise BenchError(f"{impl} {model}: output lacks numeric {', '.join(missing)}: {lines[-1]}")
    if result.get("model", model) != model:
        raise BenchError(f"{impl} {model}: output is for model {result['model']!r}: {lines[-1]}")
    if result["events"] <= 0 or result["seconds"] <= 0:
        raise BenchError(f"{impl} {model}: no events or no time measured: {lines[-1]}")
    result.setdefault("impl", JTX)  # jtx-bench may leave it out
    result["peak_rss_kb"] = maxrss_kb  # kilobytes on Linux
    return result


def summarize(runs, models):
    """Medians and means per (model, implementation), with ratios and errors."""
    summary = {}
    for model in models:
        rows = {}
        for impl in IMPLS:
            mine = [run for run in runs if run["model"] == model and run["impl_key"] == impl]
            row = {
                "runs": len(mine),
                "events_per_second_median": statistics.median(r["events_per_second"] for r in mine),
                "events_per_second_min": min(r["events_per_second"] for r in mine),
                "events_per_second_max": max(r["events_per_second"] for r in mine),
                "seconds_median": statistics.median(r["seconds"] for r in mine),
                "events_median": statistics.median(r["events"] for r in mine),
                "peak_rss_mb_max": max(r["peak_rss_kb"] for r in mine) / 1024,
            }
            # Estimates: the mean over repeats (different seeds), against exact values.
            for key, exact in EXACT[model].items():
                estimate = statistics.fmean(r[key] for r in mine)
                row[key] = estimate
                row[f"{key}_exact"] = exact
                row[f"{key}_rel_error"] = (estimate - exact) / exact
            rows[impl] = row
        for row in rows.values():
            for base in (C, SIMPY):
                row[f"ratio_to_{base}"] = (
                    row["events_per_second_median"] / rows[base]["events_per_second_median"]
                )
        summary[model] = rows
    return summary


# -------------------------------------------------------------------- printing


def rate(value):
    if value >= 1e6:
        return f"{value / 1e6:.2f} M"
    if value >= 1e3:
        return f"{value / 1e3:.1f} k"
    return f"{value:.0f}"


def print_table(summary):
    header = (
        "model", "impl", "events/s (median)", "x C", "x SimPy", "peak RSS MB",
        "wq", "exact", "rel.err", "e2e", "exact", "rel.err",
    )
    lines = [header]
    for model, rows in summary.items():
        for impl, row in rows.items():
            line = [
                model, impl, rate(row["events_per_second_median"]),
                f"{row['ratio_to_' + C]:.3f}", f"{row['ratio_to_' + SIMPY]:.1f}",
                f"{row['peak_rss_mb_max']:.1f}",
                f"{row['wq']:.4f}", f"{row['wq_exact']:g}", f"{row['wq_rel_error']:+.2%}",
            ]
            if "e2e" in row:
                line += [f"{row['e2e']:.3f}", f"{row['e2e_exact']:g}", f"{row['e2e_rel_error']:+.2%}"]
            else:
                line += ["-", "-", "-"]
            lines.append(tuple(line))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        cells = [cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))]
        print("  ".join(cells).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def noise_notes(summary):
    """Warnings for rows whose repeats disagree: a busy machine skews the ratios."""
    notes = []
    for model, rows in summary.items():
        for impl, row in rows.items():
            median = row["events_per_second_median"]
            spread = (row["events_per_second_max"] - row["events_per_second_min"]) / median
            if spread > NOISY_SPREAD:
                notes.append(
                    f"note: {model} {impl} events/s ranged from {rate(row['events_per_second_min'])} "
                    f"to {rate(row['events_per_second_max'])} over the repeats ({spread:.0%} of the median)"
                )
    if notes:
        notes.append("note: the machine may be busy; rerun when idle, or with more --repeats")
    return notes


def target_checks(summary):
    checks = []
    for model, rows in summary.items():
        for num, den, minimum in TARGETS:
            ratio = rows[num][f"ratio_to_{den}"]
            label = {C: "C", SIMPY: "SimPy"}[den]
            checks.append({
                "model": model, "numerator": num, "denominator": den,
                "ratio": ratio, "target": minimum, "met": ratio >= minimum,
                "line": f"jtx/{label} ratio {model}: {ratio:.2f} (target >= {minimum:g})",
            })
    return checks


def write_json(path, document):
    """Writes atomically: a temporary file in the same folder, then os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w") as out:
            json.dump(document, out, indent=2)
            out.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ------------------------------------------------------------------------ main


def parse_args(argv):
    def count(minimum):
        def parse(text):
            try:
                value = int(text.replace("_", "").replace(",", ""))
            except ValueError:
                raise argparse.ArgumentTypeError(f"not an integer: {text!r}") from None
            if value < minimum:
                raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
            return value
        return parse

    parser = argparse.ArgumentParser(
        description="Benchmark jtx's kernel against C + GSL and SimPy (see bench/README.md)."
    )
    parser.add_argument("--jtx-bench", type=Path, default=ROOT / ".build" / "release" / "jtx-bench",
                        help="the jtx-bench executable (default: .build/release/jtx-bench)")
    # Customers must outnumber the warm-up, or nothing is measured.
    parser.add_argument("--customers", type=count(WARMUP["mmc"] + 1), default=2_000_000,
                        help="mmc customers for jtx and C (default: 2,000,000)")
    parser.add_argument("--messages", type=count(WARMUP["relay"] + 1), default=400_000,
                        help="relay messages for jtx and C (default: 400,000)")
    parser.add_argument("--simpy-customers", type=count(WARMUP["mmc"] + 1), default=200_000,
                        help="mmc customers for SimPy (default: 200,000)")
    parser.add_argument("--simpy-messages", type=count(WARMUP["relay"] + 1), default=40_000,
                        help="relay messages for SimPy (default: 40,000)")
    parser.add_argument("--repeats", type=count(1), default=3,
                        help="runs of each implementation on each model (default: 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "bench" / "kernel.json",
                        help="where to write the JSON results (default: results/bench/kernel.json)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    load_at_start = os.getloadavg()
    jtx_bench = args.jtx_bench.resolve()
    if not (jtx_bench.is_file() and os.access(jtx_bench, os.X_OK)):
        raise BenchError(
            f"no jtx-bench executable at {args.jtx_bench}: build it with "
            "`swift build -c release --product jtx-bench`, or pass --jtx-bench PATH"
        )
    if shutil.which("pkg-config") is None:
        raise BenchError("pkg-config not found: install pkg-config and libgsl-dev")

    c_binary, launcher = build_c_programs()
    python, simpy_version = ensure_simpy()
    programs = {JTX: [str(jtx_bench)], C: [str(c_binary)], SIMPY: [str(python), str(SIMPY_SCRIPT)]}
    sizes = {
        JTX: {"mmc": args.customers, "relay": args.messages},
        C: {"mmc": args.customers, "relay": args.messages},
        SIMPY: {"mmc": args.simpy_customers, "relay": args.simpy_messages},
    }
    count_option = {"mmc": "--customers", "relay": "--messages"}

    runs = []
    total = args.repeats * len(MODELS) * len(IMPLS)
    for repeat in range(args.repeats):
        seed = repeat + 1  # the same seeds for every implementation
        for model in MODELS:
            for impl in IMPLS:
                size = sizes[impl][model]
                cmd = [*programs[impl], model, count_option[model], str(size), "--seed", str(seed)]
                log(f"bench: [{len(runs) + 1}/{total}] {model} {impl} {count_option[model]} {size} "
                    f"--seed {seed}")
                result = run_child(launcher, cmd, model, impl)
                result.update(impl_key=impl, repeat=repeat, size=size, command=cmd)
                log(f"bench:     {rate(result['events_per_second'])} events/s, "
                    f"{result['peak_rss_kb'] / 1024:.1f} MB, wq {result['wq']:.4f}")
                runs.append(result)

    summary = summarize(runs, MODELS)
    checks = target_checks(summary)
    notes = noise_notes(summary)
    print()
    print_table(summary)
    if notes:
        print()
        print("\n".join(notes))
    print()
    for check in checks:
        print(check["line"])

    info = machine_info()
    info["simpy"] = simpy_version
    info["loadavg_start"] = load_at_start  # 1, 5 and 15 minutes: other work skews timings
    info["loadavg_end"] = os.getloadavg()
    write_json(args.out, {
        "machine": info,
        "parameters": {
            "jtx_bench": str(jtx_bench),
            "customers": args.customers,
            "messages": args.messages,
            "simpy_customers": args.simpy_customers,
            "simpy_messages": args.simpy_messages,
            "repeats": args.repeats,
            "seeds": list(range(1, args.repeats + 1)),
        },
        "exact": EXACT,
        "summary": summary,
        "targets": checks,
        "notes": notes,
        "runs": runs,
    })
    print(f"\nresults written to {args.out}")


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        sys.exit(f"bench: error: {error}")
    except KeyboardInterrupt:
        sys.exit("bench: interrupted")
