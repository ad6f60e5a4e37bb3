/// What happened at one traced event.
public enum TraceKind: String, Sendable, CaseIterable {
    case injectFired = "inject-fired"
    case taskReady = "task-ready"
    case taskStarted = "task-started"
    case taskCompleted = "task-completed"
    case messageSent = "message-sent"
    case attemptFailed = "attempt-failed"
    case messageDelivered = "message-delivered"
    case messageLost = "message-lost"
    case requestSent = "request-sent"
    case requestRefused = "request-refused"
    case requestGranted = "request-granted"
    /// A subject arrived in another jurisdiction (`to` names it; `inject` holds the subject index).
    case subjectMoved = "subject-moved"
    /// A case was handed to another jurisdiction because its subject moved.
    case handoff
    case attack
}

/// One traced event, with the integer ids involved (−1 where none). Names are attached when the
/// trace is written, so recording costs no string work.
public struct TraceEvent: Sendable, Equatable {
    public var time: Double
    public var kind: TraceKind
    public var agency: Int32 = -1
    /// The other agency of a message (its receiver).
    public var peer: Int32 = -1
    public var task: Int32 = -1
    /// The task instance (tasks of background cases have one per occurrence).
    public var instance: Int32 = -1
    public var channel: Int32 = -1
    public var message: Int32 = -1
    public var inject: Int32 = -1

    public init(time: Double, kind: TraceKind, agency: Int32 = -1, peer: Int32 = -1, task: Int32 = -1, instance: Int32 = -1,
                channel: Int32 = -1, message: Int32 = -1, inject: Int32 = -1) {
        self.time = time
        self.kind = kind
        self.agency = agency
        self.peer = peer
        self.task = task
        self.instance = instance
        self.channel = channel
        self.message = message
        self.inject = inject
    }
}

/// Receives the events of a replication as they happen. The simulation is generic over it, so
/// `NoTrace` compiles to nothing.
public protocol TraceRecorder {
    mutating func record(_ event: TraceEvent)
}

/// Records nothing: the fast path.
public struct NoTrace: TraceRecorder {
    public init() {}
    @inlinable public mutating func record(_ event: TraceEvent) {}
}

/// Keeps every event in memory, in order.
public struct TraceBuffer: TraceRecorder, Sendable {
    public private(set) var events: [TraceEvent] = []
    public init() {}
    public mutating func record(_ event: TraceEvent) { events.append(event) }
}
