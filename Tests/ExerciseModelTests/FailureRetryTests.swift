import Testing
@testable import ExerciseModel
import Stochastics

/// Message attempts that fail, are retried and are finally lost.
@Suite("Failures and retries")
struct FailureRetryTests {
    static let latency = 600.0, handling = 300.0, retry = 120.0

    /// t0 at A (1 h, no inputs) → t1 at B (2 h) over channel AB (600 s + 300 s, retry after
    /// 120 s). Objective: t1 within 10 h of the start.
    static func relay(failure: Double, maxAttempts: Int) -> Exercise {
        makeExercise(
            horizon: 100 * hour,
            agencies: [makeAgency("A", work: [constant(hour)]), makeAgency("B", work: [constant(2 * hour)])],
            channels: [makeChannel("AB", [0, 1], latency: latency, handling: handling, failure: failure,
                                   retry: retry, maxAttempts: maxAttempts)],
            tasks: [makeTask("t0", at: 0), makeTask("t1", at: 1, after: [0])],
            objectives: [makeObjective("o", [1], from: .exerciseStart, within: 10 * hour)])
    }

    @Test("failure probability 1: lost after maxAttempts attempts; the dependent never starts", arguments: [1, 3])
    func certainFailure(maxAttempts: Int) throws {
        let (outcome, trace) = try runTraced(Self.relay(failure: 1, maxAttempts: maxAttempts))
        #expect(outcome.channels[0] == ChannelOutcome(messages: 1, delivered: 0, failedAttempts: maxAttempts, lost: 1, meanLatency: 0))
        #expect(outcome.failedAttempts == maxAttempts && outcome.lostMessages == 1 && outcome.messages == 1)
        #expect(outcome.taskCompletion == [hour, nil])
        #expect(outcome.objectives[0].rating == .u)
        #expect(outcome.agencies[1].tasksStarted == 0)
        // Attempts at 3 600, 3 720, 3 840, …: all but the last are traced as failed, the last as lost.
        let attempts = (0..<maxAttempts).map { hour + Double($0) * Self.retry }
        #expect(trace.of(.messageSent).map(\.time) == [hour])
        #expect(trace.of(.attemptFailed).map(\.time) == Array(attempts.dropLast()))
        #expect(trace.of(.messageLost).map(\.time) == [attempts.last!])
        #expect(trace.of(.messageDelivered).isEmpty)
        #expect(trace.of(.taskReady, task: 1).isEmpty)
    }

    @Test("failure probability 0: one attempt, delivered after latency + handling")
    func noFailure() throws {
        let (outcome, _) = try runTraced(Self.relay(failure: 0, maxAttempts: 1))
        #expect(outcome.channels[0] == ChannelOutcome(messages: 1, delivered: 1, failedAttempts: 0, lost: 0, meanLatency: 900))
        #expect(outcome.taskCompletion == [hour, hour + 900 + 2 * hour])
    }

    /// p = 0.3 and 60 allowed attempts (loss probability 0.3⁶⁰, negligible). Every replication
    /// sends one message; its failed attempts f give its delivery exactly:
    /// latency = 600 + 300 + f · 120, and t1 completes at 3 600 + that + 7 200.
    /// Over all replications the fraction of failed attempts lies within the 99.9 % binomial
    /// interval 0.3 ± 3.2905 · √(0.3 · 0.7 / attempts).
    @Test("failure probability 0.3: failed fraction within its 99.9 % interval; exact delivery per replication")
    func partialFailure() throws {
        let runner = ExerciseRunner(Self.relay(failure: 0.3, maxAttempts: 60))
        var failed = 0, attempts = 0, retried = 0
        for replication in 0..<2_000 {
            let outcome = try runner.run(replication: replication, seed: 2026)
            let channel = outcome.channels[0]
            #expect(channel.messages == 1 && channel.delivered == 1 && channel.lost == 0)
            let f = Double(channel.failedAttempts)
            #expect(channel.meanLatency == Self.latency + Self.handling + f * Self.retry)
            #expect(outcome.taskCompletion[1] == hour + (Self.latency + Self.handling + f * Self.retry) + 2 * hour)
            failed += channel.failedAttempts
            attempts += channel.failedAttempts + 1
            if channel.failedAttempts > 0 { retried += 1 }
        }
        let fraction = Double(failed) / Double(attempts)
        let halfWidth = 3.2905 * (0.3 * 0.7 / Double(attempts)).squareRoot()
        #expect(abs(fraction - 0.3) <= halfWidth, "failed fraction \(fraction) over \(attempts) attempts")
        #expect(retried > 0)
    }

    /// With a random retry delay the delivery time of a message still equals the sum of the
    /// retry delays and the successful attempt's latency and handling; checked in the trace.
    @Test("delivered latency = time from first sending to delivery, as traced")
    func tracedLatency() throws {
        var exercise = Self.relay(failure: 0.5, maxAttempts: 40)
        exercise.channels[0].retryDelay = exponential(5 * minute)
        for replication in 0..<50 {
            var trace = TraceBuffer()
            let outcome = try ExerciseRunner(exercise).run(replication: replication, seed: 9, trace: &trace)
            let sent = try #require(trace.events.of(.messageSent).first).time
            let delivered = try #require(trace.events.of(.messageDelivered).first).time
            #expect(outcome.channels[0].meanLatency == delivered - sent)
            #expect(trace.events.of(.attemptFailed).count == outcome.channels[0].failedAttempts)
        }
    }
}
