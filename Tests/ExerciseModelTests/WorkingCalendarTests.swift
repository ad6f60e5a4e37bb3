import Foundation
import Testing
@testable import ExerciseModel
import Stochastics

/// Calendar arithmetic on simulation time, checked against instants computed by hand.
///
/// Every test starts the exercise on Monday 2026-03-02T00:00:00Z = 1,772,409,600 s since 1970
/// (20,454 days to 2026-01-01, + 59 for January–February, + 1 = day 20,514; × 86,400). A
/// simulation time is then (days after March 2) × 86,400 + (UTC hours) × 3,600. Day offsets used:
/// Mar 6 = 4, Mar 8 = 6, Mar 9 = 7, Mar 23 = 21, Mar 28 = 26, Mar 29 = 27, Mar 30 = 28,
/// Oct 19 = 231, Oct 24 = 236, Oct 25 = 237, Oct 26 = 238, Nov 1 = 244, Nov 2 = 245.
@Suite("WorkingCalendar")
struct WorkingCalendarTests {
    static let start = 1_772_409_600.0
    static let day = 86_400.0

    static func calendar(_ zone: String, _ hours: WeeklyHours = .office, holidays: Set<LocalDate> = [],
                         horizon: Double = 300 * day) throws -> WorkingCalendar {
        try WorkingCalendar(startInstant: start, timeZoneIdentifier: zone, hours: hours, holidays: holidays, horizon: horizon)
    }

    @Test("office hours across a weekend (London, UTC+0 in early March)")
    func officeWeekend() throws {
        let london = try Self.calendar("Europe/London", horizon: 60 * Self.day)
        // Friday Mar 6 16:00 = 4 d + 16 h; 1 h on Friday, 2 h from Monday 09:00: Mar 9 11:00 = 7 d + 11 h.
        let friday = 4 * Self.day + 16 * hour, monday = 7 * Self.day + 11 * hour
        #expect(friday == 403_200 && monday == 644_400)
        #expect(london.finish(start: friday, work: 3 * hour) == monday)
        #expect(london.openDuration(from: friday, to: monday) == 3 * hour)
        #expect(london.isAlwaysOpen == false)
    }

    @Test("a holiday on the Monday pushes the finish to Tuesday")
    func holiday() throws {
        let london = try Self.calendar("Europe/London", holidays: [LocalDate(year: 2026, month: 3, day: 9)])
        // Tuesday Mar 10 11:00 = 8 d + 11 h = 730,800.
        #expect(london.finish(start: 4 * Self.day + 16 * hour, work: 3 * hour) == 8 * Self.day + 11 * hour)
        #expect(london.nextOpening(atOrAfter: 5 * Self.day) == 8 * Self.day + 9 * hour)
    }

    /// A clock-change weekend: work of 9 h started Saturday 22:00 local on a calendar open every
    /// day 00:00–24:00, and the same with the Sunday a holiday.
    struct ChangeWeekend: Sendable, CustomTestStringConvertible {
        var zone: String
        var sunday: LocalDate
        /// Saturday 22:00 local, in simulation seconds.
        var saturday: Double
        /// Sunday 00:00 and Monday 00:00 local (closing and reopening around the holiday).
        var sundayMidnight: Double, mondayMidnight: Double
        /// The finish of 9 h of work with the Sunday a holiday.
        var withHoliday: Double
        var testDescription: String { "\(zone) \(sunday)" }
    }

    static let changeWeekends = [
        // Berlin spring: Sat 22:00 CET = 21:00Z; Sun 00:00 CET = Sat 23:00Z; Mon 00:00 CEST = Sun 22:00Z
        // (a 23 h Sunday). With the holiday: 2 h, then 7 h from Sun 22:00Z → Mon 05:00Z.
        ChangeWeekend(zone: "Europe/Berlin", sunday: LocalDate(year: 2026, month: 3, day: 29),
                      saturday: 26 * day + 21 * hour, sundayMidnight: 26 * day + 23 * hour,
                      mondayMidnight: 27 * day + 22 * hour, withHoliday: 28 * day + 5 * hour),
        // Berlin autumn: Sat 22:00 CEST = 20:00Z; Sun 00:00 CEST = Sat 22:00Z; Mon 00:00 CET = Sun 23:00Z
        // (a 25 h Sunday). With the holiday: 2 h, then 7 h from Sun 23:00Z → Mon 06:00Z.
        ChangeWeekend(zone: "Europe/Berlin", sunday: LocalDate(year: 2026, month: 10, day: 25),
                      saturday: 236 * day + 20 * hour, sundayMidnight: 236 * day + 22 * hour,
                      mondayMidnight: 237 * day + 23 * hour, withHoliday: 238 * day + 6 * hour),
        // New York spring: Sat 22:00 EST = Sun 03:00Z; Sun 00:00 EST = 05:00Z; Mon 00:00 EDT = Mon 04:00Z
        // (23 h). With the holiday: 2 h, then 7 h from Mon 04:00Z → Mon 11:00Z.
        ChangeWeekend(zone: "America/New_York", sunday: LocalDate(year: 2026, month: 3, day: 8),
                      saturday: 6 * day + 3 * hour, sundayMidnight: 6 * day + 5 * hour,
                      mondayMidnight: 7 * day + 4 * hour, withHoliday: 7 * day + 11 * hour),
        // New York autumn: Sat 22:00 EDT = Sun 02:00Z; Sun 00:00 EDT = 04:00Z; Mon 00:00 EST = Mon 05:00Z
        // (25 h). With the holiday: 2 h, then 7 h from Mon 05:00Z → Mon 12:00Z.
        ChangeWeekend(zone: "America/New_York", sunday: LocalDate(year: 2026, month: 11, day: 1),
                      saturday: 244 * day + 2 * hour, sundayMidnight: 244 * day + 4 * hour,
                      mondayMidnight: 245 * day + 5 * hour, withHoliday: 245 * day + 12 * hour),
    ]

