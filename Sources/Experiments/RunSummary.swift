public import ExerciseModel

/// Across-replication figures of one run: what the planner reads first.
///
/// Times are in hours. Every figure is a function of the replication records alone, so a
/// summary can be rebuilt exactly from `replications.csv`-equivalent data.
public struct RunSummary: Codable, Sendable, Equatable {
    public struct ObjectiveSummary: Codable, Sendable, Equatable {
        public var id: String
        public var description: String
        public var capability: String
        public var deadlineHours: Double
        /// Fraction of replications rated P (milestone within the deadline).
        public var probabilityMet: Double
        /// Wilson score interval of `probabilityMet` at the run's confidence level.
        public var probabilityMetInterval: ConfidenceInterval?
        /// t interval of the mean elapsed hours (over replications where the milestone was reached).
        public var elapsedMeanInterval: ConfidenceInterval?
        /// Fraction of replications with each rating, keyed "P", "S", "M", "U", "N/A".
        public var ratings: [String: Double]
        /// Hours from trigger to milestone, over replications where both happened.
        public var elapsedHours: Spread
        /// Where the time goes: mean hours per category (`TimeCategory.name`) along the critical
        /// path, over the replications where the milestone was reached; they sum to the mean
        /// elapsed time.
        public var timeHours: [String: Double]
        /// The handoffs most often on the critical path, most frequent first (at most 20; see
        /// `CriticalPathTally`); absent in summaries written before they were recorded.
        public var criticalHandoffs: [CriticalHandoff]? = nil
        /// With a threat: the fraction of replications whose milestone came before the attack,
        /// and its Wilson interval.
        public var probabilityBeforeAttack: Double? = nil
        public var probabilityBeforeAttackInterval: ConfidenceInterval? = nil
    }

    public struct ThreatSummary: Codable, Sendable, Equatable {
        public var description: String
        /// Fraction of replications where the disrupting milestone came before the attack.
        public var probabilityDisrupted: Double
        /// Wilson score interval of `probabilityDisrupted`.
        public var probabilityDisruptedInterval: ConfidenceInterval?
        public var attackHours: Spread
        /// Hours from the start to the disrupting milestone, where reached.
        public var disruptedHours: Spread
    }

    public struct AgencySummary: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var staff: Int
        /// Mean over replications of the time-weighted fraction of staff busy.
        public var utilisation: Double
        /// Mean over replications of the mean wait for staff, in hours.
        public var meanQueueWaitHours: Double
        /// t interval of `meanQueueWaitHours` over the replications.
        public var meanQueueWaitInterval: ConfidenceInterval?
        /// t interval of `utilisation` over the replications.
        public var utilisationInterval: ConfidenceInterval?
        public var tasksCompletedPerReplication: Double
    }

    public struct ChannelSummary: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var messagesPerReplication: Double
        public var failedAttemptsPerReplication: Double
        public var lostPerReplication: Double
        /// Mean time from first sending to delivery, over all delivered messages, in hours.
        public var meanLatencyHours: Double?
    }

    public var exercise: String
    public var seed: UInt64
    public var replications: Int
    /// Confidence level of every interval (0.95 by default).
    public var confidence: Double
    public var horizonHours: Double
    public var objectives: [ObjectiveSummary]
    public var threat: ThreatSummary?
    public var agencies: [AgencySummary]
    public var channels: [ChannelSummary]
    public var eventsPerReplication: Double
    public var messagesPerReplication: Double
    /// Legal requests, refusals, re-framings, consent requests and handoffs per replication.
    public var handoffsPerReplication: [String: Double]
    /// The run's fingerprint: a hash (`Fingerprint`) over the replications' fingerprints in replication
    /// order, as 16 hex digits (see `Fingerprint`). Equal for two runs exactly when they did the
    /// same thing; absent in summaries written before fingerprints existed.
    public var fingerprint: String?
}

