import Testing
import SimKernel

/// The reference the calendar is checked against: a plain array kept sorted by (time, insertion
/// number), with linear insertion and removal.
struct ReferenceCalendar {
    struct Entry {
        var time: Double
        var insertion: Int
        var event: Int
    }

    private(set) var entries: [Entry] = []  // sorted by (time, insertion)
    private(set) var now = 0.0
    private var insertions = 0

    mutating func schedule(_ event: Int, at time: Double) {
        let entry = Entry(time: time, insertion: insertions, event: event)
        insertions += 1
        let position = entries.firstIndex { ($0.time, $0.insertion) > (entry.time, entry.insertion) } ?? entries.count
        entries.insert(entry, at: position)
    }

    mutating func cancel(_ event: Int) -> Bool {
        guard let index = entries.firstIndex(where: { $0.event == event }) else { return false }
        entries.remove(at: index)
        return true
    }

    mutating func popNext() -> (time: Double, event: Int)? {
        guard !entries.isEmpty else { return nil }
        let first = entries.removeFirst()
        now = first.time
        return (first.time, first.event)
    }

    var nextTime: Double? { entries.first?.time }
}

@Suite("EventCalendar property test")
struct EventCalendarPropertyTests {
    /// 10,000 seeded random operations (schedule / cancel / pop), each checked against the
    /// reference: popped (time, event), cancel results, pending count, next time and clock.
    @Test(arguments: [UInt64(1), 42, 0xDEAD_BEEF])
    func randomOperationsMatchReference(seed: UInt64) {
        var generator = SplitMix64(seed: seed)
        var calendar = EventCalendar<Int>(reservingCapacity: 4)  // force growth
        var reference = ReferenceCalendar()
        var handles: [(handle: EventHandle, event: Int)] = []
        var nextEvent = 0
        var counts = (schedules: 0, cancels: 0, successfulCancels: 0, pops: 0, emptyPops: 0)

        for step in 0..<10_000 {
            let choice = Int.random(in: 0..<100, using: &generator)
            if choice < 45 {
                // Delays chosen to produce many exact ties: 0, small integers, or continuous.
                let kind = Int.random(in: 0..<10, using: &generator)
                let delay: Double =
                    kind < 3 ? 0 : kind < 6 ? Double(Int.random(in: 1...3, using: &generator))
                    : Double.random(in: 0..<10, using: &generator)
                let time = reference.now + delay
                handles.append((calendar.schedule(nextEvent, at: time), nextEvent))
                reference.schedule(nextEvent, at: time)
                nextEvent += 1
                counts.schedules += 1
            } else if choice < 65 {
                guard let (handle, event) = handles.randomElement(using: &generator) else { continue }
                let expected = reference.cancel(event)
                let actual = calendar.cancel(handle)
                #expect(actual == expected, "step \(step): cancel(\(event))")
                counts.cancels += 1
                if expected { counts.successfulCancels += 1 }
            } else {
                let expected = reference.popNext()
                let actual = calendar.popNext()
                #expect(actual?.time == expected?.time && actual?.event == expected?.event,
                        "step \(step): popped \(String(describing: actual)), expected \(String(describing: expected))")
                counts.pops += 1
                if expected == nil { counts.emptyPops += 1 }
            }
            #expect(calendar.pendingCount == reference.entries.count, "step \(step)")
            #expect(calendar.isEmpty == reference.entries.isEmpty, "step \(step)")
            #expect(calendar.nextTime == reference.nextTime, "step \(step)")
            #expect(calendar.now == reference.now, "step \(step)")
        }
        // Drain what is left, in order.
        while let expected = reference.popNext() {
            let actual = calendar.popNext()
            #expect(actual?.time == expected.time && actual?.event == expected.event)
        }
        #expect(calendar.popNext()?.event == nil)
        // The run exercised every kind of operation, including cancels of stale handles.
        #expect(counts.schedules > 4_000 && counts.pops > 3_000)
        #expect(counts.successfulCancels > 100 && counts.cancels - counts.successfulCancels > 100)
        #expect(counts.emptyPops > 0)
    }

    /// Cancelling any single event of a heap, whichever position it holds, leaves the others
    /// firing in order: the entry moved into the hole may have to go up or down. Times 31, 36,
    /// 25, 21, 6, 19, 18 make the heap [6, 21, 18, 36, 25, 31, 19]; cancelling 36 moves 19
    /// under 21, so it must go up (without that, 21 fires before 19).
    @Test func cancellingAnyPositionKeepsHeapOrder() {
        var generator = SplitMix64(seed: 31)
        let random = (0..<64).map { _ in Double(Int.random(in: 0..<20, using: &generator)) }
        for times in [[31.0, 36, 25, 21, 6, 19, 18], random] {
            for victim in times.indices {
                var calendar = EventCalendar<Int>()
                let handles = times.indices.map { calendar.schedule($0, at: times[$0]) }
                #expect(calendar.cancel(handles[victim]) == true)
                let expected = times.indices.filter { $0 != victim }.sorted { (times[$0], $0) < (times[$1], $1) }
                #expect(drain(&calendar).events == expected, "cancelling event \(victim) of \(times.count)")
            }
        }
    }
}
