#!/usr/bin/env python3
"""The `quickstart` exercise (scenarios/quickstart.yaml) written by hand in SimPy 4.

The same agencies, channels, plan, injects, objectives, threat and distributions as the
scenario, with jtx's semantics (docs/model-semantics.md):

- A task waits for its input; an input from another agency travels as a message over the one
  channel jtx picks for that pair and classification (here each pair has exactly one): each
  attempt fails with the channel's probability and is re-sent `retry-after` after it was sent,
  at most `max-attempts` times; a successful attempt arrives after the latency and is
  available after the handling time (a pure delay, no staff).
- With every input in, the task asks its performer for a staff member (a PriorityResource:
  lower priority first, then the order the tasks became ready), works for a time drawn from
  the performer's distribution for the capability, and frees the staff member.
- ROUTINE-STR (first at Exp(4h), then every Exp(4h)) starts a background case: one
  routine-analysis at BOR-FIU with priority 1 (the case's analyse-str has priority 0).
- Nothing happens after the 60-day horizon. Objectives: open-case within 5 d of the STR
  (fired at 0), freeze within 8 d; the threat: attack at lognormal(median 21 d, p95 28 d),
  disrupted when arrest is done strictly before it.

Random numbers come from Python's `random.Random(seed)` (one stream per replication), so draws
differ from jtx's GSL streams; the distributions are the same, so the outcomes must be
statistically indistinguishable, which bench/run.py checks.

    python quickstart.py --replications N --seed S

prints one JSON line with the timing and, per replication, the hours at which each main task
was done (null: not within the horizon), the attack and the disruption.
"""

import argparse
import json
import math
import random
import time

import simpy

HOUR = 3600.0
MINUTE = 60.0
DAY = 24 * HOUR
HORIZON = 60 * DAY
Z95 = 1.6448536269514722  # the standard normal's 95th percentile


def lognormal_median_p95(median, p95):
    mu = math.log(median)
    return mu, (math.log(p95) - mu) / Z95


def triangular(rng, low, mode, high):
    # The inverse CDF at one uniform, as jtx does (random.triangular has another argument order).
    u = rng.random()
    width = high - low
    if u < (mode - low) / width:
        return low + math.sqrt(u * width * (mode - low))
    return high - math.sqrt((1 - u) * width * (high - mode))


def pert(rng, low, mode, high):
    width = high - low
    alpha = 1 + 4 * (mode - low) / width
    beta = 1 + 4 * (high - mode) / width
    return low + width * rng.betavariate(alpha, beta)


STR_MU, STR_SIGMA = lognormal_median_p95(8 * HOUR, 2 * DAY)
FREEZE_MU, FREEZE_SIGMA = lognormal_median_p95(1 * DAY, 4 * DAY)
EGMONT_MU, EGMONT_SIGMA = lognormal_median_p95(2 * DAY, 7 * DAY)
ATTACK_MU, ATTACK_SIGMA = lognormal_median_p95(21 * DAY, 28 * DAY)

# Work time of each capability at its (only) performer.
WORK = {
    "file-str": lambda r: r.lognormvariate(STR_MU, STR_SIGMA),
    "analyse-str": lambda r: triangular(r, 2 * HOUR, 6 * HOUR, 2 * DAY),
    "triage-str": lambda r: triangular(r, 30 * MINUTE, 2 * HOUR, 6 * HOUR),
    "assess-disclosure": lambda r: triangular(r, 1 * HOUR, 4 * HOUR, 1 * DAY),
    "open-case": lambda r: pert(r, 30 * MINUTE, 2 * HOUR, 8 * HOUR),
    "freeze-order": lambda r: r.lognormvariate(FREEZE_MU, FREEZE_SIGMA),
    "arrest": lambda r: pert(r, 4 * HOUR, 12 * HOUR, 3 * DAY),
}

STAFF = {"BOR-BANK": 2, "BOR-FIU": 2, "ARC-FIU": 2, "ARC-CT": 3, "ARC-PROS": 1}

# Channels: latency, handling, failure probability, retry-after, max attempts.
CHANNELS = {
    "str-portal": (lambda r: 5 * MINUTE, lambda r: r.expovariate(1 / (4 * HOUR)), 0.0, 0.0, 1),
    "egmont": (lambda r: r.expovariate(1 / (10 * MINUTE)), lambda r: r.lognormvariate(EGMONT_MU, EGMONT_SIGMA),
               0.02, 1 * DAY, 3),
    "arc-secure": (lambda r: 2 * MINUTE, lambda r: r.expovariate(1 / HOUR), 0.0, 0.0, 1),
}

# The main case, in order: (task, capability, performer, priority, channel its output takes to
# the next task's performer). jtx picks each channel: the only one connecting the two agencies
# that may carry the output's classification (restricted, confidential, secret, unclassified).
PLAN = (
    ("file-str", "file-str", "BOR-BANK", 0, "str-portal"),
    ("analyse-str", "analyse-str", "BOR-FIU", 0, "egmont"),
    ("assess-disclosure", "assess-disclosure", "ARC-FIU", 0, "arc-secure"),
    ("open-case", "open-case", "ARC-CT", 0, "arc-secure"),
    ("freeze", "freeze-order", "ARC-PROS", 0, "arc-secure"),
    ("arrest", "arrest", "ARC-CT", 0, None),
)
TASKS = tuple(step[0] for step in PLAN)


def replication(rng):
    env = simpy.Environment()
    staff = {agency: simpy.PriorityResource(env, capacity=n) for agency, n in STAFF.items()}
    done = {}

    def work(performer, capability, priority):
        with staff[performer].request(priority=priority) as request:
            yield request
            yield env.timeout(WORK[capability](rng))

    def send(channel):
        """Yields until the message is available to the receiver; False when it is lost."""
        latency, handling, failure, retry_after, max_attempts = CHANNELS[channel]
        attempts = 0
        while True:
            attempts += 1
            if failure > 0 and rng.random() < failure:
                if attempts >= max_attempts:
                    return False
                yield env.timeout(retry_after)
                continue
            yield env.timeout(latency(rng) + handling(rng))
            return True

    def main_case():
        # STR fires at 0 at BOR-BANK, which performs file-str: the input counts at once.
        for task, capability, performer, priority, channel in PLAN:
            yield from work(performer, capability, priority)
            done[task] = env.now
            if channel is not None:
                delivered = yield from send(channel)
                if not delivered:
                    return

    def routine_reports():
        while True:
            yield env.timeout(rng.expovariate(1 / (4 * HOUR)))
            env.process(work("BOR-FIU", "triage-str", 1))

    attack = rng.lognormvariate(ATTACK_MU, ATTACK_SIGMA)
    env.process(main_case())
    env.process(routine_reports())
    env.run(until=HORIZON)
    arrest = done.get("arrest")
    return {
        **{task: (done[task] / HOUR if task in done else None) for task in TASKS},
        "attack": attack / HOUR,
        "disrupted": 1 if arrest is not None and arrest < attack else 0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replications", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    start = time.perf_counter()
    first = None
    outcomes = []
    for _ in range(args.replications):
        outcomes.append(replication(rng))
        if first is None:
            first = time.perf_counter() - start
    seconds = time.perf_counter() - start
    print(json.dumps({
        "model": "quickstart", "impl": "simpy", "replications": args.replications,
        "seconds": seconds, "first_result_seconds": first,
        "replications_per_second": args.replications / seconds,
        "outcomes": {key: [o[key] for o in outcomes] for key in (*TASKS, "attack", "disrupted")},
    }))


if __name__ == "__main__":
    main()
