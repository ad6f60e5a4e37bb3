internal import Experiments
public import ExerciseModel
internal import Foundation

/// The traced events of one representative replication, for the report's timeline.
public struct TimelineInput: Sendable {
    public var exercise: Exercise
    public var replication: Int
    public var events: [TraceEvent]
    /// Why this replication was chosen (shown under the chart's heading).
    public var note: String

    public init(exercise: Exercise, replication: Int, events: [TraceEvent], note: String) {
        self.exercise = exercise
        self.replication = replication
        self.events = events
        self.note = note
    }

    /// The replication whose value of `column` in `rows` is closest to the column's median
    /// (the lower median for an even count; ties to the lowest index); nil when no row has a value.
    public static func medianReplication(_ rows: ReplicationRows, column: String) -> (replication: Int, value: Double)? {
        let indices = rows.cells("replication")
        let pairs: [(Int, Double)] = zip(indices, rows.cells(column)).compactMap { index, cell in
            guard let index, let replication = Int(index), let cell, let value = Double(cell) else { return nil }
            return (replication, value)
        }
        let sorted = pairs.map(\.1).sorted()
        guard !sorted.isEmpty else { return nil }
        let median = sorted[(sorted.count - 1) / 2]
        guard let best = pairs.min(by: { (abs($0.1 - median), $0.0) < (abs($1.1 - median), $1.0) }) else { return nil }
        return (best.0, best.1)
    }
}

/// One lane per agency; tasks as bars (queueing light, work dark), messages as arrows between
/// lanes, injects as triangles.
struct TimelineChart {
    let input: TimelineInput

    struct Bar { var agency: Int; var task: Int; var ready: Double?; var start: Double?; var end: Double? }

    func section() -> String {
        var html = "<section id=\"timeline\"><h2>Timeline of one replication</h2>"
        html += "<p>Replication \(input.replication): \(HTMLText.escape(input.note)) One lane per agency; main case only; a light bar is a task "
        html += "waiting for staff, a dark bar is the task in work (including any office-hours pause), arrows are messages from "
        html += "sending to delivery, triangles are injects.</p>"
        return html + chart() + "</section>\n"
    }

