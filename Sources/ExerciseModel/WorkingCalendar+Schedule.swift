/// Days of the week, ISO order (Monday is 1, Sunday is 7).
public enum Weekday: Int, CaseIterable, Sendable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of a day counted from 1970-01-01 (a Thursday) in the proleptic Gregorian calendar.
    init(civilDay: Int) {
        // 1970-01-01 is ISO weekday 4; `((n % 7) + 7) % 7` is the non-negative remainder.
        let iso = (((civilDay + 3) % 7) + 7) % 7 + 1
        self = Weekday(rawValue: iso) ?? .monday
    }
}

/// A weekly schedule in local wall-clock time: on each listed day, open from `opens` to `closes`.
///
/// `opens` and `closes` are minutes after local midnight with `0 ≤ opens < closes ≤ 1440`; 1440
/// is the following midnight. The window is half-open: open at `opens`, closed at `closes`.
/// A window that breaks the invariant is clamped to `0...1440` by `WorkingCalendar`, and one
/// left empty (`closes ≤ opens`) never opens. Windows past midnight (night shifts) are not
/// expressible; list two days instead.
public struct WeeklyHours: Sendable, Equatable {
    public var days: Set<Weekday>
    /// Minutes after local midnight at which each listed day opens.
    public var opens: Int
    /// Minutes after local midnight at which each listed day closes (exclusive).
    public var closes: Int

    public init(days: Set<Weekday>, opens: Int, closes: Int) {
        self.days = days
        self.opens = opens
        self.closes = closes
    }

    /// Monday to Friday, 09:00–17:00.
    public static let office = WeeklyHours(days: [.monday, .tuesday, .wednesday, .thursday, .friday],
                                           opens: 9 * 60, closes: 17 * 60)

    /// Every day, 00:00–24:00 local: open around the clock except on holidays.
    public static let everyDay = WeeklyHours(days: Set(Weekday.allCases), opens: 0, closes: 1440)
}

/// A local calendar date in the proleptic Gregorian calendar (used for holidays).
///
/// Not validated: a date that does not exist (February 30) simply never matches a day.
/// Ordered by year, then month, then day.
public struct LocalDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// ISO-8601 text, `2026-03-09`.
    public var description: String {
        func padded(_ value: Int, _ width: Int) -> String {
            let digits = String(abs(value))
            return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(padded(year, 4))-\(padded(month, 2))-\(padded(day, 2))"
    }

    /// The date `civilDay` days after 1970-01-01 (negative: before it).
    ///
    /// Howard Hinnant's `civil_from_days`: exact for every Int day within ±2^50, O(1).
    init(civilDay: Int) {
        let shifted = civilDay + 719_468  // days from 0000-03-01
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097  // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from March 1
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month,
                  day: dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
    }

    /// Days from 1970-01-01 to this date (Hinnant's `days_from_civil`), O(1). For a date that does
    /// not exist the result is that of the normalised date (February 30 → March 2 or 1).
    var civilDay: Int {
        let marchYear = month <= 2 ? year - 1 : year
        let era = (marchYear >= 0 ? marchYear : marchYear - 399) / 400
        let yearOfEra = marchYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// Why a `WorkingCalendar` could not be built.
public enum WorkingCalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The time zone name is not an IANA zone this system knows.
    case unknownTimeZone(String)

    public var description: String {
        switch self {
        case .unknownTimeZone(let name): return "unknown time zone '\(name)' (expected an IANA name such as Europe/Berlin)"
        }
    }
}
