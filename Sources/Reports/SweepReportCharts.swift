internal import Experiments
internal import Foundation

/// The sweep report's charts: main-effects panels (a metric against each factor) and heat maps
/// of every pair of factors. Every label passes through `HTMLText.escape`.
enum SweepCharts {
    /// About three significant digits, as in the terminal's main-effects table.
    static func number(_ value: Double?) -> String { MainEffectsTable.number(value) }

    /// Hours for `…_hours` metrics, percentages for probabilities.
    static func format(_ metric: String) -> (Double) -> String {
        metric.hasSuffix("_hours") ? { ReportNumber.hours($0) } : { ReportNumber.percent($0) }
    }

    static func unit(_ metric: String) -> String { metric.hasSuffix("_hours") ? "hours" : "probability" }

    /// The factor's span on an axis: its range, or its smallest to largest level.
    static func span(_ factor: SweepDescription.Factor) -> (lower: Double, upper: Double) {
        if let levels = factor.levels, let low = levels.min(), let high = levels.max() { return (low, high) }
        return (factor.lower, factor.upper)
    }

    /// One panel per factor (three to a row): the metric at each design point against the
    /// factor's value, the fitted main effect (intercept ± coefficient across the range) and,
    /// for a factor with at most eight values, the mean at each value.
    static func mainEffects(id: String, effects: MainEffects, sweep: SweepDescription, values: [Double?]) -> String {
        let factors = sweep.factors, columns = max(1, min(factors.count, 3))
        let panelW = SVGChart.width / Double(columns), plotW = panelW - 76, plotH = 120.0, panelH = 196.0, top = 30.0
        let rows = (factors.count + columns - 1) / columns
        let show = format(effects.metric)
        var low = values.compactMap { $0 }.min() ?? 0, high = values.compactMap { $0 }.max() ?? 1
        if let intercept = effects.intercept {
            for effect in effects.effects { if let b = effect.coefficient { low = min(low, intercept - abs(b)); high = max(high, intercept + abs(b)) } }
        }
        if high - low < 1e-9 { let pad = unit(effects.metric) == "hours" ? 1.0 : 0.05; low -= pad; high += pad }
        let margin = (high - low) * 0.06
        low -= margin; high += margin
        if unit(effects.metric) == "probability" { low = max(low, 0); high = min(max(high, low + 0.01), 1) }
        let title = "Main effects on \(effects.metric) (\(unit(effects.metric)))"
        var svg = SVGChart.open(id, height: top + Double(rows) * panelH + 30, title: SVGChart.short(title, 90))
        for (index, factor) in factors.enumerated() {
            let ox = Double(index % columns) * panelW + 52, oy = top + Double(index / columns) * panelH + 18
            let (lower, upper) = span(factor)
            func x(_ v: Double) -> Double { ox + (upper > lower ? (v - lower) / (upper - lower) : 0.5) * plotW }
            func y(_ v: Double) -> Double { oy + plotH * (1 - (v - low) / (high - low)) }
            svg += "<text x=\"\(SVGChart.n(ox - 48))\" y=\"\(SVGChart.n(oy - 6))\" class=\"tl\" font-weight=\"600\">"
            svg += "\(HTMLText.escape(SweepReport.letter(index) + ": " + SVGChart.short(factor.path, 34)))<title>\(HTMLText.escape(factor.path))</title></text>"
            svg += SVGChart.rect(ox, oy, plotW, plotH, "#fafafa")
            for fraction in [0.0, 0.5, 1.0] {
                let value = low + fraction * (high - low)
                svg += SVGChart.line(ox, y(value), ox + plotW, y(value), "#e4e4e4")
                svg += SVGChart.text(ox - 4, y(value) + 4, show(value), anchor: "end")
            }
            for value in [lower, (lower + upper) / 2, upper] where upper > lower || value == lower {
                svg += SVGChart.line(x(value), oy + plotH, x(value), oy + plotH + 4, "#333")
                svg += SVGChart.text(x(value), oy + plotH + 16, number(value), anchor: "middle")
            }
            svg += SVGChart.line(ox, oy + plotH, ox + plotW, oy + plotH, "#333") + SVGChart.line(ox, oy, ox, oy + plotH, "#333")
            for (point, value) in zip(sweep.points, values) {
                guard let value, point.values.indices.contains(index) else { continue }
                svg += "<circle cx=\"\(SVGChart.n(x(point.values[index])))\" cy=\"\(SVGChart.n(y(value)))\" r=\"2.6\" fill=\"#0072B2\" fill-opacity=\"0.6\""
                // Tooltips only while they cost little: a large design would make the page heavy.
                guard sweep.points.count <= 300 else { svg += "/>"; continue }
                svg += "><title>\(HTMLText.escape("point \(point.point): \(number(point.values[index])), \(show(value))"))</title></circle>"
            }
            let levels = Set(sweep.points.compactMap { $0.values.indices.contains(index) ? $0.values[index] : nil }).sorted()
            if levels.count <= 8 {
                for level in levels {
                    let at = zip(sweep.points, values).compactMap { point, value in point.values[index] == level ? value : nil }
                    guard !at.isEmpty else { continue }
                    let mean = at.reduce(0, +) / Double(at.count)
                    svg += "<line x1=\"\(SVGChart.n(x(level) - 8))\" y1=\"\(SVGChart.n(y(mean)))\" x2=\"\(SVGChart.n(x(level) + 8))\" y2=\"\(SVGChart.n(y(mean)))\" "
                    svg += "stroke=\"#000\" stroke-width=\"2.5\"><title>\(HTMLText.escape("mean at \(number(level)): \(show(mean)) over \(at.count) points"))</title></line>"
                }
            }
            let effect = effects.effects.indices.contains(index) ? effects.effects[index] : nil
            if let intercept = effects.intercept, let b = effect?.coefficient, upper > lower {
                svg += "<line x1=\"\(SVGChart.n(x(lower)))\" y1=\"\(SVGChart.n(y(intercept - b)))\" x2=\"\(SVGChart.n(x(upper)))\" y2=\"\(SVGChart.n(y(intercept + b)))\" "
                svg += "stroke=\"#D55E00\" stroke-width=\"2\"><title>\(HTMLText.escape("fitted main effect: \(show(intercept - b)) to \(show(intercept + b))"))</title></line>"
            }
            let caption = effect?.coefficient.map { b in "effect \(b < 0 ? "" : "+")\(number(b))" + (effect?.standardError.map { " ± " + number($0) } ?? "") } ?? "no fitted effect"
            svg += SVGChart.text(ox + plotW / 2, oy + plotH + 32, caption, anchor: "middle")
        }
        let key = SVGChart.legend([("design point", "#0072B2"), ("fitted main effect", "#D55E00"), ("mean at a level", "#000000")],
                                  y: top + Double(rows) * panelH + 6)
        return svg + key.svg + "</svg>"
    }

