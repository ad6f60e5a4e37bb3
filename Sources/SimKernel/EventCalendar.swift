/// A handle to a scheduled event, for cancelling it before it fires.
///
/// It is the event's insertion sequence number, unique for the calendar's lifetime (resets
/// included), so a handle can never cancel another event than its own.
public struct EventHandle: Hashable, Sendable {
    @usableFromInline let sequence: UInt64

    @inlinable init(sequence: UInt64) { self.sequence = sequence }
}

/// The pending events of a simulation, ordered by time and then by insertion order.
///
/// A binary min-heap over a `ContiguousArray` of small value entries: no existentials, no
/// closures, no per-event allocation once the array has grown to the peak number of pending
/// events. Events scheduled for the same instant fire in the order they were scheduled, which
/// makes runs deterministic.
///
/// Cancellation removes the entry from the heap at once. It costs a linear search, chosen so
/// that the common path (schedule, pop) carries no bookkeeping at all: models cancel rarely
/// (a deadline met, a task interrupted) and keep at most a few thousand events pending.
///
/// - Complexity: `schedule` and `popNext` are O(log n) in the number n of pending events;
///   `cancel` is O(n).
public struct EventCalendar<Event> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: Double
        @usableFromInline var sequence: UInt64
        @usableFromInline var event: Event

        @inlinable init(time: Double, sequence: UInt64, event: Event) {
            self.time = time
            self.sequence = sequence
            self.event = event
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var heap: ContiguousArray<Entry> = []
    @usableFromInline var nextSequence: UInt64 = 0

    /// The simulation clock: the time of the last event popped (or set by `advance(to:)`).
    public var now: Double { _now }
    @usableFromInline var _now: Double = 0

    /// An empty calendar at time 0, with room for `capacity` pending events before it grows.
    @inlinable
    public init(reservingCapacity capacity: Int = 1024) {
        heap.reserveCapacity(capacity)
    }

    /// Number of events that will still fire.
    @inlinable public var pendingCount: Int { heap.count }

    /// True when no event will fire any more.
    @inlinable public var isEmpty: Bool { heap.isEmpty }

    /// Schedules `event` at absolute `time`, which must be finite and not before `now`.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: Double) -> EventHandle {
        precondition(time >= _now && time.isFinite, "EventCalendar: cannot schedule at \(time), now is \(_now)")
        let sequence = nextSequence
        nextSequence &+= 1
        heap.append(Entry(time: time, sequence: sequence, event: event))
        siftUp(heap.count - 1)
        return EventHandle(sequence: sequence)
    }

    /// Schedules `event` after `delay` (≥ 0) from `now`.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, after delay: Double) -> EventHandle {
        schedule(event, at: _now + delay)
    }

    /// Cancels a pending event. Returns false when it has already fired or been cancelled.
    @inlinable @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        guard let index = heap.firstIndex(where: { $0.sequence == handle.sequence }) else { return false }
        let last = heap.removeLast()
        if index < heap.count {
            heap[index] = last
            // The moved entry may belong above or below its new place.
            siftUp(index)
            siftDown(index)
        }
        return true
    }

    /// Time of the next event, or nil if none.
    @inlinable public var nextTime: Double? { heap.first?.time }

    /// Removes the next event, advances `now` to its time and returns it; nil when empty.
    @inlinable
    public mutating func popNext() -> (time: Double, event: Event)? {
        guard let top = heap.first else { return nil }
        removeTop()
        _now = top.time
        return (top.time, top.event)
    }

    /// Like `popNext`, but leaves the calendar untouched and returns nil when the next event
    /// lies after `horizon`.
    @inlinable
    public mutating func popNext(notAfter horizon: Double) -> (time: Double, event: Event)? {
        guard let top = heap.first, top.time <= horizon else { return nil }
        removeTop()
        _now = top.time
        return (top.time, top.event)
    }

    /// Moves the clock forward to `time` without firing anything (used at a horizon).
    @inlinable
    public mutating func advance(to time: Double) {
        precondition(time >= _now, "EventCalendar: the clock cannot go back from \(_now) to \(time)")
        _now = time
    }

    /// Forgets every pending event and sets the clock to 0, keeping the storage for reuse.
    ///
    /// The sequence counter keeps running, so handles taken before the reset stay unable to
    /// cancel events scheduled after it; firing order depends only on relative sequence.
    @inlinable
    public mutating func reset() {
        heap.removeAll(keepingCapacity: true)
        _now = 0
    }

    // MARK: Heap internals

    /// Removes the root. Floyd's bottom-up variant: the hole left at the root sinks to a leaf
    /// along the smaller children (one comparison per level), then the last entry, moved into
    /// the hole, rises — usually a level or two, since it came from the bottom.
    @inlinable
    mutating func removeTop() {
        let last = heap.removeLast()
        guard !heap.isEmpty else { return }
        heap.withUnsafeMutableBufferPointer { buffer in
            let count = buffer.count
            var hole = 0
            while true {
                var child = 2 * hole + 1
                guard child < count else { break }
                if child + 1 < count && buffer[child + 1].precedes(buffer[child]) { child += 1 }
                buffer[hole] = buffer[child]
                hole = child
            }
            while hole > 0 {
                let parent = (hole - 1) >> 1
                guard last.precedes(buffer[parent]) else { break }
                buffer[hole] = buffer[parent]
                hole = parent
            }
            buffer[hole] = last
        }
    }

    @inlinable
    mutating func siftUp(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { buffer in
            var child = start
            let moving = buffer[child]
            while child > 0 {
                let parent = (child - 1) >> 1
                guard moving.precedes(buffer[parent]) else { break }
                buffer[child] = buffer[parent]
                child = parent
            }
            buffer[child] = moving
        }
    }

    @inlinable
    mutating func siftDown(_ start: Int) {
        heap.withUnsafeMutableBufferPointer { buffer in
            let count = buffer.count
            var parent = start
            let moving = buffer[parent]
            while true {
                var child = 2 * parent + 1
                guard child < count else { break }
                if child + 1 < count && buffer[child + 1].precedes(buffer[child]) { child += 1 }
                guard buffer[child].precedes(moving) else { break }
                buffer[parent] = buffer[child]
                parent = child
            }
            buffer[parent] = moving
        }
    }
}

@available(*, unavailable, message: "a calendar belongs to one replication on one thread")
extension EventCalendar: Sendable {}
