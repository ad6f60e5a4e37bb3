import Testing
@testable import ExerciseModel
import Stochastics

/// Familiarity from joint exercises: F = 1 − (1 − gain)^n; handling × (1 − F·handling-cut),
/// review × (1 − F·review-cut), consent decision × (1 − F·consent-cut), willingness
/// w + F·acceptance-gain·(1 − w).
@Suite("Mechanisms: familiarity from joint exercises")
struct MechanismFamiliarityTests {
    static func familiarity(_ agencies: [Int], perYear: Int, gain: Double = 0.5) -> Familiarity {
        Familiarity(gainPerExercise: gain, handlingCut: 0.5, reviewCut: 0.3, consentCut: 0.5, acceptanceGain: 1,
                    exercises: [.init(id: "tx", agencies: agencies, perYear: perYear)])
    }

    @Test("levels grow with each exercise a year")
    func levels() {
        let model = Self.familiarity([0, 1], perYear: 2)
        let levels = model.levels(agencyCount: 3)
        #expect(levels?[0 * 3 + 1] == 0.75)
        #expect(levels?[1 * 3 + 0] == 0.75)
        #expect(levels?[0 * 3 + 2] == 0)
        #expect(Self.familiarity([0, 1], perYear: 0).levels(agencyCount: 3) == nil)
    }

    @Test("handling is shortened between familiar agencies")
    func handling() throws {
        // Agencies 0 → 1, channel 10 min + 1 h handling; a at 0 (1 h), b at 1 (1 h) after a.
        var exercise = makeExercise(horizon: day, agencies: [makeAgency("X", work: [constant(hour)]), makeAgency("Y", work: [constant(hour)])],
                                    channels: [makeChannel("c", [0, 1], latency: 10 * minute, handling: hour)],
                                    injects: [makeInject("i0", to: 0, at: 0)],
                                    tasks: [makeTask("a", at: 0, triggers: [0]), makeTask("b", at: 1, after: [0])])
        let (plain, _) = try runTraced(exercise)
        #expect(plain.taskCompletion[1] == 3 * hour + 10 * minute)
        exercise.familiarity = Self.familiarity([0, 1], perYear: 1)
        let (outcome, _) = try runTraced(exercise)
        // F = 0.5: handling 1 h × 0.75 = 45 min.
        #expect(outcome.taskCompletion[1] == 2 * hour + 55 * minute)
    }

    @Test("review is shortened and acceptance raised between the requester and the receiving side")
    func reviewAndAcceptance() throws {
        var exercise = standardRequest(instruments: [handoffInstrument("mla", draft: hour, transmission: hour, review: 10 * hour)])
        // Without familiarity: draft 1 h, transmission 1 h, review 10 h, work 1 h = 13 h.
        #expect(try runTraced(exercise).0.taskCompletion[0] == 13 * hour)
        exercise.familiarity = Self.familiarity([0, 2], perYear: 1)
        // F(lead, ca-B) = 0.5: review × (1 − 0.5 · 0.3) = 8.5 h.
        #expect(try runTraced(exercise).0.taskCompletion[0] == 11.5 * hour)
        // Unwilling partner: refused without familiarity, accepted with F = 1 and acceptance-gain 1.
        exercise.cooperation = [Cooperation(between: (0, 1), willingness: 0)]
        exercise.familiarity = .none
        let (refused, _) = try runTraced(exercise)
        #expect(refused.taskCompletion[0] == nil)
        #expect(refused.handoffs.otherRefusals == 1)
        exercise.familiarity = Self.familiarity([0, 1, 2], perYear: 1, gain: 1)
        let (accepted, _) = try runTraced(exercise)
        // Review 10 h × (1 − 0.3) = 7 h: 1 + 1 + 7 + 1 = 10 h.
        #expect(accepted.taskCompletion[0] == 10 * hour)
        #expect(accepted.handoffs.otherRefusals == 0)
    }

    @Test("the originator's consent decision is shortened")
    func consent() throws {
        var exercise = HandoffConsentTests.exercise()
        exercise.familiarity = Self.familiarity([0, 1], perYear: 1)
        let (outcome, _) = try runTraced(exercise)
        // The consent round trip's legs are as before (30 min each way); the decision 1 h × 0.75 =
        // 45 min: consent 1 h 45 min instead of 2 h; b done at 4 h.
        #expect(outcome.taskCompletion[1] == 4 * hour)
        expectAttributionInvariant(outcome)
    }
}
