internal import Foundation

extension SVGChart {
    /// One empirical distribution for `curves`: the values in hours, as a share of `total`
    /// replications (so a curve stays below 100% when some replications have no value).
    struct Curve {
        var label: String
        var hours: [Double]
        var total: Int
        var colour: String
        var dashed = false
    }

    /// Empirical cumulative distributions of several quantities on one time axis, with a
    /// legend: e.g. when the attack comes against when the response disrupts the plot.
    static func curves(id: String, title: String, axisLabel: String, curves: [Curve]) -> String {
        let top = 30.0, left = 70.0, plotW = width - left - 30, plotH = 200.0
        let maxHours = curves.flatMap(\.hours).max() ?? 0
        let axis = TimeAxis(maxHours: max(maxHours, 1e-6))
        let key = legend(curves.map { ($0.label, $0.colour) }, y: top + plotH + 48)
        func x(_ h: Double) -> Double { left + h / axis.end * plotW }
        func y(_ share: Double) -> Double { top + plotH * (1 - share) }
        var svg = open(id, height: top + plotH + 48 + key.height + 6, title: title)
        for share in stride(from: 0.0, through: 1.0, by: 0.25) {
            svg += line(left, y(share), left + plotW, y(share), "#ddd")
            svg += text(left - 6, y(share) + 4, ReportNumber.fixed(share * 100, 0) + "%", anchor: "end")
        }
        for tick in axis.ticks {
            svg += line(x(tick), top + plotH, x(tick), top + plotH + 5, "#333")
            svg += text(x(tick), top + plotH + 18, axis.label(tick), anchor: "middle")
        }
        svg += line(left, top + plotH, left + plotW, top + plotH, "#333") + line(left, top, left, top + plotH, "#333")
        svg += text(left + plotW / 2, top + plotH + 38, "\(axisLabel) (\(axis.unit))", anchor: "middle")
        svg += "<text transform=\"translate(14 \(n(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" class=\"tl\">share of replications</text>"
        for curve in curves where curve.total > 0 && !curve.hours.isEmpty {
            let points = stepPoints(curve.hours.sorted(), total: curve.total, end: axis.end, x: x, y: y)
            svg += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(curve.colour)\" stroke-width=\"2\""
            svg += (curve.dashed ? " stroke-dasharray=\"6 3\"" : "") + "><title>\(HTMLText.escape(curve.label))</title></polyline>"
        }
        return svg + key.svg + "</svg>"
    }

    /// The `points` of an empirical CDF's staircase through `sorted` (as a share of `total`),
    /// from 0 to `end` hours. Steps that fall on the same half pixel are drawn as one, so the
    /// text stays small however many replications there are.
    static func stepPoints(_ sorted: [Double], total: Int, end: Double, x: (Double) -> Double, y: (Double) -> Double) -> String {
        var points = "\(n(x(0))),\(n(y(0)))"
        var index = 0
        while index < sorted.count {
            let pixel = (x(sorted[index]) * 2).rounded()
            var next = index + 1
            while next < sorted.count && (x(sorted[next]) * 2).rounded() == pixel { next += 1 }
            let px = x(sorted[index])
            points += " \(n(px)),\(n(y(Double(index) / Double(total)))) \(n(px)),\(n(y(Double(next) / Double(total))))"
            index = next
        }
        return points + " \(n(x(end))),\(n(y(Double(sorted.count) / Double(total))))"
    }
}
