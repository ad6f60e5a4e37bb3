"""SimPy peer for the jtx kernel benchmark: the "mmc" and "relay" models.

Same models, CLI and JSON output as the C + GSL peer (bench/peers/c/mmc_relay.c),
written the way SimPy is meant to be used: one generator process per customer or
message, servers as simpy.Resource. Random numbers come from random.Random(seed)
(Mersenne Twister too, but not GSL's streams, so figures differ from the C peer's
by sampling noise only).

    python mmc_relay.py mmc   --customers N --seed S
    python mmc_relay.py relay --messages  N --seed S

"seconds" is the wall time of building and running the simulation, measured
in-process (time.perf_counter, CLOCK_MONOTONIC on Linux): interpreter start-up
and imports are excluded. "events" counts logical events: arrival + service
start + departure per customer (mmc) or per visit (relay).
"""

import argparse
import json
import random
import sys
import time

import simpy

# mmc: M/M/4, rho = 0.9
MMC_SERVERS = 4
MMC_LAMBDA = 3.6  # arrivals per minute
MMC_MU = 1.0  # services per minute per server
MMC_WARMUP = 10_000  # customers with a smaller index are not measured

# relay: 50 M/M/1 agencies linked all-to-all
RELAY_AGENCIES = 50
RELAY_LAMBDA = 7.5  # external arrivals per minute, over all agencies
RELAY_MU = 1.0
RELAY_LEAVE_P = 0.1
RELAY_MAX_HOPS = 5
RELAY_LINK_MU, RELAY_LINK_SIGMA = 0.5, 0.5  # of the link delay's underlying normal
RELAY_WARMUP = 5_000


class Tally:
    """Sums for the reported means."""

    def __init__(self):
        self.events = 0
        self.wait_sum = 0.0
        self.waits = 0
        self.e2e_sum = 0.0
        self.visit_sum = 0
        self.messages = 0


def run_mmc(customers, seed):
    rng = random.Random(seed)
    tally = Tally()

    def customer(env, index, servers):
        arrival = env.now
        with servers.request() as request:
            yield request
            if index >= MMC_WARMUP:
                tally.wait_sum += env.now - arrival
                tally.waits += 1
            yield env.timeout(rng.expovariate(MMC_MU))

    def source(env, servers):
        for index in range(customers):
            yield env.timeout(rng.expovariate(MMC_LAMBDA))
            env.process(customer(env, index, servers))

    start = time.perf_counter()
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=MMC_SERVERS)
    env.process(source(env, servers))
    env.run()  # until the calendar is empty: every customer has left
    seconds = time.perf_counter() - start

    events = 3 * customers
    return {
        "model": "mmc",
        "impl": "simpy",
        "customers": customers,
        "seed": seed,
        "events": events,
        "seconds": seconds,
        "events_per_second": events / seconds,
        "wq": tally.wait_sum / tally.waits if tally.waits else 0.0,
    }


def run_relay(messages, seed):
    rng = random.Random(seed)
    tally = Tally()

    def message(env, index, agencies):
        born = env.now
        here = rng.randrange(RELAY_AGENCIES)
        hops = visits = 0
        while True:
            visits += 1
            arrival = env.now
            with agencies[here].request() as request:
                yield request
                if index >= RELAY_WARMUP:
                    tally.wait_sum += env.now - arrival
                    tally.waits += 1
                yield env.timeout(rng.expovariate(RELAY_MU))
            if hops >= RELAY_MAX_HOPS or rng.random() < RELAY_LEAVE_P:
                break
            hops += 1
            # uniform over the other agencies
            there = rng.randrange(RELAY_AGENCIES - 1)
            here = there + 1 if there >= here else there
            yield env.timeout(rng.lognormvariate(RELAY_LINK_MU, RELAY_LINK_SIGMA))
        tally.events += 3 * visits
        if index >= RELAY_WARMUP:
            tally.e2e_sum += env.now - born
            tally.visit_sum += visits
            tally.messages += 1

    def source(env, agencies):
        for index in range(messages):
            yield env.timeout(rng.expovariate(RELAY_LAMBDA))
            env.process(message(env, index, agencies))

    start = time.perf_counter()
    env = simpy.Environment()
    agencies = [simpy.Resource(env, capacity=1) for _ in range(RELAY_AGENCIES)]
    env.process(source(env, agencies))
    env.run()
    seconds = time.perf_counter() - start

    measured = tally.messages
    return {
        "model": "relay",
        "impl": "simpy",
        "messages": messages,
        "seed": seed,
        "events": tally.events,
        "seconds": seconds,
        "events_per_second": tally.events / seconds,
        "wq": tally.wait_sum / tally.waits if tally.waits else 0.0,
        "e2e": tally.e2e_sum / measured if measured else 0.0,
        "visits": tally.visit_sum / measured if measured else 0.0,
    }


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text}")
    return value


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    models = parser.add_subparsers(dest="model", required=True)
    mmc = models.add_parser("mmc", help="M/M/4 queue")
    mmc.add_argument("--customers", type=positive_int, required=True)
    mmc.add_argument("--seed", type=int, default=1)
    relay = models.add_parser("relay", help="50-agency relay network")
    relay.add_argument("--messages", type=positive_int, required=True)
    relay.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    if args.model == "mmc":
        result = run_mmc(args.customers, args.seed)
    else:
        result = run_relay(args.messages, args.seed)
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
