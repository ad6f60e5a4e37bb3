import Testing
@testable import ExerciseModel
import Stochastics

/// Office hours (Mon–Fri 09:00–17:00) and their share of the attribution. The exercise starts on
/// Monday 2026-03-02 00:00Z (1 772 409 600 s since 1970), so Friday 16:00Z is 4 d 16 h =
/// 403 200 s and Monday 2026-03-09 00:00Z is 7 d = 604 800 s.
@Suite("Attribution: office hours")
struct AttributionOfficeHoursTests {
    static let monday = 1_772_409_600.0
    static let friday1600 = 4 * day + 16 * hour
    static let nextMonday = 7 * day

    /// One agency (office hours in `zone`) doing a 3 h task triggered at `at`.
    static func exercise(zone: String = "UTC", at time: Double = friday1600, holidays: Set<LocalDate> = []) -> Exercise {
        var place = handoffJurisdiction("A", timeZone: zone)
        place.holidays = holidays
        return handoffExercise(
            jurisdictions: [place], agencies: [handoffAgency("desk", in: 0, work: 3 * hour, hours: .office)],
            injects: [makeInject("i0", to: 0, at: time)], tasks: [makeTask("t", at: 0, triggers: [0])],
            objectives: [makeObjective("o0", [0], from: .inject(0), within: day)], startInstant: monday)
    }

    @Test("a 3 h task ready Friday 16:00 finishes Monday 11:00; the weekend is office-hours waiting")
    func weekend() throws {
        let exercise = Self.exercise()
        #expect(exercise.problems() == [])
        let (outcome, trace) = try runTraced(exercise)
        // Friday 16:00–17:00 (1 h), then Monday 09:00–11:00 (2 h).
        #expect(outcome.taskCompletion[0] == Self.nextMonday + 11 * hour)
        #expect(trace.of(.taskStarted, task: 0).map(\.time) == [Self.friday1600])
        let elapsed = try #require(outcome.objectives[0].elapsed)
        #expect(elapsed == 67 * hour)
        // 67 h = 3 h of work + 64 h closed (Friday 17:00 to Monday 09:00).
        expectAttribution(try attribution(outcome), [.work: 3 * hour, .officeHours: 64 * hour])
        expectAttributionInvariant(outcome)
    }

    @Test("local hours: in Berlin (UTC+1 in March) the same wall-clock times are an hour earlier")
    func berlin() throws {
        let (outcome, _) = try runTraced(Self.exercise(zone: "Europe/Berlin", at: Self.friday1600 - hour))
        #expect(outcome.taskCompletion[0] == Self.nextMonday + 10 * hour)
        expectAttribution(try attribution(outcome), [.work: 3 * hour, .officeHours: 64 * hour])
    }

    @Test("a holiday on Monday adds a day of office-hours waiting")
    func holiday() throws {
        let (outcome, _) = try runTraced(Self.exercise(holidays: [LocalDate(year: 2026, month: 3, day: 9)]))
        #expect(outcome.taskCompletion[0] == Self.nextMonday + day + 11 * hour)
        expectAttribution(try attribution(outcome), [.work: 3 * hour, .officeHours: 88 * hour])
        expectAttributionInvariant(outcome)
    }

    @Test("ready on Saturday: nothing before Monday 09:00")
    func saturday() throws {
        let (outcome, _) = try runTraced(Self.exercise(at: 5 * day + 10 * hour))
        // Saturday 10:00 → Monday 09:00 closed (47 h), work 09:00–12:00.
        #expect(outcome.taskCompletion[0] == Self.nextMonday + 12 * hour)
        expectAttribution(try attribution(outcome), [.work: 3 * hour, .officeHours: 47 * hour])
    }

    @Test("a channel's hours: latency elapses only while it is open")
    func channelHours() throws {
        // A and B work around the clock (1 h); their channel (1 h latency) keeps office hours.
        // a: Friday 15:30–16:30; in transit 16:30–17:00 and Monday 09:00–09:30; b 09:30–10:30.
        var channel = makeChannel("AB", [0, 1], latency: hour, handling: 0)
        channel.hours = .office
        let exercise = handoffExercise(
            jurisdictions: [handoffJurisdiction("A"), handoffJurisdiction("B")],
            agencies: [handoffAgency("A", in: 0, work: hour), handoffAgency("B", in: 1, work: hour)],
            channels: [channel], injects: [makeInject("i0", to: 0, at: Self.friday1600 - 30 * minute)],
            tasks: [makeTask("a", at: 0, triggers: [0]), makeTask("b", at: 1, after: [0])],
            objectives: [makeObjective("o0", [1], from: .inject(0), within: day)], startInstant: Self.monday)
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.taskCompletion[1] == Self.nextMonday + 10.5 * hour)
        expectAttribution(try attribution(outcome), [.work: 2 * hour, .transferLatency: hour, .officeHours: 64 * hour])
        expectAttributionInvariant(outcome)
    }

    @Test("drafting a request elapses in the requester's hours")
    func draftingInOfficeHours() throws {
        // The lead (office hours) drafts 2 h from Friday 16:00: 16:00–17:00 and Monday
        // 09:00–10:00; transmission 1 h, review 1 h (a pure delay), work 1 h (24/7) → 13:00.
        let exercise = handoffExercise(
            jurisdictions: [handoffJurisdiction("A"), handoffJurisdiction("B")],
            agencies: [handoffAgency("lead", in: 0, work: nil, hours: .office), handoffAgency("police-B", in: 1, work: hour)],
            injects: [makeInject("i0", to: 0, at: Self.friday1600)], tasks: [requestTask("t0", performer: .agency(1))],
            objectives: [makeObjective("o0", [0], from: .inject(0), within: day)], startInstant: Self.monday,
            instruments: [handoffInstrument("mla", draft: 2 * hour, transmission: hour, review: hour, reviewer: nil)])
        #expect(exercise.problems() == [])
        let (outcome, _) = try runTraced(exercise)
        #expect(outcome.taskCompletion[0] == Self.nextMonday + 13 * hour)
        expectAttribution(try attribution(outcome), [.legalReview: 3 * hour, .transferLatency: hour, .work: hour,
                                                     .officeHours: 64 * hour])
        expectAttributionInvariant(outcome)
    }
}
