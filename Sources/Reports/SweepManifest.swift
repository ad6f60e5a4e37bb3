public import ExerciseModel
public import Experiments
public import Foundation
internal import Stochastics

/// Which part of a sweep's design points a run computes: shard `index` of `count` (1-based)
/// takes the points whose index modulo `count` is `index − 1` (round robin, so shards differ in
/// size by at most one point and each gets a spread of the design).
public struct SweepShard: Codable, Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    public static let whole = SweepShard(index: 1, count: 1)

    /// Parses "K/N" with 1 ≤ K ≤ N.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, index >= 1, index <= count else { return nil }
        self.init(index: index, count: count)
    }

    public func contains(point: Int) -> Bool { point % count == index - 1 }

    public var description: String { "\(index)/\(count)" }
}

/// Everything about a sweep that its files need, written into every shard's manifest and into
/// `sweep.json`: the checked sweep file, digests, and the design points.
public struct SweepDescription: Codable, Sendable, Equatable {
    public struct Factor: Codable, Sendable, Equatable {
        public var path: String
        /// `integer`, `scale`, `probability` or `positive`.
        public var kind: String
        public var lower: Double
        public var upper: Double
        /// The levels, for a factor given by levels.
        public var levels: [Double]?
    }

    public struct Point: Codable, Sendable, Equatable {
        public var point: Int
        /// Factor values, in factor order.
        public var values: [Double]
    }

    public var name: String
    /// The scenario as written in the sweep file.
    public var scenario: String
    /// FNV-1a 64 (hex) of the scenario file, as in a run's `summary.json`.
    public var scenarioDigest: String
    /// FNV-1a 64 (hex) of the sweep file's text, a NUL and the scenario file's text.
    public var sweepDigest: String
    public var seed: UInt64
    public var replications: Int
    public var confidence: Double
    /// `full-factorial`, `latin-hypercube` or `sobol`.
    public var design: String
    public var factors: [Factor]
    public var points: [Point]
    /// Objectives (ids) whose probability met and mean elapsed time enter the main effects.
    public var keyObjectives: [String]

    public init(specification: SweepSpecification, exercise: Exercise, scenarioText: String, sweepDigest: String, design: SweepDesign) {
        name = specification.name
        scenario = specification.scenario
        scenarioDigest = String(StreamDerivation.fnv1a64(scenarioText), radix: 16)
        self.sweepDigest = sweepDigest
        seed = specification.seed
        replications = specification.replications
        confidence = specification.confidence
        self.design = specification.design.name
        factors = specification.factors.map { factor in
            let kind: String
            switch factor.factor.valueKind {
            case .integer: kind = "integer"
            case .scale: kind = "scale"
            case .probability: kind = "probability"
            case .positive: kind = "positive"
            }
            var levels: [Double]?
            if case .levels(let values) = factor.domain { levels = values }
            let bounds = factor.domain.bounds
            return Factor(path: factor.path, kind: kind, lower: bounds.lower, upper: bounds.upper, levels: levels)
        }
        points = design.points.enumerated().map { Point(point: $0.offset, values: $0.element) }
        keyObjectives = specification.keyObjectives.compactMap { exercise.objectives.indices.contains($0) ? exercise.objectives[$0].id : nil }
    }

    /// The domain of each factor (for normalising in the main effects).
    var domains: [FactorDomain] {
        factors.map { factor in factor.levels.map(FactorDomain.levels) ?? .range(lower: factor.lower, upper: factor.upper) }
    }
}

/// `manifest.json`: written first into every sweep output (or shard) folder, so that a resumed
/// run and `jtx merge` can tell whether folders belong to the same sweep and jtx version.
public struct SweepManifest: Codable, Sendable, Equatable {
    /// Always "jtx-sweep-manifest".
    public var format = "jtx-sweep-manifest"
    public var formatVersion = 1
    public var jtxVersion: String
    public var sweepDigest: String
    public var shard: SweepShard
    public var sweep: SweepDescription

    public init(jtxVersion: String, shard: SweepShard, sweep: SweepDescription) {
        self.jtxVersion = jtxVersion
        sweepDigest = sweep.sweepDigest
        self.shard = shard
        self.sweep = sweep
    }

    /// What differs between this manifest (labelled `mine`) and `other` (labelled `theirs`), in
    /// words; empty when they match. Compared: the sweep digest, the jtx version, the manifest
    /// format, the shard (or only the shard count, when `shard` is false) and the description.
    public func differences(from other: SweepManifest, mine: String, theirs: String, shard compareShard: Bool) -> [String] {
        var result: [String] = []
        func differ(_ what: String, _ a: String, _ b: String) { result.append("\(what) \(a) (\(mine)) differs from \(b) (\(theirs))") }
        if sweepDigest != other.sweepDigest { differ("sweep digest", sweepDigest, other.sweepDigest) }
        if jtxVersion != other.jtxVersion { differ("jtx version", jtxVersion, other.jtxVersion) }
        if format != other.format || formatVersion != other.formatVersion {
            differ("manifest format", "\(format) \(formatVersion)", "\(other.format) \(other.formatVersion)")
        }
        if compareShard && shard != other.shard { differ("shard", shard.description, other.shard.description) }
        if !compareShard && shard.count != other.shard.count { differ("shard count", String(shard.count), String(other.shard.count)) }
        if result.isEmpty && sweep != other.sweep { result.append("the sweep's description (factors, design points or settings) differs between \(mine) and \(theirs)") }
        return result
    }
}

/// `points/point-NNNNN.json`: one finished design point, written after its replication rows.
public struct SweepPointRecord: Codable, Sendable, Equatable {
    /// Always "jtx-sweep-point".
    public var format = "jtx-sweep-point"
    public var formatVersion = 1
    public var point: Int
    public var values: [Double]
    public var summary: RunSummary

    public init(point: Int, values: [Double], summary: RunSummary) {
        self.point = point
        self.values = values
        self.summary = summary
    }
}

/// The JSON conventions of sweep files: pretty-printed, sorted keys, so equal content gives
/// equal bytes; snake_case keys for the documents people read, plain keys for point records
/// (whose embedded summaries must decode exactly as they were encoded).
enum SweepJSON {
    static func encode<Value: Encodable>(_ value: Value, snakeCase: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from data: Data, snakeCase: Bool) throws -> Value {
        let decoder = JSONDecoder()
        if snakeCase { decoder.keyDecodingStrategy = .convertFromSnakeCase }
        return try decoder.decode(type, from: data)
    }
}
