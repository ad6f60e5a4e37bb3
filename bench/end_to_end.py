#!/usr/bin/env python3
"""The end-to-end part of `make bench`: the whole jtx, as users run it.

1. Every shipped scenario (scenarios/*.yaml): `jtx run` with 1 job and with all cores, timed
   from outside (process start to exit: loading, simulation, statistics, files), giving
   replications/s and events/s (the `events` column of replications.csv), peak RSS, and the
   time to a first result (`jtx run --replications 1`).
2. The example sweep (scenarios/sweeps/grey-heron-sweep.yaml): design points/s.
3. Memory flatness: peak RSS of `jtx run` on quickstart at 1,000 and 100,000 replications.
4. Cost per event: `jtx-bench exercise` (the exercise model in-process, 1 job, no files) in
   ns per kernel event, against `jtx-bench mmc` (the bare kernel) in the same run.
5. Scaling: in-process replications/s of the reference exercise with 2 jobs over 1 job.
6. Side by side with SimPy on quickstart (bench/peers/simpy/quickstart.py): the ratio of
   in-process replications/s, and a check that both give statistically indistinguishable
   milestone times (Welch t and two-sample Kolmogorov–Smirnov) and disruption rates.

Prints a table and the target lines; writes everything to --out (default
results/bench/end-to-end.json). Python standard library only; SimPy runs in bench/.venv.
"""

import argparse
import csv
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run as kernel_bench  # noqa: E402  (the kernel driver: C build, venv, JSON helpers)
from run import BenchError, log  # noqa: E402

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
SIMPY_QUICKSTART = BENCH_DIR / "peers" / "simpy" / "quickstart.py"
SWEEP = ROOT / "scenarios" / "sweeps" / "grey-heron-sweep.yaml"
REFERENCE = ROOT / "scenarios" / "grey-heron.yaml"
QUICKSTART = ROOT / "scenarios" / "quickstart.yaml"
# Milestones compared with SimPy: the objectives' milestones and the disrupting task.
MILESTONES = ("open-case", "freeze", "arrest")
ALPHA = 0.01  # per test; a failure at this level is reported, not fatal

TARGETS = {
    "simpy_ratio": 50.0,          # jtx / SimPy replications/s on quickstart, at least
    "event_cost_ratio": 3.0,      # exercise ns/event / kernel ns/event, at most
    "scaling_2_jobs": 1.8,        # 2 jobs / 1 job replications/s, at least
}


# ----------------------------------------------------------------- running


def measured(launcher, cmd, what):
    """Runs cmd under the peak_rss launcher; returns (stdout, wall seconds, peak RSS in MB)."""
    with tempfile.TemporaryDirectory() as scratch:
        rss_file = Path(scratch) / "rss"
        start = time.perf_counter()
        done = subprocess.run([str(launcher), str(rss_file), *map(str, cmd)], capture_output=True, text=True)
        wall = time.perf_counter() - start
        try:
            maxrss_kb, _ = map(int, rss_file.read_text().split())
        except (OSError, ValueError):
            maxrss_kb = None
    if done.returncode != 0 or maxrss_kb is None:
        raise BenchError(f"{what}: {' '.join(map(str, cmd))} exited with status {done.returncode}:\n"
                         f"{done.stdout}{done.stderr}".rstrip())
    return done.stdout, wall, maxrss_kb / 1024


def last_json(stdout, what):
    import json
    lines = [line for line in stdout.splitlines() if line.strip()]
    try:
        return json.loads(lines[-1])
    except (IndexError, ValueError):
        raise BenchError(f"{what}: no JSON line in the output:\n{stdout}") from None