    func chart() -> String {
        let exercise = input.exercise
        var bars: [String: Bar] = [:]
        var messages: [Int32: (from: Int, to: Int, sent: Double, delivered: Double?)] = [:]
        var injects: [(agency: Int, time: Double, id: Int)] = []
        // Only the main case: background cases (repeating injects) would bury it.
        let isMain = CasePlan(exercise).caseOfTask.map { $0 == CasePlan.mainCase }
        var firings: [Int32: Int] = [:]
        for event in input.events where event.kind == .injectFired { firings[event.inject, default: 0] += 1 }
        var endTime = 0.0
        for event in input.events where event.kind != .attack {
            if event.task >= 0 && !(isMain.indices.contains(Int(event.task)) && isMain[Int(event.task)]) { continue }
            if event.kind == .injectFired && firings[event.inject, default: 0] > 1 { continue }
            if event.kind != .subjectMoved { endTime = max(endTime, event.time) }
            let key = "\(event.task)/\(event.instance)"
            switch event.kind {
            case .taskReady, .taskStarted, .taskCompleted:
                guard event.agency >= 0, event.task >= 0 else { continue }
                var bar = bars[key] ?? Bar(agency: Int(event.agency), task: Int(event.task))
                bar.agency = Int(event.agency)
                if event.kind == .taskReady { bar.ready = bar.ready ?? event.time }
                if event.kind == .taskStarted { bar.start = event.time }
                if event.kind == .taskCompleted { bar.end = event.time }
                bars[key] = bar
            case .messageSent:
                guard event.agency >= 0, event.peer >= 0, messages[event.message] == nil else { continue }
                messages[event.message] = (Int(event.agency), Int(event.peer), event.time, nil)
            case .messageDelivered:
                messages[event.message]?.delivered = event.time
            case .injectFired:
                if event.agency >= 0 && event.inject >= 0 { injects.append((Int(event.agency), event.time, Int(event.inject))) }
            default:
                continue
            }
        }
        let laneH = 26.0, top = 30.0, left = SVGChart.labelWidth, plotW = SVGChart.width - left - 20
        let agencies = exercise.agencies
        let plotH = Double(agencies.count) * laneH
        let axis = SVGChart.TimeAxis(maxHours: max(endTime / 3600, 1e-6))
        func x(_ seconds: Double) -> Double { left + seconds / 3600 / axis.end * plotW }
        func laneY(_ agency: Int) -> Double { top + Double(agency) * laneH }
        let legendTop = top + plotH + 44
        let key = SVGChart.legend([("waiting for staff", "#56B4E9"), ("work", "#0072B2"), ("message", "#CC79A7"), ("inject", "#E69F00")], y: legendTop)
        var svg = SVGChart.open("timeline-chart", height: legendTop + key.height + 6,
                                title: "Timeline of replication \(input.replication): tasks, messages and injects per agency")
        svg += "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\">"
        svg += "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#CC79A7\"/></marker></defs>"
        for (index, agency) in agencies.enumerated() {
            if index % 2 == 0 { svg += SVGChart.rect(left, laneY(index), plotW, laneH, "#f6f6f6") }
            svg += SVGChart.text(left - 8, laneY(index) + laneH * 0.65, SVGChart.short(agency.id, 28), anchor: "end")
        }
        for tick in axis.ticks {
            svg += SVGChart.line(x(tick * 3600), top, x(tick * 3600), top + plotH + 4, "#ddd")
            svg += SVGChart.text(x(tick * 3600), top + plotH + 16, axis.label(tick), anchor: "middle")
        }
        svg += SVGChart.text(left + plotW / 2, top + plotH + 34, "time since the exercise start (\(axis.unit))", anchor: "middle")
        for bar in bars.values.sorted(by: { ($0.ready ?? $0.start ?? 0, $0.task) < ($1.ready ?? $1.start ?? 0, $1.task) }) {
            guard agencies.indices.contains(bar.agency), exercise.tasks.indices.contains(bar.task) else { continue }
            let name = exercise.tasks[bar.task].id
            let y = laneY(bar.agency) + 4, h = laneH - 8
            if let ready = bar.ready {
                let until = bar.start ?? bar.end ?? endTime
                if until > ready { svg += SVGChart.rect(x(ready), y, x(until) - x(ready), h, "#56B4E9", tip: "\(name): waiting for staff") }
            }
            if let start = bar.start {
                let until = bar.end ?? endTime
                let width = x(until) - x(start)
                svg += SVGChart.rect(x(start), y, max(width, 1), h, "#0072B2", tip: "\(name): work \(ReportNumber.hours((until - start) / 3600))")
                if width > Double(name.count) * 6.5 + 4 {
                    svg += "<text x=\"\(SVGChart.n(x(start) + 3))\" y=\"\(SVGChart.n(y + h * 0.72))\" class=\"bl\">\(HTMLText.escape(name))</text>"
                }
            }
        }
        for (_, message) in messages.sorted(by: { $0.key < $1.key }) {
            guard let delivered = message.delivered, agencies.indices.contains(message.from), agencies.indices.contains(message.to) else { continue }
            let y1 = laneY(message.from) + laneH / 2, y2 = laneY(message.to) + laneH / 2
            svg += "<line x1=\"\(SVGChart.n(x(message.sent)))\" y1=\"\(SVGChart.n(y1))\" x2=\"\(SVGChart.n(x(delivered)))\" y2=\"\(SVGChart.n(y2))\" "
            svg += "stroke=\"#CC79A7\" stroke-width=\"1.2\" marker-end=\"url(#arrow)\"/>"
        }
        for inject in injects where agencies.indices.contains(inject.agency) {
            let cx = x(inject.time), y = laneY(inject.agency) + 2
            let id = exercise.injects.indices.contains(inject.id) ? exercise.injects[inject.id].id : "inject"
            svg += "<path d=\"M\(SVGChart.n(cx - 5)),\(SVGChart.n(y)) L\(SVGChart.n(cx + 5)),\(SVGChart.n(y)) L\(SVGChart.n(cx)),\(SVGChart.n(y + 9)) z\" "
            svg += "fill=\"#E69F00\" stroke=\"#000\" stroke-width=\"0.5\"><title>inject \(HTMLText.escape(id))</title></path>"
        }
        return svg + key.svg + "</svg>"
    }
}
