import Testing
@testable import ExerciseModel
@testable import Experiments
import Stochastics

/// `quantile`, `Spread` and `SummaryBuilder` over hand-made replication records.
@Suite("Run summary")
struct SummaryTests {
    static func close(_ x: Double?, _ y: Double, tolerance: Double = 1e-12) -> Bool {
        guard let x else { return false }
        return abs(x - y) <= tolerance * max(1, abs(y))
    }

    @Test("type-7 quantiles and Spread")
    func quantiles() {
        let sorted: [Double] = [1, 2, 3, 4, 10]
        // h = (n − 1)·p: p50 → x₃ = 3; p90 → h = 3.6: 4 + 0.6·6 = 7.6; p95 → h = 3.8: 4 + 0.8·6 = 8.8.
        #expect(quantile(sorted: sorted, 0.5) == 3)
        #expect(Self.close(quantile(sorted: sorted, 0.9), 7.6))
        #expect(Self.close(quantile(sorted: sorted, 0.95), 8.8))
        #expect(quantile(sorted: sorted, 0) == 1 && quantile(sorted: sorted, 1) == 10)
        #expect(quantile(sorted: [], 0.5) == nil)
        #expect(quantile(sorted: [7], 0.9) == 7)
        // Spread sorts, converts units and keeps the mean: hours of [10 h, 1 h, 4 h, 2 h, 3 h].
        let spread = Spread([36_000, 3_600, 14_400, 7_200, 10_800], unit: hour)
        #expect(spread.count == 5 && spread.mean == 4 && spread.p50 == 3)
        #expect(Self.close(spread.p90, 7.6) && Self.close(spread.p95, 8.8))
        // Even count: p50 halfway between the middle two.
        #expect(Spread([4, 1, 3, 2]).p50 == 2.5)
        #expect(Spread([]) == Spread([], unit: 60))
        #expect(Spread([]).mean == nil && Spread([]).p95 == nil && Spread([]).count == 0)
    }

    static func exercise() -> Exercise {
        makeExercise(
            horizon: 24 * hour, agencies: [makeAgency("A", staff: 2, work: [constant(hour)]), makeAgency("B", work: [constant(hour)])],
            channels: [makeChannel("AB", [0, 1], latency: 60, handling: 0), makeChannel("BA", [0, 1], latency: 120, handling: 0)],
            injects: [makeInject("i0", to: 0, at: 0)],
            tasks: [makeTask("a", at: 0, triggers: [0]), makeTask("b", at: 1, after: [0])],
            objectives: [makeObjective("o0", [1], from: .inject(0), within: 2 * hour),
                         makeObjective("o1", [1], from: .exerciseStart, within: 2 * hour)],
            threat: Threat(description: "the attack", time: constant(hour), disruptedBy: [1]))
    }

    static func record(_ replication: Int, objectives: [ObjectiveOutcome], threat: ThreatOutcome,
                       utilisation: [Double], wait: [Double], completed: [Int], channels: [ChannelOutcome], events: Int) -> ReplicationOutcome {
        ReplicationOutcome(
            replication: replication, taskCompletion: [nil, nil], injectFired: [0], objectives: objectives, threat: threat,
            agencies: (0..<2).map { AgencyOutcome(utilisation: utilisation[$0], meanQueueWait: wait[$0], tasksStarted: completed[$0],
                                                  tasksCompleted: completed[$0], maxQueueLength: 0) },
            channels: channels, events: events, backgroundCases: 0, endTime: 24 * hour)
    }

    static func objective(_ elapsed: Double?, _ rating: Rating) -> ObjectiveOutcome {
        ObjectiveOutcome(triggeredAt: rating == .notTriggered ? nil : 0, reachedAt: elapsed, elapsed: elapsed, rating: rating)
    }

    static func channel(messages: Int, delivered: Int, failed: Int, lost: Int, latency: Double) -> ChannelOutcome {
        ChannelOutcome(messages: messages, delivered: delivered, failedAttempts: failed, lost: lost, meanLatency: latency)
    }

    /// Three replications:
    ///
    /// | rep | o0 elapsed, rating | o1 | attack, disrupted at | utilisation A, B | wait A, B (s) | done A, B | events |
    /// |---|---|---|---|---|---|---|---|
    /// | 0 | 1 h, P   | N/A       | 5 h, 3 h   | 0.5, 0    | 3 600, 0  | 3, 1 | 100 |
    /// | 1 | 2.5 h, S | 0 h, P    | 2 h, 3 h   | 0.25, 0   | 7 200, 0  | 4, 1 | 200 |
    /// | 2 | —, U     | 4 h, M    | 10 h, —    | 0.75, 0.3 | 0, 1 800  | 5, 2 | 300 |
    ///
    /// Channel AB: messages 2, 3, 1; delivered 2, 2, 1; failed 1, 0, 2; lost 0, 1, 0; mean
    /// latency 1 800, 3 600, 7 200 s (delivery-weighted: 18 000 / 5 = 3 600 s = 1 h). Channel BA:
    /// one lost message in replication 0, nothing delivered ever.
    static func records() -> [ReplicationOutcome] {
        let noBA = channel(messages: 0, delivered: 0, failed: 0, lost: 0, latency: 0)
        return [
            record(0, objectives: [objective(hour, .p), objective(nil, .notTriggered)],
                   threat: ThreatOutcome(attackAt: 5 * hour, disruptedAt: 3 * hour), utilisation: [0.5, 0], wait: [3_600, 0],
                   completed: [3, 1], channels: [channel(messages: 2, delivered: 2, failed: 1, lost: 0, latency: 1_800),
                                                 channel(messages: 1, delivered: 0, failed: 1, lost: 1, latency: 0)], events: 100),
            record(1, objectives: [objective(2.5 * hour, .s), objective(0, .p)],
                   threat: ThreatOutcome(attackAt: 2 * hour, disruptedAt: 3 * hour), utilisation: [0.25, 0], wait: [7_200, 0],
                   completed: [4, 1], channels: [channel(messages: 3, delivered: 2, failed: 0, lost: 1, latency: 3_600), noBA], events: 200),
            record(2, objectives: [objective(nil, .u), objective(4 * hour, .m)],
                   threat: ThreatOutcome(attackAt: 10 * hour, disruptedAt: nil), utilisation: [0.75, 0.3], wait: [0, 1_800],
                   completed: [5, 2], channels: [channel(messages: 1, delivered: 1, failed: 2, lost: 0, latency: 7_200), noBA], events: 300),
        ]
    }

