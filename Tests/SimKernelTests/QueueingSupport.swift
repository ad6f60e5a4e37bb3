import Foundation
import SimKernel
import Stochastics

// Shared machinery of the queueing-theory validations: an open network of multi-server stations
// built on SimKernel + ServerPool, a replication runner, the t confidence interval, and the
// analytic formulas (Erlang C, M/M/c, Pollaczek–Khinchine, Jackson traffic equations).

/// One station of an open queueing network.
struct StationSpec {
    /// Number of identical servers.
    var servers: Int
    /// Service time of one visit.
    var service: Distribution
    /// Interarrival time of external arrivals to this station; nil when none arrive from outside.
    var externalInterarrival: Distribution?
    /// Probability of moving to station j after service here (index j); the rest leaves.
    var routing: [Double] = []
}

/// An open network of FIFO multi-server stations with probabilistic (Markov) routing.
///
/// Each station's external arrivals and service times draw from their own stream; routing
/// decisions from a third. Sojourn times are recorded for customers leaving the network at or
/// after `measureFrom`.
struct NetworkModel: SimulationModel {
    enum Event {
        case externalArrival(station: Int)
        case serviceEnd(station: Int, customer: Int)
    }

    let stations: [StationSpec]
    let arrivalStreams: [RandomStream]
    let serviceStreams: [RandomStream]
    let routingStream: RandomStream
    var pools: [ServerPool]
    /// Entry time into the network of each customer, indexed by customer token.
    var entryTimes: [Double] = []
    var measureFrom = Double.infinity
    var sojourns = WelfordAccumulator()
    var departures = 0

    init(stations: [StationSpec], master: UInt64, replication: UInt64) {
        self.stations = stations
        arrivalStreams = stations.indices.map {
            RandomStream(master: master, replication: replication, purpose: StreamPurpose("test.arrivals", index: $0))
        }
        serviceStreams = stations.indices.map {
            RandomStream(master: master, replication: replication, purpose: StreamPurpose("test.services", index: $0))
        }
        routingStream = RandomStream(master: master, replication: replication, purpose: StreamPurpose("test.routing"))
        pools = stations.map { ServerPool(capacity: $0.servers) }
        entryTimes.reserveCapacity(1 << 16)
    }

    /// Schedules the first external arrival of every station that has them.
    func start(_ calendar: inout EventCalendar<Event>) {
        for (index, station) in stations.enumerated() {
            if let interarrival = station.externalInterarrival {
                calendar.schedule(.externalArrival(station: index), after: interarrival.sample(arrivalStreams[index]))
            }
        }
    }

    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        switch event {
        case .externalArrival(let station):
            if let interarrival = stations[station].externalInterarrival {
                calendar.schedule(.externalArrival(station: station), after: interarrival.sample(arrivalStreams[station]))
            }
            let customer = entryTimes.count
            entryTimes.append(now)
            join(station, customer: customer, calendar: &calendar)
        case .serviceEnd(let station, let customer):
            if let (next, _) = pools[station].release(at: now) {
                startService(station, customer: next, calendar: &calendar)
            }
            route(customer, from: station, calendar: &calendar)
        }
    }

    mutating func join(_ station: Int, customer: Int, calendar: inout EventCalendar<Event>) {
        if pools[station].request(customer, at: calendar.now) {
            startService(station, customer: customer, calendar: &calendar)
        }
    }

    func startService(_ station: Int, customer: Int, calendar: inout EventCalendar<Event>) {
        let duration = stations[station].service.sample(serviceStreams[station])
        calendar.schedule(.serviceEnd(station: station, customer: customer), after: duration)
    }

    mutating func route(_ customer: Int, from station: Int, calendar: inout EventCalendar<Event>) {
        let routing = stations[station].routing
        if !routing.isEmpty {
            let u = routingStream.uniform()
            var cumulative = 0.0
            for (next, probability) in routing.enumerated() {
                cumulative += probability
                if u < cumulative {
                    join(next, customer: customer, calendar: &calendar)
                    return
                }
            }
        }
        let now = calendar.now
        if now >= measureFrom {
            sojourns.add(now - entryTimes[customer])
            departures += 1
        }
    }
}

/// The steady-state figures of one replication, over its measurement window.
struct StationMeasurement {
    /// Mean wait in queue of the services started in the window.
    var meanWait: Double
    /// Time-average number waiting.
    var queueLength: Double
    /// Time-average number in the station (waiting + in service).
    var numberInSystem: Double
    /// Mean fraction of servers busy.
    var utilisation: Double
    /// Services started per unit time.
    var throughput: Double
}

struct NetworkMeasurement {
    var stations: [StationMeasurement]
    /// Mean time in the network of the customers that left it during the window.
    var meanSojourn: Double
}