    @Test("a 24-hour day across a clock change counts real time, not wall time", arguments: changeWeekends)
    func aroundTheClock(_ weekend: ChangeWeekend) throws {
        // Without the holiday the calendar is one unbroken interval: 9 real hours pass although
        // the wall clock moves 10 h (spring) or 8 h (autumn).
        let open = try Self.calendar(weekend.zone, .everyDay)
        #expect(open.finish(start: weekend.saturday, work: 9 * hour) == weekend.saturday + 9 * hour)
        #expect(open.openDuration(from: weekend.saturday, to: weekend.saturday + 9 * hour) == 9 * hour)
        #expect(open.isOpen(at: weekend.sundayMidnight + 3 * hour) && open.isOpen(at: weekend.mondayMidnight))

        let holiday = try Self.calendar(weekend.zone, .everyDay, holidays: [weekend.sunday])
        #expect(holiday.finish(start: weekend.saturday, work: 9 * hour) == weekend.withHoliday)
        #expect(holiday.openDuration(from: weekend.saturday, to: weekend.withHoliday) == 9 * hour)
        #expect(holiday.isOpen(at: weekend.sundayMidnight - 1) && !holiday.isOpen(at: weekend.sundayMidnight))
        #expect(!holiday.isOpen(at: weekend.mondayMidnight - 1) && holiday.isOpen(at: weekend.mondayMidnight))
        #expect(holiday.nextOpening(atOrAfter: weekend.sundayMidnight) == weekend.mondayMidnight)
        #expect(holiday.openDuration(from: weekend.sundayMidnight, to: weekend.mondayMidnight) == 0)
    }

    @Test("office hours open at 09:00 local on the Mondays around each clock change", arguments: [
        // (zone, Saturday 12:00Z, the following Monday 09:00 local)
        ("Europe/Berlin", 19 * day + 12 * hour, 21 * day + 8 * hour),      // Mar 23, CET: 08:00Z
        ("Europe/Berlin", 26 * day + 12 * hour, 28 * day + 7 * hour),      // Mar 30, CEST: 07:00Z
        ("Europe/Berlin", 229 * day + 12 * hour, 231 * day + 7 * hour),    // Oct 19, CEST: 07:00Z
        ("Europe/Berlin", 236 * day + 12 * hour, 238 * day + 8 * hour),    // Oct 26, CET: 08:00Z
        ("America/New_York", -2 * day + 12 * hour, 0 * day + 14 * hour),   // Mar 2, EST: 14:00Z
        ("America/New_York", 5 * day + 12 * hour, 7 * day + 13 * hour),    // Mar 9, EDT: 13:00Z
        ("America/New_York", 236 * day + 12 * hour, 238 * day + 13 * hour), // Oct 26, EDT: 13:00Z
        ("America/New_York", 243 * day + 12 * hour, 245 * day + 14 * hour), // Nov 2, EST: 14:00Z
    ])
    func mondayOpening(zone: String, saturday: Double, monday: Double) throws {
        let office = try Self.calendar(zone)
        #expect(office.nextOpening(atOrAfter: saturday) == monday)
        #expect(!office.isOpen(at: monday - 1) && office.isOpen(at: monday))
        // A full day later the office has been open 8 h (09:00–17:00 on a day with no change).
        #expect(office.openDuration(from: saturday, to: monday + Self.day) == 8 * hour)
    }

