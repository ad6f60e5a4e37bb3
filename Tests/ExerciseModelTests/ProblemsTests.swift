import Testing
@testable import ExerciseModel
import Stochastics

/// `Exercise.problems()`: the semantic checks run before an exercise is simulated.
@Suite("Exercise.problems()")
struct ProblemsTests {
    /// A valid base: A(0) and B(1) joined by a channel up to secret; capability "work" (both)
    /// and "special" (A only); inject i0 to A at 0; a → b → c across the channel.
    static func valid() -> Exercise {
        makeExercise(
            horizon: 24 * hour, capabilities: ["work", "special"],
            agencies: [makeAgency("A", work: [constant(hour), constant(hour)]), makeAgency("B", work: [constant(hour), nil])],
            channels: [makeChannel("AB", [0, 1], latency: 60, handling: 0, max: .secret)],
            injects: [makeInject("i0", to: 0, at: 0)],
            tasks: [makeTask("a", at: 0, triggers: [0]), makeTask("b", at: 1, after: [0]), makeTask("c", at: 0, after: [1])],
            objectives: [makeObjective("o", [2], from: .inject(0), within: hour)],
            threat: Threat(description: "", time: constant(hour), disruptedBy: [2]))
    }

    @Test("a valid exercise has no problems")
    func validExercise() {
        #expect(Self.valid().problems() == [])
    }

    @Test("a prerequisite cycle is named: a → b → a")
    func cycle() throws {
        var exercise = Self.valid()
        exercise.tasks[0].prerequisites = [1]  // a after b, b after a
        let problems = exercise.problems()
        let cycle = try #require(problems.first { $0.message.hasPrefix("prerequisites form a cycle") })
        #expect(cycle.message == "prerequisites form a cycle: a → b → a")
        #expect(cycle.field == "after")
        #expect(problems.filter { $0.message.hasPrefix("prerequisites form a cycle") }.count == 1)

        var longer = Self.valid()
        longer.tasks[0].prerequisites = [2]  // a after c: a → c → b → a
        #expect(longer.problems().map(\.message).contains("prerequisites form a cycle: a → c → b → a"))

        var selfLoop = Self.valid()
        selfLoop.tasks[1].prerequisites = [1]
        #expect(selfLoop.problems().map(\.message).contains("prerequisites form a cycle: b → b"))
    }

    @Test("a performer lacking the task's capability")
    func capability() {
        var exercise = Self.valid()
        exercise.tasks[1].capability = 1  // b at B needs "special", which only A has
        #expect(exercise.problems() == [ModelProblem(
            element: .task(1), field: "performer",
            message: "agency 'B' lacks the capability 'special' that task 'b' needs", hint: "agencies with it: A")])

        var leastLoaded = Self.valid()
        leastLoaded.tasks[2] = PlanTask(id: "c", capability: 1, performer: .leastLoaded(candidates: [0, 1]), prerequisites: [1])
        #expect(leastLoaded.problems().map(\.element) == [.task(2)])
    }

    @Test("no channel at the information's classification")
    func missingChannel() throws {
        var exercise = Self.valid()
        exercise.tasks[0].classification = .topSecret  // a's output must reach B at top-secret
        let problems = exercise.problems()
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.element == .task(1))
        #expect(problem.field == "after")
        #expect(problem.message == "the output of 'a' must travel from 'A' to 'B' at top-secret, but no channel connects them at that classification")
        #expect(problem.hint == "channels connecting them carry at most secret")

        var noChannel = Self.valid()
        noChannel.channels = []
        #expect(noChannel.problems().map(\.field) == ["after", "after"])  // a → b and b → c
        #expect(noChannel.problems().first?.hint == "add a channel connecting 'A' and 'B'")

        var secretInject = Self.valid()
        secretInject.injects[0].classification = .topSecret
        secretInject.tasks[1].triggers = [0]  // i0 reaches A, b is at B
        #expect(secretInject.problems().map(\.field) == ["trigger"])
    }

    @Test("a task mixing background and main cases")
    func mixedCases() {
        var exercise = Self.valid()
        exercise.injects.append(Inject(id: "r", description: "", receiver: 0, timing: .fixed(0),
                                       repetition: InjectRepetition(interval: constant(hour), count: nil)))
        exercise.tasks.append(makeTask("bg", at: 0, after: [0], triggers: [1]))  // after main task a, triggered by r
        let messages = exercise.problems().map(\.message)
        #expect(messages == ["task 'bg' mixes work of different cases: 'a' belongs to the main case, 'bg' to the background case of inject 'r'"])

        var twoTriggers = Self.valid()
        twoTriggers.injects = exercise.injects
        twoTriggers.tasks[0].triggers = [0, 1]  // a triggered by i0 (main) and r (background)
        let problems = twoTriggers.problems()
        #expect(problems.contains { $0.field == "trigger" && $0.message == "task 'a' is triggered by inject 'i0' of the main case but belongs to the background case of inject 'r'" })
    }

    @Test("objectives, triggers and the threat must measure the main case")
    func backgroundMeasured() {
        var exercise = Self.valid()
        exercise.injects.append(Inject(id: "r", description: "", receiver: 0, timing: .fixed(0),
                                       repetition: InjectRepetition(interval: constant(hour), count: nil)))
        exercise.tasks.append(makeTask("bg", at: 0, triggers: [1]))
        exercise.objectives = [makeObjective("o", [3], from: .exerciseStart, within: hour),
                               makeObjective("p", [2], from: .task(3), within: hour)]
        exercise.threat?.disruptedBy = [3]
        let problems = exercise.problems()
        #expect(problems.map(\.element) == [.objective(0), .objective(1), .threat])
        #expect(problems[0].message == "objective 'o' measures task 'bg', which is background work of the repeating inject 'r'")
        #expect(problems[1].message == "objective 'p' starts its clock at background task 'bg'")
        #expect(problems[2].message == "the threat is disrupted by background task 'bg'")
    }

    @Test("a repeating inject timed after another, and inject timing cycles")
    func injectTiming() {
        var exercise = Self.valid()
        exercise.injects.append(Inject(id: "r", description: "", receiver: 0, timing: .after(inject: 0, delay: constant(1)),
                                       repetition: InjectRepetition(interval: constant(hour), count: 2)))
        #expect(exercise.problems().map(\.field) == ["repeat"])

        var cycle = Self.valid()
        cycle.injects = [Inject(id: "x", description: "", receiver: 0, timing: .after(inject: 1, delay: constant(1))),
                         Inject(id: "y", description: "", receiver: 0, timing: .after(inject: 0, delay: constant(1)))]
        #expect(cycle.problems().map(\.message) == ["inject times refer to each other in a cycle: x → y → x",
                                                    "inject times refer to each other in a cycle: y → x → y"])
    }
}
