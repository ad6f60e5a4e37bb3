import Testing
@testable import ExerciseModel
import Stochastics

/// Dual criminality: B criminalises money laundering (offence 1) but not terrorist financing
/// (offence 0, the case's default offence). The MLA checks dual criminality: draft D = 2 h,
/// transmission T = 1 h, review R = 3 h at ca-B; work W = 1 h at police-B.
@Suite("Handoff: dual criminality, re-framing, waivers")
struct HandoffDualCriminalityTests {
    static let offences = ["terrorist-act-financing", "money-laundering"]

    static func exercise(waived: Set<Int> = [], reframe: Bool = true, translated: Bool = false) -> Exercise {
        standardRequest(
            instruments: [handoffInstrument("mla", dualCriminality: true, waived: waived, draft: 2 * hour,
                                            transmission: hour, review: 3 * hour)],
            offences: offences, criminalisedInB: [1], defaultOffence: 0,
            reframings: reframe ? [Reframing(from: 0, to: 1, delay: constant(4 * hour))] : [],
            languagesA: translated ? ["de"] : [], languagesB: translated ? ["fr", "nl"] : [],
            translation: translated ? TranslationModel(defaultTime: constant(5 * hour),
                                                       pairs: [(languages: ["de", "fr"], time: constant(30 * minute))])
                                    : .none)
    }

    @Test("refused for dual criminality, re-framed as money laundering, then granted")
    func reframed() throws {
        let exercise = Self.exercise()
        #expect(exercise.problems() == [])
        let (outcome, trace) = try runTraced(exercise)
        // D 0–2 h, T 2–3 h, R 3–6 h (refused), re-framing F 6–10 h, T 10–11 h, R 11–14 h
        // (granted), W 14–15 h: D + T + R + F + T + R + W = 15 h. No second draft.
        #expect(outcome.taskCompletion[0] == 15 * hour)
        #expect(trace.of(.requestRefused, task: 0).map(\.time) == [6 * hour])
        #expect(trace.of(.requestGranted, task: 0).map(\.time) == [14 * hour])
        #expect(trace.of(.requestSent, task: 0).count == 1)
        let counters = outcome.handoffs
        #expect(counters.requests == 1)
        #expect(counters.dualCriminalityRefusals == 1)
        #expect(counters.reframings == 1)
        #expect(counters.otherRefusals == 0)
        #expect(counters.failedRequests == 0)
        #expect(counters.translations == 0)
        #expect(outcome.agencies[2].tasksStarted == 2)  // ca-B reviewed twice
        expectAttribution(try attribution(outcome), [.legalReview: 8 * hour, .transferLatency: 2 * hour,
                                                     .reframing: 4 * hour, .work: hour])
        expectAttributionInvariant(outcome)
    }

    @Test("with disjoint languages each sending is translated (the pair's time, not the default)")
    func reframedAndTranslated() throws {
        let (outcome, _) = try runTraced(Self.exercise(translated: true))
        // D 2 h + X 30 min + T 1 h + R 3 h + F 4 h + X 30 min + T 1 h + R 3 h + W 1 h = 16 h.
        #expect(outcome.taskCompletion[0] == 16 * hour)
        #expect(outcome.handoffs.translations == 2)
        #expect(outcome.handoffs.reframings == 1)
        expectAttribution(try attribution(outcome), [.legalReview: 8 * hour, .translation: hour, .transferLatency: 2 * hour,
                                                     .reframing: 4 * hour, .work: hour])
        expectAttributionInvariant(outcome)
    }

    @Test("a shared language needs no translation")
    func sharedLanguage() throws {
        var exercise = Self.exercise(translated: true)
        exercise.jurisdictions[1].languages = ["fr", "de"]
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.taskCompletion[0] == 15 * hour)
        #expect(outcome.handoffs.translations == 0)
    }

    @Test("without a re-framing the refused request fails and the task never runs")
    func failsWithoutReframing() throws {
        let (outcome, trace) = try runTraced(Self.exercise(reframe: false))
        #expect(outcome.taskCompletion[0] == nil)
        #expect(trace.of(.requestRefused, task: 0).map(\.time) == [6 * hour])
        #expect(trace.of(.taskReady, task: 0).isEmpty)
        #expect(outcome.handoffs.dualCriminalityRefusals == 1)
        #expect(outcome.handoffs.reframings == 0)
        #expect(outcome.handoffs.failedRequests == 1)
        #expect(outcome.objectives[0].reachedAt == nil)
        #expect(outcome.objectives[0].rating == .u)
        #expect(outcome.objectives[0].attribution == nil)
        #expect(outcome.agencies[1].tasksStarted == 0)
    }

    @Test("a waived offence passes without a dual-criminality check")
    func waived() throws {
        let (outcome, trace) = try runTraced(Self.exercise(waived: [0]))
        // D 2 h + T 1 h + R 3 h + W 1 h = 7 h.
        #expect(outcome.taskCompletion[0] == 7 * hour)
        #expect(trace.of(.requestRefused, task: 0).isEmpty)
        #expect(trace.of(.requestGranted, task: 0).map(\.time) == [6 * hour])
        #expect(outcome.handoffs.dualCriminalityRefusals == 0)
        #expect(outcome.handoffs.reframings == 0)
        expectAttribution(try attribution(outcome), [.legalReview: 5 * hour, .transferLatency: hour, .work: hour])
        expectAttributionInvariant(outcome)
    }

    @Test("the task's own offence overrides the default; no dual-criminality check passes too")
    func taskOffenceAndNoCheck() throws {
        var framed = Self.exercise(reframe: false)
        framed.tasks[0].offence = 1  // money laundering: criminalised in B
        let (outcome, _) = try runTraced(framed)
        #expect(outcome.taskCompletion[0] == 7 * hour)
        #expect(outcome.handoffs.dualCriminalityRefusals == 0)

        var unchecked = Self.exercise(reframe: false)
        unchecked.instruments[0].requiresDualCriminality = false
        let (plain, _) = try runTraced(unchecked)
        #expect(plain.taskCompletion[0] == 7 * hour)
        #expect(plain.handoffs.failedRequests == 0)
    }
}
