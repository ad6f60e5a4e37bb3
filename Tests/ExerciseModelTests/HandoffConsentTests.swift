import Testing
@testable import ExerciseModel
import Stochastics

/// Originator control. Agencies originator O (0), receiver R (1) and third agency T (2), each in
/// its own jurisdiction, each working 1 h; channels R–T (10 min + 5 min handling) and R–O
/// (20 min + 10 min). Inject i0 reaches R at 0 under O's control (decision 1 h). Task a at R
/// (triggered by i0); b at T after a; objective o0 from i0 to b.
@Suite("Handoff: originator consent")
struct HandoffConsentTests {
    static func exercise(refusal: Double = 0, controlled: Bool = true) -> Exercise {
        handoffExercise(
            jurisdictions: [handoffJurisdiction("O"), handoffJurisdiction("R"), handoffJurisdiction("T")],
            agencies: [handoffAgency("O", in: 0, work: hour), handoffAgency("R", in: 1, work: hour),
                       handoffAgency("T", in: 2, staff: 2, work: hour)],
            channels: [makeChannel("R-T", [1, 2], latency: 10 * minute, handling: 5 * minute),
                       makeChannel("R-O", [0, 1], latency: 20 * minute, handling: 10 * minute)],
            injects: [Inject(id: "i0", description: "", receiver: 1, timing: .fixed(0),
                             originatorControl: controlled ? OriginatorControl(originator: 0, decision: constant(hour),
                                                                               refusalProbability: refusal) : nil)],
            tasks: [makeTask("a", at: 1, triggers: [0]), makeTask("b", at: 2, after: [0])],
            objectives: [makeObjective("o0", [1], from: .inject(0), within: day)],
            lead: nil)
    }

    @Test("passing controlled information on costs the consent round trip")
    func roundTrip() throws {
        let exercise = Self.exercise()
        #expect(exercise.problems() == [])
        let (plain, _) = try runTraced(Self.exercise(controlled: false))
        // Without control: a 0–1 h, R → T 15 min, b 1 h 15 min – 2 h 15 min.
        #expect(plain.taskCompletion[1] == 2 * hour + 15 * minute)
        #expect(plain.handoffs.consentRequests == 0)

        let (outcome, trace) = try runTraced(exercise)
        // Consent: R → O 30 min + decision 1 h + O → R 30 min = 2 h added: b done at 4 h 15 min.
        #expect(outcome.taskCompletion[1] == 4 * hour + 15 * minute)
        #expect(outcome.handoffs.consentRequests == 1)
        #expect(outcome.handoffs.consentRefusals == 0)
        #expect(trace.of(.messageSent, task: 1).map(\.time) == [3 * hour])
        // The consent exchange itself is no message of the model.
        #expect(outcome.channels[1].messages == 0)
        expectAttribution(try attribution(outcome), [.work: 2 * hour, .consent: 2 * hour, .transferLatency: 10 * minute,
                                                     .handling: 5 * minute])
        expectAttributionInvariant(outcome)
    }

    @Test("the originator and the first recipient need no consent")
    func exemptAgencies() throws {
        // b performed by O itself: R → O directly (30 min), a 0–1 h, b 1.5–2.5 h.
        var toOriginator = Self.exercise()
        toOriginator.tasks[1].performer = .agency(0)
        let (outcome, _) = try runTraced(toOriginator)
        #expect(outcome.taskCompletion[1] == 2.5 * hour)
        #expect(outcome.handoffs.consentRequests == 0)
    }

