import Testing
@testable import ExerciseModel
import Stochastics

/// Tasks queueing for the staff of one agency (ServerPool with the priority discipline).
@Suite("Queueing at a performer")
struct QueueingTests {
    /// Agency A, one staff member. Capabilities: blocker 1 h, short 30 min, long 2 h.
    ///
    /// t0 (blocker, priority 5, no inputs) starts at 0. Inject i0 at 0 makes t1…t4 ready at once
    /// while t0 works: t1 short p2, t2 long p1, t3 long p2, t4 short p1. Start order after t0:
    /// t2 (p1), t4 (p1, later), t1 (p2), t3 (p2, later):
    /// t2 3 600 → 10 800, t4 → 12 600, t1 → 14 400, t3 → 21 600.
    /// Inject i1 at 8 h makes t5 (short) ready; A is idle: 28 800 → 30 600.
    static func desk() -> Exercise {
        makeExercise(
            horizon: 48 * hour, capabilities: ["blocker", "short", "long"],
            agencies: [makeAgency("A", work: [constant(hour), constant(30 * minute), constant(2 * hour)])],
            injects: [makeInject("i0", to: 0, at: 0), makeInject("i1", to: 0, at: 8 * hour)],
            tasks: [makeTask("t0", at: 0, capability: 0, priority: 5),
                    makeTask("t1", at: 0, capability: 1, triggers: [0], priority: 2),
                    makeTask("t2", at: 0, capability: 2, triggers: [0], priority: 1),
                    makeTask("t3", at: 0, capability: 2, triggers: [0], priority: 2),
                    makeTask("t4", at: 0, capability: 1, triggers: [0], priority: 1),
                    makeTask("t5", at: 0, capability: 1, triggers: [1], priority: 0)])
    }

    @Test("start order by priority, FIFO among equal priorities; exact completion times")
    func priorityOrder() throws {
        let (outcome, trace) = try runTraced(Self.desk())
        #expect(trace.of(.taskStarted).map(\.task) == [0, 2, 4, 1, 3, 5])
        #expect(trace.of(.taskStarted).map(\.time) == [0, 3_600, 10_800, 12_600, 14_400, 28_800])
        #expect(trace.of(.taskReady).map(\.task) == [0, 1, 2, 3, 4, 5])
        #expect(outcome.taskCompletion == [3_600, 14_400, 10_800, 21_600, 12_600, 30_600])
    }

    @Test("agency figures: utilisation, mean queue wait, starts, completions, longest queue")
    func agencyFigures() throws {
        let (outcome, _) = try runTraced(Self.desk())
        // Nothing is pending after t5, so the replication ends at its completion.
        #expect(outcome.endTime == 30_600)
        let a = outcome.agencies[0]
        // Busy [0, 21 600] and [28 800, 30 600]: 23 400 s of 30 600.
        #expect(a.utilisation == 23_400.0 / 30_600.0)
        // Waits 0 (t0), 3 600 (t2), 10 800 (t4), 12 600 (t1), 14 400 (t3), 0 (t5): 41 400 / 6.
        #expect(a.meanQueueWait == 6_900)
        #expect(a.tasksStarted == 6)
        #expect(a.tasksCompleted == 6)
        #expect(a.maxQueueLength == 4)
    }

    /// Staff 2: x (2 h), y (1 h) and z (30 min) ready at 0. x and y start at once, z waits for y:
    /// 3 600 → 5 400. Busy 2 over [0, 5 400], 1 over [5 400, 7 200]: utilisation 12 600 / 14 400.
    @Test("two staff members: the third task waits for the first to finish")
    func twoStaff() throws {
        let exercise = makeExercise(
            horizon: 10 * hour, capabilities: ["long", "short", "half"],
            agencies: [makeAgency("A", staff: 2, work: [constant(2 * hour), constant(hour), constant(30 * minute)])],
            tasks: [makeTask("x", at: 0, capability: 0), makeTask("y", at: 0, capability: 1), makeTask("z", at: 0, capability: 2)])
        let (outcome, trace) = try runTraced(exercise)
        #expect(outcome.taskCompletion == [7_200, 3_600, 5_400])
        #expect(trace.of(.taskStarted, task: 2).map(\.time) == [3_600])
        let a = outcome.agencies[0]
        #expect(a.utilisation == 0.875)
        #expect(a.meanQueueWait == 1_200)
        #expect(a.maxQueueLength == 1)
        #expect(a.tasksStarted == 3 && a.tasksCompleted == 3)
    }

    /// A task whose inputs come from its own agency (inject receiver and prerequisite performer)
    /// counts them at once: no message is sent.
    @Test("inputs produced at the performer count at once")
    func localInputs() throws {
        let exercise = makeExercise(
            horizon: 10 * hour, agencies: [makeAgency("A", work: [constant(hour)]), makeAgency("B", work: [constant(hour)])],
            channels: [makeChannel("AB", [0, 1], latency: hour, handling: hour)],
            injects: [makeInject("i0", to: 0, at: 0)],
            tasks: [makeTask("a", at: 0, triggers: [0]), makeTask("b", at: 0, after: [0], triggers: [0])])
        let (outcome, trace) = try runTraced(exercise)
        #expect(outcome.taskCompletion == [3_600, 7_200])
        #expect(outcome.messages == 0)
        #expect(trace.of(.messageSent).isEmpty)
    }
}
