import Testing
import SimKernel

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seeded generator for reproducible test data.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Drains a calendar, returning the (time, event) pairs in firing order.
func drain(_ calendar: inout EventCalendar<Int>) -> (times: [Double], events: [Int]) {
    var times: [Double] = [], events: [Int] = []
    while let (time, event) = calendar.popNext() {
        #expect(calendar.now == time)
        times.append(time)
        events.append(event)
    }
    return (times, events)
}

@Suite("EventCalendar")
struct EventCalendarTests {
    @Test func popsInTimeOrder() {
        var calendar = EventCalendar<Int>()
        let times = [5.0, 1.0, 3.0, 2.0, 4.0, 0.5, 10.0, 7.25, 0.0, 6.0]
        for (index, time) in times.enumerated() { calendar.schedule(index, at: time) }
        #expect(calendar.pendingCount == times.count)
        #expect(calendar.nextTime == 0.0)
        let fired = drain(&calendar)
        #expect(fired.times == times.sorted())
        #expect(fired.events.map { times[$0] } == fired.times)
        #expect(calendar.isEmpty && calendar.pendingCount == 0 && calendar.nextTime == nil)
        #expect(calendar.popNext()?.event == nil)
        #expect(calendar.now == 10.0)
    }

    @Test func equalTimesPopInInsertionOrder() {
        var generator = SplitMix64(seed: 2024)
        // 1,000 events at three distinct times, scheduled in shuffled (interleaved) order.
        var times = (0..<1_000).map { [2.5, 1.0, 7.0][$0 % 3] }
        times.shuffle(using: &generator)
        var calendar = EventCalendar<Int>(reservingCapacity: 16)
        for (index, time) in times.enumerated() { calendar.schedule(index, at: time) }
        let fired = drain(&calendar)
        let expected = times.indices.sorted { (times[$0], $0) < (times[$1], $1) }
        #expect(fired.events == expected)
        #expect(fired.times == expected.map { times[$0] })
    }

    @Test func scheduleAfterIsRelativeToNow() {
        var calendar = EventCalendar<Int>()
        calendar.schedule(0, at: 4)
        _ = calendar.popNext()
        calendar.schedule(1, after: 2.5)
        calendar.schedule(2, after: 0)
        let fired = drain(&calendar)
        #expect(fired.times == [4, 6.5])
        #expect(fired.events == [2, 1])
    }

    @Test func cancelRemovesTheEvent() {
        var calendar = EventCalendar<Int>()
        let handles = (0..<5).map { calendar.schedule($0, at: Double($0)) }
        #expect(calendar.cancel(handles[2]) == true)
        #expect(calendar.cancel(handles[4]) == true)
        #expect(drain(&calendar).events == [0, 1, 3])
    }

    @Test func cancelReturnsFalseForFiredOrCancelledHandles() {
        var calendar = EventCalendar<Int>()
        let first = calendar.schedule(1, at: 1)
        let second = calendar.schedule(2, at: 2)
        let third = calendar.schedule(3, at: 3)
        #expect(calendar.popNext()?.event == 1)
        #expect(calendar.cancel(first) == false, "the event already fired")
        #expect(calendar.cancel(second) == true)
        #expect(calendar.cancel(second) == false, "the event is already cancelled")
        #expect(calendar.pendingCount == 1)
        #expect(calendar.popNext()?.event == 3)
        #expect(calendar.cancel(third) == false)
        #expect(calendar.cancel(second) == false)
        #expect(calendar.isEmpty)
    }

    /// A stale handle (fired or cancelled) must never cancel an event scheduled later, even when
    /// the calendar recycles storage (slots, heap positions) for the newer event.
    @Test func staleHandleCannotCancelNewerEvent() {
        var calendar = EventCalendar<Int>()
        let fired = calendar.schedule(1, at: 1)
        _ = calendar.popNext()
        let cancelled = calendar.schedule(2, at: 2)
        #expect(calendar.cancel(cancelled) == true)
        #expect(calendar.popNext()?.event == nil)  // the cancelled entry is gone
        // Newer events, one per stale handle, in what would be recycled storage.
        let newer = calendar.schedule(3, at: 3)
        calendar.schedule(4, at: 4)
        #expect(calendar.cancel(fired) == false)
        #expect(calendar.cancel(cancelled) == false)
        #expect(calendar.pendingCount == 2)
        #expect(drain(&calendar).events == [3, 4])
        #expect(calendar.cancel(newer) == false)
    }

    @Test func pendingCountAndIsEmptyWithCancellations() {
        var calendar = EventCalendar<Int>()
        #expect(calendar.isEmpty && calendar.pendingCount == 0)
        let a = calendar.schedule(0, at: 1)
        let b = calendar.schedule(1, at: 2)
        let c = calendar.schedule(2, at: 3)
        #expect(calendar.pendingCount == 3 && !calendar.isEmpty)
        calendar.cancel(b)
        #expect(calendar.pendingCount == 2)
        calendar.cancel(b)
        #expect(calendar.pendingCount == 2, "a second cancel changes nothing")
        calendar.cancel(a)
        calendar.cancel(c)
        #expect(calendar.pendingCount == 0 && calendar.isEmpty)
        #expect(calendar.nextTime == nil)
        #expect(calendar.popNext()?.event == nil)
        #expect(calendar.now == 0, "cancelled events do not move the clock")
    }

    @Test func nextTimeSkipsCancelledHeads() {
        var calendar = EventCalendar<Int>()
        let handles = (0..<4).map { calendar.schedule($0, at: Double($0 + 1)) }
        #expect(calendar.nextTime == 1)
        calendar.cancel(handles[0])
        #expect(calendar.nextTime == 2)
        calendar.cancel(handles[1])
        calendar.cancel(handles[2])
        #expect(calendar.nextTime == 4)
        #expect(calendar.popNext()?.time == 4)
    }

    @Test func resetForgetsEverything() {
        var calendar = EventCalendar<Int>()
        for index in 0..<10 { calendar.schedule(index, at: Double(10 - index)) }
        _ = calendar.popNext()
        _ = calendar.popNext()
        #expect(calendar.now == 2)
        calendar.reset()
        #expect(calendar.now == 0 && calendar.isEmpty && calendar.pendingCount == 0 && calendar.nextTime == nil)
        // The clock is back at 0, so time 0 may be scheduled again; ties keep insertion order.
        calendar.schedule(7, at: 1)
        calendar.schedule(8, at: 0)
        calendar.schedule(9, at: 1)
        let fired = drain(&calendar)
        #expect(fired.events == [8, 7, 9])
        #expect(fired.times == [0, 1, 1])
    }

    /// A handle taken before `reset()` cannot cancel an event scheduled after it: the sequence
    /// counter keeps running across resets. (This caught a defect where the numbering restarted
    /// and a stale handle cancelled the first new event.)
    @Test func handleFromBeforeResetCannotCancelNewEvent() {
        var calendar = EventCalendar<Int>()
        let old = calendar.schedule(1, at: 5)
        calendar.reset()
        calendar.schedule(2, at: 1)
        #expect(calendar.cancel(old) == false)
        #expect(calendar.pendingCount == 1)
    }
}
