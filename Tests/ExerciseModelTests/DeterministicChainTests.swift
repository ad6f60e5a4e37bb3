import Testing
@testable import ExerciseModel
import Stochastics

/// A chain with constant times and no failures, every time worked out by hand.
///
/// Agencies A(0), B(1), C(2), one staff member each. Capability "analyse": A 2 h, B 3 h, C 1 h;
/// "notify": B 1 h. Channels A–B (30 min + 15 min) and B–C (1 h + 10 min).
/// Injects: i0 at 1 h → A; i1 at 0 h → C; i2 at 100 h → A (beyond the 48 h horizon);
/// i3 30 min after i0 → B; i4 at a random time drawn from constant(2 h) → A.
///
/// - t1 (A, trigger i0): ready 1 h, done 1 h + 2 h = 10 800 s.
/// - t2 (B, after t1): sent 10 800, delivered 10 800 + 1 800 + 900 = 13 500, done + 3 h = 24 300.
/// - t3 (C, after t2, trigger i1): i1 counts at 0 (C is the receiver), t2's output is delivered
///   24 300 + 3 600 + 600 = 28 500, done + 1 h = 32 100.
/// - t4 (B, notify, trigger i3): i3 fires at 5 400, done 5 400 + 3 600 = 9 000 (B idle then).
@Suite("Deterministic chain")
struct DeterministicChainTests {
    static let t1 = 0, t2 = 1, t3 = 2, t4 = 3

    static func chain(objectives: [Objective] = [], threat: Threat? = nil) -> Exercise {
        makeExercise(
            horizon: 48 * hour, capabilities: ["analyse", "notify"],
            agencies: [makeAgency("A", work: [constant(2 * hour), nil]),
                       makeAgency("B", work: [constant(3 * hour), constant(hour)]),
                       makeAgency("C", work: [constant(hour), nil])],
            channels: [makeChannel("AB", [0, 1], latency: 30 * minute, handling: 15 * minute, max: .secret),
                       makeChannel("BC", [2, 1], latency: hour, handling: 10 * minute, max: .secret)],
            injects: [makeInject("i0", to: 0, at: hour),
                      makeInject("i1", to: 2, at: 0),
                      makeInject("i2", to: 0, at: 100 * hour),
                      Inject(id: "i3", description: "", receiver: 1, timing: .after(inject: 0, delay: constant(30 * minute))),
                      Inject(id: "i4", description: "", receiver: 0, timing: .random(constant(2 * hour)))],
            tasks: [makeTask("t1", at: 0, triggers: [0]),
                    makeTask("t2", at: 1, after: [t1]),
                    makeTask("t3", at: 2, after: [t2], triggers: [1]),
                    makeTask("t4", at: 1, capability: 1, triggers: [3])],
            objectives: objectives, threat: threat)
    }

    @Test("completion times, inject firings and channel figures are exact")
    func completionTimes() throws {
        let exercise = Self.chain()
        #expect(exercise.problems().isEmpty)
        let (outcome, trace) = try runTraced(exercise)
        #expect(outcome.taskCompletion == [10_800, 24_300, 32_100, 9_000])
        #expect(outcome.injectFired == [3_600, 0, nil, 5_400, 7_200])
        #expect(outcome.channels[0] == ChannelOutcome(messages: 1, delivered: 1, failedAttempts: 0, lost: 0, meanLatency: 2_700))
        #expect(outcome.channels[1] == ChannelOutcome(messages: 1, delivered: 1, failedAttempts: 0, lost: 0, meanLatency: 4_200))
        #expect(outcome.backgroundCases == 0)
        // i2 is still pending beyond the horizon, so the clock was advanced to the horizon.
        #expect(outcome.endTime == 48 * hour)
        #expect(outcome.agencies.map(\.tasksCompleted) == [1, 2, 1])
        #expect(outcome.agencies.map(\.meanQueueWait) == [0, 0, 0])
        // Busy 2 h, 4 h and 1 h out of 48 h.
        #expect(outcome.agencies.map(\.utilisation) == [7_200 / (48 * hour), 14_400 / (48 * hour), 3_600 / (48 * hour)])
        // Ready and start times, and the messages, as traced.
        #expect(trace.of(.taskReady, task: Self.t3).map(\.time) == [28_500])
        #expect(trace.of(.taskStarted, task: Self.t2).map(\.time) == [13_500])
        #expect(trace.of(.messageSent).map(\.time) == [10_800, 24_300])
        #expect(trace.of(.messageDelivered).map(\.time) == [13_500, 28_500])
        #expect(trace.of(.messageSent).map(\.channel) == [0, 1])
        #expect(trace.of(.injectFired).map(\.inject) == [1, 0, 3, 4])
        #expect(trace.allSatisfy { $0.time <= exercise.horizon })
    }