def read_replications(folder):
    with open(Path(folder) / "replications.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def jtx_run(launcher, jtx, scenario, replications, jobs, folder):
    """One `jtx run`; returns a dict of wall time, rates, RSS and the rows of replications.csv."""
    cmd = [jtx, "run", scenario, "--replications", replications, "--jobs", jobs, "--quiet", "--out", folder]
    _, wall, rss = measured(launcher, cmd, f"jtx run {Path(scenario).name}")
    rows = read_replications(folder)
    events = sum(int(row["events"]) for row in rows)
    return {"replications": replications, "jobs": jobs, "seconds": wall, "events": events,
            "replications_per_second": replications / wall, "events_per_second": events / wall,
            "peak_rss_mb": rss, "rows": rows}


def median_of(runs, key):
    return statistics.median(run[key] for run in runs)


# ------------------------------------------------------------- statistics


def _betacf(a, b, x):
    """Continued fraction of the regularised incomplete beta (Numerical Recipes, 6.4)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-14:
            break
    return h


def incomplete_beta(a, b, x):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1 - front * _betacf(b, a, 1 - x) / b


def welch(x, y):
    """Welch's t test: (t, degrees of freedom, two-sided p)."""
    mx, my = statistics.fmean(x), statistics.fmean(y)
    vx, vy = statistics.variance(x) / len(x), statistics.variance(y) / len(y)
    if vx + vy == 0:
        return 0.0, float("inf"), 1.0 if mx == my else 0.0
    t = (mx - my) / math.sqrt(vx + vy)
    df = (vx + vy) ** 2 / (vx ** 2 / (len(x) - 1) + vy ** 2 / (len(y) - 1))
    p = incomplete_beta(df / 2, 0.5, df / (df + t * t))
    return t, df, p


def kolmogorov_smirnov(x, y):
    """Two-sample KS: (D, asymptotic two-sided p) with Stephens' small-sample correction."""
    xs, ys = sorted(x), sorted(y)
    n, m = len(xs), len(ys)
    i = j = 0
    d = 0.0
    while i < n and j < m:
        value = min(xs[i], ys[j])
        while i < n and xs[i] <= value:
            i += 1
        while j < m and ys[j] <= value:
            j += 1
        d = max(d, abs(i / n - j / m))
    ne = n * m / (n + m)
    lam = (math.sqrt(ne) + 0.12 + 0.11 / math.sqrt(ne)) * d
    if lam < 1e-3:
        return d, 1.0
    p = 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))
    return d, min(1.0, max(0.0, p))