/// Runs one replication: a warm-up of `warmUp` time units that is discarded (every pool's
/// statistics restart at its end), then `measured` time units that are measured.
func runReplication(
    _ stations: [StationSpec], master: UInt64, replication: UInt64, warmUp: Double, measured: Double
) throws -> NetworkMeasurement {
    var simulation = Simulation(model: NetworkModel(stations: stations, master: master, replication: replication))
    simulation.model.start(&simulation.calendar)
    let warmUpOutcome = try simulation.run(until: warmUp)
    precondition(warmUpOutcome == .horizonReached && simulation.now == warmUp)
    for index in stations.indices { simulation.model.pools[index].resetStatistics(at: warmUp) }
    simulation.model.measureFrom = warmUp
    let end = warmUp + measured
    let outcome = try simulation.run(until: end)
    precondition(outcome == .horizonReached && simulation.now == end)
    let model = simulation.model
    return NetworkMeasurement(
        stations: model.pools.map { pool in
            let queue = pool.queueLength.mean(at: end)
            return StationMeasurement(
                meanWait: pool.waits.mean,
                queueLength: queue,
                numberInSystem: queue + pool.busyServers.mean(at: end),
                utilisation: pool.utilisation(at: end),
                throughput: Double(pool.waits.count) / measured)
        },
        meanSojourn: model.sojourns.mean)
}

/// Runs replications 0..<count with streams derived from `master`, in order.
func runReplications(
    _ stations: [StationSpec], master: UInt64, count: Int, warmUp: Double, measured: Double
) throws -> [NetworkMeasurement] {
    try (0..<count).map {
        try runReplication(stations, master: master, replication: UInt64($0), warmUp: warmUp, measured: measured)
    }
}

/// A two-sided Student t confidence interval for the mean of independent replication figures:
/// mean ± t_{1−α/2, R−1} · s / √R.
struct ConfidenceInterval: CustomStringConvertible {
    let mean: Double
    let halfWidth: Double
    let count: Int

    init(_ values: [Double], level: Double = 0.999) throws {
        precondition(values.count >= 2)
        var accumulator = WelfordAccumulator()
        for value in values { accumulator.add(value) }
        let t = try GSLMath.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(values.count - 1))
        mean = accumulator.mean
        halfWidth = t * accumulator.standardError
        count = values.count
    }

    func contains(_ value: Double) -> Bool { abs(value - mean) <= halfWidth }

    var description: String {
        String(format: "%.5f ± %.5f (99.9%% t CI, R = %d)", mean, halfWidth, count)
    }
}

/// Checks `analytic` against the CI of `values` and prints the comparison; returns the CI.
func validation(_ name: String, analytic: Double, replications values: [Double]) throws -> (ConfidenceInterval, String) {
    let interval = try ConfidenceInterval(values)
    let line = String(format: "[validation] %@: analytic %.5f, estimate %@, |error| %.5f", name, analytic,
                      interval.description, abs(interval.mean - analytic))
    print(line)
    return (interval, line)
}

// MARK: - Queueing formulas

enum Queueing {
    /// Erlang C: the probability that an arrival waits in an M/M/c queue with offered load
    /// a = λ/μ < c: C(c, a) = [aᶜ/c! · c/(c−a)] / [Σ_{k<c} aᵏ/k! + aᶜ/c! · c/(c−a)].
    static func erlangC(servers c: Int, offeredLoad a: Double) -> Double {
        precondition(a < Double(c))
        var term = 1.0  // a^k / k!
        var sum = 0.0
        for k in 0..<c {
            sum += term
            term *= a / Double(k + 1)
        }
        let top = term * Double(c) / (Double(c) - a)  // term is now a^c / c!
        return top / (sum + top)
    }

    /// M/M/c mean wait in queue: Wq = C(c, λ/μ) / (cμ − λ).
    static func mmcWait(arrivalRate lambda: Double, serviceRate mu: Double, servers c: Int) -> Double {
        erlangC(servers: c, offeredLoad: lambda / mu) / (Double(c) * mu - lambda)
    }

    /// M/M/c mean number in system: L = λ (Wq + 1/μ) (Little's law).
    static func mmcNumberInSystem(arrivalRate lambda: Double, serviceRate mu: Double, servers c: Int) -> Double {
        lambda * (mmcWait(arrivalRate: lambda, serviceRate: mu, servers: c) + 1 / mu)
    }

    /// Solves the traffic equations λ_i = γ_i + Σ_j λ_j p_ji by fixed-point iteration (which
    /// converges for an open network: the routing matrix is substochastic with spectral radius < 1).
    static func trafficRates(external gamma: [Double], routing p: [[Double]]) -> [Double] {
        var lambda = gamma
        for _ in 0..<10_000 {
            var next = gamma
            for j in lambda.indices {
                for i in lambda.indices where j < p[i].count { next[j] += lambda[i] * p[i][j] }
            }
            let change = zip(next, lambda).map { abs($0 - $1) }.max() ?? 0
            lambda = next
            if change < 1e-14 { break }
        }
        return lambda
    }
}
