internal import ExerciseModel
internal import Experiments
public import Foundation
public import Regression

/// A committed baseline, `results/baselines/<scenario>.json`: what a later run of the scenario
/// is compared with. It holds the run's identity (jtx version, scenario and its digest, seed,
/// replications), its fingerprints (the run's and each replication's) and, for each key metric,
/// summary statistics and the per-replication values the statistical tests need.
///
/// Values are kept to 6 significant digits (`RegressionInput.canonical`), which is what every
/// comparison uses on both sides, so a file stays small (see docs/regression.md for sizes) and a
/// rerun compares as identical.
public struct BaselineDocument: Codable, Sendable, Equatable {
    public struct Metric: Codable, Sendable, Equatable {
        public var name: String
        public var kind: MetricKind
        /// Replications with a value.
        public var count: Int
        public var mean: Double?
        public var sd: Double?
        public var p50: Double?
        public var p90: Double?
        /// One per replication, in order; null where the replication had none.
        public var values: [Double?]
    }

    /// Always "jtx-baseline".
    public var format = "jtx-baseline"
    public var formatVersion = 1
    public var jtxVersion: String
    public var scenario: String
    public var scenarioDigest: String
    public var exercise: String
    public var seed: UInt64
    public var replications: Int
    public var fingerprint: String
    public var replicationFingerprints: [String]
    public var metrics: [Metric]

    public static let format = "jtx-baseline"

    /// The baseline of a run, from its side as read from its result folder.
    public init(_ side: RegressionSide) throws(RegressionInput.Failure) {
        guard let fingerprint = side.fingerprint, let fingerprints = side.replicationFingerprints else {
            throw RegressionInput.Failure(description: "\(side.source) has no fingerprints: it was written by jtx \(side.jtxVersion); rerun the scenario")
        }
        jtxVersion = side.jtxVersion
        scenario = side.scenario
        scenarioDigest = side.scenarioDigest
        exercise = side.exercise
        seed = side.seed
        replications = side.replications
        self.fingerprint = Fingerprint.hex(fingerprint)
        replicationFingerprints = fingerprints.map(Fingerprint.hex)
        metrics = side.metrics.map { metric in
            let present = metric.present
            let stats = Descriptive(present)
            let sorted = present.sorted()
            func c(_ value: Double?) -> Double? { value.flatMap { $0.isFinite ? RegressionInput.canonical($0) : nil } }
            return Metric(name: metric.name, kind: metric.kind, count: present.count, mean: c(present.isEmpty ? nil : stats.mean),
                          sd: c(present.count < 2 ? nil : stats.standardDeviation),
                          p50: c(quantile(sorted: sorted, 0.5)), p90: c(quantile(sorted: sorted, 0.9)),
                          values: metric.values.map(c))
        }
    }

    /// The side a comparison sees.
    public func side(source: String) throws(RegressionInput.Failure) -> RegressionSide {
        guard format == Self.format else { throw RegressionInput.Failure(description: "\(source) is a \(format) document, not a jtx baseline") }
        guard let overall = Fingerprint.parse(fingerprint) else {
            throw RegressionInput.Failure(description: "\(source): fingerprint '\(fingerprint)' is not 16 hex digits")
        }
        var perReplication: [UInt64] = []
        for text in replicationFingerprints {
            guard let value = Fingerprint.parse(text) else {
                throw RegressionInput.Failure(description: "\(source): replication fingerprint '\(text)' is not 16 hex digits")
            }
            perReplication.append(value)
        }
        for metric in metrics where metric.values.count != replications {
            throw RegressionInput.Failure(description: "\(source): metric \(metric.name) has \(metric.values.count) values for \(replications) replications")
        }
        return RegressionSide(source: source, jtxVersion: jtxVersion, scenario: scenario, scenarioDigest: scenarioDigest, exercise: exercise,
                              seed: seed, replications: replications, fingerprint: overall,
                              replicationFingerprints: perReplication.count == replications ? perReplication : nil,
                              metrics: metrics.map { MetricSample(name: $0.name, kind: $0.kind, values: $0.values) })
    }

    /// Reads a baseline file.
    public static func read(_ url: URL) throws(RegressionInput.Failure) -> BaselineDocument {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw RegressionInput.Failure(description: "\(url.path): no such file")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(BaselineDocument.self, from: data)
        } catch {
            throw RegressionInput.Failure(description: "\(url.path) is not a jtx baseline: \(error)")
        }
    }

    /// The file's text: pretty at the top, one line per metric and one for the fingerprints, so
    /// that a diff of two baselines reads metric by metric. Ends with a newline.
    public func json() -> String {
        func string(_ text: String) -> String { RegressionInput.jsonString(text) }
        func number(_ value: Double?) -> String { value.map(RegressionInput.jsonNumber) ?? "null" }
        var lines: [String] = [
            "  \"format\": \(string(format))",
            "  \"format_version\": \(formatVersion)",
            "  \"jtx_version\": \(string(jtxVersion))",
            "  \"scenario\": \(string(scenario))",
            "  \"scenario_digest\": \(string(scenarioDigest))",
            "  \"exercise\": \(string(exercise))",
            "  \"seed\": \(seed)",
            "  \"replications\": \(replications)",
            "  \"fingerprint\": \(string(fingerprint))",
            "  \"replication_fingerprints\": [" + replicationFingerprints.map(string).joined(separator: ",") + "]",
        ]
        let metricLines = metrics.map { metric in
            "    {\"name\": \(string(metric.name)), \"kind\": \(string(metric.kind.rawValue)), \"count\": \(metric.count), "
                + "\"mean\": \(number(metric.mean)), \"sd\": \(number(metric.sd)), \"p50\": \(number(metric.p50)), \"p90\": \(number(metric.p90)), "
                + "\"values\": [" + metric.values.map(number).joined(separator: ",") + "]}"
        }
        lines.append("  \"metrics\": [\n" + metricLines.joined(separator: ",\n") + "\n  ]")
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }
}
