import Testing
@testable import ExerciseModel
import Stochastics

/// Repeating injects: every occurrence starts a background case whose tasks occupy staff but
/// never appear in the outcome's completion times.
@Suite("Background load")
struct BackgroundLoadTests {
    /// Desk D(0) with `staff` members and work `work`; a repeating inject `r` to D every
    /// `interval` (first at `first`), triggering background task `handle` at D.
    ///
    /// A main-case task `main` (1 s, at agency M(1), no inputs) is added because an exercise
    /// with an empty main case crashes (see `emptyMainCase`).
    static func desk(staff: Int, work: Distribution, first: InjectTiming = .fixed(0), interval: Distribution,
                     count: Int? = nil, horizon: Double) -> Exercise {
        makeExercise(
            horizon: horizon, capabilities: ["handle"],
            agencies: [makeAgency("D", staff: staff, work: [work]), makeAgency("M", work: [constant(1)])],
            injects: [Inject(id: "r", description: "", receiver: 0, timing: first,
                             repetition: InjectRepetition(interval: interval, count: count))],
            tasks: [makeTask("handle", at: 0, triggers: [0]), makeTask("main", at: 1)])
    }

    /// M/M/2 with λ = 1/h, mean work 1.6 h (μ = 1/1.6 h⁻¹): a = 1.6, ρ = 0.8. Erlang C:
    /// Wq = C(2, 1.6) / (2μ − λ) = 0.7111… · 4 h = 10 240 s. Over 30 replications of 20 000 h the
    /// mean of the agency's mean queue wait lies within the 99.9 % t interval around it.
    @Test("mean queue wait matches Erlang C (M/M/2, ρ = 0.8)")
    func erlangCWait() throws {
        let lambda = 1 / hour, mu = 1 / (1.6 * hour)
        let expected = erlangC(servers: 2, load: lambda / mu) / (2 * mu - lambda)
        #expect(abs(expected - 10_240) < 1e-6)
        let runner = ExerciseRunner(Self.desk(staff: 2, work: exponential(1.6 * hour), first: .random(exponential(hour)),
                                              interval: exponential(hour), horizon: 20_000 * hour))
        var waits: [Double] = [], utilisation: [Double] = []
        for replication in 0..<30 {
            let outcome = try runner.run(replication: replication, seed: 42)
            waits.append(outcome.agencies[0].meanQueueWait)
            utilisation.append(outcome.agencies[0].utilisation)
            #expect(outcome.taskCompletion[0] == nil)
            #expect(outcome.taskCompletion[1] == 1)
            #expect(outcome.endTime == 20_000 * hour)
            // Roughly 20 000 arrivals (Poisson: sd ≈ 141).
            #expect(abs(Double(outcome.backgroundCases) - 20_000) < 1_000)
        }
        let (mean, halfWidth) = try tInterval(waits, level: 0.999)
        #expect(abs(mean - expected) <= halfWidth, "mean wait \(mean) s ± \(halfWidth), Erlang C \(expected) s")
        let (busy, busyHalfWidth) = try tInterval(utilisation, level: 0.999)
        #expect(abs(busy - 0.8) <= busyHalfWidth, "utilisation \(busy) ± \(busyHalfWidth)")
    }

    /// Constant interval 1 h from 0: occurrences at 0, 1, …, 10 h within a 10 h horizon (an event
    /// exactly at the horizon is processed): 11 cases. With count 5 and a long horizon: 5.
    @Test("background cases: one per occurrence within the horizon, or `count`", arguments: [
        (Int?.none, 10.0, 11), (Int?.none, 10.5, 11), (5, 100.0, 5), (5, 3.0, 4), (1, 100.0, 1),
    ])
    func occurrences(count: Int?, horizonHours: Double, cases: Int) throws {
        let exercise = Self.desk(staff: 1, work: constant(30 * minute), interval: constant(hour), count: count,
                                 horizon: horizonHours * hour)
        #expect(exercise.problems().isEmpty)
        let (outcome, trace) = try runTraced(exercise)
        #expect(outcome.backgroundCases == cases)
        #expect(trace.of(.injectFired).map(\.time) == (0..<cases).map { Double($0) * hour })
        // The first firing is the inject's firing time; background tasks have no completion time.
        #expect(outcome.injectFired == [0])
        #expect(outcome.taskCompletion == [nil, 1])
        // …but they occupied staff: every whole case completed (the last may end past the horizon).
        let completed = trace.of(.taskCompleted, task: 0)
        #expect(outcome.agencies[0].tasksCompleted == completed.count)
        #expect(completed.map(\.time) == (0..<cases).map { Double($0) * hour + 30 * minute }.filter { $0 <= horizonHours * hour })
    }

