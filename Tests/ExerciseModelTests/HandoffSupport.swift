import Testing
@testable import ExerciseModel
import Stochastics

// Builders for the cross-border tests (legal requests, subjects, consent, outages, attribution).
// Everything is constant unless a test says otherwise, so expected times are exact sums; all
// times are seconds (`minute`, `hour` from ModelSupport.swift).

let day = 24 * hour

/// A jurisdiction with the given languages and criminalised offences (UTC unless told).
func handoffJurisdiction(_ id: String, languages: [String] = [], offences: Set<Int> = [],
                         timeZone: String = "UTC") -> Jurisdiction {
    Jurisdiction(id: id, name: "Jurisdiction \(id)", timeZone: timeZone, languages: languages, offences: offences)
}

/// An agency in jurisdiction `place` with one capability ("work") taking `work` seconds (nil: lacks it).
func handoffAgency(_ id: String, in place: Int, kind: AgencyKind = .police, staff: Int = 1, work: Double?,
                   hours: WeeklyHours? = nil) -> Agency {
    Agency(id: id, name: "Agency \(id)", jurisdiction: "J\(place)", kind: kind, staff: staff,
           workTime: [work.map(constant)], jurisdictionIndex: place, hours: hours)
}

/// An instrument with constant draft, transmission and review times.
func handoffInstrument(_ id: String, kind: InstrumentKind = .mla, parties: [Int] = [0, 1],
                       serves: Set<RequestKind> = [.evidence], dualCriminality: Bool = false, waived: Set<Int> = [],
                       draft: Double, transmission: Double, review: Double, reviewer: AgencyKind? = .centralAuthority,
                       refusal: Double = 0, fallback: Int? = nil) -> Instrument {
    Instrument(id: id, name: "Instrument \(id)", kind: kind, parties: parties, serves: serves,
               requiresDualCriminality: dualCriminality, waivedOffences: waived, draft: constant(draft),
               transmission: constant(transmission), review: constant(review), reviewer: reviewer,
               refusalProbability: refusal, fallback: fallback)
}

/// A task the lead (agency 0 by default) asks another jurisdiction to perform by a legal request.
func requestTask(_ id: String, performer: PerformerRule, triggers: [Int] = [0], after: [Int] = [],
                 kind: RequestKind = .evidence, requester: Int? = nil, offence: Int? = nil) -> PlanTask {
    PlanTask(id: id, capability: 0, performer: performer, prerequisites: after, triggers: triggers,
             request: kind, requester: requester, offence: offence)
}

/// An exercise with explicit jurisdictions and the cross-border sections (defaults: none).
func handoffExercise(horizon: Double = 30 * day, jurisdictions: [Jurisdiction], agencies: [Agency],
                     channels: [Channel] = [], injects: [Inject], tasks: [PlanTask], objectives: [Objective],
                     startInstant: Double = 0, offences: [String] = [], instruments: [Instrument] = [],
                     reframings: [Reframing] = [], cooperation: [Cooperation] = [],
                     translation: TranslationModel = .none, subjects: [Subject] = [],
                     defaultOffence: Int? = nil, lead: Int? = 0) -> Exercise {
    Exercise(name: "handoff", start: "2026-03-02T00:00:00Z", horizon: horizon, capabilities: ["work"],
             agencies: agencies, channels: channels, injects: injects, tasks: tasks, objectives: objectives,
             startInstant: startInstant, jurisdictions: jurisdictions, offences: offences, instruments: instruments,
             reframings: reframings, cooperation: cooperation, translation: translation, subjects: subjects,
             defaultOffence: defaultOffence, lead: lead)
}

/// The standard legal-request set-up: jurisdictions A (0, requesting) and B (1, requested);
/// agencies lead (0, police in A, performs nothing), police-B (1, work `work`) and ca-B (2, the
/// central authority of B, reviews requests); inject i0 reaches the lead at 0; task t0 asks
/// police-B for evidence; objective o0 runs from i0 to t0.
func standardRequest(instruments: [Instrument], work: Double = hour, offences: [String] = [],
                     criminalisedInB: Set<Int> = [], defaultOffence: Int? = nil,
                     reframings: [Reframing] = [], languagesA: [String] = [], languagesB: [String] = [],
                     translation: TranslationModel = .none) -> Exercise {
    handoffExercise(
        jurisdictions: [handoffJurisdiction("A", languages: languagesA, offences: Set(offences.indices)),
                        handoffJurisdiction("B", languages: languagesB, offences: criminalisedInB)],
        agencies: [handoffAgency("lead", in: 0, work: nil), handoffAgency("police-B", in: 1, work: work),
                   handoffAgency("ca-B", in: 1, kind: .centralAuthority, work: nil)],
        injects: [makeInject("i0", to: 0, at: 0)],
        tasks: [requestTask("t0", performer: .agency(1))],
        objectives: [makeObjective("o0", [0], from: .inject(0), within: day)],
        offences: offences, instruments: instruments, reframings: reframings, translation: translation,
        defaultOffence: defaultOffence)
}

/// The attribution of objective `index`, which must have been reached.
func attribution(_ outcome: ReplicationOutcome, objective index: Int = 0,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> TimeAttribution {
    try #require(outcome.objectives[index].attribution, sourceLocation: sourceLocation)
}

/// Every category of `attribution` equals `expected` (missing categories: 0) to 1e-6 s.
func expectAttribution(_ attribution: TimeAttribution, _ expected: [TimeCategory: Double],
                       sourceLocation: SourceLocation = #_sourceLocation) {
    for category in TimeCategory.allCases {
        let want = expected[category] ?? 0
        #expect(abs(attribution[category] - want) <= 1e-6, "\(category.name): \(attribution[category]) s, expected \(want) s",
                sourceLocation: sourceLocation)
    }
}

/// The attribution invariant for every objective reached: categories ≥ 0 summing to `elapsed`
/// within 1e-9 relative (absolute below 1 s); an objective not reached has no attribution.
func expectAttributionInvariant(_ outcome: ReplicationOutcome, sourceLocation: SourceLocation = #_sourceLocation) {
    for (index, objective) in outcome.objectives.enumerated() {
        guard let elapsed = objective.elapsed else {
            #expect(objective.attribution == nil, "objective \(index) not reached but attributed", sourceLocation: sourceLocation)
            continue
        }
        guard let attribution = objective.attribution else {
            Issue.record("objective \(index) reached without attribution", sourceLocation: sourceLocation)
            continue
        }
        #expect(abs(attribution.total - elapsed) <= 1e-9 * max(1, elapsed),
                "objective \(index) (replication \(outcome.replication)): attributed \(attribution.total) s of \(elapsed) s: \(attribution.seconds)",
                sourceLocation: sourceLocation)
        for category in TimeCategory.allCases {
            #expect(attribution[category] >= 0, "objective \(index): \(category.name) = \(attribution[category])",
                    sourceLocation: sourceLocation)
        }
    }
}
