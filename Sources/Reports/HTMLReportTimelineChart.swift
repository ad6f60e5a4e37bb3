internal import ExerciseModel
internal import Foundation

/// The timeline of one replication: one lane per agency, its closed hours shaded; tasks as bars
/// (waiting for staff light, work dark, work paused outside office hours hatched), stacked in
/// sub-rows where they overlap; messages and legal requests as arrows between lanes; injects
/// as triangles; the attack as a dashed line.
///
/// The time axis is zoomed to 110 px a day (up to 16,000 px, in a box that scrolls
/// sideways) with ticks at least 64 px apart, so 15 agencies over 30 days stay readable; the
/// lane labels sit in a separate column that does not scroll. Task names are written only where
/// they fit (in the work bar, or after the bar before the next one); every bar, arrow and
/// marker has a tooltip.
struct TimelineChart {
    let input: TimelineInput

    static let labelWidth = 190.0, axisTop = 40.0, axisBottom = 44.0, rowH = 14.0, barH = 11.0
    /// The zoom: pixels per day, up to a chart this wide (about 145 days); longer replications are squeezed.
    static let pixelsPerDay = 110.0, widest = 16_000.0
    static let waiting = "#56B4E9", work = "#0072B2", closed = "#dcdcdc", message = "#CC79A7", request = "#D55E00", inject = "#E69F00"

    func section() -> String {
        let data = TimelineData(input)
        var html = "<section id=\"timeline\"><h2>Timeline of one replication</h2>"
        html += "<p>Replication \(input.replication): \(HTMLText.escape(input.note)) One lane per agency, main case only. Grey: "
        html += "the agency is closed (outside its working hours, in its own time zone, or a holiday). A light bar is a task waiting for "
        html += "staff, a dark bar the task in work, hatched where the work pauses outside office hours. Arrows run from sending to "
        html += "delivery (messages) or from drafting to the grant (legal requests). Scroll sideways for later days; hover for details.</p>"
        return html + chart(data) + "</section>\n"
    }

    /// Tick step in hours: the smallest of 1-2-3-6-12 h or 1-2-3-5-7-14-30 days at least 64 px apart.
    static func tickStep(pixelsPerHour: Double) -> Double {
        let steps: [Double] = [1, 2, 3, 6, 12, 24, 48, 72, 120, 168, 336, 720]
        return steps.first { $0 * pixelsPerHour >= 64 } ?? 1440
    }

