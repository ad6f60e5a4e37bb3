import Testing
@testable import ExerciseModel
import Stochastics

/// UN listings. A (0) designates; the FIUs of B (1, 1 h to freeze) and C (2, 2 h) freeze.
/// The listing instrument (every party): draft 1 h (the lead's staff), transmission 2 h, review
/// 10 h (a pure delay: the committee's no-objection period). Tasks fB and fC (freeze requests)
/// are both triggered by i0 at 0.
@Suite("Mechanisms: listing-based freezes")
struct MechanismListingTests {
    static func exercise(listing: Listing? = Listing(), refusal: Double = 0, withMLA: Bool = false) -> Exercise {
        var un = handoffInstrument("un", kind: .assetFreeze, parties: [0, 1, 2], serves: [.freeze], draft: hour, transmission: 2 * hour,
                                   review: 10 * hour, reviewer: nil, refusal: refusal, fallback: withMLA ? 1 : nil)
        un.listing = listing
        var instruments = [un]
        if withMLA {
            instruments.append(handoffInstrument("mla", parties: [0, 1, 2], serves: [.freeze], draft: 2 * hour, transmission: 2 * hour,
                                                 review: 20 * hour, reviewer: nil))
        }
        return handoffExercise(
            jurisdictions: [handoffJurisdiction("A"), handoffJurisdiction("B"), handoffJurisdiction("C")],
            agencies: [handoffAgency("lead", in: 0, work: nil), handoffAgency("fiu-B", in: 1, kind: .fiu, work: hour),
                       handoffAgency("fiu-C", in: 2, kind: .fiu, work: 2 * hour)],
            injects: [makeInject("i0", to: 0, at: 0), makeInject("i1", to: 0, at: 30 * hour)],
            tasks: [requestTask("fB", performer: .agency(1), kind: .freeze), requestTask("fC", performer: .agency(2), kind: .freeze)],
            objectives: [makeObjective("oB", [0], from: .inject(0), within: day), makeObjective("oC", [1], from: .inject(0), within: day)],
            instruments: instruments)
    }

    @Test("one designation serves every party: both freeze without delay once listed")
    func oneDesignation() throws {
        let exercise = Self.exercise()
        #expect(exercise.problems() == [])
        let (outcome, trace) = try runTraced(exercise)
        // Designation 0–13 h (draft 1, transmission 2, review 10); fiu-B 13–14 h; fiu-C waited and works 13–15 h.
        #expect(outcome.taskCompletion[0] == 14 * hour)
        #expect(outcome.taskCompletion[1] == 15 * hour)
        #expect(outcome.handoffs.requests == 1)
        #expect(trace.of(.requestGranted, task: 1).map(\.time) == [13 * hour])
        expectAttribution(try attribution(outcome, objective: 1), [.legalReview: 13 * hour, .work: 2 * hour])
        expectAttributionInvariant(outcome)
    }

    @Test("without the listing each request is its own process (the lead drafts them in turn)")
    func perRequest() throws {
        let (outcome, _) = try runTraced(Self.exercise(listing: nil))
        // fB: 0–1 draft, 1–3, 3–13, work 13–14. fC: draft 1–2 (the lead's one staff), 2–4, 4–14, work 14–16.
        #expect(outcome.taskCompletion[0] == 14 * hour)
        #expect(outcome.taskCompletion[1] == 16 * hour)
        #expect(outcome.handoffs.requests == 2)
    }

    @Test("after delisting a later request needs a new designation")
    func delisting() throws {
        var exercise = Self.exercise(listing: Listing(delisting: constant(5 * hour)))
        // fD: a third freeze at fiu-B triggered by i1 at 30 h, after the listing lapsed at 18 h.
        exercise.tasks.append(requestTask("fD", performer: .agency(1), triggers: [1], kind: .freeze))
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.taskCompletion[1] == 15 * hour)
        // 30 h + 13 h + 1 h.
        #expect(outcome.taskCompletion[2] == 44 * hour)
        #expect(outcome.handoffs.requests == 2)
        // While listed (delisting after 100 h), it is frozen at once: 30 h + 1 h.
        exercise.instruments[0].listing = Listing(delisting: constant(100 * hour))
        let (listed, _) = try runTraced(exercise)
        #expect(listed.taskCompletion[2] == 31 * hour)
    }

    @Test("a refused designation sends every waiting request to the fallback")
    func refused() throws {
        let (outcome, _) = try runTraced(Self.exercise(refusal: 1, withMLA: true))
        // Refused at 13 h; fB by MLA: draft 13–15, 15–17, 17–37, work 37–38. fC: draft 15–17, 17–19, 19–39, work 39–41.
        #expect(outcome.taskCompletion[0] == 38 * hour)
        #expect(outcome.taskCompletion[1] == 41 * hour)
        #expect(outcome.handoffs.fallbacks == 2)
        expectAttributionInvariant(outcome)
    }
}
