internal import Experiments
internal import Foundation

/// A self-contained HTML page for one run: inline CSS and SVG, no scripts, no external resource.
///
/// Sections carry stable ids: `report-header`, `objectives`, `distributions` (one
/// `cdf-<n>` chart per objective), `time-attribution`, `critical-handoffs`, `threat`,
/// `agencies`, `channels`, `handoffs` and, when a trace is given, `timeline`. Every chart is an
/// `<svg>` whose `id` and `data-chart` name it (`HTMLReport.chartIDs` lists them).
public struct HTMLReport {
    public let document: SummaryDocument
    public let rows: ReplicationRows
    public let timeline: TimelineInput?
    /// When the report was made, shown in the header (the result files hold no timestamp).
    public let generated: String?

    public init(document: SummaryDocument, rows: ReplicationRows, timeline: TimelineInput? = nil, generated: String? = nil) {
        self.document = document
        self.rows = rows
        self.timeline = timeline
        self.generated = generated
    }

    var summary: RunSummary { document.summary }

    public func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<title>jtx report: \(HTMLText.escape(summary.exercise))</title><style>\(Self.css)</style></head><body>\n"
        html += header() + objectivesTable() + distributions() + timeAttribution() + criticalHandoffs() + threat() + agencies() + channels() + handoffs()
        if let timeline { html += TimelineChart(input: timeline).section() }
        html += "<footer><p>Made by jtx \(HTMLText.escape(document.jtxVersion)). Intervals are \(level) confidence intervals "
        html += "(Wilson for probabilities, t for means). Times run from an objective&#39;s trigger to its milestone.</p></footer>\n"
        return html + "</body></html>\n"
    }

    var level: String { ReportNumber.fixed(summary.confidence * 100, 0) + "%" }

    func header() -> String {
        var html = "<header id=\"report-header\"><h1>\(HTMLText.escape(summary.exercise))</h1><dl>"
        var items: [(String, String)] = [
            ("Scenario", document.scenario), ("Scenario digest (FNV-1a 64)", document.scenarioDigest),
            ("Seed", String(summary.seed)), ("Replications", String(summary.replications)),
            ("Horizon", ReportNumber.hours(summary.horizonHours)), ("jtx version", document.jtxVersion),
        ]
        if let generated { items.append(("Report made", generated)) }
        for (term, value) in items { html += "<dt>\(HTMLText.escape(term))</dt><dd>\(HTMLText.escape(value))</dd>" }
        return html + "</dl></header>\n"
    }

    func objectivesTable() -> String {
        var html = "<section id=\"objectives\"><h2>Objectives</h2>"
        html += "<p>Probability that each objective is met (rated P: milestone within the deadline), with its \(level) interval, "
        html += "the share of each rating, and the median and 90th percentile of the time from trigger to milestone.</p>"
        html += "<table><thead><tr><th>Objective</th><th>Core capability</th><th>Deadline</th><th>P(met)</th><th>Interval</th>"
        html += "<th>Ratings (P/S/M/U/N/A)</th><th>p50</th><th>p90</th></tr></thead><tbody>"
        for objective in summary.objectives {
            let interval = objective.probabilityMetInterval.map { "\(ReportNumber.percent($0.lower))–\(ReportNumber.percent($0.upper))" } ?? "–"
            html += "<tr><td><strong>\(HTMLText.escape(objective.id))</strong><br><small>\(HTMLText.escape(objective.description))</small></td>"
            html += "<td>\(HTMLText.escape(objective.capability))</td><td>\(ReportNumber.hours(objective.deadlineHours))</td>"
            html += "<td>\(ReportNumber.percent(objective.probabilityMet))</td><td>\(interval)</td>"
            html += "<td>\(SVGChart.ratingBar(objective.ratings))</td>"
            html += "<td>\(ReportNumber.hours(objective.elapsedHours.p50))</td><td>\(ReportNumber.hours(objective.elapsedHours.p90))</td></tr>"
        }
        html += "</tbody></table><p class=\"key\">Rating colours: "
        html += Palette.ratings.map { "<span class=\"sw\" style=\"background:\($0.1)\"></span>\($0.0)" }.joined(separator: " ")
        return html + "</p></section>\n"
    }

    func distributions() -> String {
        var html = "<section id=\"distributions\"><h2>Time to each milestone</h2>"
        html += "<p>For each objective, the share of replications whose milestone was reached within a given time after the trigger "
        html += "(an empirical cumulative distribution over \(rows.rows.count) replications); the dashed line is the deadline.</p>"
        for (index, objective) in summary.objectives.enumerated() {
            let values = rows.numbers("objective.\(objective.id).elapsed_hours")
            html += SVGChart.cdf(id: "cdf-\(index)", title: "\(objective.id): time from trigger to milestone",
                                 hours: values, total: rows.rows.count, deadline: objective.deadlineHours)
        }
        return html + "</section>\n"
    }

    func timeAttribution() -> String {
        // Only the categories some objective spends time in, so that each gets its own colour.
        let categories = Self.categories(summary.objectives).filter { name in summary.objectives.contains { ($0.timeHours[name] ?? 0) > 0 } }
        let fills = Palette.distinct(categories.count, id: "time")
        var html = "<section id=\"time-attribution\"><h2>Where the time goes</h2>"
        html += "<p>Mean hours along the critical path from trigger to milestone, by what the case was doing, over the replications "
        html += "where the milestone was reached.</p>"
        let chartRows = summary.objectives.map { objective in (label: objective.id, values: categories.map { objective.timeHours[$0] ?? 0 }) }
        html += SVGChart.stackedBars(id: "time-chart", title: "Where the time goes: mean time per category, per objective",
                                     axisLabel: "mean time along the critical path", rows: chartRows, categories: categories,
                                     colours: fills.colours, defs: fills.defs)
        return html + "</section>\n"
    }

    /// The time categories in file order (`staff_wait`, `work`, …), as the summary names them.
    static func categories(_ objectives: [RunSummary.ObjectiveSummary]) -> [String] {
        let order = ["staff_wait", "work", "office_hours", "transfer_latency", "handling", "translation", "legal_review",
                     "consent", "retries", "reframing", "subject_unreachable", "outage", "injects"]
        let extra = Set(objectives.flatMap { $0.timeHours.keys }).subtracting(order).sorted()
        return order + extra
    }

    func agencies() -> String {
        var html = "<section id=\"agencies\"><h2>Agencies</h2><p>Mean share of staff busy, and mean wait for a free staff member, "
        html += "over the replications (whiskers: \(level) intervals).</p>"
        let utilisation = summary.agencies.map { (label: "\($0.id): \($0.name)", value: $0.utilisation, interval: $0.utilisationInterval.map { ($0.lower, $0.upper) }) }
        html += SVGChart.bars(id: "utilisation-chart", title: "Agency utilisation: mean share of staff busy",
                              axisLabel: "utilisation (%)", items: utilisation, maxValue: 1,
                              tick: { ReportNumber.fixed($0 * 100, 0) + "%" }, format: ReportNumber.percent, colour: "#0072B2")
        let waits = summary.agencies.map { (label: "\($0.id): \($0.name)", value: $0.meanQueueWaitHours, interval: $0.meanQueueWaitInterval.map { (max(0, $0.lower), $0.upper) }) }
        let axis = SVGChart.TimeAxis(maxHours: max(waits.map { max($0.value, $0.interval?.1 ?? 0) }.max() ?? 0, 1.0 / 60))
        html += SVGChart.bars(id: "queue-chart", title: "Agency queue waits: mean wait for a free staff member",
                              axisLabel: "mean queue wait (\(axis.unit))", items: waits, maxValue: 0, ticks: axis.ticks,
                              tick: axis.label, format: ReportNumber.hours, colour: "#E69F00")
        html += "<table><thead><tr><th>Agency</th><th>Id</th><th>Staff</th><th>Utilisation</th><th>Mean queue wait</th><th>Tasks/rep</th></tr></thead><tbody>"
        for agency in summary.agencies {
            html += "<tr><td>\(HTMLText.escape(agency.name))</td><td>\(HTMLText.escape(agency.id))</td><td>\(agency.staff)</td>"
            html += "<td>\(ReportNumber.percent(agency.utilisation))</td><td>\(ReportNumber.hours(agency.meanQueueWaitHours))</td>"
            html += "<td>\(ReportNumber.decimal(agency.tasksCompletedPerReplication))</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    func channels() -> String {
        var html = "<section id=\"channels\"><h2>Channel traffic</h2>"
        guard !summary.channels.isEmpty else { return html + "<p>No channels.</p></section>\n" }
        html += "<table><thead><tr><th>Channel</th><th>Id</th><th>Messages/rep</th><th>Failed attempts/rep</th><th>Lost/rep</th><th>Mean latency</th></tr></thead><tbody>"
        for channel in summary.channels {
            html += "<tr><td>\(HTMLText.escape(channel.name))</td><td>\(HTMLText.escape(channel.id))</td>"
            html += "<td>\(ReportNumber.decimal(channel.messagesPerReplication))</td><td>\(ReportNumber.decimal(channel.failedAttemptsPerReplication))</td>"
            html += "<td>\(ReportNumber.decimal(channel.lostPerReplication))</td><td>\(ReportNumber.hours(channel.meanLatencyHours))</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    func handoffs() -> String {
        let counts = summary.handoffsPerReplication.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        var html = "<section id=\"handoffs\"><h2>Legal requests and handoffs</h2>"
        guard !counts.isEmpty else { return html + "<p>No legal requests, consent requests or subject handoffs.</p></section>\n" }
        html += "<table><thead><tr><th>Count</th><th>Per replication</th></tr></thead><tbody>"
        for (name, value) in counts { html += "<tr><td>\(HTMLText.escape(ReportNumber.category(name)))</td><td>\(ReportNumber.decimal(value))</td></tr>" }
        return html + "</tbody></table></section>\n"
    }

    static let css = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2em auto;max-width:1000px;color:#222;padding:0 1em}
        h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #0072B2;padding-bottom:.2em;margin-top:1.6em}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2em 1em}dt{font-weight:600}dd{margin:0;word-break:break-all}
        table{border-collapse:collapse;margin:.8em 0;font-size:.9em}th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}
        th{background:#f2f2f2}svg.chart{display:block;margin:1em 0;max-width:100%;height:auto;font-size:12px}
        .ct{font-weight:600;font-size:14px}.bl{fill:#fff;font-size:10px}.tl{fill:#222}.dl{fill:#D55E00;font-weight:600}
        .sw{display:inline-block;width:.9em;height:.9em;margin:0 .2em 0 .6em;vertical-align:middle}footer{margin-top:2em;color:#555;font-size:.85em}
        .tlw{display:flex;align-items:flex-start;margin:.5em 0}.tlw>svg{flex:none}.scroll{overflow-x:auto;flex:1 1 auto;min-width:0;border-left:1px solid #333}
        .scroll svg.chart{max-width:none;margin:0}.tn{fill:#111;font-size:10px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}p.ct{margin:1em 0 .2em}
        """
}
