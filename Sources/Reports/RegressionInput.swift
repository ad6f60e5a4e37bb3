internal import ExerciseModel
internal import Experiments
public import Foundation
public import Regression

/// Reads the sides of a comparison — result folders and baseline files — and traces.
public enum RegressionInput {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    // MARK: Key metrics

    /// The kind of a `replications.csv` column if it is a key metric (compared by `jtx compare`
    /// and kept in baselines), else nil: `events`, `messages`, each objective's `elapsed_hours`
    /// and `met`, `threat.disrupted`, each agency's `utilisation` and `queue_wait_hours`, and each
    /// channel's `latency_hours`.
    public static func metricKind(column: String) -> MetricKind? {
        switch column {
        case "events", "messages": return .continuous
        case "threat.disrupted": return .proportion
        default: break
        }
        if column.hasPrefix("objective.") {
            if column.hasSuffix(".met") && !column.contains(".time.") { return .proportion }
            if column.hasSuffix(".elapsed_hours") && !column.contains(".time.") { return .continuous }
        }
        if column.hasPrefix("agency.") && (column.hasSuffix(".utilisation") || column.hasSuffix(".queue_wait_hours")) { return .continuous }
        if column.hasPrefix("channel.") && column.hasSuffix(".latency_hours") { return .continuous }
        return nil
    }

    /// `value` to 6 significant digits: the precision of every compared value on both sides.
    /// Baselines store values this way to stay small; rounding the candidate the same way makes
    /// a rerun compare as identical, and 6 digits are far finer than any statistical change.
    public static func canonical(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        return Double(String(format: "%.6g", value)) ?? value
    }

    // MARK: Sides

    /// Reads one side: a baseline file (`"format": "jtx-baseline"`), a result folder of
    /// `jtx run`, or the `summary.json` in one. The URL is the result folder, if any (where a
    /// trace may be).
    public static func load(_ path: String) throws(Failure) -> (side: RegressionSide, folder: URL?) {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw Failure(description: "\(path): no such file or folder (give a result folder of `jtx run` or a baseline file)")
        }
        if isDirectory.boolValue { return (try folderSide(url, source: path), url) }
        if url.lastPathComponent == "summary.json" {
            let folder = url.deletingLastPathComponent()
            return (try folderSide(folder, source: folder.path), folder)
        }
        let document = try BaselineDocument.read(url)
        return (try document.side(source: path), nil)
    }

    /// A result folder's side: identity and fingerprint from `summary.json`, metrics and
    /// per-replication fingerprints from `replications.csv`.
    public static func folderSide(_ folder: URL, source: String) throws(Failure) -> RegressionSide {
        let loaded: (document: SummaryDocument, rows: ReplicationRows)
        do {
            loaded = try ReportInput.load(folder: folder)
        } catch {
            throw Failure(description: error.description)
        }
        let summary = loaded.document.summary
        let rows = loaded.rows
        guard !rows.header.isEmpty else { throw Failure(description: "\(source) has no replications.csv: give the output folder of `jtx run`") }
        guard rows.rows.count == summary.replications else {
            throw Failure(description: "\(source): replications.csv has \(rows.rows.count) rows but summary.json counts \(summary.replications) replications")
        }
        var metrics: [MetricSample] = []
        for column in rows.header {
            guard let kind = metricKind(column: column) else { continue }
            var values: [Double?] = []
            for (index, cell) in rows.cells(column).enumerated() {
                guard let cell else { values.append(nil); continue }
                guard let value = Double(cell) else {
                    throw Failure(description: "\(source): replications.csv row \(index + 2), column \(column): '\(cell)' is not a number")
                }
                values.append(canonical(value))
            }
            metrics.append(MetricSample(name: column, kind: kind, values: values))
        }
        var fingerprints: [UInt64]?
        if rows.header.contains("fingerprint") {
            var parsed: [UInt64] = []
            for (index, cell) in rows.cells("fingerprint").enumerated() {
                guard let cell, let value = Fingerprint.parse(cell) else {
                    throw Failure(description: "\(source): replications.csv row \(index + 2) has no valid fingerprint")
                }
                parsed.append(value)
            }
            fingerprints = parsed
        }
        let overall = summary.fingerprint.flatMap(Fingerprint.parse)
        if summary.fingerprint != nil && overall == nil {
            throw Failure(description: "\(source): summary.json's fingerprint '\(summary.fingerprint ?? "")' is not 16 hex digits")
        }
        return RegressionSide(source: source, jtxVersion: loaded.document.jtxVersion, scenario: loaded.document.scenario,
                              scenarioDigest: loaded.document.scenarioDigest, exercise: summary.exercise, seed: summary.seed,
                              replications: summary.replications, fingerprint: overall, replicationFingerprints: fingerprints,
                              metrics: metrics)
    }

    // MARK: Traces

    /// The trace of a result folder, if it holds one: `trace.jsonl`, or its only `*.jsonl` file.
    public static func defaultTrace(folder: URL) -> URL? {
        let named = folder.appendingPathComponent("trace.jsonl")
        if FileManager.default.fileExists(atPath: named.path) { return named }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".jsonl") }
        return files.count == 1 ? folder.appendingPathComponent(files[0]) : nil
    }

    /// The events of `replication` in a JSON Lines trace (as written by `jtx run --trace`), and
    /// the replications the trace holds.
    static func traceLines(_ url: URL, replication: Int) throws(Failure) -> (lines: [Substring], replications: Set<Int>) {
        guard let data = FileManager.default.contents(atPath: url.path) else { throw Failure(description: "\(url.path): cannot read the trace") }
        let text = String(decoding: data, as: UTF8.self)
        let prefix = "{\"replication\":"
        var lines: [Substring] = []
        var seen = Set<Int>()
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.hasPrefix(prefix) else { throw Failure(description: "\(url.path): not a jtx trace (a line does not start with \(prefix))") }
            let digits = line.dropFirst(prefix.count).prefix { $0.isNumber }
            guard let index = Int(digits) else { throw Failure(description: "\(url.path): a line has no replication number") }
            seen.insert(index)
            if index == replication { lines.append(line) }
        }
        return (lines, seen)
    }

    /// Where the two traces of `replication` first differ: nil when they are identical. Throws
    /// when a trace lacks that replication (saying which it holds and how to get it).
    public static func traceDivergence(baseline: URL, candidate: URL, replication: Int) throws(Failure) -> TraceDivergence? {
        let b = try traceLines(baseline, replication: replication), c = try traceLines(candidate, replication: replication)
        for (side, trace) in [(baseline, b), (candidate, c)] where !trace.replications.contains(replication) {
            let held = trace.replications.sorted().prefix(10).map(String.init).joined(separator: ", ")
            throw Failure(description: "the trace \(side.path) holds replication(s) \(held.isEmpty ? "none" : held), not \(replication): "
                          + "rerun both sides with `jtx run … --trace FILE --trace-replications \(replication)`")
        }
        let count = max(b.lines.count, c.lines.count)
        for index in 0..<count {
            let left = index < b.lines.count ? String(b.lines[index]) : nil
            let right = index < c.lines.count ? String(c.lines[index]) : nil
            if left != right { return TraceDivergence(replication: replication, event: index, baseline: left, candidate: right) }
        }
        return nil
    }

    // MARK: JSON text

    /// A JSON string literal.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// A JSON number: integers without a fraction, others in the shortest exact form; null for
    /// non-finite values.
    static func jsonNumber(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return value.description
    }
}
