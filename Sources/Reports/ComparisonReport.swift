public import Foundation
public import Regression

/// Everything one comparison of a baseline with a candidate found: the exact check, the
/// statistical check (either or both may have run), or why the sides cannot be compared.
public struct ComparisonOutcome: Sendable {
    /// A short name (the scenario's file name in `jtx regress`), used in JUnit reports.
    public var name: String
    public var baseline: RegressionSide
    public var candidate: RegressionSide
    public var exact: ExactReport?
    public var statistical: StatisticalReport?
    /// Why (part of) the comparison could not be made.
    public var notComparable: NotComparable?
    /// Seconds spent producing the candidate (0 when it was read from files).
    public var seconds: Double

    public init(name: String, baseline: RegressionSide, candidate: RegressionSide, exact: ExactReport? = nil,
                statistical: StatisticalReport? = nil, notComparable: NotComparable? = nil, seconds: Double = 0) {
        self.name = name
        self.baseline = baseline
        self.candidate = candidate
        self.exact = exact
        self.statistical = statistical
        self.notComparable = notComparable
        self.seconds = seconds
    }

    /// Runs the checks asked for; a check that cannot be made records why.
    public static func compare(name: String, _ baseline: RegressionSide, _ candidate: RegressionSide, exact: Bool, statistical: Bool,
                               settings: ComparisonSettings) -> ComparisonOutcome {
        var result = ComparisonOutcome(name: name, baseline: baseline, candidate: candidate)
        var reasons: [String] = []
        if exact {
            do { result.exact = try ExactComparison.compare(baseline, candidate) } catch { reasons += error.reasons }
        }
        if statistical {
            do {
                result.statistical = try StatisticalComparison.compare(baseline, candidate, settings: settings)
            } catch {
                reasons += error.reasons
            }
        }
        if !reasons.isEmpty { result.notComparable = NotComparable(reasons) }
        return result
    }

    /// True when a check found a difference: fingerprints differ, or a metric is flagged.
    public var failed: Bool { (exact.map { !$0.identical } ?? false) || !(statistical?.flagged.isEmpty ?? true) }

    /// 0 nothing flagged, 1 something flagged, 65 not comparable.
    public var exitCode: Int32 { notComparable != nil ? 65 : (failed ? 1 : 0) }

    /// Adds the first diverging event from the two sides' traces (when the exact check found a
    /// differing replication); a trace that cannot be used adds a note saying why.
    public mutating func attachTraces(baseline: URL?, candidate: URL?) {
        guard var exact, let replication = exact.firstDifferingReplication else { return }
        defer { self.exact = exact }
        guard let baseline, let candidate else {
            let missing = [baseline == nil ? "baseline" : nil, candidate == nil ? "candidate" : nil].compactMap { $0 }.joined(separator: " and ")
            let b = self.baseline, c = self.candidate
            exact.notes.append("no trace for the \(missing): to see the first diverging event, run each side with "
                               + "`jtx run SCENARIO --seed \(b.seed) --replications \(b.replications) --out DIR --trace DIR/trace.jsonl "
                               + "--trace-replications \(replication)` (baseline: \(b.scenario) with jtx \(b.jtxVersion); candidate: "
                               + "\(c.scenario) with jtx \(c.jtxVersion)) and compare the two folders with --exact")
            return
        }
        do {
            if let divergence = try RegressionInput.traceDivergence(baseline: baseline, candidate: candidate, replication: replication) {
                exact.trace = divergence
            } else {
                exact.notes.append("the traces of replication \(replication) are identical: the difference lies in what traces do not show "
                                   + "(untraced events, such as outage ends, or the outcome record)")
            }
        } catch {
            exact.notes.append(error.description)
        }
    }
}

/// Renders comparison results for people (a table, Markdown) and programs (JSON).
public enum ComparisonRender {
    public enum Format: String, CaseIterable, Sendable { case table, json, markdown }