    @Test("skipped wall times map to the transition, repeated ones to their first occurrence", arguments: [
        // (zone, opens, closes, UTC midnight of the day, expected open interval in UTC hours)
        // Berlin Mar 29: 02:30 does not exist → 03:00 CEST = 01:00Z; 05:00 CEST = 03:00Z.
        ("Europe/Berlin", 150, 300, 27 * day, 1.0, 3.0),
        // Berlin Oct 25: 02:30 occurs twice → first, 02:30 CEST = 00:30Z; 05:00 CET = 04:00Z.
        ("Europe/Berlin", 150, 300, 237 * day, 0.5, 4.0),
        // Berlin Mar 29, 01:00–04:00 is 2 h: 00:00Z–02:00Z.
        ("Europe/Berlin", 60, 240, 27 * day, 0.0, 2.0),
        // New York Mar 8: 01:30 EST = 06:30Z; 03:00 EDT = 07:00Z (30 min).
        ("America/New_York", 90, 180, 6 * day, 6.5, 7.0),
        // New York Nov 1: 01:30 twice → 01:30 EDT = 05:30Z; 03:00 EST = 08:00Z.
        ("America/New_York", 90, 180, 244 * day, 5.5, 8.0),
    ] as [(String, Int, Int, Double, Double, Double)])
    func transitionWindows(zone: String, opens: Int, closes: Int, midnight: Double, from: Double, to: Double) throws {
        let calendar = try Self.calendar(zone, WeeklyHours(days: Set(Weekday.allCases), opens: opens, closes: closes))
        let (opening, closing) = (midnight + from * hour, midnight + to * hour)
        #expect(calendar.nextOpening(atOrAfter: midnight) == opening)
        #expect(!calendar.isOpen(at: opening - 1) && calendar.isOpen(at: opening))
        #expect(calendar.isOpen(at: closing - 1) && !calendar.isOpen(at: closing))
        #expect(calendar.openDuration(from: opening - hour, to: closing + hour) == closing - opening)
    }

    @Test("wall times agree with Foundation's Calendar except in skipped hours", arguments: [
        "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "America/Sao_Paulo",
    ])
    func agreesWithFoundation(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = timeZone
        let clock = WallClock(zone: timeZone)
        // Every 10 minutes of 2026 local wall time (and of Sao Paulo's 2018 midnight change).
        let firstDay = LocalDate(year: zone.hasPrefix("America/Sao") ? 2018 : 2026, month: 1, day: 1).civilDay
        for wall in stride(from: firstDay * 86_400, to: (firstDay + 365) * 86_400, by: 600) {
            let date = LocalDate(civilDay: wall / 86_400), seconds = wall % 86_400
            let components = DateComponents(year: date.year, month: date.month, day: date.day,
                                            hour: seconds / 3_600, minute: seconds % 3_600 / 60)
            let foundation = try #require(gregorian.date(from: components)).timeIntervalSince1970
            let ours = clock.instant(atWallTime: wall)
            if clock.wallTime(atInstant: Int(ours)) == wall {
                #expect(ours == foundation, "\(date) \(seconds / 60) min")
            } else {  // skipped: ours is the jump, the first instant reading later than `wall`
                #expect(clock.wallTime(atInstant: Int(ours)) > wall && clock.wallTime(atInstant: Int(ours) - 1) < wall)
            }
        }
    }

    @Test("civil-date arithmetic matches Foundation's Gregorian calendar")
    func civilDates() throws {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = try #require(TimeZone(identifier: "UTC"))
        // Foundation's .gregorian is Julian before 1582-10-15; LocalDate is proleptic Gregorian.
        for day in stride(from: LocalDate(year: 1583, month: 1, day: 1).civilDay, through: 200_000, by: 97) {
            let parts = utc.dateComponents([.year, .month, .day, .weekday], from: Date(timeIntervalSince1970: Double(day) * 86_400))
            let date = LocalDate(civilDay: day)
            #expect(date == LocalDate(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0))
            #expect(date.civilDay == day)
            #expect(Weekday(civilDay: day).rawValue == ((parts.weekday ?? 0) + 5) % 7 + 1)  // Foundation: Sunday = 1
        }
        #expect(LocalDate(year: 2026, month: 3, day: 9).description == "2026-03-09")
        #expect(LocalDate(year: 2026, month: 3, day: 9) < LocalDate(year: 2026, month: 10, day: 1))
    }

    @Test("a 24/7 calendar")
    func alwaysOpen() {
        let calendar = WorkingCalendar.alwaysOpen
        #expect(calendar.isAlwaysOpen && calendar.isOpen(at: 1e9) && calendar.lastClosing == .infinity)
        #expect(calendar.finish(start: 123.5, work: 77.25) == 200.75)
        #expect(calendar.openDuration(from: 10, to: 250) == 240)
        #expect(calendar.nextOpening(atOrAfter: 42.5) == 42.5)
    }

