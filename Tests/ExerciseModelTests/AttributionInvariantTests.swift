import Testing
@testable import ExerciseModel
import Stochastics

/// The attribution invariant on a random exercise that uses everything at once: for every
/// objective reached, the categories are ≥ 0 and sum to `elapsed` (1e-9 relative).
@Suite("Attribution: invariant over random replications")
struct AttributionInvariantTests {
    static func uniform(_ low: Double, _ high: Double) -> Distribution {
        do { return try Distribution.uniform(min: low, max: high) } catch { fatalError("\(error)") }
    }

    static func channel(_ id: String, _ members: [Int], latency: Double, handling: Double, failure: Double,
                        retry: Double, attempts: Int, hours: WeeklyHours? = nil, zone: String = "UTC") -> Channel {
        Channel(id: id, name: id, kind: .other, members: members, latency: exponential(latency), handling: exponential(handling),
                failureProbability: failure, retryDelay: exponential(retry), maxAttempts: attempts, maxClassification: .secret,
                hours: hours, timeZone: zone)
    }

    static func agency(_ id: String, in place: Int, kind: AgencyKind = .police, staff: Int = 1, work: Double?,
                       hours: WeeklyHours? = nil) -> Agency {
        Agency(id: id, name: id, jurisdiction: "J\(place)", kind: kind, staff: staff, workTime: [work.map(exponential)],
               jurisdictionIndex: place, hours: hours)
    }

    /// Jurisdictions A (0, Berlin, de), B (1, fr, criminalises only money laundering), C (2,
    /// London, en, a holiday). Agencies: lead (0, A, office hours), fiu-A (1), police-B (2,
    /// office hours), ca-B (3, office hours), police-C (4), ca-C (5), intel-C (6, originator).
    /// Tasks: assess (0, lead, from i0), fin (1, fiu-A, from the controlled i1), share (2,
    /// police-C after fin: consent), evidence-B (3, request to police-B after assess), locate
    /// (4, request to wherever subject S is, after assess), merge (5, lead after 2, 3, 4),
    /// background (6, police-C, from the repeating inject bg). Inject i2, a day or so after i0,
    /// takes siena down and sours A–B cooperation; i3 cuts police-B's staff for a while.
    static func exercise(subjectMessages: Bool = false) -> Exercise {
        let office = WeeklyHours.office
        var c = handoffJurisdiction("C", languages: ["en"], offences: [0, 1], timeZone: "Europe/London")
        c.holidays = [LocalDate(year: 2026, month: 3, day: 6), LocalDate(year: 2026, month: 3, day: 16)]
        let injects = [
            Inject(id: "i0", description: "", receiver: 0, timing: .random(uniform(0, 8 * hour))),
            Inject(id: "i1", description: "", receiver: 1, timing: .fixed(2 * hour),
                   originatorControl: OriginatorControl(originator: 6, decision: exponential(2 * hour), refusalProbability: 0.1)),
            Inject(id: "i2", description: "", receiver: 0, timing: .after(inject: 0, delay: exponential(day)),
                   effects: [.channelOutage(channel: 0, duration: exponential(6 * hour)),
                             .cooperation(between: (0, 1), willingness: 0.7, delayMultiplier: 2)]),
            Inject(id: "i3", description: "", receiver: 2, timing: .random(uniform(0, 3 * day)),
                   effects: [.staffing(agency: 2, staff: 0, duration: exponential(day))]),
            Inject(id: "bg", description: "", receiver: 4, timing: .fixed(0),
                   repetition: InjectRepetition(interval: exponential(12 * hour), count: nil)),
        ]
        let locate = subjectMessages
            ? PlanTask(id: "locate", capability: 0, performer: .subjectLocation(subject: 0, candidates: [2, 4]), prerequisites: [0])
            : requestTask("locate", performer: .subjectLocation(subject: 0, candidates: [2, 4]), triggers: [], after: [0])
        return handoffExercise(
            horizon: 40 * day,
            jurisdictions: [handoffJurisdiction("A", languages: ["de"], offences: [0, 1], timeZone: "Europe/Berlin"),
                            handoffJurisdiction("B", languages: ["fr"], offences: [1]), c],
            agencies: [agency("lead", in: 0, staff: 2, work: 2 * hour, hours: office), agency("fiu-A", in: 0, kind: .fiu, work: hour),
                       agency("police-B", in: 1, work: 3 * hour, hours: office),
                       agency("ca-B", in: 1, kind: .centralAuthority, work: nil, hours: office),
                       agency("police-C", in: 2, staff: 2, work: 2 * hour), agency("ca-C", in: 2, kind: .centralAuthority, work: nil),
                       agency("intel-C", in: 2, kind: .intelligence, work: hour)],
            channels: [channel("siena", [0, 1, 2, 4, 6], latency: 30 * minute, handling: 10 * minute, failure: 0.2, retry: 20 * minute,
                               attempts: 4, hours: office, zone: "Europe/Brussels"),
                       channel("direct", [0, 1], latency: 5 * minute, handling: minute, failure: 0.05, retry: minute, attempts: 3),
                       channel("liaison", [0, 2, 4, 6], latency: 2 * hour, handling: 30 * minute, failure: 0.1, retry: hour, attempts: 3)],
            injects: injects,
            tasks: [makeTask("assess", at: 0, triggers: [0]), makeTask("fin", at: 1, triggers: [1]),
                    makeTask("share", at: 4, after: [1]), requestTask("evidence-B", performer: .agency(2), triggers: [], after: [0]),
                    locate, makeTask("merge", at: 0, after: [2, 3, 4]), makeTask("background", at: 4, triggers: [4])],
            objectives: [makeObjective("o0", [5], from: .inject(0), within: 5 * day),
                         makeObjective("o1", [3], from: .exerciseStart, within: 3 * day),
                         makeObjective("o2", [4], from: .task(0), within: 3 * day),
                         makeObjective("o3", [2], from: .inject(1), within: day)],
            startInstant: AttributionOfficeHoursTests.monday, offences: ["terrorist-financing", "money-laundering"],
            instruments: [Instrument(id: "mla", name: "MLA", kind: .mla, parties: [0, 1, 2], serves: [.evidence],
                                     requiresDualCriminality: true, draft: exponential(4 * hour), transmission: exponential(day),
                                     review: exponential(8 * hour), refusalProbability: 0.2, fallback: 1),
                          Instrument(id: "note", name: "note", kind: .diplomaticNote, parties: [0, 1, 2], serves: [.evidence],
                                     requiresDualCriminality: false, draft: exponential(2 * hour), transmission: exponential(2 * day),
                                     review: exponential(day), reviewer: nil, refusalProbability: 0.1),
                          Instrument(id: "eio", name: "EIO", kind: .eio, parties: [0, 2], serves: [.evidence],
                                     requiresDualCriminality: true, waivedOffences: [0], draft: exponential(2 * hour),
                                     transmission: exponential(2 * hour), review: exponential(4 * hour))],
            reframings: [Reframing(from: 0, to: 1, delay: exponential(6 * hour))],
            cooperation: [Cooperation(between: (0, 1), willingness: 0.9, delayMultiplier: 1.5)],
            translation: TranslationModel(defaultTime: exponential(3 * hour)),
            subjects: [Subject(id: "S", startsIn: 1, movement: .random(interval: exponential(day), among: [1, 2]))],
            defaultOffence: 0)
    }

