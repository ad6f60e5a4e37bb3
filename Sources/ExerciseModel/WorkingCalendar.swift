/// When an agency (or a channel) works, as arithmetic on simulation time.
///
/// Simulation times are seconds since the exercise start instant. A calendar is either always
/// open (24/7), or a precomputed, sorted list of disjoint open intervals `[start, end)` covering a
/// finite range of simulation time (see `init(startInstant:timeZoneIdentifier:hours:holidays:horizon:)`);
/// before the first and after the last interval it is closed. Intervals that touch (a day open
/// until 24:00 followed by one open from 00:00) are merged, so every interval end is a real
/// closing time.
///
/// Each interval also stores the open time of all intervals before it (a prefix sum), so every
/// query is a search over the intervals. The search for the interval a time falls in starts from
/// a per-day index (the first interval still open at each midnight of simulation time), and the
/// one for where work ends gallops forward from there: every task start goes through `finish`,
/// and a plain binary search over a year of office hours mispredicts a branch at every step.
///
/// The calendar is a value type holding one array: copying it is O(1) (copy-on-write) and it is
/// shared read-only between replications.
///
/// - Complexity: `isOpen`, `nextOpening`, `finish` and `openDuration` are O(log n) in the number n
///   of open intervals (5 a week for office hours; fewer where whole days merge).
public struct WorkingCalendar: Sendable {
    /// One open interval in simulation seconds, with the open time before it.
    struct Interval: Sendable, Equatable {
        /// First open instant.
        var start: Double
        /// First closed instant after `start` (exclusive end), `end > start`.
        var end: Double
        /// Total open time of all earlier intervals (seconds).
        var openBefore: Double

        /// Total open time up to `end`, this interval included.
        var openThrough: Double { openBefore + (end - start) }
    }

    /// Sorted by `start`, disjoint and non-touching: `intervals[i].end < intervals[i + 1].start`.
    /// Empty for an always-open calendar (see `isAlwaysOpen`) and for one that never opens.
    let intervals: [Interval]

    /// True only for `alwaysOpen`; a finite calendar is never always open, even one open every
    /// day around the clock, because it ends.
    public let isAlwaysOpen: Bool

    /// `firstOpenAtDay[d]` = `firstIndex(endingAfter: d · 86,400)` for each simulation day d from
    /// 0 up to the last closing (at most `maximumIndexedDays`); later times search the intervals.
    private let firstOpenAtDay: [Int32]
    private static let maximumIndexedDays = 100_000

    /// Always open (24/7): `finish(start:work:)` is `start + work` and `openDuration` is `to − from`.
    public static let alwaysOpen = WorkingCalendar(intervals: [], isAlwaysOpen: true)

    /// A calendar from open intervals `[start, end)` in simulation seconds, in any order. Empty
    /// intervals are dropped and overlapping or touching ones merged.
    ///
    /// - Complexity: O(k log k) for k intervals.
    init(openIntervals: [(start: Double, end: Double)]) {
        var merged: [Interval] = []
        merged.reserveCapacity(openIntervals.count)
        var openSoFar = 0.0
        for (start, end) in openIntervals.sorted(by: { $0.start < $1.start }) where start < end {
            if let last = merged.last, start <= last.end {
                if end > last.end {
                    openSoFar += end - last.end
                    merged[merged.count - 1].end = end
                }
            } else {
                merged.append(Interval(start: start, end: end, openBefore: openSoFar))
                openSoFar += end - start
            }
        }
        self.init(intervals: merged, isAlwaysOpen: false)
    }

    private init(intervals: [Interval], isAlwaysOpen: Bool) {
        self.intervals = intervals
        self.isAlwaysOpen = isAlwaysOpen
        var index: [Int32] = []
        if let last = intervals.last?.end, last > 0, intervals.count < Int(Int32.max) {
            let days = min(Int((last / Self.secondsPerDay).rounded(.up)) + 1, Self.maximumIndexedDays)
            index.reserveCapacity(days)
            var first = 0
            for day in 0..<days {
                let midnight = Double(day) * Self.secondsPerDay
                while first < intervals.count && intervals[first].end <= midnight { first += 1 }
                index.append(Int32(first))
            }
        }
        firstOpenAtDay = index
    }

    /// The end of the covered range: after this simulation time the calendar never opens again
    /// (+infinity when always open, −infinity when it never opens).
    public var lastClosing: Double {
        isAlwaysOpen ? .infinity : (intervals.last?.end ?? -.infinity)
    }

