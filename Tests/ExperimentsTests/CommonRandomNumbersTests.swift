import ExerciseModel
import Experiments
import ScenarioFormat
import Testing

/// Common random numbers: each source of randomness draws from its own stream, so changing one
/// agency's staff (through a sweep factor) leaves another channel's draws identical.
@Suite("Common random numbers across design points")
struct CommonRandomNumbersTests {
    /// Two independent flows: A → B over `ab`, C → D over `cd` (with failures and retries).
    /// A is overloaded with one staff member (work 2 h per 1.5 h of arrivals), so its staff
    /// changes every time on the A side; nothing on the C side depends on A.
    static let scenario = """
        exercise: {name: crn, start: 2026-03-02T08:00:00Z, horizon: 10d}
        agencies:
          - {id: A, jurisdiction: X, kind: police, staff: 1, capabilities: {a-work: exponential(mean=2h)}}
          - {id: B, jurisdiction: X, kind: police, capabilities: {b-work: 10m}}
          - {id: C, jurisdiction: X, kind: fiu, capabilities: {c-work: exponential(mean=1h)}}
          - {id: D, jurisdiction: X, kind: fiu, capabilities: {d-work: 10m}}
        channels:
          - {id: ab, connects: [A, B], latency: exponential(mean=30m), handling: exponential(mean=1h)}
          - id: cd
            connects: [C, D]
            latency: exponential(mean=20m)
            handling: exponential(mean=2h)
            failure: {probability: 0.2, retry-after: exponential(mean=15m), max-attempts: 10}
        injects:
          - {id: TO-A, time: exponential(mean=1h), to: A, repeat: {every: exponential(mean=1.5h)}, triggers: [a-work]}
          - {id: TO-C, time: exponential(mean=1h), to: C, repeat: {every: exponential(mean=2h)}, triggers: [c-work]}
        plan:
          - {id: a-work, capability: a-work, performer: A}
          - {id: b-work, capability: b-work, performer: B, after: [a-work]}
          - {id: c-work, capability: c-work, performer: C}
          - {id: d-work, capability: d-work, performer: D, after: [c-work]}

        """

    /// Per message of `channel`, in the order delivered: delivery time − first sending time
    /// (latency, failed attempts and their retry waits, handling). Message slots are reused
    /// once a message is delivered or lost, so a slot's sending opens a journey and its delivery
    /// closes it.
    static func transitTimes(_ events: [TraceEvent], channel: Int32) -> [Double] {
        var open: [Int32: Double] = [:]
        var transits: [Double] = []
        for event in events where event.channel == channel {
            switch event.kind {
            case .messageSent: open[event.message] = event.time
            case .messageDelivered:
                if let sent = open.removeValue(forKey: event.message) { transits.append(event.time - sent) }
            case .messageLost: open[event.message] = nil
            default: break
            }
        }
        return transits
    }

    @Test("changing A's staff leaves channel cd's draws identical, replication by replication", arguments: [0, 1, 2, 3, 4])
    func otherChannelUnchanged(replication: Int) throws {
        let base = try ScenarioLoader.load(text: Self.scenario, path: "crn.yaml").exercise
        let a = try #require(base.agencies.firstIndex { $0.id == "A" })
        let cd = try #require(base.channels.firstIndex { $0.id == "cd" }), ab = try #require(base.channels.firstIndex { $0.id == "ab" })
        var traces: [[TraceEvent]] = []
        for staff in [1.0, 3.0] {
            let exercise = try SweepFactors.apply([.agencyStaff(agency: a)], values: [staff], to: base)
            var buffer = TraceBuffer()
            _ = try ExerciseRunner(exercise).run(replication: replication, seed: 17, trace: &buffer)
            traces.append(buffer.events)
        }
        let first = Self.transitTimes(traces[0], channel: Int32(cd)), second = Self.transitTimes(traces[1], channel: Int32(cd))
        #expect(first.count >= 50)
        #expect(first == second)
        // The change did matter on A's side: its messages left at other times.
        let sentOnAB = traces.map { events in events.filter { $0.kind == .messageSent && $0.channel == Int32(ab) }.map(\.time) }
        #expect(sentOnAB[0] != sentOnAB[1])
    }
}