    /// Background work delays the main case: the desk is busy with an occurrence when the main
    /// task arrives, and background dependents get fresh instances per occurrence.
    @Test("background tasks occupy staff and chain within their case")
    func backgroundDelaysMain() throws {
        let exercise = makeExercise(
            horizon: 24 * hour, capabilities: ["handle", "check"],
            agencies: [makeAgency("D", work: [constant(2 * hour), constant(hour)]), makeAgency("E", work: [nil, constant(hour)])],
            channels: [makeChannel("DE", [0, 1], latency: 0, handling: 0)],
            injects: [Inject(id: "r", description: "", receiver: 0, timing: .fixed(0),
                             repetition: InjectRepetition(interval: constant(3 * hour), count: 2)),
                      makeInject("main", to: 0, at: 30 * minute)],
            tasks: [makeTask("bg", at: 0, triggers: [0]), makeTask("bg-check", at: 1, capability: 1, after: [0]),
                    makeTask("main", at: 0, triggers: [1])],
            objectives: [makeObjective("o", [2], from: .inject(1), within: hour)])
        #expect(exercise.problems().isEmpty)
        let (outcome, trace) = try runTraced(exercise)
        // bg (2 h) occupies D over [0, 2 h]; main (also 2 h) waits from 0.5 h to 2 h and is done
        // at 4 h; the second occurrence's bg waits from 3 h to 4 h and is done at 6 h. bg-check
        // (E, 1 h, zero-delay channel) follows each bg: done at 3 h and 7 h.
        #expect(outcome.taskCompletion == [nil, nil, 4 * hour])
        #expect(outcome.objectives[0].elapsed == 3.5 * hour)
        #expect(outcome.objectives[0].rating == .u)
        #expect(outcome.agencies[0].meanQueueWait == 2.5 * hour / 3)
        #expect(outcome.agencies[0].tasksCompleted == 3 && outcome.agencies[1].tasksCompleted == 2)
        #expect(trace.of(.taskCompleted, task: 1).map(\.time) == [3 * hour, 7 * hour])
        #expect(Set(trace.of(.taskCompleted, task: 1).map(\.instance)).count == 2)
        #expect(outcome.backgroundCases == 2)
    }

    /// Every task triggered by a repeating inject leaves the main case empty: occurrences at
    /// 0, 1, …, 10 h (11, the one at the 10 h horizon included) each start a background case; the
    /// first ten finish their 30-minute task within the horizon. (This caught a crash on empty
    /// instance blocks.)
    @Test("an exercise with an empty main case runs")
    func emptyMainCase() throws {
        let exercise = makeExercise(
            horizon: 10 * hour, capabilities: ["handle"],
            agencies: [makeAgency("D", work: [constant(30 * minute)])],
            injects: [Inject(id: "r", description: "", receiver: 0, timing: .fixed(0),
                             repetition: InjectRepetition(interval: constant(hour), count: nil))],
            tasks: [makeTask("handle", at: 0, triggers: [0])])
        let outcome = try ExerciseRunner(exercise).run(replication: 0, seed: 1)
        #expect(outcome.backgroundCases == 11)
        #expect(outcome.taskCompletion == [nil])
        #expect(outcome.agencies[0].tasksCompleted == 10)
    }

    /// A repeating inject that triggers no task still fires its 3 occurrences, and the main case
    /// runs beside it.
    @Test("a repeating inject that triggers nothing runs")
    func emptyBackgroundCase() throws {
        let exercise = makeExercise(
            horizon: 10 * hour, agencies: [makeAgency("D", work: [constant(30 * minute)])],
            injects: [Inject(id: "tick", description: "", receiver: 0, timing: .fixed(0),
                             repetition: InjectRepetition(interval: constant(hour), count: 3))],
            tasks: [makeTask("main", at: 0)])
        let outcome = try ExerciseRunner(exercise).run(replication: 0, seed: 1)
        #expect(outcome.backgroundCases == 3)
        #expect(outcome.taskCompletion == [30 * minute])
    }
}