/// Folds replication records, in any number, into a `RunSummary`.
///
/// Memory grows with the number of replications only by one Double per objective and threat
/// milestone (kept for exact quantiles).
public struct SummaryBuilder: Sendable {
    let exercise: Exercise
    let seed: UInt64
    let confidence: Double
    var count = 0
    var elapsed: [[Double]]
    var ratingCounts: [[Rating: Int]]
    var attack: [Double] = []
    var disrupted: [Double] = []
    var disruptedCount = 0
    var utilisation: [Double]
    var queueWait: [Double]
    var utilisationSquares: [Double]
    var queueWaitSquares: [Double]
    var tasksCompleted: [Double]
    var channelMessages: [Double]
    var channelFailures: [Double]
    var channelLost: [Double]
    var channelLatencySum: [Double]
    var channelDelivered: [Double]
    var events = 0.0
    var messages = 0.0
    var attribution: [[Double]]
    var attributed: [Int]
    var handoffs = [Double](repeating: 0, count: HandoffCounters.names.count)
    var fingerprint = Fingerprint()
    var criticalPaths: CriticalPathTally

    public init(exercise: Exercise, seed: UInt64, confidence: Double = 0.95) {
        self.exercise = exercise
        self.seed = seed
        self.confidence = confidence
        elapsed = Array(repeating: [], count: exercise.objectives.count)
        ratingCounts = Array(repeating: [:], count: exercise.objectives.count)
        attribution = Array(repeating: Array(repeating: 0, count: TimeCategory.allCases.count), count: exercise.objectives.count)
        attributed = Array(repeating: 0, count: exercise.objectives.count)
        criticalPaths = CriticalPathTally(objectives: exercise.objectives.count)
        let agencies = exercise.agencies.count, channels = exercise.channels.count
        utilisation = Array(repeating: 0, count: agencies)
        queueWait = Array(repeating: 0, count: agencies)
        utilisationSquares = Array(repeating: 0, count: agencies)
        queueWaitSquares = Array(repeating: 0, count: agencies)
        tasksCompleted = Array(repeating: 0, count: agencies)
        channelMessages = Array(repeating: 0, count: channels)
        channelFailures = Array(repeating: 0, count: channels)
        channelLost = Array(repeating: 0, count: channels)
        channelLatencySum = Array(repeating: 0, count: channels)
        channelDelivered = Array(repeating: 0, count: channels)
    }

    public mutating func add(_ outcome: ReplicationOutcome) {
        count += 1
        for (index, objective) in outcome.objectives.enumerated() {
            if let value = objective.elapsed { elapsed[index].append(value) }
            ratingCounts[index][objective.rating, default: 0] += 1
            if let split = objective.attribution {
                attributed[index] += 1
                for category in split.seconds.indices { attribution[index][category] += split.seconds[category] }
            }
        }
        if let threat = outcome.threat {
            attack.append(threat.attackAt)
            if let at = threat.disruptedAt { disrupted.append(at) }
            if threat.disrupted { disruptedCount += 1 }
        }
        for (index, agency) in outcome.agencies.enumerated() {
            utilisation[index] += agency.utilisation
            queueWait[index] += agency.meanQueueWait
            utilisationSquares[index] += agency.utilisation * agency.utilisation
            queueWaitSquares[index] += agency.meanQueueWait * agency.meanQueueWait
            tasksCompleted[index] += Double(agency.tasksCompleted)
        }
        for (index, channel) in outcome.channels.enumerated() {
            channelMessages[index] += Double(channel.messages)
            channelFailures[index] += Double(channel.failedAttempts)
            channelLost[index] += Double(channel.lost)
            channelLatencySum[index] += channel.meanLatency * Double(channel.delivered)
            channelDelivered[index] += Double(channel.delivered)
        }
        events += Double(outcome.events)
        messages += Double(outcome.messages)
        for (index, value) in outcome.handoffs.values.enumerated() { handoffs[index] += Double(value) }
        // Records arrive in replication order (ParallelReplications guarantees it).
        fingerprint.add(outcome.fingerprint)
        criticalPaths.add(outcome)
    }