    /// Viridis, from dark purple (low) to yellow (high): ordered in lightness, so it reads in
    /// greyscale and with the common colour-vision deficiencies.
    static let ramp: [(Double, Double, Double)] = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)]

    static func colour(_ fraction: Double) -> String {
        let t = min(max(fraction.isFinite ? fraction : 0, 0), 1) * Double(ramp.count - 1)
        let index = min(Int(t), ramp.count - 2), rest = t - Double(index)
        let (a, b) = (ramp[index], ramp[index + 1])
        func hex(_ value: Double) -> String {
            let byte = Int((value).rounded()), digits = String(byte, radix: 16)
            return digits.count < 2 ? "0" + digits : digits
        }
        return "#" + hex(a.0 + (b.0 - a.0) * rest) + hex(a.1 + (b.1 - a.1) * rest) + hex(a.2 + (b.2 - a.2) * rest)
    }

    /// How a factor's values are grouped on a heat map's axis: one cell per value for at most
    /// six values, else its range cut in four equal parts.
    struct Bins {
        var labels: [String]
        var of: (Double) -> Int

        init(_ factor: SweepDescription.Factor, index: Int, points: [SweepDescription.Point]) {
            let distinct = Set(points.compactMap { $0.values.indices.contains(index) ? $0.values[index] : nil }).sorted()
            if distinct.count <= 6 {
                labels = distinct.map { number($0) }
                of = { value in distinct.indices.min { abs(distinct[$0] - value) < abs(distinct[$1] - value) } ?? 0 }
            } else {
                let (lower, upper) = SweepCharts.span(factor), count = 4
                let width = (upper - lower) / Double(count)
                labels = (0..<count).map { "\(number(lower + Double($0) * width))–\(number(lower + Double($0 + 1) * width))" }
                of = { value in width > 0 ? min(count - 1, max(0, Int(((value - lower) / width).rounded(.down)))) : 0 }
            }
        }
    }

    /// Every pair of factors as a small heat map in an upper-triangle grid (row factor against
    /// column factor), each cell the mean of the metric over the design points in it.
    static func heatMap(id: String, metric: String, sweep: SweepDescription, values: [Double?]) -> String {
        let factors = sweep.factors, n = factors.count - 1
        let left = 190.0, top = 50.0, cell = min(104.0, (SVGChart.width - left - 10) / Double(max(n, 1))), size = cell - 10
        let bins = factors.indices.map { Bins(factors[$0], index: $0, points: sweep.points) }
        let show = format(metric)
        // Means per pair and cell first, for a colour scale common to the whole chart.
        var low = Double.infinity, high = -Double.infinity
        var squares: [(row: Int, column: Int, cells: [[(sum: Double, count: Int)]])] = []
        for row in 0..<n {
            for column in (row + 1)..<factors.count {
                var cells = Array(repeating: Array(repeating: (sum: 0.0, count: 0), count: bins[column].labels.count), count: bins[row].labels.count)
                for (point, value) in zip(sweep.points, values) {
                    guard let value, point.values.count > max(row, column) else { continue }
                    let r = bins[row].of(point.values[row]), c = bins[column].of(point.values[column])
                    cells[r][c].sum += value
                    cells[r][c].count += 1
                }
                for line in cells { for entry in line where entry.count > 0 { low = min(low, entry.sum / Double(entry.count)); high = max(high, entry.sum / Double(entry.count)) } }
                squares.append((row, column, cells))
            }
        }
        if !low.isFinite { low = 0; high = 1 }
        let spread = high - low
        let title = "Mean \(metric) over each pair of factors"
        let legendTop = top + Double(n) * cell + 14
        var svg = SVGChart.open(id, height: legendTop + 56, title: SVGChart.short(title, 90))
        let gradient = "\(id)-ramp"
        svg += "<defs><linearGradient id=\"\(gradient)\">" + ramp.indices.map { index in
            "<stop offset=\"\(SVGChart.n(Double(index) / Double(ramp.count - 1) * 100))%\" stop-color=\"\(colour(Double(index) / Double(ramp.count - 1)))\"/>"
        }.joined() + "</linearGradient></defs>"
        for column in 1..<factors.count {
            svg += SVGChart.text(left + Double(column - 1) * cell + size / 2, top - 8, SweepReport.letter(column), anchor: "middle", cls: "tl ct")
        }
        for row in 0..<n {
            let y = top + Double(row) * cell
            svg += "<text x=\"\(SVGChart.n(left - 8))\" y=\"\(SVGChart.n(y + size / 2 + 4))\" text-anchor=\"end\" class=\"tl\">"
            svg += "\(HTMLText.escape(SweepReport.letter(row) + ": " + SVGChart.short(factors[row].path, 24)))<title>\(HTMLText.escape(factors[row].path))</title></text>"
        }
        for square in squares {
            let ox = left + Double(square.column - 1) * cell, oy = top + Double(square.row) * cell
            let rowCount = square.cells.count, columnCount = square.cells.first?.count ?? 1
            let w = size / Double(columnCount), h = size / Double(rowCount)
            for (r, line) in square.cells.enumerated() {
                for (c, entry) in line.enumerated() {
                    let x = ox + Double(c) * w, y = oy + size - Double(r + 1) * h
                    let where_ = "\(SweepReport.letter(square.row)) \(bins[square.row].labels[r]), \(SweepReport.letter(square.column)) \(bins[square.column].labels[c])"
                    if entry.count == 0 {
                        svg += SVGChart.rect(x, y, w, h, "#ffffff", tip: "\(where_): no design point")
                    } else {
                        let mean = entry.sum / Double(entry.count)
                        svg += SVGChart.rect(x, y, w, h, colour(spread > 0 ? (mean - low) / spread : 0.5),
                                             tip: "\(where_): \(show(mean)) (\(entry.count))")
                    }
                }
            }
            svg += "<rect x=\"\(SVGChart.n(ox))\" y=\"\(SVGChart.n(oy))\" width=\"\(SVGChart.n(size))\" height=\"\(SVGChart.n(size))\" fill=\"none\" stroke=\"#888\"/>"
        }
        let barX = left, barW = 260.0
        svg += "<rect x=\"\(SVGChart.n(barX))\" y=\"\(SVGChart.n(legendTop))\" width=\"\(SVGChart.n(barW))\" height=\"12\" fill=\"url(#\(gradient))\" stroke=\"#888\"/>"
        svg += SVGChart.text(barX, legendTop + 26, show(low), anchor: "start") + SVGChart.text(barX + barW, legendTop + 26, show(high), anchor: "end")
        svg += SVGChart.text(barX + barW / 2, legendTop + 42, "mean \(metric) in the cell", anchor: "middle")
        svg += "<rect x=\"\(SVGChart.n(barX + barW + 24))\" y=\"\(SVGChart.n(legendTop))\" width=\"14\" height=\"12\" fill=\"#fff\" stroke=\"#888\"/>"
        svg += SVGChart.text(barX + barW + 42, legendTop + 10, "no design point")
        return svg + "</svg>"
    }
}
