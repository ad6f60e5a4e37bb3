import ExerciseModel
import Foundation
import Stochastics
import Testing
@testable import ScenarioFormat

/// The jurisdictional sections compile into the expected `Exercise`: jurisdictions, hours,
/// holidays, instruments (parties from `member-of`), re-framing, cooperation, translation,
/// subjects, originator control, inject effects and request tasks.
@Suite struct HandoffScenarioTests {
    static let day = 86_400.0

    @Test func headerOffencesAndJurisdictions() throws {
        let exercise = try Fixtures.load(valid: "docs-handoffs.yaml").exercise
        #expect(exercise.startInstant == 1_772_434_800)  // 2026-03-02T07:00:00Z
        #expect(exercise.offences == ["terrorist-act-financing", "individual-terrorist-financing", "money-laundering"])
        #expect(exercise.defaultOffence == 1 && exercise.lead == 0)
        let jurisdictions = exercise.jurisdictions
        #expect(jurisdictions.map(\.id) == ["ARC", "BOR", "CAL"])
        #expect(jurisdictions.map(\.name) == ["Arcadia", "Borealis", "Caldera"])
        #expect(jurisdictions.map(\.timeZone) == ["Europe/Berlin", "Europe/Helsinki", "America/Bogota"])
        #expect(jurisdictions.map(\.languages) == [["en", "de"], ["fi", "en"], ["es"]])
        let holidays: [Set<LocalDate>] = [[LocalDate(year: 2026, month: 4, day: 3), LocalDate(year: 2026, month: 4, day: 6)], [],
                                          [LocalDate(year: 2026, month: 3, day: 23)]]
        #expect(jurisdictions.map(\.holidays) == holidays)
        #expect(jurisdictions.map(\.offences) == [[0, 1, 2], [0, 1, 2], [0, 2]])
        #expect(jurisdictions.map(\.memberships) == [["eu", "schengen", "egmont"], ["eu", "schengen", "egmont"], ["budapest"]])
    }

    @Test func agencyAndChannelHours() throws {
        let exercise = try Fixtures.load(valid: "docs-handoffs.yaml").exercise
        #expect(exercise.agencies.map(\.jurisdictionIndex) == [0, 0, 0, 1, 1, 2, 2])
        let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
        let hours: [WeeklyHours?] = [nil, .office, WeeklyHours(days: weekdays, opens: 480, closes: 1080), nil, .office, nil,
                                     WeeklyHours(days: [.monday, .tuesday, .wednesday, .thursday], opens: 540, closes: 990)]
        #expect(exercise.agencies.map(\.hours) == hours)
        #expect(exercise.channels.map(\.hours) == [nil, WeeklyHours(days: weekdays, opens: 420, closes: 1140)])
        #expect(exercise.channels.map(\.timeZone) == ["UTC", "Europe/Berlin"])
    }

    @Test func instruments() throws {
        let exercise = try Fixtures.load(valid: "docs-handoffs.yaml").exercise
        let instruments = exercise.instruments
        #expect(instruments.map(\.id) == ["eu-freeze", "police-eu", "mla-arc-cal", "diplomatic"])
        #expect(instruments.map(\.name) == ["EU freezing order", "police-eu", "Arcadia–Caldera MLA treaty", "diplomatic"])
        #expect(instruments.map(\.kind) == [.assetFreeze, .policeExchange, .mla, .diplomaticNote])
        // `{member-of: eu}` and `[{member-of: schengen}]`: ARC and BOR; CAL is in neither.
        #expect(instruments.map(\.parties) == [[0, 1], [0, 1], [0, 2], [0, 1, 2]])
        let serves: [Set<RequestKind>] = [[.freeze], [.information], [.evidence, .information, .freeze],
                                          [.evidence, .information, .freeze, .arrest]]
        #expect(instruments.map(\.serves) == serves)
        #expect(instruments.map(\.requiresDualCriminality) == [false, false, true, false])
        #expect(instruments.map(\.waivedOffences) == [[], [], [0], []])
        #expect(instruments.map(\.reviewer) == [.fiu, .police, .centralAuthority, nil])
        #expect(instruments.map(\.refusalProbability) == [0, 0, 0.1, 0])
        #expect(instruments.map(\.fallback) == [nil, nil, 3, nil])
        #expect(instruments.prefix(3).map(\.transmission.family) == [.constant(0), .constant(3600), .constant(2 * Self.day)])
        #expect(instruments[3].review.family == .constant(0) && instruments[1].draft.family == .constant(0))
        guard case .lognormal = instruments[2].review.family else { Issue.record("MLA review"); return }
    }

