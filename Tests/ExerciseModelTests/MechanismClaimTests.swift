import Testing
@testable import ExerciseModel
import Stochastics

/// Competing claims of jurisdiction. Jurisdictions A (0), B (1), C (2); the lead (0) in A;
/// prosecutors in A (1), B (2) and C (3), each 1 h of work; one channel among all (10 min + 5 min).
/// Task t0 (prosecute), performer {kind: prosecutor}, claimed by B and C after a 1-day
/// consultation, triggered by i0 at the lead.
@Suite("Mechanisms: competing claims of jurisdiction")
struct MechanismClaimTests {
    static func exercise(rule: CompetingClaim.Rule, by claimants: [Int] = [1, 2], subjectIn: Int = 2) -> Exercise {
        var task = PlanTask(id: "t0", capability: 0, performer: .leastLoaded(candidates: [1, 2, 3]), triggers: [0])
        task.claim = CompetingClaim(jurisdictions: claimants, rule: rule, delay: constant(day))
        return handoffExercise(
            jurisdictions: [handoffJurisdiction("A"), handoffJurisdiction("B"), handoffJurisdiction("C")],
            agencies: [handoffAgency("lead", in: 0, work: nil), handoffAgency("pros-A", in: 0, kind: .prosecutor, work: hour),
                       handoffAgency("pros-B", in: 1, kind: .prosecutor, work: hour),
                       handoffAgency("pros-C", in: 2, kind: .prosecutor, work: hour)],
            channels: [makeChannel("all", [0, 1, 2, 3], latency: 10 * minute, handling: 5 * minute)],
            injects: [makeInject("i0", to: 0, at: 0)],
            tasks: [task],
            objectives: [makeObjective("o0", [0], from: .inject(0), within: 2 * day)],
            subjects: [Subject(id: "S1", startsIn: subjectIn)])
    }

    @Test("by order: the first claimant wins after the consultation")
    func order() throws {
        let exercise = Self.exercise(rule: .order)
        #expect(exercise.problems() == [])
        let (outcome, trace) = try runTraced(exercise)
        // Consultation 1 d, the case to pros-B 15 min, work 1 h.
        #expect(outcome.taskCompletion[0] == day + hour + 15 * minute)
        #expect(trace.of(.taskStarted, task: 0).map(\.agency) == [2])
        expectAttribution(try attribution(outcome), [.legalReview: day, .transferLatency: 10 * minute, .handling: 5 * minute, .work: hour])
        expectAttributionInvariant(outcome)
    }

    @Test("by custody: where the subject is")
    func custody() throws {
        let (outcome, trace) = try runTraced(Self.exercise(rule: .custody(subject: 0)))
        #expect(trace.of(.taskStarted, task: 0).map(\.agency) == [3])
        #expect(outcome.taskCompletion[0] == day + hour + 15 * minute)
        // The subject in a state that does not claim: by order.
        let (elsewhere, trace2) = try runTraced(Self.exercise(rule: .custody(subject: 0), subjectIn: 0))
        #expect(trace2.of(.taskStarted, task: 0).map(\.agency) == [2])
        #expect(elsewhere.taskCompletion[0] == day + hour + 15 * minute)
    }

    @Test("the requesting state's own claim: no message across a border, its own prosecutor")
    func ownClaim() throws {
        let (outcome, trace) = try runTraced(Self.exercise(rule: .order, by: [0, 1]))
        #expect(trace.of(.taskStarted, task: 0).map(\.agency) == [1])
        #expect(outcome.taskCompletion[0] == day + hour + 15 * minute)
    }

    @Test("by lot: one of the claimants, reproducibly")
    func lot() throws {
        var seen = Set<Int32>()
        for replication in 0..<20 {
            let (outcome, trace) = try runTraced(Self.exercise(rule: .lot), replication: replication)
            let agency = try #require(trace.of(.taskStarted, task: 0).first?.agency)
            seen.insert(agency)
            #expect(outcome.taskCompletion[0] == day + hour + 15 * minute)
            let (again, trace2) = try runTraced(Self.exercise(rule: .lot), replication: replication)
            #expect(trace2.of(.taskStarted, task: 0).first?.agency == agency)
            #expect(again.taskCompletion == outcome.taskCompletion)
        }
        #expect(seen == [2, 3])
    }

    @Test("a claimed request crosses the border through an instrument")
    func claimedRequest() throws {
        var exercise = Self.exercise(rule: .order)
        exercise.tasks[0].request = .surrender
        exercise.instruments = [handoffInstrument("transfer", parties: [0, 1, 2], serves: [.surrender], draft: hour, transmission: hour,
                                                  review: 2 * hour, reviewer: nil)]
        #expect(exercise.problems() == [])
        let (outcome, _) = try runTraced(exercise)
        // 1 d, then draft 1 h, transmission 1 h, review 2 h (a pure delay), work 1 h.
        #expect(outcome.taskCompletion[0] == day + 5 * hour)
        expectAttributionInvariant(outcome)
    }
}