    @Test("next opening and open time across a weekend")
    func weekendQueries() throws {
        let london = try Self.calendar("Europe/London")
        // Saturday Mar 7 12:00 (5 d + 12 h) → Monday Mar 9 09:00 (7 d + 9 h).
        #expect(london.nextOpening(atOrAfter: 5 * Self.day + 12 * hour) == 7 * Self.day + 9 * hour)
        // Tuesday Mar 3 10:00 is open: itself.
        #expect(london.nextOpening(atOrAfter: Self.day + 10 * hour) == Self.day + 10 * hour)
        // Friday 12:00 → Monday 12:00: 5 h on Friday + 3 h on Monday; 64 h waiting for office hours.
        let (friday, monday) = (4 * Self.day + 12 * hour, 7 * Self.day + 12 * hour)
        #expect(london.openDuration(from: friday, to: monday) == 8 * hour)
        #expect((monday - friday) - london.openDuration(from: friday, to: monday) == 64 * hour)
        #expect(london.openDuration(from: monday, to: friday) == 0)
    }

    @Test("boundaries: closing instants, zero work, the end of coverage, calendars that never open")
    func boundaries() throws {
        let london = try Self.calendar("Europe/London", horizon: 60 * Self.day)
        let (opening, closing) = (9 * hour, 17 * hour)  // Monday Mar 2
        #expect(london.isOpen(at: opening) && london.isOpen(at: closing - 0.001) && !london.isOpen(at: closing))
        #expect(london.finish(start: opening, work: 8 * hour) == closing)  // ends at the close, not the next opening
        #expect(london.finish(start: closing, work: hour) == Self.day + 10 * hour)
        #expect(london.finish(start: 5 * Self.day, work: 0) == 5 * Self.day)  // closed Saturday, no work
        #expect(london.lastClosing >= 460 * Self.day)  // horizon + 400 days of margin
        #expect(london.finish(start: london.lastClosing, work: 1) == .infinity)
        #expect(london.nextOpening(atOrAfter: london.lastClosing) == .infinity)
        #expect(london.finish(start: opening, work: 1e9) == .infinity)
        for hours in [WeeklyHours(days: [], opens: 0, closes: 1440), WeeklyHours(days: [.monday], opens: 600, closes: 540)] {
            let never = try Self.calendar("UTC", hours)
            #expect(!never.isOpen(at: opening) && never.nextOpening(atOrAfter: 0) == .infinity)
            #expect(never.finish(start: 0, work: 1) == .infinity && never.openDuration(from: 0, to: 1e7) == 0)
        }
    }

    @Test("an unknown time zone throws")
    func unknownZone() {
        #expect(throws: WorkingCalendarError.unknownTimeZone("Mars/Olympus")) { try Self.calendar("Mars/Olympus") }
    }

    @Test("1,000 random (start, work) pairs: work is counted exactly in open time", arguments: [
        "Europe/London", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe",
    ])
    func randomWork(zone: String) throws {
        let holidays: Set = [LocalDate(year: 2026, month: 4, day: 3), LocalDate(year: 2026, month: 12, day: 25)]
        let hours = zone == "America/New_York" ? WeeklyHours.everyDay : zone == "Asia/Kolkata"
            ? WeeklyHours(days: [.saturday, .sunday], opens: 0, closes: 1440) : .office
        let calendar = try Self.calendar(zone, hours, holidays: holidays)
        for (earlier, later) in zip(calendar.intervals, calendar.intervals.dropFirst()) {
            #expect(earlier.start < earlier.end && earlier.end < later.start && later.openBefore == earlier.openThrough)
        }
        let random = RandomStream(seed: 20_260_302)
        for _ in 0..<1_000 {
            let start = (random.uniform() * 301 - 1) * Self.day
            let work = random.uniformPositive() * (random.bernoulli(0.5) ? 10 * hour : 300 * hour)
            let finish = calendar.finish(start: start, work: work)
            let opened = calendar.nextOpening(atOrAfter: start)
            #expect(finish - start >= work - 1e-6)
            #expect(abs(calendar.openDuration(from: opened, to: finish) - work) <= 1e-6)
            #expect(abs(calendar.openDuration(from: start, to: finish) - work) <= 1e-6)
            #expect(calendar.isOpen(at: finish) || calendar.intervals.contains { $0.end == finish })
            #expect(calendar.isOpen(at: start) == (opened == start))
            #expect(abs(finish - Self.referenceFinish(calendar.intervals, start: start, work: work)) <= 1e-6)
        }
    }

    /// `finish` by a linear walk over the intervals, without prefix sums.
    static func referenceFinish(_ intervals: [WorkingCalendar.Interval], start: Double, work: Double) -> Double {
        var remaining = work
        for interval in intervals where interval.end > start {
            let begin = max(start, interval.start)
            if begin + remaining <= interval.end { return begin + remaining }
            remaining -= interval.end - begin
        }
        return .infinity
    }
}
