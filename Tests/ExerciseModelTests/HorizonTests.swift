import Testing
@testable import ExerciseModel
import Stochastics

/// The horizon ends a replication; the event cap stops runaways.
@Suite("Horizon and runaway")
struct HorizonTests {
    /// A repeating inject every second feeding a task: far more events than the cap allows.
    static func flood(horizon: Double = 1_000 * hour) -> Exercise {
        makeExercise(
            horizon: horizon, agencies: [makeAgency("A", staff: 3, work: [constant(0.5)]), makeAgency("M", work: [constant(1)])],
            injects: [Inject(id: "flood", description: "", receiver: 0, timing: .fixed(0),
                             repetition: InjectRepetition(interval: constant(1), count: nil))],
            tasks: [makeTask("handle", at: 0, triggers: [0]), makeTask("main", at: 1)])
    }

    @Test("a runaway replication throws ReplicationRunaway naming the replication")
    func runaway() throws {
        let runner = ExerciseRunner(Self.flood(), eventCap: 1_000)
        let error = #expect(throws: ReplicationRunaway.self) {
            try runner.run(replication: 7, seed: 1)
        }
        #expect(error?.replication == 7)
        #expect(error?.cap == 1_000)
        // Two events per second (occurrence + work done): stopped after about 500 s.
        #expect((error?.time ?? 0) > 0 && (error?.time ?? .infinity) < 1_000)
        #expect(error?.description.hasPrefix("replication 7 processed 1000 events") == true)
        // The default cap is large enough for a short flood.
        let short = try ExerciseRunner(Self.flood(horizon: 100)).run(replication: 7, seed: 1)
        #expect(short.backgroundCases == 101)
        #expect(short.events <= 1_000)
    }

    @Test("the event cap applies per replication and exactly at the cap")
    func capBoundary() throws {
        let exercise = Self.flood(horizon: 100)
        let events = try ExerciseRunner(exercise).run(replication: 0, seed: 1).events
        #expect(try ExerciseRunner(exercise, eventCap: events).run(replication: 0, seed: 1).events == events)
        #expect(throws: ReplicationRunaway.self) { try ExerciseRunner(exercise, eventCap: events - 1).run(replication: 0, seed: 1) }
    }

    /// Inject at 8 h; t0 (3 h) would finish at 11 h, after the 10 h horizon; t1 (2 h) finishes
    /// exactly at the horizon, which still counts.
    static func lateWork() -> Exercise {
        makeExercise(
            horizon: 10 * hour, capabilities: ["long", "short"],
            agencies: [makeAgency("A", work: [constant(3 * hour), nil]), makeAgency("B", work: [nil, constant(2 * hour)])],
            injects: [makeInject("i0", to: 0, at: 8 * hour), makeInject("i1", to: 1, at: 8 * hour),
                      makeInject("late", to: 0, at: 10 * hour + 1)],
            tasks: [makeTask("t0", at: 0, triggers: [0]), makeTask("t1", at: 1, capability: 1, triggers: [1])],
            objectives: [makeObjective("late", [0], from: .inject(0), within: hour),
                         makeObjective("edge", [1], from: .inject(1), within: 2 * hour),
                         makeObjective("never", [1], from: .inject(2), within: hour)],
            threat: Threat(description: "", time: constant(10 * hour + 1), disruptedBy: [1]))
    }

    @Test("events after the horizon are not processed")
    func beyondHorizon() throws {
        let exercise = Self.lateWork()
        let (outcome, trace) = try runTraced(exercise)
        #expect(outcome.taskCompletion == [nil, 10 * hour])
        #expect(outcome.injectFired == [8 * hour, 8 * hour, nil])
        #expect(outcome.objectives.map(\.rating) == [.u, .p, .notTriggered])
        #expect(outcome.objectives[0].reachedAt == nil && outcome.objectives[0].elapsed == nil)
        #expect(outcome.objectives[1].elapsed == 2 * hour)
        #expect(outcome.endTime == 10 * hour)
        #expect(trace.allSatisfy { $0.time <= 10 * hour })
        #expect(trace.of(.taskStarted).count == 2 && trace.of(.taskCompleted).count == 1)
        #expect(trace.of(.attack).isEmpty)
        // The attack lies beyond the horizon; the milestone at the horizon beats it.
        #expect(outcome.threat?.disrupted == true)
        // A started the work and was still busy at the end: 2 h of the 10 h; no task completed.
        #expect(outcome.agencies[0].utilisation == 0.2)
        #expect(outcome.agencies[0].tasksStarted == 1 && outcome.agencies[0].tasksCompleted == 0)
        #expect(outcome.agencies[1].utilisation == 0.2)
    }

    @Test("a longer horizon lets the late work finish")
    func longerHorizon() throws {
        var exercise = Self.lateWork()
        exercise.horizon = 11 * hour
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.taskCompletion == [11 * hour, 10 * hour])
        // "never" is now triggered (10 h + 1 s), after its milestone (10 h): elapsed 0, P.
        #expect(outcome.objectives.map(\.rating) == [.u, .p, .p])
        #expect(outcome.objectives.map(\.elapsed) == [3 * hour, 2 * hour, 0])
        // Nothing was pending after 11 h: the clock stops at the last event.
        #expect(outcome.endTime == 11 * hour)
    }
}
