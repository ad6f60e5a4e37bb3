import Testing
import SimKernel
import Stochastics

/// FNV-1a 64 over 64-bit words, byte by byte (little-endian).
struct FNV1a64 {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func combine(_ word: UInt64) {
        var rest = word
        for _ in 0..<8 {
            value ^= rest & 0xFF
            value &*= 0x0000_0100_0000_01B3
            rest >>= 8
        }
    }
}

/// M/M/2 (λ = 1.5, μ = 1) whose every handled event is folded into a digest: the bit pattern
/// of its time, its kind and its customer.
struct DigestMM2Model: SimulationModel {
    enum Event {
        case arrival(customer: Int)
        case departure(customer: Int)
    }

    let arrivals: RandomStream
    let services: RandomStream
    let customers: Int
    var desk = ServerPool(capacity: 2)
    var digest = FNV1a64()

    init(master: UInt64, replication: UInt64, customers: Int) {
        arrivals = RandomStream(master: master, replication: replication, purpose: StreamPurpose("digest.arrivals"))
        services = RandomStream(master: master, replication: replication, purpose: StreamPurpose("digest.services"))
        self.customers = customers
    }

    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        digest.combine(now.bitPattern)
        switch event {
        case .arrival(let customer):
            digest.combine(1)
            digest.combine(UInt64(customer))
            if customer + 1 < customers {
                calendar.schedule(.arrival(customer: customer + 1), after: arrivals.exponential(mean: 1 / 1.5))
            }
            if desk.request(customer, at: now) {
                calendar.schedule(.departure(customer: customer), after: services.exponential(mean: 1))
            }
        case .departure(let customer):
            digest.combine(2)
            digest.combine(UInt64(customer))
            if let (next, _) = desk.release(at: now) {
                calendar.schedule(.departure(customer: next), after: services.exponential(mean: 1))
            }
        }
    }

    /// Runs `customers` customers to completion; returns (digest, events, final time, mean wait).
    static func run(master: UInt64, replication: UInt64 = 0, customers: Int = 5_000) throws -> (UInt64, Int, Double, Double) {
        var simulation = Simulation(model: DigestMM2Model(master: master, replication: replication, customers: customers))
        simulation.calendar.schedule(.arrival(customer: 0), at: 0)
        let outcome = try simulation.run()
        #expect(outcome == .calendarEmpty)
        return (simulation.model.digest.value, simulation.eventsProcessed, simulation.now, simulation.model.desk.waits.mean)
    }
}

@Suite("Determinism")
struct DeterminismTests {
    @Test func sameSeedGivesTheSameEventSequence() throws {
        let first = try DigestMM2Model.run(master: 20_240_601)
        // Another run in between must not influence the result (no hidden global state).
        _ = try DigestMM2Model.run(master: 777)
        let second = try DigestMM2Model.run(master: 20_240_601)
        #expect(first.0 == second.0, "digests \(first.0) and \(second.0) differ")
        #expect(first.1 == second.1 && first.1 == 10_000)
        #expect(first.2.bitPattern == second.2.bitPattern && first.3.bitPattern == second.3.bitPattern)
    }

    @Test func differentSeedsOrReplicationsGiveDifferentSequences() throws {
        let runs = try [
            DigestMM2Model.run(master: 1), DigestMM2Model.run(master: 2),
            DigestMM2Model.run(master: 1, replication: 1), DigestMM2Model.run(master: 1, replication: 2),
        ]
        let digests = runs.map(\.0)
        #expect(Set(digests).count == digests.count, "digests \(digests)")
    }
}