    func chart(_ data: TimelineData) -> String {
        let exercise = input.exercise, agencies = exercise.agencies
        let endHours = max(data.end, data.attack ?? 0) / 3600 * 1.02
        let plotW = min(max(560, endHours / 24 * Self.pixelsPerDay), Self.widest)
        let pxPerHour = plotW / max(endHours, 1e-6)
        func x(_ seconds: Double) -> Double { 36 + seconds / 3600 * pxPerHour }
        let chartW = plotW + 72

        // Sub-rows per lane, so that overlapping tasks (several staff) do not hide each other.
        var rowsOfLane = [Int](repeating: 1, count: agencies.count)
        var rowOfBar = [Int](repeating: 0, count: data.bars.count)
        var rowEnds = [[Double]](repeating: [], count: agencies.count)
        for (index, bar) in data.bars.enumerated() where agencies.indices.contains(bar.agency) {
            let from = bar.ready ?? bar.start ?? 0, to = bar.end ?? data.end
            let row = rowEnds[bar.agency].firstIndex { $0 <= from } ?? (rowEnds[bar.agency].count < 6 ? rowEnds[bar.agency].count
                : rowEnds[bar.agency].indices.min { rowEnds[bar.agency][$0] < rowEnds[bar.agency][$1] } ?? 0)
            if row == rowEnds[bar.agency].count { rowEnds[bar.agency].append(to) } else { rowEnds[bar.agency][row] = max(rowEnds[bar.agency][row], to) }
            rowOfBar[index] = row
            rowsOfLane[bar.agency] = max(rowsOfLane[bar.agency], row + 1)
        }
        var laneTop: [Double] = [], y = Self.axisTop
        for rows in rowsOfLane { laneTop.append(y); y += 8 + Double(rows) * Self.rowH }
        let plotBottom = y, height = y + Self.axisBottom
        func laneMiddle(_ agency: Int) -> Double { laneTop[agency] + (8 + Double(rowsOfLane[agency]) * Self.rowH) / 2 }

        let title = "Timeline of replication \(input.replication): tasks, messages, legal requests and injects per agency"
        var svg = "<svg id=\"timeline-chart\" data-chart=\"timeline-chart\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(SVGChart.n(chartW)) \(SVGChart.n(height))\" "
        svg += "width=\"\(SVGChart.n(chartW))\" height=\"\(SVGChart.n(height))\" aria-label=\"\(HTMLText.escape(title))\"><title>\(HTMLText.escape(title))</title>"
        svg += "<defs>" + Self.hatch("tl-hatch") + Self.arrowHead("tl-message", Self.message) + Self.arrowHead("tl-request", Self.request) + "</defs>"
        let closedSpans = agencies.map { OffHours.closed($0, in: exercise, until: endHours * 3600) }
        var labels = "<svg id=\"timeline-labels\" role=\"presentation\" width=\"\(SVGChart.n(Self.labelWidth))\" height=\"\(SVGChart.n(height))\" "
        labels += "viewBox=\"0 0 \(SVGChart.n(Self.labelWidth)) \(SVGChart.n(height))\" font-size=\"12\">"
        for (index, agency) in agencies.enumerated() {
            let laneH = 8 + Double(rowsOfLane[index]) * Self.rowH
            svg += SVGChart.rect(0, laneTop[index], chartW, laneH, index % 2 == 0 ? "#f7f7f7" : "#ffffff")
            for span in closedSpans[index] {
                svg += "<rect x=\"\(SVGChart.n(x(span.start)))\" y=\"\(SVGChart.n(laneTop[index]))\" width=\"\(SVGChart.n(max(x(span.end) - x(span.start), 0.5)))\" "
                svg += "height=\"\(SVGChart.n(laneH))\" fill=\"\(Self.closed)\"/>"
            }
            labels += "<text x=\"\(SVGChart.n(Self.labelWidth - 8))\" y=\"\(SVGChart.n(laneTop[index] + laneH / 2 + 4))\" text-anchor=\"end\" class=\"tl\">"
            labels += "\(HTMLText.escape(SVGChart.short(agency.id, 26)))<title>\(HTMLText.escape("\(agency.id): \(agency.name)"))</title></text>"
        }
        svg += axis(x: x, endHours: endHours, pxPerHour: pxPerHour, top: Self.axisTop, bottom: plotBottom, width: chartW)
        svg += bars(data, x: x, laneTop: laneTop, rowOfBar: rowOfBar, closedSpans: closedSpans, plotEnd: chartW)
        for arrow in data.arrows where agencies.indices.contains(arrow.from) && agencies.indices.contains(arrow.to) && arrow.from != arrow.to {
            let colour = arrow.isRequest ? Self.request : Self.message
            svg += "<line x1=\"\(SVGChart.n(x(arrow.sent)))\" y1=\"\(SVGChart.n(laneMiddle(arrow.from)))\" x2=\"\(SVGChart.n(x(arrow.arrived)))\" "
            svg += "y2=\"\(SVGChart.n(laneMiddle(arrow.to)))\" stroke=\"\(colour)\" stroke-width=\"\(arrow.isRequest ? "1.8" : "1.2")\""
            svg += (arrow.isRequest ? " stroke-dasharray=\"6 3\"" : "") + " marker-end=\"url(#\(arrow.isRequest ? "tl-request" : "tl-message"))\">"
            let tip = "\(agencies[arrow.from].id) → \(agencies[arrow.to].id): \(arrow.label), " + ReportNumber.hoursText((arrow.arrived - arrow.sent) / 3600)
            svg += "<title>\(HTMLText.escape(tip))</title></line>"
        }
        for marker in data.injects where agencies.indices.contains(marker.agency) {
            let cx = x(marker.time), top = laneTop[marker.agency] + 1
            svg += "<path d=\"M\(SVGChart.n(cx - 5)),\(SVGChart.n(top)) L\(SVGChart.n(cx + 5)),\(SVGChart.n(top)) L\(SVGChart.n(cx)),\(SVGChart.n(top + 9)) z\" "
            svg += "fill=\"\(Self.inject)\" stroke=\"#000\" stroke-width=\"0.5\"><title>\(HTMLText.escape(marker.label))</title></path>"
        }
        if let attack = data.attack {
            svg += SVGChart.line(x(attack), Self.axisTop, x(attack), plotBottom, "#000", dash: true, widthPx: 1.5)
            svg += SVGChart.text(x(attack) + 4, Self.axisTop + 12, "attack " + ReportNumber.hoursText(attack / 3600), cls: "tl dl")
        }
        svg += "</svg>"
        labels += "</svg>"
        var html = "<p class=\"ct\">\(HTMLText.escape(title))</p><div class=\"tlw\">\(labels)<div class=\"scroll\">\(svg)</div></div>"
        html += legend()
        return html
    }

