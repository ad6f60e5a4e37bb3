/// How a metric is tested.
public enum MetricKind: String, Codable, Sendable, Equatable {
    /// A number per replication: Welch's t-test on the means and a Kolmogorov–Smirnov test on
    /// the distributions.
    case continuous
    /// 1 or 0 per replication (an objective met, a plot disrupted): a two-proportion test.
    case proportion
}

/// One metric's values over the replications of one side.
public struct MetricSample: Sendable, Equatable {
    public var name: String
    public var kind: MetricKind
    /// One entry per replication, in replication order; nil where the replication has none
    /// (a milestone not reached, a channel that delivered nothing).
    public var values: [Double?]

    public init(name: String, kind: MetricKind, values: [Double?]) {
        self.name = name
        self.kind = kind
        self.values = values
    }

    /// The values that exist.
    public var present: [Double] { values.compactMap { $0 } }
}

/// One side of a comparison — a result folder or a baseline file — as the comparisons see it.
public struct RegressionSide: Sendable {
    /// Where it was read from (for messages).
    public var source: String
    public var jtxVersion: String
    /// The scenario file as given to `jtx run`.
    public var scenario: String
    /// FNV-1a 64 of the scenario file's bytes, hex.
    public var scenarioDigest: String
    /// The exercise's name.
    public var exercise: String
    public var seed: UInt64
    public var replications: Int
    /// The run's fingerprint (nil when the run predates fingerprints).
    public var fingerprint: UInt64?
    /// Each replication's fingerprint, in order (nil when not available).
    public var replicationFingerprints: [UInt64]?
    public var metrics: [MetricSample]

    public init(source: String, jtxVersion: String, scenario: String, scenarioDigest: String, exercise: String, seed: UInt64,
                replications: Int, fingerprint: UInt64?, replicationFingerprints: [UInt64]?, metrics: [MetricSample]) {
        self.source = source
        self.jtxVersion = jtxVersion
        self.scenario = scenario
        self.scenarioDigest = scenarioDigest
        self.exercise = exercise
        self.seed = seed
        self.replications = replications
        self.fingerprint = fingerprint
        self.replicationFingerprints = replicationFingerprints
        self.metrics = metrics
    }

    public func metric(_ name: String) -> MetricSample? { metrics.first { $0.name == name } }
}

/// The two sides cannot be compared; each reason says what differs.
public struct NotComparable: Error, Sendable, Equatable, CustomStringConvertible {
    public var reasons: [String]

    public init(_ reasons: [String]) { self.reasons = reasons }

    public var description: String { "not comparable: " + reasons.joined(separator: "; ") }
}

/// Metric name patterns as given to `--metrics`: comma-separated names, where `*` matches any
/// run of characters (`objective.*`, `agency.*.utilisation`).
public struct MetricPattern: Sendable, Equatable, CustomStringConvertible {
    public let text: String

    public init(_ text: String) { self.text = text }

    /// The patterns of a comma-separated list (blank entries dropped).
    public static func list(_ text: String) -> [MetricPattern] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }.map(MetricPattern.init)
    }

    public var description: String { text }

    public func matches(_ name: String) -> Bool {
        let parts = text.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return name == text }
        var rest = Substring(name)
        guard rest.hasPrefix(parts[0]) else { return false }
        rest = rest.dropFirst(parts[0].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = rest.range(of: part) else { return false }
            rest = rest[range.upperBound...]
        }
        let last = parts[parts.count - 1]
        return rest.count >= last.count && rest.hasSuffix(last)
    }
}

extension Substring {
    /// The first occurrence of `needle` (plain character comparison, no Foundation).
    func range(of needle: String) -> Range<Index>? {
        guard !needle.isEmpty else { return startIndex..<startIndex }
        var start = startIndex
        while start < endIndex {
            if self[start...].hasPrefix(needle) {
                return start..<index(start, offsetBy: needle.count)
            }
            start = index(after: start)
        }
        return nil
    }
}

extension Substring {
    func trimmingCharacters(in character: Character) -> String {
        var text = self
        while text.first == character { text = text.dropFirst() }
        while text.last == character { text = text.dropLast() }
        return String(text)
    }
}

/// The names in `names`, each once, listed up to `limit` with a count of the rest.
func listed(_ names: [String], limit: Int = 8) -> String {
    let shown = names.prefix(limit).joined(separator: ", ")
    return names.count > limit ? shown + " and \(names.count - limit) more" : shown
}