    @Test("marks travel with outputs; consent for a destination is asked once")
    func secondMessageNoConsent() throws {
        // c at R after a (1 h work, carrying a's mark); d at T after c.
        var exercise = Self.exercise()
        exercise.tasks.append(PlanTask(id: "c", capability: 0, performer: .agency(1), prerequisites: [0]))
        exercise.tasks.append(makeTask("d", at: 2, after: [2]))
        exercise.objectives.append(makeObjective("o1", [3], from: .inject(0), within: day))
        let (outcome, trace) = try runTraced(exercise)
        // c: ready at 1 h at R, works 1–2 h; its output to T is sent at 2 h but the consent for
        // (i0, T), asked at 1 h, is answered only at 3 h: no second request, the message waits
        // for the answer (consent is remembered once given, not once asked). d's input leaves
        // at 3 h, arrives 3 h 15 min; d works 1 h: done 4 h 15 min. b: 4 h 15 min as before.
        #expect(outcome.taskCompletion[2] == 2 * hour)
        #expect(outcome.handoffs.consentRequests == 1)
        #expect(trace.of(.messageSent, task: 3).map(\.time) == [3 * hour])
        #expect(outcome.taskCompletion[1] == 4 * hour + 15 * minute)
        #expect(outcome.taskCompletion[3] == 4 * hour + 15 * minute)
        expectAttributionInvariant(outcome)
    }

    @Test("a later message to the same destination, after the answer, asks nothing")
    func afterAnswer() throws {
        // c at R after a, working 4 h (1–5 h): its output leaves at 5 h, after the answer at 3 h.
        var exercise = Self.exercise()
        exercise.capabilities.append("long")
        exercise.agencies[1].workTime = [constant(hour), constant(4 * hour)]
        exercise.tasks.append(PlanTask(id: "c", capability: 1, performer: .agency(1), prerequisites: [0]))
        exercise.tasks.append(makeTask("d", at: 2, after: [2]))
        let (outcome, trace) = try runTraced(exercise)
        #expect(outcome.taskCompletion[2] == 5 * hour)
        #expect(trace.of(.messageSent, task: 3).map(\.time) == [5 * hour])
        // d: 5 h + 15 min transfer + 1 h work (T has two staff) = 6 h 15 min.
        #expect(outcome.taskCompletion[3] == 6 * hour + 15 * minute)
        #expect(outcome.handoffs.consentRequests == 1)
    }

    @Test("refused consent drops the message: the task never runs")
    func refused() throws {
        let (outcome, trace) = try runTraced(Self.exercise(refusal: 1))
        #expect(outcome.taskCompletion[0] == hour)
        #expect(outcome.taskCompletion[1] == nil)
        #expect(outcome.handoffs.consentRequests == 1)
        #expect(outcome.handoffs.consentRefusals == 1)
        // The refusal is known when the answer arrives, after the 2 h round trip from 1 h.
        #expect(trace.of(.messageLost, task: 1).map(\.time) == [3 * hour])
        #expect(outcome.channels[0].messages == 0)
        #expect(outcome.objectives[0].rating == .u)
        #expect(outcome.objectives[0].attribution == nil)
    }

    @Test("onward sharing by a third agency: the first recipient asks the originator on its behalf")
    func onwardSharing() throws {
        // F (3) gets b's output from T over T–F (10 min); T has no channel to O. Consent for F:
        // R → O 30 min + decision 1 h + O → R 30 min = 2 h after b (4 h 15 min): sent 6 h 15 min,
        // arrives 6 h 25 min, e works 1 h → 7 h 25 min.
        var exercise = Self.exercise()
        exercise.agencies.append(handoffAgency("F", in: 2, work: hour))
        exercise.channels.append(makeChannel("T-F", [2, 3], latency: 10 * minute, handling: 0))
        exercise.tasks.append(makeTask("e", at: 3, after: [1]))
        exercise.objectives.append(makeObjective("o1", [2], from: .inject(0), within: day))
        #expect(exercise.problems() == [])
        let (outcome, trace) = try runTraced(exercise)
        #expect(outcome.taskCompletion[2] == 7 * hour + 25 * minute)
        #expect(trace.of(.messageSent, task: 2).map(\.time) == [6 * hour + 15 * minute])
        #expect(outcome.handoffs.consentRequests == 2)
        expectAttribution(try attribution(outcome, objective: 1),
                          [.work: 3 * hour, .consent: 4 * hour, .transferLatency: 20 * minute, .handling: 5 * minute])
        expectAttributionInvariant(outcome)
    }
}
