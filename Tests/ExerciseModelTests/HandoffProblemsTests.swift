import Testing
@testable import ExerciseModel
import Stochastics

/// `problems()` for the cross-border sections (`handoffProblems()`).
@Suite("Handoff: problems()")
struct HandoffProblemsTests {
    static func valid() -> Exercise {
        standardRequest(instruments: [handoffInstrument("mla", draft: hour, transmission: hour, review: hour)])
    }

    @Test("the standard request exercise is valid")
    func valid() {
        #expect(Self.valid().problems() == [])
    }

    @Test("a request with no applicable instrument names both jurisdictions")
    func noInstrument() throws {
        var exercise = Self.valid()
        exercise.instruments[0].serves = [.arrest]  // between A and B, but not for evidence
        let problems = exercise.problems()
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.element == .task(0))
        #expect(problem.field == "request")
        #expect(problem.message.contains("from A to B"), "\(problem.message)")
        #expect(problem.message.contains("evidence"))
        #expect(problem.message.contains("'t0'"))
        #expect(problem.hint?.contains("mla") == true, "\(problem.hint ?? "")")

        var noParties = Self.valid()
        noParties.instruments[0].parties = [0]  // B is not party
        let other = try #require(noParties.problems().first)
        #expect(other.message.contains("from A to B"))
        #expect(other.hint?.contains("with both as parties") == true)

        var none = Self.valid()
        none.instruments = []
        #expect(none.problems().map(\.element) == [.task(0)])
        // The run agrees: the request fails at once.
        let (outcome, _) = try runTraced(none)
        #expect(outcome.handoffs.failedRequests == 1)
        #expect(outcome.taskCompletion[0] == nil)
    }

    @Test("subject-bound request tasks are checked for every candidate's jurisdiction, once each")
    func perCandidateJurisdiction() throws {
        var exercise = Self.valid()
        exercise.jurisdictions.append(handoffJurisdiction("C"))
        exercise.agencies += [handoffAgency("police-C", in: 2, work: hour), handoffAgency("police-C2", in: 2, work: hour)]
        exercise.subjects = [Subject(id: "S", startsIn: 1)]
        exercise.tasks[0].performer = .subjectLocation(subject: 0, candidates: [1, 3, 4])
        let problems = exercise.problems()
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains("from A to C") == true, "\(problems.map(\.message))")
    }

    @Test("a request task with neither requester nor lead is a problem; a requester fixes it")
    func noHolder() throws {
        var exercise = Self.valid()
        exercise.lead = nil
        // Without a holder the inputs would go to the performer: give i0 a way there, so the
        // missing holder is the only problem.
        exercise.channels = [makeChannel("lead-B", [0, 1], latency: minute, handling: 0)]
        let problems = exercise.problems()
        #expect(problems.count == 1, "\(problems.map(\.message))")
        let problem = try #require(problems.first)
        #expect(problem.element == .task(0))
        #expect(problem.field == "request")
        #expect(problem.message.contains("'t0'"))
        #expect(problem.message.contains("requester"))

        exercise.tasks[0].requester = 0
        #expect(exercise.problems() == [])
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.taskCompletion[0] == 4 * hour)
    }

    @Test("a subject-bound task with no lead is a problem on its performer")
    func subjectWithoutLead() {
        var exercise = Self.valid()
        exercise.lead = nil
        exercise.subjects = [Subject(id: "S", startsIn: 1)]
        exercise.channels = [makeChannel("lead-B", [0, 1], latency: minute, handling: 0)]  // i0 travels to the performer
        exercise.tasks[0] = PlanTask(id: "t0", capability: 0, performer: .subjectLocation(subject: 0, candidates: [1]), triggers: [0])
        let problems = exercise.problems()
        #expect(problems.map(\.element) == [.task(0)])
        #expect(problems.map(\.field) == ["performer"])
        #expect(problems.first?.message.contains("lead") == true)
    }

    @Test("an unknown time zone is reported on its jurisdiction")
    func unknownZone() {
        var exercise = Self.valid()
        exercise.jurisdictions[1].timeZone = "Mars/Olympus_Mons"
        #expect(exercise.problems().map(\.element) == [.jurisdiction(1)])
    }
}
