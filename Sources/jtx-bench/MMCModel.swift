import Foundation
import SimKernel
import Stochastics

/// The `mmc` reference model: M/M/4, arrival rate 3.6/min, service rate 1/min per server (ρ = 0.9),
/// FIFO. N customers arrive, then the system drains. Exact Wq (Erlang C) = 1.969383 min.
struct MMCModel: SimulationModel {
    enum Event {
        case arrival(customer: Int32)
        case departure
    }

    static let warmUpCustomers = 10_000
    static let arrivalRate = 3.6
    static let serviceMean = 1.0
    static let servers = 4

    let customers: Int
    let arrivals: RandomStream
    let services: RandomStream
    var desk = ServerPool(capacity: servers)
    /// Sum and count of queue waits of customers with index ≥ the warm-up.
    var measuredWaitSum = 0.0
    var measuredWaits = 0

    init(customers: Int, seed: UInt64) {
        self.customers = customers
        arrivals = RandomStream(master: seed, replication: 0, purpose: StreamPurpose("mmc.arrivals"))
        services = RandomStream(master: seed, replication: 0, purpose: StreamPurpose("mmc.services"))
    }

    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        switch event {
        case .arrival(let customer):
            let next = Int(customer) + 1
            if next < customers {
                calendar.schedule(.arrival(customer: Int32(next)), after: arrivals.exponential(mean: 1 / Self.arrivalRate))
            }
            if desk.request(Int(customer), at: now) {
                record(customer: Int(customer), waited: 0)
                calendar.schedule(.departure, after: services.exponential(mean: Self.serviceMean))
            }
        case .departure:
            if let (customer, waited) = desk.release(at: now) {
                record(customer: customer, waited: waited)
                calendar.schedule(.departure, after: services.exponential(mean: Self.serviceMean))
            }
        }
    }

    @inline(__always)
    mutating func record(customer: Int, waited: Double) {
        if customer >= Self.warmUpCustomers {
            measuredWaitSum += waited
            measuredWaits += 1
        }
    }

    /// Runs the model and reports throughput and the Wq estimate.
    ///
    /// The run is split at the arrival times of customers N/4 and 3N/4 (expected), so that
    /// allocations can be counted over the middle half: the steady state.
    static func measure(customers: Int, seed: UInt64, countAllocations: Bool) throws -> BenchReport {
        var simulation = Simulation(model: MMCModel(customers: customers, seed: seed))
        simulation.calendar.schedule(.arrival(customer: 0), at: 0)
        let clock = ContinuousClock()
        let start = clock.now
        _ = try simulation.run(until: Double(customers) / 4 / arrivalRate)
        let eventsBefore = simulation.eventsProcessed
        if countAllocations { try AllocationCounter.start() }
        _ = try simulation.run(until: Double(customers) * 3 / 4 / arrivalRate)
        let allocations = countAllocations ? AllocationCounter.stop() : 0
        let eventsMeasured = simulation.eventsProcessed - eventsBefore
        _ = try simulation.run()
        let elapsed = clock.now - start
        let model = simulation.model
        return BenchReport(
            model: "mmc",
            events: 3 * customers,
            kernelEvents: simulation.eventsProcessed,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            wq: model.measuredWaitSum / Double(model.measuredWaits),
            allocations: countAllocations ? (allocations, eventsMeasured) : nil)
    }
}
