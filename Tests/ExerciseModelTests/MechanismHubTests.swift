import Testing
@testable import ExerciseModel
import Stochastics

/// Hub channels (a fusion centre relaying and enriching). Agencies A (0, the source), hub H (1,
/// staff 1), B1 (2) and B2 (3), each in its own jurisdiction, each working 1 h (B1 and B2: 2 h);
/// one channel among A, B1, B2 through H: latency 10 min, handling 5 min per leg, the hub's
/// analysis 1 h, enrichment 0.5. Inject i0 reaches A at 0; a at A; b1 at B1 and b2 at B2 after a.
@Suite("Mechanisms: hub relaying")
struct MechanismHubTests {
    static func exercise(hub: Bool = true, enrichment: Double = 0.5, hubStaff: Int = 1) -> Exercise {
        var channel = makeChannel("ctfc", [0, 2, 3], latency: 10 * minute, handling: 5 * minute)
        if hub { channel.hub = ChannelHub(agency: 1, work: constant(hour), enrichment: enrichment) }
        return handoffExercise(
            jurisdictions: [handoffJurisdiction("A"), handoffJurisdiction("H"), handoffJurisdiction("B1"), handoffJurisdiction("B2")],
            agencies: [handoffAgency("A", in: 0, work: hour), handoffAgency("H", in: 1, kind: .igo, staff: hubStaff, work: nil),
                       handoffAgency("B1", in: 2, work: 2 * hour), handoffAgency("B2", in: 3, work: 2 * hour)],
            channels: [channel],
            injects: [makeInject("i0", to: 0, at: 0)],
            tasks: [makeTask("a", at: 0, triggers: [0]), makeTask("b1", at: 2, after: [0]), makeTask("b2", at: 3, after: [0])],
            objectives: [makeObjective("o1", [1], from: .inject(0), within: day), makeObjective("o2", [2], from: .inject(0), within: day)],
            lead: nil)
    }

    @Test("a direct channel: 15 min per message, no hub")
    func direct() throws {
        let (outcome, _) = try runTraced(Self.exercise(hub: false))
        #expect(outcome.taskCompletion[1] == 3 * hour + 15 * minute)
        #expect(outcome.taskCompletion[2] == 3 * hour + 15 * minute)
    }

    @Test("through the hub: one analysis serves both recipients, and enrichment halves their work")
    func relayAndEnrich() throws {
        let exercise = Self.exercise()
        #expect(exercise.problems() == [])
        // Ranking key: 2 × (10 + 5) min + 1 h.
        #expect(exercise.channels[0].expectedDelay == 2 * 15 * minute + hour)
        let (outcome, trace) = try runTraced(exercise)
        // a 0–1 h; A → H 15 min (1:15); analysis 1:15–2:15 (once); H → B 15 min (2:30); b 2 h × 0.5 = 1 h: 3:30.
        #expect(outcome.taskCompletion[1] == 3.5 * hour)
        #expect(outcome.taskCompletion[2] == 3.5 * hour)
        #expect(trace.of(.taskStarted, task: 1).map(\.time) == [2.5 * hour])
        #expect(outcome.channels[0].messages == 2)
        #expect(outcome.channels[0].meanLatency == 1.5 * hour)
        // The hub's staff worked once (1 h of 3.5 h... utilisation is over the run).
        expectAttribution(try attribution(outcome, objective: 0),
                          [.work: 3 * hour, .transferLatency: 20 * minute, .handling: 10 * minute])
        expectAttributionInvariant(outcome)
    }

    @Test("no enrichment: the relay only adds the hub's hop and analysis")
    func noEnrichment() throws {
        let (outcome, _) = try runTraced(Self.exercise(enrichment: 1))
        #expect(outcome.taskCompletion[1] == 4.5 * hour)
    }

    @Test("two pieces of information queue at a hub with one analyst")
    func queueing() throws {
        // A second source A2 (4) in its own jurisdiction, a2 at A2 (1 h), c at B1 after a2.
        var exercise = Self.exercise(enrichment: 1)
        exercise.jurisdictions.append(handoffJurisdiction("A2"))
        exercise.agencies.append(handoffAgency("A2", in: 4, work: hour))
        exercise.channels[0].members = [0, 2, 3, 4]
        exercise.injects.append(makeInject("i1", to: 4, at: 0))
        exercise.tasks.append(makeTask("a2", at: 4, triggers: [1]))
        exercise.tasks.append(makeTask("c", at: 2, after: [3]))
        exercise.objectives.append(makeObjective("o3", [4], from: .inject(1), within: day))
        let (outcome, _) = try runTraced(exercise)
        // Both reach H at 1:15; a's analysis (first queued) 1:15–2:15, a2's 2:15–3:15; c at B1 from 3:30.
        // B1 works b1 (ready 2:30) 2:30–4:30 first, then c 4:30–6:30.
        #expect(outcome.taskCompletion[1] == 4.5 * hour)
        #expect(outcome.taskCompletion[4] == 6.5 * hour)
        let waited = try attribution(outcome, objective: 2)
        #expect(waited[.staffWait] == hour + hour)  // an hour at the hub, an hour at B1
        expectAttributionInvariant(outcome)
    }

    @Test("a message to or from the hub itself goes directly")
    func hubEndpoint() throws {
        var exercise = Self.exercise()
        exercise.channels[0].members = [0, 1, 2, 3]
        exercise.tasks[1].performer = .agency(1)
        exercise.agencies[1].workTime = [constant(hour)]
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.taskCompletion[1] == 2 * hour + 15 * minute)
    }
}