    @Test func reframingCooperationAndTranslation() throws {
        let exercise = try Fixtures.load(valid: "docs-handoffs.yaml").exercise
        let reframing = try #require(exercise.reframings.first)
        #expect(exercise.reframings.count == 1 && reframing.from == 1 && reframing.to == 2)
        #expect(reframing.delay.family == .uniform(min: 10 * Self.day, max: 30 * Self.day))
        let cooperation = try #require(exercise.cooperation.first)
        #expect(exercise.cooperation.count == 1 && cooperation.between == (0, 2))
        #expect(cooperation.willingness == 0.7 && cooperation.delayMultiplier == 1.5)
        guard case .lognormal = exercise.translation.defaultTime?.family else { Issue.record("translation default"); return }
        #expect(exercise.translation.pairs.map(\.languages) == [["en", "es"]])
        #expect(exercise.translation.pairs.map(\.time.family) == [.constant(Self.day)])
    }

    @Test func subjectItinerary() throws {
        let exercise = try Fixtures.load(valid: "docs-handoffs.yaml").exercise
        let subject = try #require(exercise.subjects.first)
        #expect(exercise.subjects.count == 1 && subject.id == "S1" && subject.description == "the financier")
        #expect(subject.startsIn == 1)
        guard case .itinerary(let stops) = subject.movement else { Issue.record("S1 movement \(String(describing: subject.movement))"); return }
        #expect(stops.map(\.to) == [1, 2])
        #expect(stops.map(\.time.family) == [.constant(4 * Self.day), .uniform(min: 5 * Self.day, max: 7 * Self.day)])
    }

    @Test func originatorControlAndEffects() throws {
        let exercise = try Fixtures.load(valid: "docs-handoffs.yaml").exercise
        #expect(exercise.injects.map { $0.originatorControl == nil } == [true, false, true])
        // The originator defaults to the receiver (ARC-CT).
        let control = try #require(exercise.injects[1].originatorControl)
        #expect(control.originator == 0 && control.decision.family == .constant(2 * Self.day) && control.refusalProbability == 0.1)
        let effects = exercise.injects[2].effects
        #expect(effects.count == 4)
        guard case .cooperation(let between, let willingness, let multiplier) = effects[safe: 0] else { Issue.record("effect 1"); return }
        #expect(between == (0, 2) && willingness == 0.4 && multiplier == 2)
        guard case .channelOutage(let channel, let outage) = effects[safe: 1] else { Issue.record("effect 2"); return }
        #expect(channel == 0 && outage.family == .constant(2 * Self.day))
        guard case .staffing(let agency, let staff, let duration) = effects[safe: 2] else { Issue.record("effect 3"); return }
        #expect(agency == 6 && staff == 1 && duration?.family == .constant(5 * Self.day))
        guard case .subjectMoves(let subject, let to) = effects[safe: 3] else { Issue.record("effect 4"); return }
        #expect(subject == 0 && to == 2)
    }

    @Test func requestTasksAndSubjectPerformers() throws {
        let exercise = try Fixtures.load(valid: "docs-handoffs.yaml").exercise
        let tasks = exercise.tasks
        #expect(tasks.map(\.id) == ["analyse-str", "freeze", "assess", "locate-s1"])
        // Police with `locate`, in declaration order, in any jurisdiction.
        #expect(tasks.map(\.performer) == [.agency(1), .agency(4), .agency(0), .subjectLocation(subject: 0, candidates: [0, 3, 5])])
        #expect(tasks.map(\.request) == [nil, .freeze, nil, .information])
        #expect(tasks.map(\.requester) == [nil, 2, nil, nil])
        #expect(tasks.map(\.offence) == [nil, 2, nil, nil])
    }

