import Testing
@testable import ExerciseModel
import Stochastics

/// Channels opened by a task (a JIT's direct exchange), agreements, and private agencies' obligations.
@Suite("Mechanisms: JIT channels, agreements, obligations")
struct MechanismChannelTests {
    /// standardRequest plus: an EIO (draft 1 h, transmission 1 h, review 10 h at ca-B, staff 2),
    /// a JIT agreement (joint-investigation: draft 1 h, transmission 1 h, review 20 h), the JIT
    /// channel between the lead and police-B (10 min + 5 min), opened by `setup`, carrying requests.
    /// Tasks: setup (JIT), e1 (evidence, triggered at 0), e2 (evidence, after setup).
    static func jit() -> Exercise {
        var exercise = standardRequest(instruments: [
            handoffInstrument("eio", kind: .eio, draft: hour, transmission: hour, review: 10 * hour),
            handoffInstrument("jit", kind: .jit, serves: [.jointInvestigation], draft: hour, transmission: hour, review: 20 * hour),
        ])
        exercise.agencies[2].staff = 2
        var channel = makeChannel("jit-direct", [0, 1], latency: 10 * minute, handling: 5 * minute)
        channel.kind = .jit
        channel.openedBy = 0
        channel.carriesRequests = true
        exercise.channels = [channel]
        exercise.tasks = [requestTask("setup", performer: .agency(1), kind: .jointInvestigation),
                          requestTask("e1", performer: .agency(1)),
                          requestTask("e2", performer: .agency(1), triggers: [], after: [0])]
        exercise.objectives = [makeObjective("o1", [1], from: .inject(0), within: day),
                               makeObjective("o2", [2], from: .inject(0), within: 2 * day)]
        return exercise
    }

    @Test("before the JIT a request goes by EIO; once it exists, over the JIT's channel without an instrument")
    func jitOpensChannel() throws {
        let exercise = Self.jit()
        #expect(exercise.problems() == [])
        let (outcome, _) = try runTraced(exercise)
        // setup: draft 0–1, transmission 1–2, review 2–22, work at police-B 22–23 (the channel opens).
        #expect(outcome.taskCompletion[0] == 23 * hour)
        // e1 by EIO: draft 1–2 (the lead's one staff), 2–3, review 3–13, work 13–14.
        #expect(outcome.taskCompletion[1] == 14 * hour)
        // e2: setup's output to the lead over the JIT channel (23:15), the case to police-B over it
        // (23:30), work 1 h: 24:30. Two requests only.
        #expect(outcome.taskCompletion[2] == 24.5 * hour)
        #expect(outcome.handoffs.requests == 2)
        #expect(outcome.channels[0].messages == 2)
        expectAttributionInvariant(outcome)
    }

    @Test("a message whose only channel is not open yet waits for it")
    func waitsForOpening() throws {
        // i1 at the lead at 0 triggers t3 at police-B (not a request): only the JIT channel connects them.
        var exercise = Self.jit()
        exercise.injects.append(makeInject("i1", to: 0, at: 0))
        exercise.tasks.append(PlanTask(id: "t3", capability: 0, performer: .agency(1), triggers: [1]))
        exercise.objectives.append(makeObjective("o3", [3], from: .inject(1), within: 2 * day))
        let (outcome, _) = try runTraced(exercise)
        // Waits from 0 to 23 h (attributed as outage), 15 min, then police-B after setup's... setup done
        // at 23 h frees police-B: t3 ready 23:15, works 23:15–24:15; e2 ready 23:30 waits, 24:15–25:15.
        #expect(outcome.taskCompletion[3] == 24.25 * hour)
        expectAttribution(try attribution(outcome, objective: 2), [.outage: 23 * hour, .transferLatency: 10 * minute,
                                                                   .handling: 5 * minute, .work: hour])
        expectAttributionInvariant(outcome)
    }

    @Test("an agreement waives dual criminality and speeds review; out of force it does nothing")
    func agreement() throws {
        var exercise = standardRequest(instruments: [handoffInstrument("mla", dualCriminality: true, draft: hour, transmission: hour,
                                                                       review: 10 * hour)],
                                       offences: ["x"], defaultOffence: 0)
        let (refused, _) = try runTraced(exercise)
        #expect(refused.taskCompletion[0] == nil)
        #expect(refused.handoffs.dualCriminalityRefusals == 1)
        exercise.agreements = [Agreement(id: "ab", between: (0, 1), reviewFactor: 0.5, waivesDualCriminality: true)]
        let (outcome, _) = try runTraced(exercise)
        // 1 + 1 + 10 × 0.5 + 1 = 8 h.
        #expect(outcome.taskCompletion[0] == 8 * hour)
        exercise.agreements[0].inForce = false
        #expect(try runTraced(exercise).0.taskCompletion[0] == nil)
    }

    @Test("an agreement's channel exists only while it is in force; its willingness floor applies")
    func agreementChannel() throws {
        var exercise = makeExercise(horizon: day, agencies: [makeAgency("X", work: [constant(hour)]), makeAgency("Y", work: [constant(hour)])],
                                    channels: [makeChannel("slow", [0, 1], latency: 5 * hour, handling: 0),
                                               makeChannel("fast", [0, 1], latency: 10 * minute, handling: 0)],
                                    injects: [makeInject("i0", to: 0, at: 0)],
                                    tasks: [makeTask("a", at: 0, triggers: [0]), makeTask("b", at: 1, after: [0])])
        exercise.agreements = [Agreement(id: "xy", between: (0, 1), channels: [1])]
        #expect(try runTraced(exercise).0.taskCompletion[1] == 2 * hour + 10 * minute)
        exercise.agreements[0].inForce = false
        #expect(try runTraced(exercise).0.taskCompletion[1] == 7 * hour)
        // Willingness floor.
        var request = standardRequest(instruments: [handoffInstrument("mla", draft: hour, transmission: hour, review: hour)])
        request.cooperation = [Cooperation(between: (0, 1), willingness: 0)]
        #expect(try runTraced(request).0.taskCompletion[0] == nil)
        request.agreements = [Agreement(id: "ab", between: (0, 1), willingness: 1)]
        #expect(try runTraced(request).0.taskCompletion[0] == 4 * hour)
    }

    @Test("a private agency's deadline caps its work; voluntary disclosure replaces it")
    func obligations() throws {
        var exercise = makeExercise(horizon: 30 * day, agencies: [makeAgency("BANK", work: [constant(10 * day)])],
                                    injects: [makeInject("i0", to: 0, at: 0)], tasks: [makeTask("str", at: 0, triggers: [0])])
        #expect(try runTraced(exercise).0.taskCompletion[0] == 10 * day)
        exercise.agencies[0].obligations = [Obligation(capability: 0, deadline: day, compliance: 1)]
        #expect(try runTraced(exercise).0.taskCompletion[0] == day)
        exercise.agencies[0].obligations = [Obligation(capability: 0, deadline: day, compliance: 0)]
        #expect(try runTraced(exercise).0.taskCompletion[0] == 10 * day)
        exercise.agencies[0].obligations = [Obligation(capability: 0, deadline: day, voluntaryProbability: 1, voluntaryTime: constant(hour))]
        #expect(try runTraced(exercise).0.taskCompletion[0] == hour)
    }
}
