internal import Experiments
internal import Foundation

/// Inline SVG charts, drawn as text: labelled axes with units, readable tick values, the
/// Okabe–Ito palette and a legend. Every label passes through `HTMLText.escape`.
enum SVGChart {
    static let width = 760.0
    static let labelWidth = 230.0

    /// A time axis in the unit a planner would read: hours up to three days, days beyond.
    struct TimeAxis {
        let maxHours: Double
        var inDays: Bool { maxHours > 72 }
        var unit: String { inDays ? "days" : "hours" }
        var scale: Double { inDays ? 24 : 1 }
        /// Tick positions in hours, at 1-2-5 steps of the display unit (hours: 1-2-3-6-12-24).
        var ticks: [Double] {
            let top = max(maxHours / scale, 1e-9)
            let steps: [Double] = inDays ? [0.5, 1, 2, 5, 7, 10, 14, 30, 60, 90, 180, 365] : [0.25, 0.5, 1, 2, 3, 6, 12, 24]
            let step = steps.first { top / $0 <= 8 } ?? (top / 6).rounded(.up)
            var out: [Double] = []
            var value = 0.0
            while value <= top + 1e-9 && out.count < 40 { out.append(value * scale); value += step }
            return out
        }
        var end: Double { max(ticks.last ?? maxHours, maxHours) }
        func label(_ hours: Double) -> String {
            let value = hours / scale
            return value == value.rounded() ? ReportNumber.fixed(value, 0) : ReportNumber.fixed(value, 2)
        }
    }

    /// The opening of a chart's `<svg>`, with its title drawn on top. `data-chart` repeats the
    /// id, so a test can find every chart by one attribute.
    static func open(_ id: String, height: Double, title: String, width: Double = width) -> String {
        "<svg id=\"\(id)\" data-chart=\"\(id)\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
            + "width=\"\(n(width))\" height=\"\(n(height))\" aria-label=\"\(HTMLText.escape(title))\">"
            + "<title>\(HTMLText.escape(title))</title>"
            + "<text x=\"0\" y=\"16\" class=\"ct\">\(HTMLText.escape(title))</text>"
    }