    public func finish() -> RunSummary {
        let n = Double(max(count, 1))
        let hour = 3600.0
        let objectives = exercise.objectives.enumerated().map { index, objective in
            RunSummary.ObjectiveSummary(
                id: objective.id, description: objective.description, capability: objective.coreCapability.rawValue,
                deadlineHours: objective.deadline / hour,
                probabilityMet: Double(ratingCounts[index][.p, default: 0]) / n,
                probabilityMetInterval: ConfidenceInterval.wilson(successes: ratingCounts[index][.p, default: 0], trials: count, level: confidence),
                elapsedMeanInterval: Self.meanInterval(elapsed[index], unit: hour, level: confidence),
                ratings: Dictionary(uniqueKeysWithValues: Rating.allCases.map { ($0.rawValue, Double(ratingCounts[index][$0, default: 0]) / n) }),
                elapsedHours: Spread(elapsed[index], unit: hour),
                timeHours: Dictionary(uniqueKeysWithValues: TimeCategory.allCases.map {
                    ($0.name, attributed[index] > 0 ? attribution[index][$0.rawValue] / Double(attributed[index]) / hour : 0)
                }))
        }
        let threat = exercise.threat.map {
            RunSummary.ThreatSummary(description: $0.description, probabilityDisrupted: Double(disruptedCount) / n,
                                     probabilityDisruptedInterval: ConfidenceInterval.wilson(successes: disruptedCount, trials: count, level: confidence),
                                     attackHours: Spread(attack, unit: hour), disruptedHours: Spread(disrupted, unit: hour))
        }
        let agencies = exercise.agencies.enumerated().map { index, agency in
            RunSummary.AgencySummary(id: agency.id, name: agency.name, staff: agency.staff, utilisation: utilisation[index] / n,
                                     meanQueueWaitHours: queueWait[index] / n / hour,
                                     meanQueueWaitInterval: Self.interval(sum: queueWait[index] / hour, squares: queueWaitSquares[index] / (hour * hour),
                                                                          count: count, level: confidence),
                                     utilisationInterval: Self.interval(sum: utilisation[index], squares: utilisationSquares[index],
                                                                        count: count, level: confidence),
                                     tasksCompletedPerReplication: tasksCompleted[index] / n)
        }
        let channels = exercise.channels.enumerated().map { index, channel in
            RunSummary.ChannelSummary(id: channel.id, name: channel.name, messagesPerReplication: channelMessages[index] / n,
                                      failedAttemptsPerReplication: channelFailures[index] / n, lostPerReplication: channelLost[index] / n,
                                      meanLatencyHours: channelDelivered[index] > 0 ? channelLatencySum[index] / channelDelivered[index] / hour : nil)
        }
        var summary = RunSummary(exercise: exercise.name, seed: seed, replications: count, confidence: confidence, horizonHours: exercise.horizon / hour,
                          objectives: objectives, threat: threat, agencies: agencies, channels: channels,
                          eventsPerReplication: events / n, messagesPerReplication: messages / n,
                          handoffsPerReplication: Dictionary(uniqueKeysWithValues: zip(HandoffCounters.names, handoffs.map { $0 / n })),
                          fingerprint: fingerprint.hex)
        criticalPaths.fill(&summary, exercise: exercise, replications: count, confidence: confidence)
        return summary
    }

    /// The t interval of a mean from the sum and sum of squares of `count` observations.
    /// (Per-replication agency figures are bounded and few, so the textbook one-pass variance
    /// is accurate enough here; it is clamped at 0 against rounding.)
    static func interval(sum: Double, squares: Double, count: Int, level: Double) -> ConfidenceInterval? {
        guard count >= 2 else { return nil }
        let n = Double(count)
        let mean = sum / n
        let variance = max(0, (squares - n * mean * mean) / (n - 1))
        return ConfidenceInterval.mean(mean, standardDeviation: variance.squareRoot(), count: count, level: level)
    }

    /// The t interval of the mean of `values` / `unit`.
    static func meanInterval(_ values: [Double], unit: Double, level: Double) -> ConfidenceInterval? {
        guard values.count >= 2 else { return nil }
        let scaled = values.map { $0 / unit }
        let mean = scaled.reduce(0, +) / Double(scaled.count)
        let variance = scaled.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(scaled.count - 1)
        return ConfidenceInterval.mean(mean, standardDeviation: variance.squareRoot(), count: scaled.count, level: level)
    }

    /// Relative half-widths of the key metrics' intervals, for precision stopping: for each
    /// objective with at least 2 replications reaching its milestone, the half-width of its mean
    /// elapsed time's t interval divided by that mean. Nil entries: not enough data yet.
    public func keyRelativeHalfWidths() -> [Double?] {
        elapsed.map { values in
            guard let interval = Self.meanInterval(values, unit: 1, level: confidence) else { return nil }
            let mean = (interval.lower + interval.upper) / 2
            return mean > 0 ? interval.halfWidth / mean : 0
        }
    }
}
