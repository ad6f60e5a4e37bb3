import Testing
@testable import ExerciseModel
import Stochastics

/// A replication is a pure function of (exercise, seed, replication index), and each source of
/// randomness has a stream of its own (common random numbers across scenario variants).
@Suite("Determinism and random streams")
struct DeterminismTests {
    /// `extra` unrelated agencies are declared first (shifting every index) to show that streams
    /// follow ids, not positions. A(work `workA`) → B (exponential 1 h) over a channel failing
    /// with probability 0.4 (retry exponential 2 min, latency exponential 10 min); a random
    /// inject to A triggers the first task; an exponential threat.
    static func stochastic(workA: Distribution = exponential(hour), extra: Int = 0) -> Exercise {
        let a = extra, b = extra + 1
        let extras = (0..<extra).map { makeAgency("Z\($0)", work: [exponential(7 * hour)]) }
        let channel = Channel(id: "AB", name: "AB", kind: .siena, members: [a, b], latency: exponential(10 * minute),
                              handling: constant(5 * minute), failureProbability: 0.4, retryDelay: exponential(2 * minute),
                              maxAttempts: 30, maxClassification: .secret)
        return makeExercise(
            horizon: 200 * hour,
            agencies: extras + [makeAgency("A", work: [workA]), makeAgency("B", work: [exponential(hour)])],
            channels: [channel],
            injects: [Inject(id: "i0", description: "", receiver: a, timing: .random(exponential(30 * minute)))],
            tasks: (0..<extra).map { makeTask("z\($0)", at: $0) }
                + [makeTask("t0", at: a, triggers: [0]), makeTask("t1", at: b, after: [extra])],
            objectives: [makeObjective("o", [extra + 1], from: .inject(0), within: 3 * hour)],
            threat: Threat(description: "", time: exponential(4 * hour), disruptedBy: [extra + 1]))
    }

    @Test("same exercise, seed and replication: identical outcome and trace")
    func reproducible() throws {
        let exercise = Self.stochastic()
        for replication in [0, 1, 17] {
            let (first, firstTrace) = try runTraced(exercise, replication: replication, seed: 99)
            let (second, secondTrace) = try runTraced(exercise, replication: replication, seed: 99)
            #expect(first == second)
            #expect(firstTrace == secondTrace)
            #expect(!firstTrace.isEmpty)
            // Tracing does not change the outcome.
            #expect(try ExerciseRunner(exercise).run(replication: replication, seed: 99) == first)
        }
    }

    @Test("different replications and different seeds differ")
    func different() throws {
        let runner = ExerciseRunner(Self.stochastic())
        let outcomes = try (0..<20).map { try runner.run(replication: $0, seed: 5) }
        let completions = Set(outcomes.map { $0.taskCompletion[1] })
        #expect(completions.count == 20)
        #expect(Set(outcomes.map(\.threat!.attackAt)).count == 20)
        #expect(Set(outcomes.map(\.replication)) == Set(0..<20))
        let otherSeed = try runner.run(replication: 0, seed: 6)
        #expect(otherSeed.taskCompletion != outcomes[0].taskCompletion)
    }

    /// Changing agency A's work distribution changes A's completion times but leaves the
    /// channel's failure and delay draws, B's work draws, the inject timing and the attack time
    /// unchanged, replication by replication.
    @Test("changing one agency's work time leaves the other streams' draws unchanged")
    func commonRandomNumbers() throws {
        let base = ExerciseRunner(Self.stochastic())
        let variant = ExerciseRunner(Self.stochastic(workA: constant(2 * hour)))
        var failures: [Int] = []
        for replication in 0..<100 {
            let x = try base.run(replication: replication, seed: 3)
            let y = try variant.run(replication: replication, seed: 3)
            failures.append(x.failedAttempts)
            #expect(x.failedAttempts == y.failedAttempts)
            // Equal draws; the latency is a difference of absolute times, so allow rounding.
            #expect(abs(x.channels[0].meanLatency - y.channels[0].meanLatency) < 1e-6)
            #expect(x.injectFired == y.injectFired)
            #expect(x.threat?.attackAt == y.threat?.attackAt)
            // B's work: t1's completion minus its delivery (t0's completion + the message latency).
            let workX = try #require(x.taskCompletion[1]) - (try #require(x.taskCompletion[0]) + x.channels[0].meanLatency)
            let workY = try #require(y.taskCompletion[1]) - (try #require(y.taskCompletion[0]) + y.channels[0].meanLatency)
            #expect(abs(workX - workY) < 1e-6)
            #expect(y.taskCompletion[0] == y.injectFired[0]! + 2 * hour)
        }
        // The failure draws are random: not all replications fail alike.
        #expect(Set(failures).count > 3)
    }

    /// Failures have a stream of their own, apart from the channel's delays: constant latency and
    /// retry delay (no draws) instead of exponential ones leave every failure draw where it was.
    @Test("changing a channel's delays leaves its failure draws unchanged")
    func failureStreamApartFromDelays() throws {
        var constantLatency = Self.stochastic()
        constantLatency.channels[0].latency = constant(10 * minute)
        constantLatency.channels[0].retryDelay = constant(2 * minute)
        let base = ExerciseRunner(Self.stochastic()), variant = ExerciseRunner(constantLatency)
        for replication in 0..<100 {
            let x = try base.run(replication: replication, seed: 4)
            let y = try variant.run(replication: replication, seed: 4)
            #expect(x.failedAttempts == y.failedAttempts)
            #expect(x.taskCompletion[0] == y.taskCompletion[0])
        }
    }

    @Test("agencies declared before A and B do not change their draws")
    func streamsFollowIds() throws {
        let plain = ExerciseRunner(Self.stochastic())
        let shifted = ExerciseRunner(Self.stochastic(extra: 2))
        for replication in 0..<30 {
            let x = try plain.run(replication: replication, seed: 11)
            let y = try shifted.run(replication: replication, seed: 11)
            #expect(x.taskCompletion == Array(y.taskCompletion.suffix(2)))
            #expect(x.channels == y.channels)
            #expect(x.objectives == y.objectives)
            #expect(x.threat == y.threat)
        }
    }
}
