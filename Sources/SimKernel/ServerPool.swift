public import DequeModule

/// How a `ServerPool` orders the requests that wait for a free server.
public enum QueueDiscipline: Sendable, Equatable {
    /// First come, first served.
    case fifo
    /// Lowest `priority` value first; first come, first served among equal priorities.
    case priority
}

/// A resource of `capacity` identical servers (staff, desks, lines) with a waiting line.
///
/// Clients are integer tokens chosen by the model (a task instance, a message). The pool tracks
/// who waits and since when, and keeps time-weighted statistics of busy servers and queue length
/// and the distribution of waits. It schedules nothing itself: the model asks `request` and,
/// when a service ends, `release`, and schedules the service completions.
///
/// - Complexity: FIFO requests and releases are O(1); priority ones O(log n) in the queue length.
public struct ServerPool: Sendable {
    @usableFromInline
    struct Waiting: Sendable {
        @usableFromInline var token: Int
        @usableFromInline var priority: Int
        @usableFromInline var sequence: UInt64
        @usableFromInline var since: Double

        @inlinable init(token: Int, priority: Int, sequence: UInt64, since: Double) {
            self.token = token
            self.priority = priority
            self.sequence = sequence
            self.since = since
        }

        @inlinable func precedes(_ other: Waiting) -> Bool {
            priority < other.priority || (priority == other.priority && sequence < other.sequence)
        }
    }

    /// Number of servers.
    public var capacity: Int { _capacity }
    @usableFromInline var _capacity: Int
    /// Servers currently serving.
    public var busy: Int { _busy }
    @usableFromInline var _busy: Int = 0
    public let discipline: QueueDiscipline

    @usableFromInline var fifo: Deque<Waiting> = []
    @usableFromInline var prioritized: ContiguousArray<Waiting> = []
    @usableFromInline var nextSequence: UInt64 = 0

    /// Busy servers over time (its mean divided by capacity is the utilisation).
    public var busyServers: TimeWeightedAccumulator { _busyServers }
    @usableFromInline var _busyServers: TimeWeightedAccumulator
    /// Number of servers over time (changes with `setCapacity`).
    public var staffing: TimeWeightedAccumulator { _staffing }
    @usableFromInline var _staffing: TimeWeightedAccumulator
    /// Queue length over time.
    public var queueLength: TimeWeightedAccumulator { _queueLength }
    @usableFromInline var _queueLength: TimeWeightedAccumulator
    /// Waits from request to service start, one observation per started service.
    public var waits: WelfordAccumulator { _waits }
    @usableFromInline var _waits = WelfordAccumulator()

    /// A pool of `capacity` (≥ 1) servers, all free at `time`.
    public init(capacity: Int, discipline: QueueDiscipline = .fifo, at time: Double = 0) {
        precondition(capacity >= 1, "ServerPool needs at least one server")
        _capacity = capacity
        self.discipline = discipline
        _busyServers = TimeWeightedAccumulator(at: time)
        _queueLength = TimeWeightedAccumulator(at: time)
        _staffing = TimeWeightedAccumulator(initialValue: Double(capacity), at: time)
        if discipline == .fifo { fifo.reserveCapacity(64) } else { prioritized.reserveCapacity(64) }
    }

    /// Number of requests waiting.
    @inlinable public var waitingCount: Int { discipline == .fifo ? fifo.count : prioritized.count }

    /// Asks for a server for `token`. Returns true when a server was free and is now held (a
    /// zero wait is recorded); false when the token joined the queue, to be returned by a later
    /// `release`.
    @inlinable
    public mutating func request(_ token: Int, priority: Int = 0, at time: Double) -> Bool {
        if _busy < _capacity && waitingCount == 0 {
            _busy += 1
            _busyServers.update(to: Double(_busy), at: time)
            _waits.add(0)
            return true
        }
        let waiting = Waiting(token: token, priority: priority, sequence: nextSequence, since: time)
        nextSequence &+= 1
        if discipline == .fifo {
            fifo.append(waiting)
        } else {
            prioritized.append(waiting)
            siftUp(prioritized.count - 1)
        }
        _queueLength.update(to: Double(waitingCount), at: time)
        return false
    }

