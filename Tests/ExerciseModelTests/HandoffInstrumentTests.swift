import Testing
@testable import ExerciseModel
import Stochastics

/// Legal requests: which instrument is used, how the receiving side's willingness and delay
/// act, and the fallback after a refusal. Set-up: `standardRequest` (lead in A asks police-B for
/// evidence; ca-B reviews; work 1 h at police-B).
@Suite("Handoff: instruments and cooperation")
struct HandoffInstrumentTests {
    /// slow MLA: 2 h + 1 h + 3 h = 6 h expected; fast EIO: 1 h + 30 min + 1 h = 2.5 h; an arrest
    /// warrant (EAW) of 3 min in all serves no evidence request; a preservation order between A
    /// and C only does not connect A and B.
    static let instruments = [
        handoffInstrument("mla", draft: 2 * hour, transmission: hour, review: 3 * hour),
        handoffInstrument("eio", kind: .eio, draft: hour, transmission: 30 * minute, review: hour),
        handoffInstrument("eaw", kind: .eaw, serves: [.arrest], draft: minute, transmission: minute, review: minute),
        handoffInstrument("preserve", kind: .preservation, parties: [0, 2], draft: minute, transmission: minute, review: minute),
    ]

    @Test("the applicable instrument with the lowest expected time is used; others are ignored")
    func fastestApplicable() throws {
        var exercise = standardRequest(instruments: Self.instruments)
        exercise.jurisdictions.append(handoffJurisdiction("C"))
        #expect(exercise.problems() == [])
        #expect(CompiledPlan(exercise).bestInstrument(from: 0, to: 1, kind: .evidence) == 1)
        #expect(CompiledPlan(exercise).bestInstrument(from: 0, to: 1, kind: .arrest) == 2)
        #expect(CompiledPlan(exercise).bestInstrument(from: 0, to: 1, kind: .freeze) == nil)

        let (outcome, trace) = try runTraced(exercise)
        // EIO: draft 0 → 1 h, transmission → 1.5 h, review at ca-B → 2.5 h, work → 3.5 h.
        #expect(outcome.taskCompletion[0] == 3.5 * hour)
        #expect(outcome.handoffs.requests == 1)
        #expect(outcome.handoffs.failedRequests == 0)
        let sent = trace.of(.requestSent, task: 0)
        #expect(sent.map(\.time) == [0])
        #expect(sent.map(\.agency) == [0])  // drafted and sent by the lead
        #expect(trace.of(.requestGranted, task: 0).map(\.time) == [2.5 * hour])
        #expect(trace.of(.requestRefused, task: 0).isEmpty)
        #expect(trace.of(.taskStarted, task: 0).map(\.agency) == [1])
        // Review is work of ca-B's staff; drafting needs no capability of the lead.
        #expect(outcome.agencies[2].tasksStarted == 1)
        #expect(outcome.agencies[0].tasksStarted == 1)
        expectAttribution(try attribution(outcome), [.legalReview: 2 * hour, .transferLatency: 30 * minute, .work: hour])
        expectAttributionInvariant(outcome)
    }

