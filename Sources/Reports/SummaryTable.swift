internal import Foundation
public import Experiments

/// The summary as plain-text tables a planner can read at a glance on a terminal.
public enum SummaryTable {
    public static func render(_ summary: RunSummary) -> String {
        var out = "\(summary.exercise): \(summary.replications) replications, seed \(summary.seed), horizon \(hours(summary.horizonHours))\n\n"
        let level = fixed(summary.confidence * 100, 0) + "%"
        out += "Objectives (intervals: \(level) confidence; times from trigger to milestone)\n"
        out += table(
            header: ["objective", "deadline", "P(met)", "interval", "P", "S", "M", "U", "N/A", "mean", "interval", "p50", "p90", "p95"],
            rows: summary.objectives.map { objective in
                [objective.id, hours(objective.deadlineHours), percent(objective.probabilityMet),
                 objective.probabilityMetInterval.map { "\(percent($0.lower))–\(percent($0.upper))" } ?? "–"]
                    + ["P", "S", "M", "U", "N/A"].map { percent(objective.ratings[$0] ?? 0) }
                    + [hours(objective.elapsedHours.mean),
                       objective.elapsedMeanInterval.map { "\(hours($0.lower))–\(hours($0.upper))" } ?? "–",
                       hours(objective.elapsedHours.p50), hours(objective.elapsedHours.p90), hours(objective.elapsedHours.p95)]
            })
        let attributed = summary.objectives.filter { !$0.timeHours.values.allSatisfy { $0 == 0 } }
        if !attributed.isEmpty {
            out += "\nWhere the time goes (mean hours along the critical path, trigger to milestone)\n"
            for objective in attributed {
                let total = objective.timeHours.values.reduce(0, +)
                let parts = objective.timeHours.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                let text = parts.prefix(5).map { "\($0.key.replacingOccurrences(of: "_", with: " ")) \(hours($0.value)) (\(percent(total > 0 ? $0.value / total : 0)))" }
                out += "  \(objective.id): " + text.joined(separator: ", ") + "\n"
            }
        }
        if let threat = summary.threat {
            out += "\nThreat: \(threat.description)\n"
            let interval = threat.probabilityDisruptedInterval.map { " (\(percent($0.lower))–\(percent($0.upper)))" } ?? ""
            out += "  P(disrupted before the attack) = \(percent(threat.probabilityDisrupted))\(interval); attack p50 \(hours(threat.attackHours.p50)), disruption p50 \(hours(threat.disruptedHours.p50))\n"
        }
        out += "\nAgencies\n"
        out += table(
            header: ["agency", "staff", "utilisation", "mean queue wait", "tasks/rep"],
            rows: summary.agencies.map { [$0.id, String($0.staff), percent($0.utilisation), hours($0.meanQueueWaitHours), decimal($0.tasksCompletedPerReplication)] })
        if !summary.channels.isEmpty {
            out += "\nChannels\n"
            out += table(
                header: ["channel", "messages/rep", "failed attempts/rep", "lost/rep", "mean latency"],
                rows: summary.channels.map { [$0.id, decimal($0.messagesPerReplication), decimal($0.failedAttemptsPerReplication), decimal($0.lostPerReplication), hours($0.meanLatencyHours)] })
        }
        return out
    }

    /// Columns padded to their widest cell; the first column left-aligned, the rest right-aligned.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line)).map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// A duration in hours, shown in the unit a planner would use: minutes, hours or days.
    static func hours(_ value: Double?) -> String {
        guard let value else { return "–" }
        if value < 1 { return fixed(value * 60, 0) + " min" }
        if value < 48 { return fixed(value, 1) + " h" }
        return fixed(value / 24, 1) + " d"
    }

    static func percent(_ value: Double) -> String { fixed(value * 100, 1) + "%" }

    static func decimal(_ value: Double) -> String { fixed(value, 2) }

    /// `value` rounded to `digits` decimals, without Foundation's locale-dependent formatting.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        var text = String(rounded)
        if digits == 0 {
            if text.hasSuffix(".0") { text.removeLast(2) }
            return text
        }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.contains("e") { return text }
        return String(parts[0]) + "." + fraction.padding(toLength: digits, withPad: "0", startingAt: 0)
    }
}