    static func n(_ value: Double) -> String { ReportNumber.fixed(value, 1) }

    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", cls: String = "tl") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" class=\"\(cls)\">\(HTMLText.escape(content))</text>"
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ fill: String, tip: String? = nil) -> String {
        let body = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(w, 0)))\" height=\"\(n(h))\" fill=\"\(fill)\" stroke=\"#fff\" stroke-width=\"0.5\""
        guard let tip else { return body + "/>" }
        return body + "><title>\(HTMLText.escape(tip))</title></rect>"
    }

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ stroke: String, dash: Bool = false, widthPx: Double = 1) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(widthPx))\""
            + (dash ? " stroke-dasharray=\"6 4\"" : "") + "/>"
    }

    /// A label cut to `limit` characters (the full text stays in a tooltip where it matters).
    static func short(_ label: String, _ limit: Int = 32) -> String {
        label.count <= limit ? label : String(label.prefix(limit - 1)) + "…"
    }

    /// A legend row of coloured squares and names at `y`.
    static func legend(_ items: [(String, String)], y: Double) -> (svg: String, height: Double) {
        var svg = "", x = labelWidth, row = 0.0
        for (name, colour) in items {
            let w = Double(name.count) * 7 + 28
            if x + w > width { x = labelWidth; row += 18 }
            svg += rect(x, y + row, 12, 12, colour) + text(x + 16, y + row + 10, name)
            x += w
        }
        return (svg, row + 18)
    }

    /// The empirical CDF of `hours` as a share of all `total` replications (so it stays below
    /// 100% when some never reached the milestone), with the deadline as a dashed line.
    static func cdf(id: String, title: String, hours: [Double], total: Int, deadline: Double) -> String {
        let sorted = hours.sorted()
        let axis = TimeAxis(maxHours: max(sorted.last ?? 0, deadline * 1.05, 1e-6))
        let left = 70.0, top = 30.0, plotW = width - left - 30, plotH = 200.0, height = top + plotH + 50
        func x(_ h: Double) -> Double { left + h / axis.end * plotW }
        func y(_ share: Double) -> Double { top + plotH * (1 - share) }
        var svg = open(id, height: height, title: title)
        for share in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += line(left, y(share), left + plotW, y(share), "#ddd")
            svg += text(left - 6, y(share) + 4, ReportNumber.fixed(share * 100, 0) + "%", anchor: "end")
        }
        for tick in axis.ticks {
            svg += line(x(tick), top + plotH, x(tick), top + plotH + 5, "#333")
            svg += text(x(tick), top + plotH + 18, axis.label(tick), anchor: "middle")
        }
        svg += line(left, top + plotH, left + plotW, top + plotH, "#333") + line(left, top, left, top + plotH, "#333")
        svg += text(left + plotW / 2, top + plotH + 38, "elapsed time from trigger to milestone (\(axis.unit))", anchor: "middle")
        svg += "<text transform=\"translate(14 \(n(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"tl\">replications reached</text>"
        if !sorted.isEmpty && total > 0 {
            let points = stepPoints(sorted, total: total, end: axis.end, x: x, y: y)
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"#0072B2\" stroke-width=\"2\"/>"
        } else {
            svg += text(left + plotW / 2, top + plotH / 2, "the milestone was never reached", anchor: "middle")
        }
        svg += line(x(deadline), top, x(deadline), top + plotH, "#D55E00", dash: true, widthPx: 2)
        let nearEnd = x(deadline) > left + plotW * 0.8
        svg += text(x(deadline) + (nearEnd ? -4 : 4), top + 12, "deadline " + ReportNumber.hours(deadline), anchor: nearEnd ? "end" : "start", cls: "tl dl")
        return svg + "</svg>"
    }

    /// Horizontal stacked bars: one per row, one segment per category, with a legend.
    static func stackedBars(id: String, title: String, axisLabel: String, rows: [(label: String, values: [Double])],
                            categories: [String], colours: [String], defs: String = "") -> String {
        let barH = 22.0, gap = 10.0, top = 30.0, plotW = width - labelWidth - 70
        let totals = rows.map { $0.values.reduce(0, +) }
        let axis = TimeAxis(maxHours: max(totals.max() ?? 0, 1e-6))
        let used = categories.indices.filter { index in rows.contains { $0.values.indices.contains(index) && $0.values[index] > 0 } }
        let legendItems = used.map { (ReportNumber.category(categories[$0]), colours[$0 % colours.count]) }
        let plotH = Double(rows.count) * (barH + gap)
        let legendTop = top + plotH + 44
        let key = legend(legendItems, y: legendTop)
        var svg = open(id, height: legendTop + key.height + 6, title: title) + defs
        func x(_ h: Double) -> Double { labelWidth + h / axis.end * plotW }
        for tick in axis.ticks {
            svg += line(x(tick), top, x(tick), top + plotH + 4, "#ddd")
            svg += text(x(tick), top + plotH + 16, axis.label(tick), anchor: "middle")
        }
        svg += text(labelWidth + plotW / 2, top + plotH + 34, "\(axisLabel) (\(axis.unit))", anchor: "middle")
        for (rowIndex, row) in rows.enumerated() {
            let y = top + Double(rowIndex) * (barH + gap)
            svg += text(labelWidth - 8, y + barH * 0.7, short(row.label), anchor: "end")
            var start = 0.0
            for (index, value) in row.values.enumerated() where value > 0 {
                let tip = "\(row.label): \(ReportNumber.category(categories[index])) \(ReportNumber.hours(value))"
                svg += rect(x(start), y, x(start + value) - x(start), barH, colours[index % colours.count], tip: tip)
                start += value
            }
            svg += text(x(start) + 4, y + barH * 0.7, ReportNumber.hours(start))
        }
        return svg + key.svg + "</svg>"
    }

    /// Horizontal bars with optional interval whiskers; `format` labels the values.
    /// `colours`, when given, colours each bar (cycling); `key` adds a legend under the axis.
    static func bars(id: String, title: String, axisLabel: String, items: [(label: String, value: Double, interval: (Double, Double)?)],
                     maxValue: Double, ticks: [Double]? = nil, tick: (Double) -> String, format: (Double) -> String, colour: String,
                     colours: [String]? = nil, key: [(String, String)] = []) -> String {
        let barH = 18.0, gap = 8.0, top = 30.0, plotW = width - labelWidth - 80
        let plotH = Double(items.count) * (barH + gap)
        let end = max(maxValue, ticks?.last ?? 0, items.map { max($0.value, $0.interval?.1 ?? 0) }.max() ?? 0, 1e-9)
        let legendBlock = key.isEmpty ? nil : legend(key, y: top + plotH + 44)
        var svg = open(id, height: top + plotH + 44 + (legendBlock.map { $0.height + 6 } ?? 0), title: title)
        func x(_ v: Double) -> Double { labelWidth + v / end * plotW }
        for value in ticks ?? (0...4).map({ end * Double($0) / 4 }) {
            svg += line(x(value), top, x(value), top + plotH + 4, "#ddd")
            svg += text(x(value), top + plotH + 16, tick(value), anchor: "middle")
        }
        svg += text(labelWidth + plotW / 2, top + plotH + 34, axisLabel, anchor: "middle")
        for (index, item) in items.enumerated() {
            let y = top + Double(index) * (barH + gap)
            svg += text(labelWidth - 8, y + barH * 0.75, short(item.label), anchor: "end")
            let fill = colours.map { $0.isEmpty ? colour : $0[index % $0.count] } ?? colour
            svg += rect(labelWidth, y, x(item.value) - labelWidth, barH, fill, tip: "\(item.label): \(format(item.value))")
            if let (low, high) = item.interval {
                svg += line(x(low), y + barH / 2, x(high), y + barH / 2, "#000", widthPx: 1.5)
                svg += line(x(low), y + 4, x(low), y + barH - 4, "#000") + line(x(high), y + 4, x(high), y + barH - 4, "#000")
            }
            svg += text(max(x(item.value), x(item.interval?.1 ?? 0)) + 6, y + barH * 0.75, format(item.value))
        }
        return svg + (legendBlock?.svg ?? "") + "</svg>"
    }

    /// The small P/S/M/U/N/A bar of an objectives table row.
    static func ratingBar(_ ratings: [String: Double]) -> String {
        let w = 140.0
        var svg = "<svg class=\"rb\" role=\"img\" width=\"\(n(w))\" height=\"14\" viewBox=\"0 0 \(n(w)) 14\">"
        svg += "<title>" + HTMLText.escape(Palette.ratings.map { "\($0.0) \(ReportNumber.percent(ratings[$0.0] ?? 0))" }.joined(separator: ", ")) + "</title>"
        var x = 0.0
        for (rating, colour) in Palette.ratings {
            let share = ratings[rating] ?? 0
            guard share > 0 else { continue }
            svg += rect(x, 0, share * w, 14, colour, tip: "\(rating) \(ReportNumber.percent(share))")
            x += share * w
        }
        return svg + "</svg>"
    }
}