    @Test("without the fast instrument the slow one is used: 6 h + 1 h")
    func slowOnly() throws {
        var exercise = standardRequest(instruments: Self.instruments)
        exercise.instruments[1].serves = [.arrest]
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.taskCompletion[0] == 7 * hour)
        expectAttribution(try attribution(outcome), [.legalReview: 5 * hour, .transferLatency: hour, .work: hour])
    }

    @Test("a delay multiplier of 2 doubles the review exactly (reviewer staff and pure delay)")
    func delayMultiplier() throws {
        for reviewer in [AgencyKind.centralAuthority, .prosecutor] {  // B has no prosecutor: a pure delay
            var exercise = standardRequest(instruments: [handoffInstrument("mla", draft: hour, transmission: hour, review: 2 * hour,
                                                                           reviewer: reviewer)])
            exercise.cooperation = [Cooperation(between: (1, 0), willingness: 1, delayMultiplier: 2)]
            let (outcome, trace) = try runTraced(exercise)
            // draft 1 h + transmission 1 h + review 2 h × 2 + work 1 h = 7 h.
            #expect(outcome.taskCompletion[0] == 7 * hour, "reviewer \(reviewer)")
            #expect(trace.of(.requestGranted, task: 0).map(\.time) == [6 * hour])
            #expect(outcome.agencies[2].tasksStarted == (reviewer == .centralAuthority ? 1 : 0))
            expectAttribution(try attribution(outcome), [.legalReview: 5 * hour, .transferLatency: hour, .work: hour])
        }
    }

    /// Two requests to B: t0 from i0 at 0 (decided at 4 h), t1 from i1 at 3 h (review 5–7 h);
    /// inject `cut` at 5 h sets the pair's willingness to 0 (and, in the second run, the delay
    /// multiplier to 2 before t1's review starts).
    static func twoRequests(cutAt: Double, multiplier: Double?) -> Exercise {
        var exercise = standardRequest(instruments: [handoffInstrument("mla", draft: hour, transmission: hour, review: 2 * hour)])
        exercise.injects += [makeInject("i1", to: 0, at: 3 * hour),
                             Inject(id: "cut", description: "", receiver: 0, timing: .fixed(cutAt),
                                    effects: [.cooperation(between: (0, 1), willingness: 0, delayMultiplier: multiplier)])]
        exercise.tasks.append(requestTask("t1", performer: .agency(1), triggers: [1]))
        exercise.objectives.append(makeObjective("o1", [1], from: .inject(1), within: day))
        return exercise
    }

    @Test("willingness 1 → 0 at 5 h: a request decided before is granted, one decided after is refused")
    func cooperationChange() throws {
        let (outcome, trace) = try runTraced(Self.twoRequests(cutAt: 5 * hour, multiplier: nil))
        // t0: draft 0–1 h, transmission 1–2 h, review 2–4 h (willingness still 1), work 4–5 h.
        #expect(outcome.taskCompletion[0] == 5 * hour)
        // t1: draft 3–4 h, transmission 4–5 h, review 5–7 h, decided at 7 h with willingness 0.
        #expect(outcome.taskCompletion[1] == nil)
        #expect(trace.of(.requestRefused, task: 1).map(\.time) == [7 * hour])
        #expect(outcome.handoffs.requests == 2)
        #expect(outcome.handoffs.otherRefusals == 1)
        #expect(outcome.handoffs.failedRequests == 1)
        #expect(outcome.objectives[1].rating == .u)
        #expect(outcome.objectives[1].attribution == nil)
        expectAttributionInvariant(outcome)

        // The same change at 3.5 h, before t0's decision at 4 h: both are refused.
        let (early, _) = try runTraced(Self.twoRequests(cutAt: 3.5 * hour, multiplier: nil))
        #expect(early.taskCompletion == [nil, nil])
        #expect(early.handoffs.failedRequests == 2)
    }

    @Test("a delay multiplier set by an inject applies to reviews that start after it")
    func multiplierByInject() throws {
        // The cut at 4.5 h (after t0's decision at 4 h): t1's review, from 5 h, takes 2 h × 2.
        let (outcome, trace) = try runTraced(Self.twoRequests(cutAt: 4.5 * hour, multiplier: 2))
        #expect(outcome.taskCompletion[0] == 5 * hour)
        #expect(trace.of(.requestRefused, task: 1).map(\.time) == [9 * hour])
    }

    @Test("a refusal goes to the fallback instrument, which drafts again")
    func fallback() throws {
        // mla (expected 1 + 1 + 1 = 3 h) is always refused and falls back to a diplomatic note
        // (2 h + 2 h + 2 h, reviewed as a pure delay: reviewer nil).
        let exercise = standardRequest(instruments: [
            handoffInstrument("mla", draft: hour, transmission: hour, review: hour, refusal: 1, fallback: 1),
            handoffInstrument("note", kind: .diplomaticNote, draft: 2 * hour, transmission: 2 * hour, review: 2 * hour, reviewer: nil),
        ])
        let (outcome, trace) = try runTraced(exercise)
        // 3 h (mla, refused at 3 h) + 6 h (note) + 1 h work = 10 h.
        #expect(outcome.taskCompletion[0] == 10 * hour)
        #expect(trace.of(.requestRefused, task: 0).map(\.time) == [3 * hour])
        #expect(trace.of(.requestSent, task: 0).map(\.time) == [0, 3 * hour])
        #expect(trace.of(.requestGranted, task: 0).map(\.time) == [9 * hour])
        #expect(outcome.handoffs.requests == 2)
        #expect(outcome.handoffs.otherRefusals == 1)
        #expect(outcome.handoffs.fallbacks == 1)
        #expect(outcome.handoffs.failedRequests == 0)
        expectAttribution(try attribution(outcome), [.legalReview: 6 * hour, .transferLatency: 3 * hour, .work: hour])
        expectAttributionInvariant(outcome)
    }
}
