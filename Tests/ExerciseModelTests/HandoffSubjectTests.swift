import Testing
@testable import ExerciseModel
import Stochastics

/// Tasks bound to a subject's location. Jurisdictions H (0, home of the lead), A (1), B (2);
/// agencies lead (0, in H), police-A (1) and police-B (2), each working 3 h; channels lead–A
/// (10 min) and lead–B (20 min); inject i0 reaches the lead at 0; task t0 is performed where
/// subject S is, by police-A or police-B; objective o0 from i0 to t0.
@Suite("Handoff: subjects moving between jurisdictions")
struct HandoffSubjectTests {
    static func exercise(startsIn: Int, movesTo: Int, at time: Double, leadToA: Double = 10 * minute) -> Exercise {
        handoffExercise(
            jurisdictions: [handoffJurisdiction("H"), handoffJurisdiction("A"), handoffJurisdiction("B")],
            agencies: [handoffAgency("lead", in: 0, work: nil), handoffAgency("police-A", in: 1, work: 3 * hour),
                       handoffAgency("police-B", in: 2, work: 3 * hour)],
            channels: [makeChannel("lead-A", [0, 1], latency: leadToA, handling: 0),
                       makeChannel("lead-B", [0, 2], latency: 20 * minute, handling: 0)],
            injects: [makeInject("i0", to: 0, at: 0)],
            tasks: [PlanTask(id: "t0", capability: 0, performer: .subjectLocation(subject: 0, candidates: [1, 2]), triggers: [0])],
            objectives: [makeObjective("o0", [0], from: .inject(0), within: day)],
            subjects: [Subject(id: "S", startsIn: startsIn, movement: .itinerary([(time: constant(time), to: movesTo)]))])
    }

    @Test("moving mid-task hands the case off: the work is redone where the subject now is")
    func movesDuringWork() throws {
        let exercise = Self.exercise(startsIn: 1, movesTo: 2, at: 2 * hour)
        #expect(exercise.problems() == [])
        let (outcome, trace) = try runTraced(exercise)
        // Dispatched to police-A (10 min), works from 10 min; at 2 h S moves to B: the work
        // done (1 h 50 min) is lost, the lead sends the case to police-B (20 min), which works
        // 2 h 20 min → 5 h 20 min.
        #expect(outcome.taskCompletion[0] == 5 * hour + 20 * minute)
        #expect(outcome.handoffs.subjectHandoffs == 1)
        #expect(trace.of(.handoff, task: 0).map(\.time) == [2 * hour])
        #expect(trace.of(.subjectMoved).map(\.time) == [2 * hour])
        #expect(trace.of(.taskStarted, task: 0).map(\.agency) == [1, 2])
        #expect(trace.of(.taskCompleted, task: 0).map(\.agency) == [2])
        #expect(outcome.agencies[1].tasksCompleted == 0)
        #expect(outcome.agencies[1].utilisation > 0)  // police-A's staff was released, not held
        // The lost work still counts as work on the path.
        expectAttribution(try attribution(outcome), [.transferLatency: 30 * minute, .work: 4 * hour + 50 * minute])
        expectAttributionInvariant(outcome)
    }

    @Test("a move to the performer's own jurisdiction, or after completion, hands nothing off")
    func noHandoff() throws {
        let (after, _) = try runTraced(Self.exercise(startsIn: 1, movesTo: 2, at: 4 * hour))
        #expect(after.taskCompletion[0] == 3 * hour + 10 * minute)
        #expect(after.handoffs.subjectHandoffs == 0)

        let (home, _) = try runTraced(Self.exercise(startsIn: 1, movesTo: 0, at: 2 * hour))
        // The subject leaves for H, where nobody can act: the case is handed off and waits.
        #expect(home.handoffs.subjectHandoffs == 1)
        #expect(home.taskCompletion[0] == nil)
    }

    @Test("a subject out of every candidate's reach: the case waits until it moves")
    func unreachableUntilMove() throws {
        let (outcome, trace) = try runTraced(Self.exercise(startsIn: 0, movesTo: 1, at: 2 * hour))
        // Waits 0–2 h, then the lead sends it to police-A (10 min), work 3 h → 5 h 10 min.
        #expect(outcome.taskCompletion[0] == 5 * hour + 10 * minute)
        #expect(outcome.handoffs.subjectHandoffs == 0)
        #expect(trace.of(.taskReady, task: 0).map(\.time) == [2 * hour + 10 * minute])
        expectAttribution(try attribution(outcome), [.subjectUnreachable: 2 * hour, .transferLatency: 10 * minute, .work: 3 * hour])
        expectAttributionInvariant(outcome)
    }