    @Test func implicitJurisdictionsAndRandomMoves() throws {
        let exercise = try Fixtures.load(valid: "handoffs-implicit.yaml").exercise
        #expect(exercise.startInstant == 1_772_857_800)  // 2026-03-07T04:30:00Z
        #expect(exercise.jurisdictions.map(\.id) == ["X", "Y", "Z"])
        #expect(exercise.jurisdictions.allSatisfy { $0.timeZone == "UTC" && $0.languages.isEmpty && $0.memberships.isEmpty })
        #expect(exercise.agencies.map(\.jurisdictionIndex) == [0, 1, 2, 0])
        #expect(exercise.defaultOffence == 0 && exercise.lead == nil)
        let hours: [WeeklyHours?] = [WeeklyHours(days: [.monday, .tuesday, .wednesday, .friday], opens: 570, closes: 1440),
                                     WeeklyHours(days: [.sunday, .monday, .tuesday, .wednesday, .thursday], opens: 0, closes: 720),
                                     nil, nil]
        #expect(exercise.agencies.map(\.hours) == hours)
        #expect(exercise.channels.map(\.hours) == [.office] && exercise.channels.map(\.timeZone) == ["Asia/Tokyo"])
        #expect(exercise.instruments.map(\.parties) == [[0, 1, 2], [1, 2]])
        #expect(exercise.instruments.map(\.reviewer) == [nil, .centralAuthority])
        #expect(exercise.instruments.map(\.waivedOffences) == [[1], []])
        #expect(exercise.instruments.map(\.requiresDualCriminality) == [true, true])
        #expect(exercise.instruments.map(\.kind) == [.mla, .other])
        let movements = exercise.subjects.map(\.movement)
        guard case .random(let every, let among) = movements[safe: 0] ?? nil else { Issue.record("S1 \(movements)"); return }
        #expect(every.family == .exponential(mean: 5 * Self.day) && among == [0, 1, 2])
        // Without `among`: every jurisdiction.
        guard case .random(let interval, let all) = movements[safe: 1] ?? nil else { Issue.record("S2 \(movements)"); return }
        #expect(interval.family == .constant(3 * Self.day) && all == [0, 1, 2])
        #expect(movements.count == 3 && movements[2] == nil && exercise.subjects.map(\.startsIn) == [0, 1, 2])
    }

    @Test func implicitJurisdictionsRequestsAndEffects() throws {
        let exercise = try Fixtures.load(valid: "handoffs-implicit.yaml").exercise
        let control = try #require(exercise.injects[0].originatorControl)
        #expect(control.originator == 2 && control.refusalProbability == 0.25)
        #expect(control.decision.family == .exponential(mean: Self.day))
        let effects = exercise.injects[1].effects
        guard case .staffing(1, 0, let duration) = effects[safe: 0] else { Issue.record("staffing \(effects)"); return }
        #expect(duration == nil)  // for good
        guard case .cooperation(let between, let willingness, let multiplier) = effects[safe: 1] else { Issue.record("cooperation"); return }
        #expect(between == (1, 0) && willingness == nil && multiplier == 3)
        guard case .subjectMoves(1, 2) = effects[safe: 2] else { Issue.record("subject-moves \(effects)"); return }
        #expect(exercise.tasks.map(\.performer) == [.agency(3), .subjectLocation(subject: 0, candidates: [0, 1, 2]),
                                                    .subjectLocation(subject: 1, candidates: [0, 1, 2])])
        #expect(exercise.tasks.map(\.request) == [nil, nil, .arrest])
        #expect(exercise.tasks.map(\.requester) == [nil, 3, 0])
        #expect(exercise.tasks.map(\.offence) == [nil, nil, 1])
    }

    /// Existing scenarios (no new sections) get the implicit defaults.
    @Test func scenariosWithoutTheNewSectionsTakeTheDefaults() throws {
        let exercise = try Fixtures.load(valid: "full.yaml").exercise
        #expect(exercise.startInstant == 1_772_434_800)  // 2026-03-02T08:00:00+01:00
        #expect(exercise.jurisdictions.map(\.id) == ["ARC", "BOR"])
        #expect(exercise.agencies.map(\.jurisdictionIndex) == [0, 0, 1, 1])
        #expect(exercise.agencies.allSatisfy { $0.hours == nil } && exercise.channels.allSatisfy { $0.hours == nil && $0.timeZone == "UTC" })
        #expect(exercise.offences.isEmpty && exercise.instruments.isEmpty && exercise.subjects.isEmpty && exercise.cooperation.isEmpty)
        #expect(exercise.defaultOffence == nil && exercise.lead == 0)
        #expect(exercise.translation.defaultTime == nil && exercise.translation.pairs.isEmpty)
        #expect(exercise.injects.allSatisfy { $0.effects.isEmpty && $0.originatorControl == nil })
        #expect(exercise.tasks.allSatisfy { $0.request == nil && $0.requester == nil && $0.offence == nil })
    }

    /// The "Jurisdictions and handoffs" example of docs/scenario-format.md is this fixture, verbatim.
    @Test func documentationExampleIsTheFixture() throws {
        let fixture = try String(contentsOf: Fixtures.valid.appendingPathComponent("docs-handoffs.yaml"), encoding: .utf8)
        let documentation = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        #expect(documentation.contains("```yaml\n" + fixture + "```"))
    }

    @Test func validateCommandAcceptsTheHandoffFixtures() throws {
        let paths = ["docs-handoffs.yaml", "handoffs-implicit.yaml"].map { Fixtures.valid.appendingPathComponent($0).path }
        let result = try Command.run(Fixtures.jtx, ["validate"] + paths)
        #expect(result.status == 0 && result.stderr.isEmpty)
        #expect(result.stdout == paths.map { "\($0): ok\n" }.joined())
    }
}