    /// A server finished at `time`. If someone waits, the server passes to them and their token
    /// and wait are returned; otherwise the server becomes free and nil is returned.
    @inlinable
    public mutating func release(at time: Double) -> (token: Int, waited: Double)? {
        precondition(_busy > 0, "ServerPool.release with no busy server")
        if _busy <= _capacity, let next = dequeue() {
            _queueLength.update(to: Double(waitingCount), at: time)
            let waited = time - next.since
            _waits.add(waited)
            return (next.token, waited)
        }
        _busy -= 1
        _busyServers.update(to: Double(_busy), at: time)
        return nil
    }

    /// Withdraws a waiting request (the client gave up or went elsewhere). Returns false when
    /// `token` is not waiting. O(n) in the queue length.
    public mutating func withdraw(_ token: Int, at time: Double) -> Bool {
        if discipline == .fifo {
            guard let index = fifo.firstIndex(where: { $0.token == token }) else { return false }
            fifo.remove(at: index)
        } else {
            guard let index = prioritized.firstIndex(where: { $0.token == token }) else { return false }
            let last = prioritized.removeLast()
            if index < prioritized.count {
                prioritized[index] = last
                siftUp(index)
                siftDown(index)
            }
        }
        _queueLength.update(to: Double(waitingCount), at: time)
        return true
    }

    /// Changes the number of servers at `time`. Servers above the new capacity finish what they
    /// are doing (no pre-emption) and are then not replaced; new servers take waiting clients at
    /// once: their tokens and waits are returned, in queue order.
    public mutating func setCapacity(_ newCapacity: Int, at time: Double) -> [(token: Int, waited: Double)] {
        precondition(newCapacity >= 0, "ServerPool capacity cannot be negative")
        _capacity = newCapacity
        _staffing.update(to: Double(newCapacity), at: time)
        var started: [(token: Int, waited: Double)] = []
        while _busy < _capacity, let next = dequeue() {
            _busy += 1
            let waited = time - next.since
            _waits.add(waited)
            started.append((next.token, waited))
        }
        _busyServers.update(to: Double(_busy), at: time)
        _queueLength.update(to: Double(waitingCount), at: time)
        return started
    }

    /// Restarts the time-weighted and wait statistics at `time` (after a warm-up).
    public mutating func resetStatistics(at time: Double) {
        _busyServers.resetIntegral(at: time)
        _queueLength.resetIntegral(at: time)
        _staffing.resetIntegral(at: time)
        _waits = WelfordAccumulator()
    }

    /// Fraction of the available server time that was busy since the statistics window
    /// started: time-weighted busy servers over time-weighted capacity, so that capacity changes
    /// are accounted for (0 when there was no capacity at all).
    public func utilisation(at time: Double) -> Double {
        let available = staffing.mean(at: time)
        return available > 0 ? busyServers.mean(at: time) / available : 0
    }

    // MARK: Queue internals

    @inlinable
    mutating func dequeue() -> Waiting? {
        if discipline == .fifo { return fifo.popFirst() }
        guard !prioritized.isEmpty else { return nil }
        let top = prioritized[0]
        let last = prioritized.removeLast()
        if !prioritized.isEmpty {
            prioritized[0] = last
            siftDown(0)
        }
        return top
    }

    @inlinable
    mutating func siftUp(_ start: Int) {
        var child = start
        let moving = prioritized[child]
        while child > 0 {
            let parent = (child - 1) >> 1
            guard moving.precedes(prioritized[parent]) else { break }
            prioritized[child] = prioritized[parent]
            child = parent
        }
        prioritized[child] = moving
    }

    @inlinable
    mutating func siftDown(_ start: Int) {
        let count = prioritized.count
        var parent = start
        let moving = prioritized[parent]
        while true {
            var child = 2 * parent + 1
            guard child < count else { break }
            if child + 1 < count && prioritized[child + 1].precedes(prioritized[child]) { child += 1 }
            guard prioritized[child].precedes(moving) else { break }
            prioritized[parent] = prioritized[child]
            parent = child
        }
        prioritized[parent] = moving
    }
}
