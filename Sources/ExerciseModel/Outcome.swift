/// The P/S/M/U rating of an objective in one replication (HSEEP), or that its trigger never came.
public enum Rating: String, CaseIterable, Sendable {
    /// Performed without challenges: the milestone came within the deadline.
    case p = "P"
    /// Performed with some challenges: within the S multiple of the deadline.
    case s = "S"
    /// Performed with major challenges: within the M multiple.
    case m = "M"
    /// Unable to be performed: later than that, or never within the horizon.
    case u = "U"
    /// The objective's trigger never happened within the horizon, so it was not tested.
    case notTriggered = "N/A"

    /// Rates a milestone reached `elapsed` seconds after the trigger (nil: never reached).
    public static func rate(elapsed: Double?, deadline: Double, thresholds: RatingThresholds) -> Rating {
        guard let elapsed else { return .u }
        if elapsed <= deadline { return .p }
        if elapsed <= deadline * thresholds.s { return .s }
        if elapsed <= deadline * thresholds.m { return .m }
        return .u
    }
}

/// One objective in one replication.
public struct ObjectiveOutcome: Sendable, Equatable {
    /// When the clock started (seconds from the exercise start); nil if the trigger never came.
    public var triggeredAt: Double?
    /// When the milestone was reached; nil if not within the horizon.
    public var reachedAt: Double?
    /// Seconds from trigger to milestone (0 when the milestone came first); nil if either is missing.
    public var elapsed: Double?
    public var rating: Rating
    /// Where the elapsed time went along the critical path (nil when `elapsed` is nil). Its
    /// categories sum to `elapsed`.
    public var attribution: TimeAttribution?
    /// True when rated P: the milestone came within the deadline.
    public var met: Bool { rating == .p }

    public init(triggeredAt: Double?, reachedAt: Double?, elapsed: Double?, rating: Rating, attribution: TimeAttribution? = nil) {
        self.triggeredAt = triggeredAt
        self.reachedAt = reachedAt
        self.elapsed = elapsed
        self.rating = rating
        self.attribution = attribution
    }
}

/// The threat clock in one replication.
public struct ThreatOutcome: Sendable, Equatable {
    /// Drawn attack time (may lie beyond the horizon).
    public var attackAt: Double
    /// When the disrupting milestone was reached; nil if not within the horizon.
    public var disruptedAt: Double?
    /// True when the milestone came strictly before the attack.
    public var disrupted: Bool { disruptedAt.map { $0 < attackAt } ?? false }

    public init(attackAt: Double, disruptedAt: Double?) {
        self.attackAt = attackAt
        self.disruptedAt = disruptedAt
    }
}

/// An agency's figures in one replication.
public struct AgencyOutcome: Sendable, Equatable {
    /// Time-weighted fraction of staff busy over [0, end of the replication].
    public var utilisation: Double
    /// Mean wait for a free staff member, over tasks that started (seconds).
    public var meanQueueWait: Double
    /// Tasks that started work.
    public var tasksStarted: Int
    /// Tasks completed.
    public var tasksCompleted: Int
    /// Longest queue seen.
    public var maxQueueLength: Int

    public init(utilisation: Double, meanQueueWait: Double, tasksStarted: Int, tasksCompleted: Int, maxQueueLength: Int) {
        self.utilisation = utilisation
        self.meanQueueWait = meanQueueWait
        self.tasksStarted = tasksStarted
        self.tasksCompleted = tasksCompleted
        self.maxQueueLength = maxQueueLength
    }
}

/// A channel's figures in one replication.
public struct ChannelOutcome: Sendable, Equatable {
    /// Messages sent (each counted once, however many attempts it took).
    public var messages: Int
    /// Messages delivered.
    public var delivered: Int
    /// Attempts that failed.
    public var failedAttempts: Int
    /// Messages given up after the last attempt failed.
    public var lost: Int
    /// Mean time from first sending to delivery after handling, over delivered messages (seconds).
    public var meanLatency: Double

    public init(messages: Int, delivered: Int, failedAttempts: Int, lost: Int, meanLatency: Double) {
        self.messages = messages
        self.delivered = delivered
        self.failedAttempts = failedAttempts
        self.lost = lost
        self.meanLatency = meanLatency
    }
}

/// Everything one replication produced: the record every summary, file and report is made from.
public struct ReplicationOutcome: Sendable, Equatable {
    public var replication: Int
    /// Seconds from the start at which each task of the main case completed (nil: not reached).
    /// Background tasks (of repeating injects) are always nil here.
    public var taskCompletion: [Double?]
    /// First firing time of each inject (nil: not within the horizon).
    public var injectFired: [Double?]
    public var objectives: [ObjectiveOutcome]
    public var threat: ThreatOutcome?
    public var agencies: [AgencyOutcome]
    public var channels: [ChannelOutcome]
    /// Events the kernel processed.
    public var events: Int
    /// Background cases started (occurrences of repeating injects).
    public var backgroundCases: Int
    /// Simulation time when the replication ended (the horizon, or the last event if none was left).
    public var endTime: Double
    /// Legal requests, refusals, re-framings, consents, handoffs.
    public var handoffs = HandoffCounters()
    /// A hash (`Fingerprint`) over the replication's ordered events (time, kind, ids) and then every field
    /// above but `replication` (see `Fingerprint`): equal fingerprints mean the replication did
    /// the same thing.
    public var fingerprint: UInt64 = 0

    /// Per objective, the handoffs between agencies on its critical path, earliest first
    /// (empty when the milestone was not reached). Kept apart from `objectives` because it names
    /// agencies and tasks by index.
    public var criticalHandoffs: [[PathHandoff]] = []

    public init(replication: Int, taskCompletion: [Double?], injectFired: [Double?], objectives: [ObjectiveOutcome],
                threat: ThreatOutcome?, agencies: [AgencyOutcome], channels: [ChannelOutcome], events: Int,
                backgroundCases: Int, endTime: Double) {
        self.replication = replication
        self.taskCompletion = taskCompletion
        self.injectFired = injectFired
        self.objectives = objectives
        self.threat = threat
        self.agencies = agencies
        self.channels = channels
        self.events = events
        self.backgroundCases = backgroundCases
        self.endTime = endTime
    }

    /// Messages sent over all channels.
    public var messages: Int { channels.reduce(0) { $0 + $1.messages } }
    /// Failed attempts over all channels.
    public var failedAttempts: Int { channels.reduce(0) { $0 + $1.failedAttempts } }
    /// Messages lost over all channels.
    public var lostMessages: Int { channels.reduce(0) { $0 + $1.lost } }
}