    /// True when the calendar is open at `time`. Intervals are half-open: open at an opening
    /// instant, closed at a closing instant.
    ///
    /// - Complexity: O(log n).
    public func isOpen(at time: Double) -> Bool {
        if isAlwaysOpen { return true }
        guard let index = lastIndex(startingAtOrBefore: time) else { return false }
        return time < intervals[index].end
    }

    /// The earliest time ≥ `time` at which the calendar is open: `time` itself if open, else the
    /// next opening; +infinity if it never opens again within the covered range.
    ///
    /// - Complexity: O(log n).
    public func nextOpening(atOrAfter time: Double) -> Double {
        if isAlwaysOpen { return time }
        let index = firstIndex(endingAfter: time)
        guard index < intervals.count else { return .infinity }
        return max(time, intervals[index].start)
    }

    /// When `work` seconds of work started at `start` end, counting only open time.
    ///
    /// If `start` is closed, work begins at the next opening. Work that uses up exactly the rest
    /// of an open interval finishes at its closing instant (not at the next opening). Zero or
    /// negative work returns `start` unchanged, even when closed. Returns +infinity if the
    /// covered range ends first. When the work fits in the interval it starts in, the result is
    /// exactly `opening + work` (no rounding through the prefix sums).
    ///
    /// - Complexity: O(log n).
    public func finish(start: Double, work: Double) -> Double {
        guard work > 0 else { return start }
        if isAlwaysOpen { return start + work }
        let first = firstIndex(endingAfter: start)
        guard first < intervals.count else { return .infinity }
        let interval = intervals[first]
        let begin = max(start, interval.start)
        if begin + work <= interval.end { return begin + work }
        // Open time, counted from the first interval, at which the work is done.
        let target = interval.openBefore + (begin - interval.start) + work
        // The first later interval whose cumulative open time reaches the target: gallop
        // (first + 1, + 2, + 4, …) to bracket it, then bisect the bracket.
        var low = first + 1, high = intervals.count, step = 1
        while low < high {
            let probe = min(low + step - 1, high - 1)
            if intervals[probe].openThrough >= target {
                high = probe
                break
            }
            low = probe + 1
            step *= 2
        }
        while low < high {
            let middle = low + (high - low) / 2
            if intervals[middle].openThrough >= target { high = middle } else { low = middle + 1 }
        }
        guard low < intervals.count else { return .infinity }
        let last = intervals[low]
        return min(last.end, max(last.start, last.start + (target - last.openBefore)))
    }

    /// Open seconds within `[from, to]`; 0 when `to ≤ from`. Time outside the covered range
    /// counts as closed. The time spent waiting for office hours over that span is
    /// `(to − from) − openDuration(from:to:)`.
    ///
    /// - Complexity: O(log n).
    public func openDuration(from: Double, to: Double) -> Double {
        guard to > from else { return 0 }
        if isAlwaysOpen { return to - from }
        let fromIndex = lastIndex(startingAtOrBefore: from)
        let toIndex = lastIndex(startingAtOrBefore: to)
        if fromIndex == toIndex {
            // Both ends in the same interval or the same closed gap: no rounding.
            guard let index = fromIndex else { return 0 }
            let interval = intervals[index]
            return max(0, min(to, interval.end) - max(from, interval.start))
        }
        return openBefore(to, index: toIndex) - openBefore(from, index: fromIndex)
    }

    /// Open time from the first interval up to `time`, where `index` is
    /// `lastIndex(startingAtOrBefore: time)`.
    private func openBefore(_ time: Double, index: Int?) -> Double {
        guard let index else { return 0 }
        let interval = intervals[index]
        return interval.openBefore + (min(time, interval.end) - interval.start)
    }

    /// The last interval whose start is ≤ `time`; nil if there is none. O(log n).
    private func lastIndex(startingAtOrBefore time: Double) -> Int? {
        var low = 0, high = intervals.count  // answer + 1 lies in low...high
        while low < high {
            let middle = low + (high - low) / 2
            if intervals[middle].start <= time { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? low - 1 : nil
    }

    /// The first interval whose end is > `time` (`intervals.count` if none): from the day
    /// index, a short forward scan (the intervals ending on that day); else a binary search.
    private func firstIndex(endingAfter time: Double) -> Int {
        // Also false for NaN and infinities, which must not reach the conversion to Int.
        if time >= 0 && time < Double(firstOpenAtDay.count) * Self.secondsPerDay {
            var index = Int(firstOpenAtDay[min(Int(time / Self.secondsPerDay), firstOpenAtDay.count - 1)])
            while index < intervals.count && intervals[index].end <= time { index += 1 }
            return index
        }
        var low = 0, high = intervals.count
        while low < high {
            let middle = low + (high - low) / 2
            if intervals[middle].end > time { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