    public static func render(_ results: [ComparisonOutcome], format: Format) -> String {
        switch format {
        case .table: return results.map { text($0, markdown: false) }.joined(separator: "\n")
        case .markdown: return results.map { text($0, markdown: true) }.joined(separator: "\n")
        case .json:
            let objects = results.map(json)
            let value: Any
            if objects.count == 1 { value = objects[0] } else { value = ["comparisons": objects] as [String: Any] }
            let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    // MARK: Text and Markdown

    static func describe(_ side: RegressionSide) -> String {
        guard side.replications > 0 else { return "\(side.source) (no run)" }
        return "\(side.source) (\(side.scenario), seed \(side.seed), \(side.replications) replications, jtx \(side.jtxVersion))"
    }

    static func text(_ result: ComparisonOutcome, markdown: Bool) -> String {
        var out = markdown ? "## \(result.name)\n\n" : ""
        let bullet = markdown ? "- " : ""
        out += "\(bullet)Baseline:  \(describe(result.baseline))\n"
        out += "\(bullet)Candidate: \(describe(result.candidate))\n"
        if let problem = result.notComparable {
            out += "\n" + (markdown ? "**Not comparable**:\n\n" : "NOT COMPARABLE:\n")
            for reason in problem.reasons { out += (markdown ? "- " : "  - ") + reason + "\n" }
        }
        if let exact = result.exact { out += "\n" + exactText(exact, markdown: markdown) }
        if let report = result.statistical { out += "\n" + statisticalText(report, markdown: markdown) }
        let verdict: String
        switch result.exitCode {
        case 0: verdict = "PASS: nothing changed"
        case 1: verdict = "FAIL: " + failureSummary(result)
        default: verdict = "NOT COMPARABLE"
        }
        out += "\n" + (markdown ? "**\(verdict)**" : verdict) + "\n"
        return out
    }

    /// One line naming what failed.
    public static func failureSummary(_ result: ComparisonOutcome) -> String {
        var parts: [String] = []
        if let exact = result.exact, !exact.identical {
            parts.append("fingerprints differ" + (exact.firstDifferingReplication.map { " from replication \($0)" } ?? ""))
        }
        if let report = result.statistical, !report.flagged.isEmpty {
            parts.append("\(report.flagged.count) metric(s) changed: "
                         + report.flagged.map { "\($0.name) (\(change($0)))" }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }

    static func exactText(_ exact: ExactReport, markdown: Bool) -> String {
        let code = { (text: String) in markdown ? "`\(text)`" : text }
        var out = "Exact check: "
        if exact.identical {
            out += "fingerprints match (\(code(hex(exact.baselineFingerprint))), \(exact.replications) replications).\n"
            return out
        }
        out += "fingerprints DIFFER (baseline \(code(hex(exact.baselineFingerprint))), candidate \(code(hex(exact.candidateFingerprint)))).\n"
        if let first = exact.firstDifferingReplication, let pair = exact.replicationFingerprints {
            out += "First differing replication: \(first) (fingerprint \(code(hex(pair.baseline))) vs \(code(hex(pair.candidate)))).\n"
            if exact.valueDifferences.isEmpty {
                out += "Its key metrics are equal (to 6 digits): the events differ, not the outcomes compared.\n"
            } else {
                out += "Key metrics that differ in replication \(first):\n"
                for difference in exact.valueDifferences.prefix(12) {
                    out += (markdown ? "- " : "  ") + "\(difference.metric): \(number(difference.baseline)) -> \(number(difference.candidate))\n"
                }
                if exact.valueDifferences.count > 12 { out += (markdown ? "- " : "  ") + "and \(exact.valueDifferences.count - 12) more\n" }
            }
        }
        if let trace = exact.trace {
            out += "First diverging event: replication \(trace.replication), event \(trace.event) (0-based):\n"
            if markdown {
                out += "\n```\nbaseline:  \(trace.baseline ?? "(trace ended)")\ncandidate: \(trace.candidate ?? "(trace ended)")\n```\n"
            } else {
                out += "  baseline:  \(trace.baseline ?? "(the baseline's trace ended before this event)")\n"
                out += "  candidate: \(trace.candidate ?? "(the candidate's trace ended before this event)")\n"
            }
        }
        for note in exact.notes { out += (markdown ? "- " : "Note: ") + note + "\n" }
        return out
    }

    static func statisticalText(_ report: StatisticalReport, markdown: Bool) -> String {
        let settings = report.settings
        var out = "Statistical check: \(report.metrics.count) metrics, \(report.tests) tests, alpha \(number(settings.alpha)) "
            + "(Holm-adjusted), tolerance \(percent(settings.tolerance)).\n\n"
        let header = ["metric", "baseline", "candidate", "change", "p (Holm)", "test", "verdict"]
        let rows = report.metrics.map { metric -> [String] in
            [metric.name, number(metric.baseline.count > 0 ? metric.baseline.mean : nil), number(metric.candidate.count > 0 ? metric.candidate.mean : nil),
             change(metric), metric.p.map(pValue) ?? "-", metric.decisiveCheck?.test ?? "-",
             metric.verdict == .changed ? "CHANGED" : metric.verdict.rawValue]
        }
        if markdown {
            out += "| " + header.joined(separator: " | ") + " |\n"
            out += "|" + header.enumerated().map { $0.offset == 0 || $0.offset >= 5 ? "---|" : "---:|" }.joined() + "\n"
            for row in rows { out += "| " + row.enumerated().map { $0.offset == 0 ? "`\($0.element)`" : $0.element }.joined(separator: " | ") + " |\n" }
        } else {
            let widths = header.indices.map { column in max(header[column].count, rows.map { $0[column].count }.max() ?? 0) }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { index, cell in
                    let pad = String(repeating: " ", count: widths[index] - cell.count)
                    return index == 0 || index >= 5 ? cell + pad : pad + cell
                }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            }
            out += line(header) + "\n"
            for row in rows { out += line(row) + "\n" }
        }
        out += "\nMeans over replications (proportions for `.met` and `threat.disrupted`); change is relative to the baseline; "
            + "CHANGED = significant at alpha and beyond the tolerance.\n"
        return out
    }

    // MARK: JSON

    static func json(_ result: ComparisonOutcome) -> [String: Any] {
        func side(_ side: RegressionSide) -> [String: Any] {
            ["source": side.source, "scenario": side.scenario, "scenario_digest": side.scenarioDigest, "exercise": side.exercise,
             "seed": side.seed, "replications": side.replications, "jtx_version": side.jtxVersion,
             "fingerprint": side.fingerprint.map(hex) ?? NSNull()]
        }
        var object: [String: Any] = [
            "name": result.name, "baseline": side(result.baseline), "candidate": side(result.candidate),
            "verdict": result.exitCode == 0 ? "pass" : result.exitCode == 1 ? "fail" : "not-comparable",
            "exit_code": Int(result.exitCode),
        ]
        if let problem = result.notComparable { object["not_comparable"] = problem.reasons }
        if let exact = result.exact {
            var e: [String: Any] = ["identical": exact.identical, "baseline_fingerprint": hex(exact.baselineFingerprint),
                                    "candidate_fingerprint": hex(exact.candidateFingerprint), "notes": exact.notes]
            if let first = exact.firstDifferingReplication { e["first_differing_replication"] = first }
            if !exact.valueDifferences.isEmpty {
                e["differing_metrics"] = exact.valueDifferences.map {
                    ["metric": $0.metric, "baseline": jsonValue($0.baseline), "candidate": jsonValue($0.candidate)] as [String: Any]
                }
            }
            if let trace = exact.trace {
                e["first_diverging_event"] = ["replication": trace.replication, "event": trace.event,
                                              "baseline": trace.baseline ?? NSNull(), "candidate": trace.candidate ?? NSNull()] as [String: Any]
            }
            object["exact"] = e
        }
        if let report = result.statistical {
            object["statistical"] = [
                "alpha": report.settings.alpha, "tolerance": report.settings.tolerance, "tests": report.tests,
                "flagged": report.flagged.map(\.name),
                "metrics": report.metrics.map { metric -> [String: Any] in
                    [
                        "metric": metric.name, "kind": metric.kind.rawValue, "verdict": metric.verdict.rawValue,
                        "baseline": describe(metric.baseline), "candidate": describe(metric.candidate),
                        "absolute_change": jsonValue(metric.baseline.count > 0 && metric.candidate.count > 0 ? metric.absoluteChange : nil),
                        "relative_change": jsonValue(metric.relativeChange),
                        "p": jsonValue(metric.p),
                        "tests": metric.checks.map {
                            ["test": $0.test, "statistic": jsonValue($0.statistic), "p": $0.p, "adjusted_p": $0.adjustedP] as [String: Any]
                        },
                    ]
                },
            ] as [String: Any]
        }
        return object
    }

    static func describe(_ stats: Descriptive) -> [String: Any] {
        ["n": stats.count, "mean": jsonValue(stats.count > 0 ? stats.mean : nil),
         "sd": jsonValue(stats.count > 1 ? stats.standardDeviation : nil), "median": jsonValue(stats.count > 0 ? stats.median : nil)]
    }

    static func jsonValue(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return value
    }

    // MARK: Numbers

    static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func number(_ value: Double?) -> String {
        guard let value else { return "-" }
        guard value.isFinite else { return value.isNaN ? "-" : (value > 0 ? "inf" : "-inf") }
        return String(format: "%.6g", value)
    }

    static func percent(_ fraction: Double) -> String {
        let text = String(format: "%.1f", fraction * 100)
        return (text.hasSuffix(".0") ? String(text.dropLast(2)) : text) + "%"
    }

    static func change(_ metric: MetricComparison) -> String {
        guard let relative = metric.relativeChange else { return "-" }
        if relative.isInfinite { return relative > 0 ? "new (+)" : "new (-)" }
        return String(format: "%+.1f%%", relative * 100)
    }

    static func pValue(_ p: Double) -> String {
        // An exact p-value of 0 is below what a Double resolves next to 1 (tests compute 1 − P).
        if p < 1e-4 { return p < 1e-15 ? "<1e-15" : String(format: "%.1e", p) }
        return String(format: "%.4f", p)
    }
}