    @Test("objectives: probability met, rating shares, elapsed spread")
    func objectives() throws {
        var builder = SummaryBuilder(exercise: Self.exercise(), seed: 77)
        for record in Self.records() { builder.add(record) }
        let summary = builder.finish()
        #expect(summary.replications == 3 && summary.seed == 77 && summary.exercise == "test" && summary.horizonHours == 24)
        let o0 = summary.objectives[0], o1 = summary.objectives[1]
        #expect(o0.id == "o0" && o0.deadlineHours == 2 && o0.capability == "operational-coordination")
        #expect(o0.probabilityMet == 1.0 / 3)
        let third = 1.0 / 3
        let ratings0: [String: Double] = ["P": third, "S": third, "M": 0, "U": third, "N/A": 0]
        let ratings1: [String: Double] = ["P": third, "S": 0, "M": third, "U": 0, "N/A": third]
        #expect(o0.ratings == ratings0)
        #expect(o1.probabilityMet == third)
        #expect(o1.ratings == ratings1)
        // o0: elapsed [1, 2.5] h: p50 1.75, p90 1 + 0.9·1.5 = 2.35, p95 1 + 0.95·1.5 = 2.425.
        #expect(o0.elapsedHours.count == 2 && o0.elapsedHours.mean == 1.75 && o0.elapsedHours.p50 == 1.75)
        #expect(Self.close(o0.elapsedHours.p90, 2.35) && Self.close(o0.elapsedHours.p95, 2.425))
        // o1: elapsed [0, 4] h.
        #expect(o1.elapsedHours == Spread([0, 4]))
        #expect(Self.close(o1.elapsedHours.p90, 3.6))
    }

    @Test("threat, agencies, channels and per-replication totals")
    func figures() throws {
        var builder = SummaryBuilder(exercise: Self.exercise(), seed: 77)
        for record in Self.records() { builder.add(record) }
        let summary = builder.finish()
        let threat = try #require(summary.threat)
        #expect(threat.description == "the attack")
        #expect(threat.probabilityDisrupted == 1.0 / 3)
        // Attack hours [2, 5, 10]: p50 5, p90 5 + 0.8·5 = 9, p95 5 + 0.9·5 = 9.5.
        #expect(threat.attackHours.count == 3 && threat.attackHours.p50 == 5)
        #expect(Self.close(threat.attackHours.mean, 17.0 / 3) && Self.close(threat.attackHours.p90, 9) && Self.close(threat.attackHours.p95, 9.5))
        #expect(threat.disruptedHours == Spread([3, 3]))

        let a = summary.agencies[0], b = summary.agencies[1]
        #expect(a.id == "A" && a.staff == 2 && b.staff == 1)
        #expect(a.utilisation == 0.5 && a.meanQueueWaitHours == 1 && a.tasksCompletedPerReplication == 4)
        #expect(Self.close(b.utilisation, 0.1) && Self.close(b.meanQueueWaitHours, 600.0 / 3_600))
        #expect(Self.close(b.tasksCompletedPerReplication, 4.0 / 3))

        let ab = summary.channels[0], ba = summary.channels[1]
        #expect(ab.id == "AB" && ab.messagesPerReplication == 2 && ab.failedAttemptsPerReplication == 1)
        #expect(ab.lostPerReplication == 1.0 / 3)
        #expect(ab.meanLatencyHours == 1)  // weighted by deliveries, not the mean of means (7/6 h)
        #expect(ba.messagesPerReplication == 1.0 / 3 && ba.lostPerReplication == 1.0 / 3)
        #expect(ba.meanLatencyHours == nil)
        #expect(summary.eventsPerReplication == 200)
        #expect(summary.messagesPerReplication == 7.0 / 3)
    }

    @Test("a summary of real replications agrees with the records")
    func fromRuns() throws {
        let exercise = Self.exercise()
        let runner = ExerciseRunner(exercise)
        var builder = SummaryBuilder(exercise: exercise, seed: 1)
        var records: [ReplicationOutcome] = []
        try ParallelReplications(runner: runner, seed: 1, jobs: 2).run(0..<4) { records.append($0); builder.add($0) }
        #expect(records.map(\.replication) == [0, 1, 2, 3])
        let summary = builder.finish()
        // Deterministic: a done at 1 h, message over AB (60 s), b done at 2 h + 60 s.
        #expect(records.allSatisfy { $0.taskCompletion == [hour, 2 * hour + 60] })
        #expect(summary.objectives.map(\.probabilityMet) == [0, 0])  // 2 h 60 s > 2 h
        #expect(summary.objectives[0].ratings["S"] == 1)
        #expect(summary.threat?.probabilityDisrupted == 0)
        #expect(summary.channels[0].meanLatencyHours == 60.0 / 3_600)
        #expect(summary.channels.map(\.messagesPerReplication) == [1, 0])
    }
}
