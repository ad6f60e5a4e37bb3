internal import Foundation

extension WorkingCalendar {
    /// Open time coverage beyond the horizon, so that work started near the horizon can finish.
    static let margin: Double = 400 * secondsPerDay
    /// The longest horizon covered (100 years); longer or infinite horizons are cut to it.
    static let longestHorizon: Double = 36_525 * secondsPerDay
    static let secondsPerDay: Double = 86_400

    /// A calendar open during `hours` in the IANA time zone `timeZoneIdentifier`, except on
    /// `holidays` (local dates).
    ///
    /// `startInstant` is the exercise start in seconds since 1970-01-01T00:00:00Z; it is
    /// simulation time 0. The calendar covers the local days from the one before the start's
    /// local date to the one containing simulation time `horizon + 400 days`; it is closed
    /// outside them. A negative or NaN horizon counts as 0, one over 100 years as 100 years. A
    /// start that is not finite or lies over 10¹² s (31,000 years) from 1970 yields a calendar
    /// that never opens.
    ///
    /// Wall-clock times are turned into instants by the zone's UTC offsets (tzdata, through
    /// Foundation's `TimeZone`), so each day's window follows daylight saving time:
    /// - a time that occurs once maps to that instant;
    /// - an ambiguous time (in the hour repeated when clocks go back) maps to its FIRST
    ///   occurrence (the daylight-saving one);
    /// - a time that does not exist (skipped when clocks go forward) maps to the first valid
    ///   instant after it, the transition itself: 02:30 on Berlin's spring-forward day is 03:00
    ///   CEST (01:00Z). (Foundation's `Calendar.date(from:)` would give 03:30 instead.)
    ///
    /// In other words a wall time maps to the earliest instant at which the local clock reads it
    /// or later. A window crossing a transition is shorter or longer in real time (09:00–17:00
    /// over a spring-forward is 7 h); one wholly inside a skipped hour is empty.
    ///
    /// - Throws: `WorkingCalendarError.unknownTimeZone(name)` when `TimeZone(identifier:)` does
    ///   not know the name.
    /// - Complexity: O(d) time-zone look-ups for the d covered days (about 470 for a 10-week
    ///   exercise), plus O(n) memory for the n open intervals.
    public init(startInstant: Double, timeZoneIdentifier: String, hours: WeeklyHours,
                holidays: Set<LocalDate>, horizon: Double) throws(WorkingCalendarError) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else {
            throw .unknownTimeZone(timeZoneIdentifier)
        }
        let clock = WallClock(zone: zone)
        let opens = min(max(hours.opens, 0), 1440), closes = min(max(hours.closes, 0), 1440)
        guard abs(startInstant) < 1e12, opens < closes, !hours.days.isEmpty else {
            self.init(openIntervals: [])
            return
        }
        let covered = (horizon > 0 ? min(horizon, Self.longestHorizon) : 0) + Self.margin
        // Local days, counted from 1970-01-01, from the day before the start's local date to
        // the one containing the end of coverage (one more for a negative-offset zone).
        let startLocal = startInstant + Double(clock.offset(atInstant: startInstant))
        let firstDay = Int((startLocal / Self.secondsPerDay).rounded(.down)) - 1
        let lastDay = firstDay + Int((covered / Self.secondsPerDay).rounded(.up)) + 3

        var open: [(start: Double, end: Double)] = []
        open.reserveCapacity((lastDay - firstDay + 1) * hours.days.count / 7 + 1)
        for day in firstDay...lastDay {
            guard hours.days.contains(Weekday(civilDay: day)), !holidays.contains(LocalDate(civilDay: day)) else {
                continue
            }
            let midnight = day * 86_400  // local seconds since local 1970-01-01T00:00
            let opening = clock.instant(atWallTime: midnight + opens * 60)
            let closing = clock.instant(atWallTime: midnight + closes * 60)
            open.append((opening - startInstant, closing - startInstant))
        }
        self.init(openIntervals: open)
    }
}

/// Turns local wall-clock times into instants in one time zone.
///
/// Wall times and instants are whole seconds since 1970-01-01T00:00 (local, resp. UTC): tzdata
/// transitions fall on whole seconds, so the resolution is exact.
struct WallClock {
    let zone: TimeZone

    /// The zone's UTC offset in seconds at an instant (seconds since 1970 UTC).
    func offset(atInstant instant: Double) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: instant))
    }

    /// The local wall-clock reading at `instant`, in local seconds since 1970.
    func wallTime(atInstant instant: Int) -> Int {
        instant + offset(atInstant: Double(instant))
    }

    /// The earliest instant at which the local clock reads `wall` or later (seconds since 1970).
    ///
    /// Assumes at most one offset change within a day of the wall time, true of every zone in
    /// tzdata for modern dates. O(1) look-ups, plus a binary search of about 17 look-ups for a
    /// skipped wall time.
    func instant(atWallTime wall: Int) -> Double {
        // Offsets in force a day before and after (and at) the naive instant; the true offset is
        // one of them since |offset| ≤ 14 h.
        let offsets = Set([-86_400, 0, 86_400].map { offset(atInstant: Double(wall + $0)) })
        let valid = offsets.map { wall - $0 }.filter { wallTime(atInstant: $0) == wall }
        if let earliest = valid.min() { return Double(earliest) }
        // Skipped: the clock jumps over `wall` between `low` (before the jump, reading < wall)
        // and `high` (after, reading > wall); find the jump.
        guard let largest = offsets.max(), let smallest = offsets.min() else { return Double(wall) }
        var low = wall - largest, high = wall - smallest
        guard wallTime(atInstant: low) < wall, wallTime(atInstant: high) >= wall else {
            return Double(wall - smallest)
        }
        while high - low > 1 {  // invariant: reading(low) < wall ≤ reading(high)
            let middle = low + (high - low) / 2
            if wallTime(atInstant: middle) >= wall { high = middle } else { low = middle }
        }
        return Double(high)
    }
}
