internal import Experiments
internal import Foundation

/// The report's threat section (who beats the attack, and when the attack and the disruption
/// come) and the handoffs most often on each objective's critical path.
extension HTMLReport {
    func threat() -> String {
        var html = "<section id=\"threat\"><h2>Threat</h2>"
        guard let threat = summary.threat else { return html + "<p>The scenario has no threat clock.</p></section>\n" }
        html += "<p>\(HTMLText.escape(threat.description))</p>"
        html += "<p>The probability that the response disrupts the plot before the attack, and for each objective the probability "
        html += "that its milestone comes before the attack (whiskers: \(level) Wilson intervals).</p>"
        var items: [(label: String, value: Double, interval: (Double, Double)?)] = [
            (label: "plot disrupted (threat)", value: threat.probabilityDisrupted,
             interval: threat.probabilityDisruptedInterval.map { ($0.lower, $0.upper) }),
        ]
        for objective in summary.objectives {
            guard let value = objective.probabilityBeforeAttack else { continue }
            items.append((label: objective.id, value: value,
                          interval: objective.probabilityBeforeAttackInterval.map { ($0.lower, $0.upper) }))
        }
        html += SVGChart.bars(id: "threat-chart", title: "Beating the threat clock: probability of being in time for the attack",
                              axisLabel: "probability before the attack (%)", items: items, maxValue: 1,
                              tick: { ReportNumber.fixed($0 * 100, 0) + "%" }, format: ReportNumber.percent, colour: "#009E73",
                              colours: ["#D55E00"] + Array(repeating: "#009E73", count: max(items.count - 1, 0)),
                              key: [("the threat's disrupting milestone", "#D55E00"), ("an objective's milestone", "#009E73")])
        let attack = rows.numbers("threat.attack_hours"), disrupted = rows.numbers("threat.disrupted_hours")
        if !attack.isEmpty {
            html += "<p>When the attack would come, and when the disrupting milestone was reached, over \(rows.rows.count) replications "
            html += "(replications where the disruption never came stay below 100%). Where the blue curve lies left of the orange one, "
            html += "the response tends to be first.</p>"
            html += SVGChart.curves(id: "threat-clock-chart", title: "The threat clock: attack time against disruption time",
                                    axisLabel: "time since the exercise start", curves: [
                                        .init(label: "attack", hours: attack, total: rows.rows.count, colour: "#E69F00", dashed: true),
                                        .init(label: "plot disrupted", hours: disrupted, total: rows.rows.count, colour: "#0072B2"),
                                    ])
        }
        html += "<p>Attack time p50 \(ReportNumber.hours(threat.attackHours.p50)); disruption p50 \(ReportNumber.hours(threat.disruptedHours.p50)), "
        html += "p90 \(ReportNumber.hours(threat.disruptedHours.p90)).</p>"
        return html + "</section>\n"
    }

    /// Handoffs shown per objective in the chart.
    static let handoffsPerObjective = 4

    func criticalHandoffs() -> String {
        var html = "<section id=\"critical-handoffs\"><h2>Handoffs on the critical path</h2>"
        let listed = summary.objectives.filter { !($0.criticalHandoffs ?? []).isEmpty }
        guard !listed.isEmpty else {
            let recorded = summary.objectives.contains { $0.criticalHandoffs != nil }
            return html + (recorded ? "<p>No critical path crossed between agencies.</p>"
                                    : "<p>These results were written before jtx recorded critical-path handoffs; run the scenario again.</p>")
                + "</section>\n"
        }
        html += "<p>For each objective, the passings of the case between agencies that most often lie on the critical path from trigger "
        html += "to milestone: the share of the replications reaching the milestone whose path holds the handoff. A legal request "
        html += "is a handoff to another jurisdiction through a legal instrument; a message goes over a channel.</p>"
        html += handoffChart(listed)
        html += "<table><thead><tr><th>Objective</th><th>From (task at agency)</th><th>To (task at agency)</th><th>By</th><th>On the path</th></tr></thead><tbody>"
        for objective in listed {
            for handoff in (objective.criticalHandoffs ?? []).prefix(Self.handoffsPerObjective) {
                html += "<tr><td>\(HTMLText.escape(objective.id))</td>"
                html += "<td>\(HTMLText.escape(handoff.fromTask)) at \(HTMLText.escape(handoff.fromAgency))</td>"
                html += "<td>\(HTMLText.escape(handoff.toTask)) at \(HTMLText.escape(handoff.toAgency))</td>"
                html += "<td>\(handoff.kind == "request" ? "legal request" : "message")</td><td>\(ReportNumber.percent(handoff.share))</td></tr>"
            }
        }
        return html + "</tbody></table></section>\n"
    }

    /// Grouped horizontal bars: a heading per objective, then its most frequent handoffs
    /// ("FROM → TO" on the left, the tasks right of the bar), coloured by kind.
    func handoffChart(_ objectives: [RunSummary.ObjectiveSummary]) -> String {
        let barH = 16.0, gap = 6.0, headH = 22.0, top = 30.0, left = SVGChart.labelWidth, plotW = 260.0
        let colours = ["message": "#0072B2", "request": "#D55E00"]
        var body = "", y = top
        for objective in objectives {
            body += "<text x=\"0\" y=\"\(SVGChart.n(y + 15))\" class=\"tl\" font-weight=\"600\">\(HTMLText.escape(SVGChart.short(objective.id, 40)))</text>"
            y += headH
            for handoff in (objective.criticalHandoffs ?? []).prefix(Self.handoffsPerObjective) {
                let pair = "\(handoff.fromAgency) → \(handoff.toAgency)", tasks = "\(handoff.fromTask) → \(handoff.toTask)"
                let width = handoff.share * plotW
                body += SVGChart.text(left - 8, y + barH * 0.8, SVGChart.short(pair), anchor: "end")
                body += SVGChart.line(left, y + barH / 2, left + plotW, y + barH / 2, "#eee", widthPx: barH)
                body += SVGChart.rect(left, y, width, barH, colours[handoff.kind] ?? "#0072B2",
                                      tip: "\(objective.id): \(handoff.fromTask) at \(handoff.fromAgency) → \(handoff.toTask) at \(handoff.toAgency), "
                                        + "\(handoff.kind), on the path in \(ReportNumber.percent(handoff.share))")
                body += SVGChart.text(left + plotW + 6, y + barH * 0.8, ReportNumber.fixed(handoff.share * 100, 0) + "%")
                body += SVGChart.text(left + plotW + 46, y + barH * 0.8, SVGChart.short(tasks, 34))
                y += barH + gap
            }
        }
        for share in [0.0, 0.5, 1.0] {
            body += SVGChart.text(left + share * plotW, y + 14, ReportNumber.fixed(share * 100, 0) + "%", anchor: "middle")
        }
        body += SVGChart.text(left + plotW / 2, y + 30, "share of the replications reaching the milestone", anchor: "middle")
        let key = SVGChart.legend([("message", "#0072B2"), ("legal request", "#D55E00")], y: y + 40)
        let title = "Handoffs most often on the critical path, per objective"
        return SVGChart.open("critical-handoffs-chart", height: y + 40 + key.height + 6, title: title) + body + key.svg + "</svg>"
    }
}
