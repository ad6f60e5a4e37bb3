import Testing
@testable import ExerciseModel
import Stochastics

/// `.leastLoaded(candidates:)`: the candidate with the smallest (busy + waiting) / staff when the
/// instance first needs a performer, ties to the earlier candidate in the list.
@Suite("Least-loaded performer")
struct LeastLoadedTests {
    /// D(0) dispatches; A(1) and B(2) can do the work (5 h). One channel joins all three
    /// (60 s, no handling). `busy` lists agencies kept busy from 0 to 5 h by a task each (a
    /// main task with no inputs). The task under test (the last one) is performed by
    /// `.leastLoaded(candidates)` and triggered by the injects at `triggerTimes`, received by D.
    static func exercise(staff: [Int] = [1, 1, 1], busy: [Int], candidates: [Int], triggerTimes: [Double]) -> Exercise {
        var tasks = busy.enumerated().map { makeTask("busy\($0.offset)", at: $0.element) }
        tasks.append(PlanTask(id: "t", capability: 0, performer: .leastLoaded(candidates: candidates),
                              triggers: Array(triggerTimes.indices)))
        return makeExercise(
            horizon: 48 * hour,
            agencies: zip(["D", "A", "B"], staff).map { makeAgency($0, staff: $1, work: [constant(5 * hour)]) },
            channels: [makeChannel("net", [0, 1, 2], latency: 60, handling: 0)],
            injects: triggerTimes.enumerated().map { makeInject("i\($0.offset)", to: 0, at: $0.element) },
            tasks: tasks)
    }

    /// The agency that started the task under test, from the trace.
    static func performer(_ exercise: Exercise) throws -> (agency: Int32?, outcome: ReplicationOutcome) {
        let (outcome, trace) = try runTraced(exercise)
        let started = trace.of(.taskStarted, task: exercise.tasks.count - 1)
        #expect(started.count <= 1)
        return (started.first?.agency, outcome)
    }

    @Test("a busy candidate is passed over")
    func busyPassedOver() throws {
        let exercise = Self.exercise(busy: [1], candidates: [1, 2], triggerTimes: [hour])
        #expect(exercise.problems().isEmpty)
        let (agency, outcome) = try Self.performer(exercise)
        #expect(agency == 2)
        // Sent from D at 1 h, delivered 60 s later, 5 h of work at B.
        #expect(outcome.taskCompletion.last == hour + 60 + 5 * hour)
        #expect(outcome.agencies[2].tasksCompleted == 1)
    }

    @Test("equal loads go to the earlier candidate in the list", arguments: [[1, 2], [2, 1]])
    func ties(candidates: [Int]) throws {
        let idle = try Self.performer(Self.exercise(busy: [], candidates: candidates, triggerTimes: [hour]))
        #expect(idle.agency == Int32(candidates[0]))
        let bothBusy = try Self.performer(Self.exercise(busy: [1, 2], candidates: candidates, triggerTimes: [hour]))
        #expect(bothBusy.agency == Int32(candidates[0]))
        // Both busy until 5 h: the task waits, then works 5 h.
        #expect(bothBusy.outcome.taskCompletion.last == 10 * hour)
    }

    /// A has 2 staff with one busy (load 0.5), B has 1 staff busy (load 1): A is less loaded
    /// although both have one task in work, and B comes first in the list.
    @Test("load is per staff member")
    func perStaff() throws {
        let exercise = Self.exercise(staff: [1, 2, 1], busy: [1, 2], candidates: [2, 1], triggerTimes: [hour])
        let (agency, outcome) = try Self.performer(exercise)
        #expect(agency == 1)
        #expect(outcome.taskCompletion.last == hour + 60 + 5 * hour)
    }

    /// Waiting tasks count too: A (staff 1) has one task in work and one waiting (load 2); B
    /// (staff 2) has two in work (load 1).
    @Test("waiting tasks count towards the load")
    func waitingCounts() throws {
        let exercise = Self.exercise(staff: [1, 1, 2], busy: [1, 1, 2, 2], candidates: [1, 2], triggerTimes: [hour])
        let (agency, _) = try Self.performer(exercise)
        #expect(agency == 2)
    }

    /// Two triggers: the first arrives at 1 h while A is busy, so B is chosen then; at 10 h, when
    /// the second arrives and the task becomes ready, both are idle, but the choice stands.
    @Test("the choice is made when the first input needs a performer, and then fixed")
    func choiceAtFirstInput() throws {
        let exercise = Self.exercise(busy: [1], candidates: [1, 2], triggerTimes: [hour, 10 * hour])
        let (outcome, trace) = try runTraced(exercise)
        let task = exercise.tasks.count - 1
        #expect(trace.of(.messageSent, task: task).map(\.peer) == [2, 2])
        #expect(trace.of(.taskStarted, task: task).map(\.agency) == [2])
        #expect(trace.of(.taskStarted, task: task).map(\.time) == [10 * hour + 60])
        #expect(outcome.taskCompletion.last == 15 * hour + 60)
        // Only the second trigger: both idle at 10 h, so the earlier candidate, A.
        let late = Self.exercise(busy: [1], candidates: [1, 2], triggerTimes: [10 * hour])
        #expect(try Self.performer(late).agency == 1)
    }

    /// A task with no inputs at all chooses when it becomes ready, at the start.
    @Test("a task with no inputs chooses when it becomes ready")
    func noInputs() throws {
        let exercise = Self.exercise(busy: [1], candidates: [1, 2], triggerTimes: [])
        let (agency, outcome) = try Self.performer(exercise)
        #expect(agency == 2)
        #expect(outcome.taskCompletion.last == 5 * hour)
    }
}
