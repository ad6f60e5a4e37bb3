import Foundation
import SimKernel
import Stochastics

/// The `relay` reference model: 50 single-server FIFO agencies with exponential work (mean 1 min).
/// Messages arrive (Poisson, 7.5/min) at a uniformly random agency; after each visit a message
/// leaves with probability 0.1, or when it has made 5 link hops; otherwise it moves to a uniformly
/// random other agency over a link with lognormal delay (μ 0.5, σ 0.5). Exact: Wq per visit
/// 2.3652 min, end-to-end 22.653 min, 4.686 visits per message.
struct RelayModel: SimulationModel {
    enum Event {
        case arrival(message: Int32)
        case visit(message: Int32, agency: Int32)
        case departure(message: Int32, agency: Int32)
    }

    static let warmUpMessages = 5_000
    static let agencyCount = 50
    static let arrivalRate = 7.5
    static let leaveProbability = 0.1
    static let maximumHops = 5

    let messages: Int
    let arrivals: RandomStream
    let work: RandomStream
    let routing: RandomStream
    let linkDelay: Distribution
    var agencies: [ServerPool]
    var hops: [Int8]
    var entered: [Double]

    var measuredWaitSum = 0.0
    var measuredVisits = 0
    var measuredEndToEndSum = 0.0
    var measuredMessages = 0

    init(messages: Int, seed: UInt64) throws {
        self.messages = messages
        arrivals = RandomStream(master: seed, replication: 0, purpose: StreamPurpose("relay.arrivals"))
        work = RandomStream(master: seed, replication: 0, purpose: StreamPurpose("relay.work"))
        routing = RandomStream(master: seed, replication: 0, purpose: StreamPurpose("relay.routing"))
        linkDelay = try Distribution.lognormal(mu: 0.5, sigma: 0.5)
        agencies = (0..<Self.agencyCount).map { _ in ServerPool(capacity: 1) }
        hops = [Int8](repeating: 0, count: messages)
        entered = [Double](repeating: 0, count: messages)
    }

    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        switch event {
        case .arrival(let message):
            let next = Int(message) + 1
            if next < messages {
                calendar.schedule(.arrival(message: Int32(next)), after: arrivals.exponential(mean: 1 / Self.arrivalRate))
            }
            entered[Int(message)] = now
            let agency = routing.uniformIndex(below: Self.agencyCount)
            visit(message: Int(message), agency: agency, calendar: &calendar)
        case .visit(let message, let agency):
            visit(message: Int(message), agency: Int(agency), calendar: &calendar)
        case .departure(let message, let agency):
            let a = Int(agency)
            if let (next, waited) = agencies[a].release(at: now) {
                startService(message: next, agency: a, waited: waited, calendar: &calendar)
            }
            route(message: Int(message), from: a, calendar: &calendar)
        }
    }

    @inline(__always)
    mutating func visit(message: Int, agency: Int, calendar: inout EventCalendar<Event>) {
        if agencies[agency].request(message, at: calendar.now) {
            startService(message: message, agency: agency, waited: 0, calendar: &calendar)
        }
    }

    @inline(__always)
    mutating func startService(message: Int, agency: Int, waited: Double, calendar: inout EventCalendar<Event>) {
        if message >= Self.warmUpMessages {
            measuredWaitSum += waited
            measuredVisits += 1
        }
        calendar.schedule(.departure(message: Int32(message), agency: Int32(agency)), after: work.exponential(mean: 1))
    }

    @inline(__always)
    mutating func route(message: Int, from agency: Int, calendar: inout EventCalendar<Event>) {
        if Int(hops[message]) >= Self.maximumHops || routing.uniform() < Self.leaveProbability {
            if message >= Self.warmUpMessages {
                measuredEndToEndSum += calendar.now - entered[message]
                measuredMessages += 1
            }
            return
        }
        hops[message] += 1
        var next = routing.uniformIndex(below: Self.agencyCount - 1)
        if next >= agency { next += 1 }
        calendar.schedule(.visit(message: Int32(message), agency: Int32(next)), after: linkDelay.sample(routing))
    }

    /// Runs the model; allocations are counted over the middle half of the arrivals.
    static func measure(messages: Int, seed: UInt64, countAllocations: Bool) throws -> BenchReport {
        var simulation = Simulation(model: try RelayModel(messages: messages, seed: seed))
        simulation.calendar.schedule(.arrival(message: 0), at: 0)
        let clock = ContinuousClock()
        let start = clock.now
        _ = try simulation.run(until: Double(messages) / 4 / arrivalRate)
        let eventsBefore = simulation.eventsProcessed
        if countAllocations { try AllocationCounter.start() }
        _ = try simulation.run(until: Double(messages) * 3 / 4 / arrivalRate)
        let allocations = countAllocations ? AllocationCounter.stop() : 0
        let eventsMeasured = simulation.eventsProcessed - eventsBefore
        _ = try simulation.run()
        let elapsed = clock.now - start
        let model = simulation.model
        // Every visit is three logical events: arrival at the agency, service start, departure.
        let totalVisits = model.agencies.reduce(0) { $0 + $1.waits.count }
        return BenchReport(
            model: "relay",
            events: 3 * totalVisits,
            kernelEvents: simulation.eventsProcessed,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            wq: model.measuredWaitSum / Double(model.measuredVisits),
            e2e: model.measuredEndToEndSum / Double(model.measuredMessages),
            visits: Double(model.measuredVisits) / Double(model.measuredMessages),
            allocations: countAllocations ? (allocations, eventsMeasured) : nil)
    }
}
