/// Where two traces of one replication first differ.
public struct TraceDivergence: Sendable, Equatable {
    public var replication: Int
    /// 0-based index of the first differing event within the replication.
    public var event: Int
    /// The event as each side recorded it (a JSON Lines record); nil where that side's trace
    /// ended before it.
    public var baseline: String?
    public var candidate: String?

    public init(replication: Int, event: Int, baseline: String?, candidate: String?) {
        self.replication = replication
        self.event = event
        self.baseline = baseline
        self.candidate = candidate
    }
}

/// The outcome of comparing fingerprints.
public struct ExactReport: Sendable, Equatable {
    /// A key metric whose value differs in the first differing replication.
    public struct ValueDifference: Sendable, Equatable {
        public var metric: String
        public var baseline: Double?
        public var candidate: Double?
    }

    public var baselineFingerprint: UInt64
    public var candidateFingerprint: UInt64
    public var replications: Int
    /// The first replication whose fingerprint differs (nil when identical, or when only the
    /// runs' fingerprints were available).
    public var firstDifferingReplication: Int?
    /// That replication's fingerprints.
    public var replicationFingerprints: (baseline: UInt64, candidate: UInt64)?
    /// Key metrics that differ in that replication.
    public var valueDifferences: [ValueDifference]
    /// The first diverging event, when both sides' traces hold that replication.
    public var trace: TraceDivergence?
    /// Why no diverging event is shown, or other things to know (jtx versions differ, …).
    public var notes: [String]

    public var identical: Bool { baselineFingerprint == candidateFingerprint }

    public static func == (a: ExactReport, b: ExactReport) -> Bool {
        a.baselineFingerprint == b.baselineFingerprint && a.candidateFingerprint == b.candidateFingerprint
            && a.firstDifferingReplication == b.firstDifferingReplication && a.valueDifferences == b.valueDifferences
            && a.trace == b.trace && a.notes == b.notes && a.replications == b.replications
            && a.replicationFingerprints?.baseline == b.replicationFingerprints?.baseline
            && a.replicationFingerprints?.candidate == b.replicationFingerprints?.candidate
    }
}

/// Compares two sides' fingerprints: equal exactly when every replication did the same thing.
public enum ExactComparison {
    /// Throws when the sides cannot be compared exactly: no fingerprints, or another seed or
    /// number of replications (whose fingerprints differ whatever the model does).
    public static func compare(_ baseline: RegressionSide, _ candidate: RegressionSide) throws(NotComparable) -> ExactReport {
        var reasons: [String] = []
        if baseline.seed != candidate.seed {
            reasons.append("an exact comparison needs one seed: the baseline ran seed \(baseline.seed), the candidate seed \(candidate.seed)")
        }
        if baseline.replications != candidate.replications {
            reasons.append("an exact comparison needs the same replications: the baseline ran \(baseline.replications), "
                           + "the candidate \(candidate.replications)")
        }
        for side in [baseline, candidate] where side.fingerprint == nil {
            reasons.append("\(side.source) has no fingerprint (written by jtx \(side.jtxVersion), before fingerprints): rerun it")
        }
        guard reasons.isEmpty, let b = baseline.fingerprint, let c = candidate.fingerprint else { throw NotComparable(reasons) }
        var report = ExactReport(baselineFingerprint: b, candidateFingerprint: c, replications: baseline.replications,
                                 firstDifferingReplication: nil, replicationFingerprints: nil, valueDifferences: [], trace: nil, notes: [])
        guard b != c else { return report }
        if baseline.jtxVersion != candidate.jtxVersion {
            report.notes.append("the sides were made by different jtx versions (\(baseline.jtxVersion) and \(candidate.jtxVersion)); "
                                + "a change to the model changes fingerprints")
        }
        if baseline.scenarioDigest != candidate.scenarioDigest {
            report.notes.append("the scenario files differ (digest \(baseline.scenarioDigest) and \(candidate.scenarioDigest))")
        }
        guard let bs = baseline.replicationFingerprints, let cs = candidate.replicationFingerprints, bs.count == cs.count else {
            report.notes.append("per-replication fingerprints are missing on a side, so the first differing replication is unknown")
            return report
        }
        guard let first = zip(bs, cs).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset else {
            report.notes.append("every replication's fingerprint matches but the runs' do not: a side's files were edited")
            return report
        }
        report.firstDifferingReplication = first
        report.replicationFingerprints = (bs[first], cs[first])
        for metric in baseline.metrics {
            guard let other = candidate.metric(metric.name), first < metric.values.count, first < other.values.count else { continue }
            if metric.values[first] != other.values[first] {
                report.valueDifferences.append(.init(metric: metric.name, baseline: metric.values[first], candidate: other.values[first]))
            }
        }
        return report
    }
}