    @Test("objectives: elapsed times and every rating")
    func objectives() throws {
        let objectives = [
            makeObjective("P", [Self.t3], from: .inject(0), within: 8 * hour),            // 32 100 − 3 600 = 28 500 ≤ 28 800
            makeObjective("S", [Self.t2], from: .exerciseStart, within: 5 * hour),        // 24 300 ≤ 1.5 · 18 000
            makeObjective("M", [Self.t3], from: .task(Self.t1), within: 3 * hour),        // 21 300 ≤ 2 · 10 800
            makeObjective("U", [Self.t2, Self.t4], from: .inject(1), within: hour),       // 24 300 > 2 · 3 600
            makeObjective("NA", [Self.t1], from: .inject(2), within: hour),               // i2 is beyond the horizon
            makeObjective("zero", [Self.t1], from: .task(Self.t3), within: hour),         // milestone first: 0
            makeObjective("P-edge", [Self.t2], from: .inject(4), within: 17_100),         // exactly the deadline
            makeObjective("S-edge", [Self.t4], from: .exerciseStart, within: 6_000),      // exactly 1.5 ×
            makeObjective("M-edge", [Self.t4], from: .exerciseStart, within: 4_500),      // exactly 2 ×
            makeObjective("custom", [Self.t1], from: .exerciseStart, within: hour,        // 3 × with m = 3
                          thresholds: RatingThresholds(s: 2, m: 3)),
        ]
        let (outcome, _) = try runTraced(Self.chain(objectives: objectives))
        let o = outcome.objectives
        #expect(o.map(\.rating) == [.p, .s, .m, .u, .notTriggered, .p, .p, .s, .m, .m])
        #expect(o.map(\.elapsed) == [28_500, 24_300, 21_300, 24_300, nil, 0, 17_100, 9_000, 9_000, 10_800])
        #expect(o.map(\.triggeredAt) == [3_600, 0, 10_800, 0, nil, 32_100, 7_200, 0, 0, 0])
        #expect(o.map(\.reachedAt) == [32_100, 24_300, 32_100, 24_300, 10_800, 10_800, 24_300, 9_000, 9_000, 10_800])
        #expect(o.map(\.met) == [true, false, false, false, false, true, true, false, false, false])
    }

    @Test("objective with a milestone never reached is U")
    func unreachedMilestone() throws {
        // A task no input ever reaches: triggered by i2, which fires beyond the horizon.
        var exercise = Self.chain(objectives: [makeObjective("never", [4], from: .exerciseStart, within: hour)])
        exercise.tasks.append(makeTask("t5", at: 0, triggers: [2]))
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.taskCompletion[4] == nil)
        #expect(outcome.objectives[0] == ObjectiveOutcome(triggeredAt: 0, reachedAt: nil, elapsed: nil, rating: .u))
    }

    @Test("threat: disrupted only strictly before the attack", arguments: [
        (30_000.0, [1], true),        // t2 at 24 300 < 30 000
        (24_300.0, [1], false),       // a tie is not a disruption
        (30_000.0, [2], false),       // t3 at 32 100, after the attack
        (1.0e9, [1, 2], true),        // attack beyond the horizon: a disruption within the horizon beats it
        (1.0e9, [4], false),          // t5 never completes: never disrupted
    ])
    func threat(attack: Double, disruptedBy: [Int], disrupted: Bool) throws {
        var exercise = Self.chain(threat: Threat(description: "attack", time: constant(attack), disruptedBy: disruptedBy))
        exercise.tasks.append(makeTask("t5", at: 0, triggers: [2]))
        let (outcome, trace) = try runTraced(exercise)
        let threat = try #require(outcome.threat)
        #expect(threat.attackAt == attack)
        #expect(threat.disrupted == disrupted)
        let milestone = disruptedBy.map { outcome.taskCompletion[$0] }
        #expect(threat.disruptedAt == (milestone.contains(nil) ? nil : milestone.compactMap { $0 }.max()))
        // The attack event is traced only when it falls within the horizon.
        #expect(trace.of(.attack).map(\.time) == (attack <= exercise.horizon ? [attack] : []))
    }
}