    @Test("a move while the case is on its way hands it off; the abandoned message is ignored")
    func movesWhileInTransit() throws {
        // lead → police-A takes 1 h; S moves to B at 30 min, before it arrives. The lead sends
        // the case to police-B at 30 min (20 min): work 50 min → 3 h 50 min.
        let (outcome, trace) = try runTraced(Self.exercise(startsIn: 1, movesTo: 2, at: 30 * minute, leadToA: hour))
        #expect(outcome.taskCompletion[0] == 3 * hour + 50 * minute)
        #expect(outcome.handoffs.subjectHandoffs == 1)
        #expect(trace.of(.taskReady, task: 0).map(\.agency) == [2])
        #expect(outcome.agencies[1].tasksStarted == 0)
        let elapsed = try #require(outcome.objectives[0].elapsed)
        #expect(elapsed == 3 * hour + 50 * minute)
        // 30 min on the abandoned journey + 20 min transfer + 3 h work.
        let found = try attribution(outcome)
        #expect(abs(found.total - elapsed) <= 1e-6, "attributed \(found.total) s of \(elapsed) s: \(found.seconds)")
        #expect(found[.work] == 3 * hour)
    }

    /// The same, through legal requests: H, A and B are all party to an MLA (draft, transmission
    /// and review 1 h each, the review a pure delay); police-A and police-B work 3 h.
    static func requestExercise(movesAt time: Double) -> Exercise {
        var exercise = Self.exercise(startsIn: 1, movesTo: 2, at: time)
        exercise.channels = []
        exercise.tasks[0].request = .evidence
        exercise.instruments = [handoffInstrument("mla", parties: [0, 1, 2], draft: hour, transmission: hour, review: hour,
                                                  reviewer: nil)]
        return exercise
    }

    @Test("a request-bound case handed off during the work is requested again from the new jurisdiction")
    func requestHandoff() throws {
        let exercise = Self.requestExercise(movesAt: 4 * hour)
        #expect(exercise.problems() == [])
        let (outcome, trace) = try runTraced(exercise)
        // Request to A 0–3 h, work at police-A 3–4 h (lost); at 4 h a request to B 4–7 h, work
        // at police-B 7–10 h.
        #expect(outcome.taskCompletion[0] == 10 * hour)
        #expect(outcome.handoffs.requests == 2)
        #expect(outcome.handoffs.subjectHandoffs == 1)
        #expect(trace.of(.requestSent, task: 0).map(\.time) == [0, 4 * hour])
        #expect(trace.of(.requestGranted, task: 0).map(\.time) == [3 * hour, 7 * hour])
        expectAttribution(try attribution(outcome), [.legalReview: 4 * hour, .transferLatency: 2 * hour, .work: 4 * hour])
        expectAttributionInvariant(outcome)
    }

    @Test("a request abandoned during its transmission is dropped, its stale steps ignored")
    func requestHandoffInTransit() throws {
        // Drafted 0–1 h, in transmission to A at 1.5 h when S moves: a new request to B 1.5–4.5 h,
        // work 4.5–7.5 h. The stale transmission step (due at 2 h) must not reach a review.
        let (outcome, trace) = try runTraced(Self.requestExercise(movesAt: 1.5 * hour))
        #expect(outcome.taskCompletion[0] == 7.5 * hour)
        #expect(trace.of(.requestGranted, task: 0).map(\.time) == [4.5 * hour])
        #expect(outcome.agencies[1].tasksStarted == 0)
        expectAttribution(try attribution(outcome), [.legalReview: 3 * hour, .transferLatency: 1.5 * hour, .work: 3 * hour])
        expectAttributionInvariant(outcome)
    }

    @Test("a failed request is not revived when the subject moves later")
    func failedRequestStaysFailed() throws {
        // H–A cooperation is nil (willingness 0): the request to A fails at 3 h. S moves to B at
        // 5 h. The documentation: a failed request means the task never runs, and only cases
        // being handled (queued, in work, in a request's process) are handed off.
        var exercise = Self.requestExercise(movesAt: 5 * hour)
        exercise.cooperation = [Cooperation(between: (0, 1), willingness: 0)]
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.handoffs.failedRequests == 1)
        // (This caught a defect: the move used to hand the failed case off and revive it.)
        #expect(outcome.handoffs.subjectHandoffs == 0)
        #expect(outcome.taskCompletion[0] == nil)
    }

    @Test("an abandoned dispatch still waiting for translation is not transmitted afterwards")
    func abandonedMessageNotSent() throws {
        // H speaks de, A fr, B de; translation 1 h. The case leaves for police-A at 0 and is
        // being translated when S moves to B at 30 min; it goes to police-B at once (20 min).
        var exercise = Self.exercise(startsIn: 1, movesTo: 2, at: 30 * minute)
        exercise.jurisdictions[0].languages = ["de"]
        exercise.jurisdictions[1].languages = ["fr"]
        exercise.jurisdictions[2].languages = ["de"]
        exercise.translation = TranslationModel(defaultTime: constant(hour))
        let (outcome, trace) = try runTraced(exercise)
        #expect(outcome.taskCompletion[0] == 50 * minute + 3 * hour)
        #expect(outcome.agencies[1].tasksStarted == 0)
        // The abandoned message is dropped before transmission: nothing reaches police-A.
        #expect(trace.of(.messageSent, task: 0).map(\.peer) == [2])
        #expect(outcome.channels[0].messages == 0)
    }
}