    @Test("200 replications: every objective reached is fully attributed, no category negative")
    func invariant() throws {
        let exercise = Self.exercise()
        #expect(exercise.problems() == [])
        let runner = ExerciseRunner(exercise)
        var totals = HandoffCounters()
        var reached = 0
        var seen = TimeAttribution()
        for replication in 0..<200 {
            let outcome = try runner.run(replication: replication, seed: 20_260_302)
            expectAttributionInvariant(outcome)
            for objective in outcome.objectives {
                guard let attribution = objective.attribution else { continue }
                reached += 1
                for category in TimeCategory.allCases { seen[category] += attribution[category] }
            }
            let counters = outcome.handoffs
            totals.requests += counters.requests
            totals.dualCriminalityRefusals += counters.dualCriminalityRefusals
            totals.otherRefusals += counters.otherRefusals
            totals.reframings += counters.reframings
            totals.fallbacks += counters.fallbacks
            totals.failedRequests += counters.failedRequests
            totals.consentRequests += counters.consentRequests
            totals.consentRefusals += counters.consentRefusals
            totals.subjectHandoffs += counters.subjectHandoffs
            totals.translations += counters.translations
        }
        // The exercise really exercises the machinery the invariant is about.
        #expect(reached > 400)
        for (name, value) in zip(HandoffCounters.names, totals.values) {
            #expect(value > 0, "\(name) never happened")
        }
        for category in [TimeCategory.work, .officeHours, .transferLatency, .handling, .translation, .legalReview, .consent,
                         .retries, .reframing, .outage, .staffWait, .injects] {
            #expect(seen[category] > 0, "\(category.name) never attributed")
        }
    }

    @Test("200 replications with a subject-bound task dispatched by message (handoffs in transit)")
    func invariantWithSubjectMessages() throws {
        let runner = ExerciseRunner(Self.exercise(subjectMessages: true))
        var broken: [Int] = []
        for replication in 0..<200 {
            let outcome = try runner.run(replication: replication, seed: 7)
            for objective in outcome.objectives {
                guard let elapsed = objective.elapsed, let attribution = objective.attribution else { continue }
                if abs(attribution.total - elapsed) > 1e-9 * max(1, elapsed) || attribution.seconds.contains(where: { $0 < 0 }) {
                    broken.append(replication)
                }
            }
        }
        #expect(broken.isEmpty, "replications with an attribution gap: \(broken)")
    }
}
