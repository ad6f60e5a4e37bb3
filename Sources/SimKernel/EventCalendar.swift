/// A handle to a scheduled event, for cancelling it before it fires.
///
/// A handle stays valid until its event fires or is cancelled; after that `cancel` returns
/// false for it, even if the calendar has reused its slot for a newer event.
public struct EventHandle: Hashable, Sendable {
    @usableFromInline let slot: UInt32
    @usableFromInline let generation: UInt32

    @inlinable init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }
}

/// The pending events of a simulation, ordered by time and then by insertion order.
///
/// A binary min-heap over a `ContiguousArray` of small value entries: no existentials, no
/// closures, no per-event allocation once the arrays have grown to the peak number of pending
/// events. Events scheduled for the same instant fire in the order they were scheduled, which
/// makes runs deterministic.
///
/// Cancellation is lazy: each pending event owns a slot whose generation counter is bumped on
/// cancel; a popped entry whose generation no longer matches is dropped.
///
/// - Complexity: `schedule` and `popNext` are O(log n) in the number of pending events;
///   `cancel` is O(1).
public struct EventCalendar<Event> {
    @usableFromInline
    struct Entry {
        @usableFromInline var time: Double
        @usableFromInline var sequence: UInt64
        @usableFromInline var slot: UInt32
        @usableFromInline var generation: UInt32
        @usableFromInline var event: Event

        @inlinable init(time: Double, sequence: UInt64, slot: UInt32, generation: UInt32, event: Event) {
            self.time = time
            self.sequence = sequence
            self.slot = slot
            self.generation = generation
            self.event = event
        }

        @inlinable @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            time < other.time || (time == other.time && sequence < other.sequence)
        }
    }

    @usableFromInline var heap: ContiguousArray<Entry> = []
    @usableFromInline var generations: ContiguousArray<UInt32> = []
    @usableFromInline var freeSlots: ContiguousArray<UInt32> = []
    @usableFromInline var nextSequence: UInt64 = 0
    @usableFromInline var cancelledPending: Int = 0

    /// The simulation clock: the time of the last event popped (or set by `advance(to:)`).
    public var now: Double { _now }
    @usableFromInline var _now: Double = 0

    /// An empty calendar at time 0, with room for `capacity` pending events before it grows.
    @inlinable
    public init(reservingCapacity capacity: Int = 1024) {
        heap.reserveCapacity(capacity)
        generations.reserveCapacity(capacity)
        freeSlots.reserveCapacity(capacity)
    }

    /// Number of events that will still fire (cancelled ones excluded).
    @inlinable public var pendingCount: Int { heap.count - cancelledPending }

    /// True when no event will fire any more.
    @inlinable public var isEmpty: Bool { pendingCount == 0 }

    /// Schedules `event` at absolute `time`, which must be finite and not before `now`.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, at time: Double) -> EventHandle {
        precondition(time >= now && time.isFinite, "EventCalendar: cannot schedule at \(time), now is \(now)")
        let slot: UInt32
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = UInt32(generations.count)
            generations.append(0)
        }
        let generation = generations[Int(slot)]
        heap.append(Entry(time: time, sequence: nextSequence, slot: slot, generation: generation, event: event))
        nextSequence &+= 1
        siftUp(heap.count - 1)
        return EventHandle(slot: slot, generation: generation)
    }

    /// Schedules `event` after `delay` (≥ 0) from `now`.
    @inlinable @discardableResult
    public mutating func schedule(_ event: Event, after delay: Double) -> EventHandle {
        schedule(event, at: now + delay)
    }

    /// Cancels a pending event. Returns false when it has already fired or been cancelled.
    @inlinable @discardableResult
    public mutating func cancel(_ handle: EventHandle) -> Bool {
        let index = Int(handle.slot)
        guard index < generations.count, generations[index] == handle.generation else { return false }
        generations[index] &+= 1
        cancelledPending += 1
        return true
    }

    /// Time of the next event that will fire, or nil if none.
    @inlinable
    public mutating func peekTime() -> Double? {
        dropCancelledHead()
        return heap.first?.time
    }

    /// Removes the next event, advances `now` to its time and returns it; nil when empty.
    @inlinable
    public mutating func popNext() -> (time: Double, event: Event)? {
        while let top = heap.first {
            removeTop()
            let index = Int(top.slot)
            freeSlots.append(top.slot)
            if generations[index] != top.generation {
                cancelledPending -= 1
                continue
            }
            generations[index] &+= 1
            _now = top.time
            return (top.time, top.event)
        }
        return nil
    }

    /// Moves the clock forward to `time` without firing anything (used at a horizon).
    @inlinable
    public mutating func advance(to time: Double) {
        precondition(time >= now, "EventCalendar: the clock cannot go back from \(now) to \(time)")
        _now = time
    }

    /// Forgets every pending event and sets the clock to 0, keeping the storage for reuse.
    @inlinable
    public mutating func reset() {
        heap.removeAll(keepingCapacity: true)
        generations.removeAll(keepingCapacity: true)
        freeSlots.removeAll(keepingCapacity: true)
        nextSequence = 0
        cancelledPending = 0
        _now = 0
    }

    // MARK: Heap internals

    @inlinable
    mutating func dropCancelledHead() {
        while let top = heap.first, generations[Int(top.slot)] != top.generation {
            removeTop()
            freeSlots.append(top.slot)
            cancelledPending -= 1
        }
    }

    @inlinable
    mutating func removeTop() {
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            siftDown(0)
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