def two_proportions(k1, n1, k2, n2):
    """Two-proportion z test (pooled): (z, two-sided p)."""
    pooled = (k1 + k2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 0.0, 1.0
    z = (k1 / n1 - k2 / n2) / se
    return z, math.erfc(abs(z) / math.sqrt(2))


def compare_outcomes(jtx_rows, simpy_outcomes):
    checks = []
    for task in MILESTONES:
        ours = [float(row[f"task.{task}.done_hours"]) for row in jtx_rows if row[f"task.{task}.done_hours"]]
        theirs = [value for value in simpy_outcomes[task] if value is not None]
        t, df, p_t = welch(ours, theirs)
        d, p_ks = kolmogorov_smirnov(ours, theirs)
        checks.append({
            "outcome": f"{task} done (h)", "jtx_mean": statistics.fmean(ours), "simpy_mean": statistics.fmean(theirs),
            "jtx_n": len(ours), "simpy_n": len(theirs),
            "welch_t": t, "welch_df": df, "welch_p": p_t, "ks_d": d, "ks_p": p_ks,
            "indistinguishable": p_t >= ALPHA and p_ks >= ALPHA,
        })
    ours = [int(row["threat.disrupted"]) for row in jtx_rows]
    theirs = simpy_outcomes["disrupted"]
    z, p = two_proportions(sum(ours), len(ours), sum(theirs), len(theirs))
    checks.append({
        "outcome": "P(disrupted)", "jtx_mean": sum(ours) / len(ours), "simpy_mean": sum(theirs) / len(theirs),
        "jtx_n": len(ours), "simpy_n": len(theirs), "z": z, "z_p": p, "indistinguishable": p >= ALPHA,
    })
    return checks


# ----------------------------------------------------------------- printing


def print_rows(header, rows):
    lines = [tuple(header)] + [tuple(map(str, row)) for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        print("  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def rate(value):
    return kernel_bench.rate(value)


# --------------------------------------------------------------------- main


def parse_args(argv):
    parser = argparse.ArgumentParser(description="jtx end to end: scenarios, sweep, memory, cost per event, SimPy.")
    parser.add_argument("--jtx", type=Path, default=ROOT / ".build" / "release" / "jtx")
    parser.add_argument("--jtx-bench", type=Path, default=ROOT / ".build" / "release" / "jtx-bench")
    parser.add_argument("--replications", type=int, default=1000, help="per scenario run, at most (default 1000)")
    parser.add_argument("--events-budget", type=int, default=3_000_000,
                        help="fewer replications for scenarios with more events than this per run (default 3,000,000)")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each timing, the median is shown (default 3)")
    parser.add_argument("--inprocess-repeats", type=int, default=7,
                        help="interleaved runs of the in-process timings (cost per event, scaling, SimPy); the "
                             "median is shown: on a shared machine these short runs vary by ±20 %% (default 7)")
    parser.add_argument("--reference-replications", type=int, default=3000,
                        help="in-process grey-heron replications per run for cost per event and scaling (default 3000)")
    parser.add_argument("--simpy-replications", type=int, default=200, help="SimPy quickstart replications (default 200)")
    parser.add_argument("--jtx-quickstart-replications", type=int, default=20000,
                        help="in-process jtx quickstart replications for the SimPy ratio (default 20000)")
    parser.add_argument("--rss-replications", default="1000,100000",
                        help="replication counts of the memory-flatness runs on quickstart (default 1000,100000)")
    parser.add_argument("--no-sweep", action="store_true", help="skip the example sweep (about 20 s on 2 cores)")
    parser.add_argument("--out", type=Path, default=ROOT / "results" / "bench" / "end-to-end.json")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    load_at_start = os.getloadavg()
    jtx, jtx_bench = args.jtx.resolve(), args.jtx_bench.resolve()
    for program in (jtx, jtx_bench):
        if not (program.is_file() and os.access(program, os.X_OK)):
            raise BenchError(f"no executable at {program}: build with `swift build -c release`")
    _, launcher = kernel_bench.build_c_programs()
    python, simpy_version = kernel_bench.ensure_simpy()
    cores = len(os.sched_getaffinity(0))
    scratch = Path(tempfile.mkdtemp(prefix="jtx-bench-"))
    document = {"parameters": vars(args) | {"cores": cores}}

    # 1. Every shipped scenario, end to end.
    scenarios = sorted((ROOT / "scenarios").glob("*.yaml"))
    table = []
    for scenario in scenarios:
        name = scenario.stem
        entry = {"scenario": str(scenario.relative_to(ROOT))}
        firsts = []
        for repeat in range(args.repeats):
            folder = scratch / f"{name}-first-{repeat}"
            cmd = [jtx, "run", scenario, "--replications", 1, "--jobs", 1, "--quiet", "--out", folder]
            _, wall, _ = measured(launcher, cmd, f"jtx run {name} --replications 1")
            firsts.append(wall)
        entry["first_result_seconds"] = statistics.median(firsts)
        # About --events-budget events per run (at most --replications): a scenario with a
        # busy background load (single-desk: 64,000 events a replication) gets fewer.
        events_one = max(1, int(read_replications(folder)[0]["events"]))
        replications = max(20, min(args.replications, args.events_budget // events_one))
        entry["replications"] = replications
        for jobs in sorted({1, cores}):
            runs = []
            for repeat in range(args.repeats):
                log(f"end-to-end: {name} --jobs {jobs} --replications {replications} [{repeat + 1}/{args.repeats}]")
                result = jtx_run(launcher, jtx, scenario, replications, jobs, scratch / f"{name}-{jobs}-{repeat}")
                result.pop("rows")
                runs.append(result)
            entry[f"jobs_{jobs}"] = {
                "runs": runs,
                "replications_per_second": median_of(runs, "replications_per_second"),
                "events_per_second": median_of(runs, "events_per_second"),
                "events_per_replication": runs[0]["events"] / replications,
                "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
            }
        one, many = entry["jobs_1"], entry[f"jobs_{cores}"]
        entry["scaling"] = many["replications_per_second"] / one["replications_per_second"]
        table.append(entry)
    document["scenarios"] = table

    # 2. The example sweep.
    if not args.no_sweep:
        log(f"end-to-end: sweep {SWEEP.name} --jobs {cores}")
        folder = scratch / "sweep"
        cmd = [jtx, "sweep", SWEEP, "--jobs", cores, "--quiet", "--out", folder]
        _, wall, rss = measured(launcher, cmd, "jtx sweep")
        with open(folder / "points.csv", newline="") as handle:
            points = sum(1 for _ in csv.DictReader(handle))
        document["sweep"] = {"sweep": str(SWEEP.relative_to(ROOT)), "jobs": cores, "points": points, "seconds": wall,
                             "points_per_second": points / wall, "peak_rss_mb": rss}

    # 3. Memory flatness.
    flat = []
    for count in (int(text) for text in args.rss_replications.split(",") if text.strip()):
        log(f"end-to-end: memory, quickstart --replications {count} --jobs {cores}")
        result = jtx_run(launcher, jtx, QUICKSTART, count, cores, scratch / f"rss-{count}")
        result.pop("rows")
        flat.append(result)
    document["memory"] = flat

    # 4 and 5. Cost per event against the kernel, and scaling, in-process, interleaved.
    per_event = {"mmc": [], "grey-heron": [], "quickstart": []}
    scaling = {1: [], 2: []}
    simpy_runs = []
    for repeat in range(args.inprocess_repeats):
        log(f"end-to-end: cost per event, scaling and SimPy [{repeat + 1}/{args.inprocess_repeats}]")
        out, _, _ = measured(launcher, [jtx_bench, "mmc", "--customers", 2_000_000, "--seed", repeat + 1], "jtx-bench mmc")
        per_event["mmc"].append(last_json(out, "jtx-bench mmc"))
        for jobs in (1, 2):
            out, _, rss = measured(launcher, [jtx_bench, "exercise", REFERENCE, "--replications", args.reference_replications,
                                              "--jobs", jobs], "jtx-bench exercise")
            result = last_json(out, "jtx-bench exercise") | {"peak_rss_mb": rss}
            scaling[jobs].append(result)
            if jobs == 1:
                per_event["grey-heron"].append(result)
        out, _, _ = measured(launcher, [jtx_bench, "exercise", QUICKSTART, "--replications", args.jtx_quickstart_replications,
                                        "--jobs", 1], "jtx-bench exercise")
        per_event["quickstart"].append(last_json(out, "jtx-bench exercise"))
        # 6 (timing). SimPy on quickstart, interleaved with jtx so both see the same machine.
        out, simpy_wall, simpy_rss = measured(launcher, [python, SIMPY_QUICKSTART, "--replications", args.simpy_replications,
                                                          "--seed", 1], "simpy quickstart")
        simpy_runs.append(last_json(out, "simpy quickstart") | {"wall_seconds": simpy_wall, "peak_rss_mb": simpy_rss})
    kernel_ns = statistics.median(r["ns_per_kernel_event"] for r in per_event["mmc"])
    cost = {
        "kernel_mmc_ns_per_event": kernel_ns,
        "grey_heron_ns_per_event": statistics.median(r["ns_per_event"] for r in per_event["grey-heron"]),
        "quickstart_ns_per_event": statistics.median(r["ns_per_event"] for r in per_event["quickstart"]),
        "runs": per_event,
    }
    cost["grey_heron_ratio"] = cost["grey_heron_ns_per_event"] / kernel_ns
    cost["quickstart_ratio"] = cost["quickstart_ns_per_event"] / kernel_ns
    document["cost_per_event"] = cost
    one = statistics.median(r["replications_per_second"] for r in scaling[1])
    two = statistics.median(r["replications_per_second"] for r in scaling[2])
    document["scaling"] = {"scenario": str(REFERENCE.relative_to(ROOT)), "jobs_1_replications_per_second": one,
                           "jobs_2_replications_per_second": two, "ratio": two / one,
                           "runs": {"1": scaling[1], "2": scaling[2]}}

    # 6. SimPy on quickstart: the median run's speed; outcomes (the same in every run: seed 1).
    outcomes = simpy_runs[0]["outcomes"]
    for run in simpy_runs:
        run.pop("outcomes")
    simpy = sorted(simpy_runs, key=lambda run: run["replications_per_second"])[len(simpy_runs) // 2]
    simpy_wall = simpy["wall_seconds"]
    jtx_rows = jtx_run(launcher, jtx, QUICKSTART, args.replications, 1, scratch / "quickstart-compare")["rows"]
    jtx_quick = statistics.median(r["replications_per_second"] for r in per_event["quickstart"])
    checks = compare_outcomes(jtx_rows, outcomes)
    quick_end_to_end = next(e for e in table if e["scenario"].endswith("quickstart.yaml"))["jobs_1"]
    document["simpy"] = {
        "simpy": simpy | {"version": simpy_version},
        "simpy_runs": simpy_runs,
        "jtx_replications_per_second": jtx_quick,
        "ratio": jtx_quick / simpy["replications_per_second"],
        "end_to_end_ratio": quick_end_to_end["replications_per_second"] / (args.simpy_replications / simpy_wall),
        "checks": checks,
        "all_indistinguishable": all(check["indistinguishable"] for check in checks),
    }

    # Print.
    print()
    print(f"End to end: jtx run, median of {args.repeats}, wall time incl. start-up and files")
    print_rows(
        ("scenario", "reps", "events/rep", "rep/s 1 job", f"rep/s {cores} jobs", "scaling", "events/s 1 job",
         f"events/s {cores} jobs", "peak RSS MB", "first result s"),
        [(Path(e["scenario"]).stem, e["replications"], f"{e['jobs_1']['events_per_replication']:.0f}",
          f"{e['jobs_1']['replications_per_second']:.0f}", f"{e[f'jobs_{cores}']['replications_per_second']:.0f}",
          f"{e['scaling']:.2f}x", rate(e["jobs_1"]["events_per_second"]), rate(e[f"jobs_{cores}"]["events_per_second"]),
          f"{max(e['jobs_1']['peak_rss_mb'], e[f'jobs_{cores}']['peak_rss_mb']):.1f}", f"{e['first_result_seconds']:.3f}")
         for e in table])
    if "sweep" in document:
        s = document["sweep"]
        print(f"\nSweep {Path(s['sweep']).name}: {s['points']} points in {s['seconds']:.1f} s on {cores} jobs = "
              f"{s['points_per_second']:.2f} points/s, peak RSS {s['peak_rss_mb']:.1f} MB")
    print("\nMemory (quickstart, --jobs %d): " % cores
          + ", ".join(f"{r['replications']:,} replications {r['peak_rss_mb']:.1f} MB" for r in flat))
    print(f"\nCost per event (in-process, 1 job, median of {args.inprocess_repeats}): kernel mmc {kernel_ns:.1f} ns, grey-heron {cost['grey_heron_ns_per_event']:.1f} ns "
          f"({cost['grey_heron_ratio']:.2f}x), quickstart {cost['quickstart_ns_per_event']:.1f} ns ({cost['quickstart_ratio']:.2f}x)")
    print(f"Scaling (grey-heron in-process, {args.reference_replications} replications, median of {args.inprocess_repeats}): "
          f"1 job {one:.0f} rep/s, 2 jobs {two:.0f} rep/s, {two / one:.2f}x")
    sim = document["simpy"]
    print(f"\nSimPy {simpy_version} vs jtx on quickstart: SimPy {simpy['replications_per_second']:.1f} rep/s, "
          f"jtx {jtx_quick:.0f} rep/s in-process: {sim['ratio']:.0f}x (end to end, with start-up and files: {sim['end_to_end_ratio']:.0f}x)")
    print_rows(("outcome", "jtx mean", "SimPy mean", "n jtx", "n SimPy", "Welch p", "KS p", "same?"),
               [(c["outcome"], f"{c['jtx_mean']:.3f}", f"{c['simpy_mean']:.3f}", c["jtx_n"], c["simpy_n"],
                 f"{c.get('welch_p', c.get('z_p')):.3f}", f"{c['ks_p']:.3f}" if "ks_p" in c else "-",
                 "yes" if c["indistinguishable"] else "NO") for c in checks])

    target_lines = [
        ("jtx/SimPy replications/s on quickstart", sim["ratio"], ">=", TARGETS["simpy_ratio"]),
        ("exercise/kernel ns per event (grey-heron)", cost["grey_heron_ratio"], "<=", TARGETS["event_cost_ratio"]),
        ("2 jobs/1 job replications/s (grey-heron)", two / one, ">=", TARGETS["scaling_2_jobs"]),
    ]
    print()
    document["targets"] = []
    for label, value, sense, target in target_lines:
        met = value >= target if sense == ">=" else value <= target
        document["targets"].append({"target": label, "value": value, "sense": sense, "limit": target, "met": met})
        print(f"{label}: {value:.2f} (target {sense} {target:g}){'' if met else '  MISSED'}")
    print(f"SimPy outcome check (Welch t, KS, alpha {ALPHA} each): "
          + ("indistinguishable" if sim["all_indistinguishable"] else "DIFFERENT: see the table"))

    info = kernel_bench.machine_info()
    info["simpy"] = simpy_version
    info["loadavg_start"] = load_at_start
    info["loadavg_end"] = os.getloadavg()
    document["machine"] = info
    document["parameters"] = {key: str(value) if isinstance(value, Path) else value for key, value in document["parameters"].items()}
    kernel_bench.write_json(args.out, document)
    print(f"\nresults written to {args.out}")
    subprocess.run(["rm", "-rf", str(scratch)])


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        sys.exit(f"bench: error: {error}")
    except KeyboardInterrupt:
        sys.exit("bench: interrupted")