    /// Ticks and grid lines, labelled at the top and the bottom: "day N" with the UTC date, or
    /// hours since the start when zoomed in further.
    func axis(x: (Double) -> Double, endHours: Double, pxPerHour: Double, top: Double, bottom: Double, width: Double) -> String {
        let step = Self.tickStep(pixelsPerHour: pxPerHour)
        var svg = "", hour = 0.0
        while hour <= endHours + 1e-9 {
            let px = x(hour * 3600)
            svg += SVGChart.line(px, top - 4, px, bottom + 4, hour.truncatingRemainder(dividingBy: 24) == 0 ? "#bbb" : "#e4e4e4")
            let (first, second) = tickLabel(hours: hour)
            svg += SVGChart.text(px, top - 22, first, anchor: "middle") + SVGChart.text(px, top - 9, second, anchor: "middle")
            svg += SVGChart.text(px, bottom + 17, first, anchor: "middle") + SVGChart.text(px, bottom + 30, second, anchor: "middle")
            hour += step
        }
        return svg + SVGChart.line(0, bottom, width, bottom, "#333")
    }

    /// "day 3" and "Thu 05 Mar" (the UTC date at that time) for whole days; "day 3 +6 h" and the
    /// UTC clock time otherwise.
    func tickLabel(hours: Double) -> (String, String) {
        let day = Int((hours / 24).rounded(.down)), rest = hours - Double(day) * 24
        let first = rest < 1e-9 ? "day \(day)" : "day \(day) +\(ReportNumber.fixed(rest, 0)) h"
        let instant = input.exercise.startInstant + hours * 3600
        guard instant.isFinite, abs(instant) < 1e12 else { return (first, "") }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.weekday, .day, .month, .hour, .minute], from: Date(timeIntervalSince1970: instant))
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { let text = String(value ?? 0); return text.count < 2 ? "0" + text : text }
        if rest < 1e-9 {
            let weekday = weekdays[((parts.weekday ?? 1) - 1 + 7) % 7], month = months[((parts.month ?? 1) - 1 + 12) % 12]
            return (first, "\(weekday) \(two(parts.day)) \(month)")
        }
        return (first, "\(two(parts.hour)):\(two(parts.minute))Z")
    }

    /// The task bars with their names where they fit.
    func bars(_ data: TimelineData, x: (Double) -> Double, laneTop: [Double], rowOfBar: [Int], closedSpans: [[(start: Double, end: Double)]],
              plotEnd: Double) -> String {
        let exercise = input.exercise
        var svg = ""
        // Where the next bar of the same lane and sub-row starts: a name after a bar must end before it.
        var nextStart = [Double](repeating: plotEnd, count: data.bars.count)
        var lastOfRow: [String: Int] = [:]
        for (index, bar) in data.bars.enumerated() {
            let key = "\(bar.agency)/\(rowOfBar[index])"
            if let previous = lastOfRow[key] { nextStart[previous] = x(bar.ready ?? bar.start ?? 0) }
            lastOfRow[key] = index
        }
        for (index, bar) in data.bars.enumerated() where laneTop.indices.contains(bar.agency) && exercise.tasks.indices.contains(bar.task) {
            let name = exercise.tasks[bar.task].id, agency = exercise.agencies[bar.agency]
            let top = laneTop[bar.agency] + 5 + Double(rowOfBar[index]) * Self.rowH
            if let ready = bar.ready, (bar.start ?? bar.end ?? data.end) > ready {
                let until = bar.start ?? bar.end ?? data.end
                svg += SVGChart.rect(x(ready), top, x(until) - x(ready), Self.barH, Self.waiting,
                                     tip: "\(name) at \(agency.id): waiting for staff \(ReportNumber.hoursText((until - ready) / 3600))")
            }
            var textEnd = x(bar.ready ?? bar.start ?? 0)
            if let start = bar.start {
                let until = bar.end ?? data.end
                let tip = "\(name) at \(agency.id): in work \(ReportNumber.hoursText((until - start) / 3600))"
                svg += SVGChart.rect(x(start), top, max(x(until) - x(start), 1), Self.barH, Self.work, tip: tip)
                for span in closedSpans[bar.agency] where span.end > start && span.start < until {
                    let from = max(span.start, start), to = min(span.end, until)
                    guard to > from else { continue }
                    svg += "<rect x=\"\(SVGChart.n(x(from)))\" y=\"\(SVGChart.n(top))\" width=\"\(SVGChart.n(x(to) - x(from)))\" height=\"\(SVGChart.n(Self.barH))\" "
                    svg += "fill=\"url(#tl-hatch)\"><title>\(HTMLText.escape("\(name) at \(agency.id): paused, office closed"))</title></rect>"
                }
                let textW = Double(name.count) * 5.6 + 6
                if x(until) - x(start) >= textW {
                    svg += "<text x=\"\(SVGChart.n(x(start) + 3))\" y=\"\(SVGChart.n(top + 9))\" class=\"tn\">\(HTMLText.escape(name))</text>"
                    continue
                }
                textEnd = x(until)
            } else if let ready = bar.ready {
                textEnd = x(bar.end ?? data.end) > x(ready) ? x(bar.end ?? data.end) : x(ready)
            }
            if nextStart[index] - textEnd >= Double(name.count) * 5.6 + 8 {
                svg += "<text x=\"\(SVGChart.n(textEnd + 3))\" y=\"\(SVGChart.n(top + 9))\" class=\"tn\">\(HTMLText.escape(name))</text>"
            }
        }
        return svg
    }

    static func hatch(_ id: String) -> String {
        "<pattern id=\"\(id)\" width=\"5\" height=\"5\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"5\" height=\"5\" fill=\"#ffffff\"/><rect width=\"2.5\" height=\"5\" fill=\"\(work)\"/></pattern>"
    }

    static func arrowHead(_ id: String, _ colour: String) -> String {
        "<marker id=\"\(id)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
            + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(colour)\"/></marker>"
    }

    /// The key, in its own small SVG under the scrolling box so it stays in view.
    func legend() -> String {
        let items: [(String, String)] = [
            ("waiting for staff", "<rect width=\"18\" height=\"11\" fill=\"\(Self.waiting)\"/>"),
            ("work", "<rect width=\"18\" height=\"11\" fill=\"\(Self.work)\"/>"),
            ("work paused (office closed)", "<rect width=\"18\" height=\"11\" fill=\"url(#tl-key-hatch)\" stroke=\"\(Self.work)\" stroke-width=\"0.5\"/>"),
            ("agency closed", "<rect width=\"18\" height=\"11\" fill=\"\(Self.closed)\"/>"),
            ("message", "<line x1=\"0\" y1=\"6\" x2=\"18\" y2=\"6\" stroke=\"\(Self.message)\" stroke-width=\"2\"/>"),
            ("legal request", "<line x1=\"0\" y1=\"6\" x2=\"18\" y2=\"6\" stroke=\"\(Self.request)\" stroke-width=\"2\" stroke-dasharray=\"5 2\"/>"),
            ("inject", "<path d=\"M4,1 L14,1 L9,10 z\" fill=\"\(Self.inject)\" stroke=\"#000\" stroke-width=\"0.5\"/>"),
            ("attack", "<line x1=\"9\" y1=\"0\" x2=\"9\" y2=\"12\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"3 2\"/>"),
        ]
        var svg = "", x = 0.0, row = 0.0
        for (name, swatch) in items {
            let w = Double(name.count) * 6.6 + 34
            if x + w > SVGChart.width { x = 0; row += 18 }
            svg += "<g transform=\"translate(\(SVGChart.n(x)) \(SVGChart.n(row + 2)))\">\(swatch)</g>" + SVGChart.text(x + 23, row + 12, name)
            x += w
        }
        return "<svg id=\"timeline-legend\" role=\"img\" aria-label=\"Key of the timeline\" width=\"\(SVGChart.n(SVGChart.width))\" height=\"\(SVGChart.n(row + 20))\" "
            + "viewBox=\"0 0 \(SVGChart.n(SVGChart.width)) \(SVGChart.n(row + 20))\" font-size=\"12\"><defs>\(Self.hatch("tl-key-hatch"))</defs>\(svg)</svg>"
    }
}
