internal import Experiments
internal import Foundation

/// The report's tables as Markdown, for pasting into an after-action report. Text from the
/// scenario is HTML-escaped (Markdown renders HTML) and `|` is escaped so a cell cannot split.
public struct MarkdownReport {
    public let document: SummaryDocument

    public init(document: SummaryDocument) { self.document = document }

    static func cell(_ text: String) -> String {
        HTMLText.escape(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    static func table(_ header: [String], _ rows: [[String]]) -> String {
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { $0 == 0 ? " --- |" : " ---: |" }.joined() + "\n"
        for row in rows { out += "| " + row.joined(separator: " | ") + " |\n" }
        return out
    }

    public func render() -> String {
        let summary = document.summary
        let level = ReportNumber.fixed(summary.confidence * 100, 0) + "%"
        var out = "# \(Self.cell(summary.exercise))\n\n"
        out += "Scenario `\(Self.cell(document.scenario))` (digest \(Self.cell(document.scenarioDigest))), seed \(summary.seed), "
        out += "\(summary.replications) replications, horizon \(ReportNumber.hours(summary.horizonHours)), jtx \(Self.cell(document.jtxVersion)).\n\n"
        out += "## Objectives\n\nP(met): share rated P (milestone within the deadline), with its \(level) interval; times from trigger to milestone.\n\n"
        out += Self.table(["Objective", "Core capability", "Deadline", "P(met)", "Interval", "P", "S", "M", "U", "N/A", "p50", "p90"],
                          summary.objectives.map { objective in
            [Self.cell(objective.id), Self.cell(objective.capability), ReportNumber.hours(objective.deadlineHours),
             ReportNumber.percent(objective.probabilityMet),
             objective.probabilityMetInterval.map { "\(ReportNumber.percent($0.lower))–\(ReportNumber.percent($0.upper))" } ?? "–"]
                + ["P", "S", "M", "U", "N/A"].map { ReportNumber.percent(objective.ratings[$0] ?? 0) }
                + [ReportNumber.hours(objective.elapsedHours.p50), ReportNumber.hours(objective.elapsedHours.p90)]
        })
        let categories = HTMLReport.categories(summary.objectives).filter { name in summary.objectives.contains { ($0.timeHours[name] ?? 0) > 0 } }
        if !categories.isEmpty {
            out += "\n## Where the time goes\n\nMean hours along the critical path, trigger to milestone.\n\n"
            out += Self.table(["Objective"] + categories.map(ReportNumber.category) + ["total"], summary.objectives.map { objective in
                [Self.cell(objective.id)] + categories.map { ReportNumber.fixed(objective.timeHours[$0] ?? 0, 2) }
                    + [ReportNumber.fixed(objective.timeHours.values.reduce(0, +), 2)]
            })
        }
        if let threat = summary.threat {
            let interval = threat.probabilityDisruptedInterval.map { " (\(ReportNumber.percent($0.lower))–\(ReportNumber.percent($0.upper)))" } ?? ""
            out += "\n## Threat\n\n\(Self.cell(threat.description))\n\nP(disrupted before the attack) = \(ReportNumber.percent(threat.probabilityDisrupted))\(interval).\n"
        }
        out += "\n## Agencies\n\n"
        out += Self.table(["Agency", "Id", "Staff", "Utilisation", "Mean queue wait", "Tasks/rep"], summary.agencies.map {
            [Self.cell($0.name), Self.cell($0.id), String($0.staff), ReportNumber.percent($0.utilisation),
             ReportNumber.hours($0.meanQueueWaitHours), ReportNumber.decimal($0.tasksCompletedPerReplication)]
        })
        if !summary.channels.isEmpty {
            out += "\n## Channels\n\n"
            out += Self.table(["Channel", "Id", "Messages/rep", "Failed attempts/rep", "Lost/rep", "Mean latency"], summary.channels.map {
                [Self.cell($0.name), Self.cell($0.id), ReportNumber.decimal($0.messagesPerReplication), ReportNumber.decimal($0.failedAttemptsPerReplication),
                 ReportNumber.decimal($0.lostPerReplication), ReportNumber.hours($0.meanLatencyHours)]
            })
        }
        return out
    }
}
