internal import Experiments
public import Foundation

/// A self-contained HTML page for a sweep (inline CSS and SVG, no scripts, no external
/// resource): the design, the main effects as a table, and for each key metric a main-effects
/// chart (`main-effects-<m>`, one panel per factor) and a heat map of every pair of factors
/// (`heatmap-<m>`), where `m` counts the metrics of `sweep.json`'s `main_effects` from 0.
/// Sections: `sweep-header`, `factors`, `main-effects`, `heat-maps`.
public struct SweepReport {
    public let document: SweepDocument
    /// The rows of `points.csv`.
    public let points: ReplicationRows
    /// When the report was made, shown in the header (the result files hold no timestamp).
    public let generated: String?

    public init(document: SweepDocument, points: ReplicationRows, generated: String? = nil) {
        self.document = document
        self.points = points
        self.generated = generated
    }

    var sweep: SweepDescription { document.sweep }

    /// Reads `sweep.json` and `points.csv` of a sweep's output folder.
    public static func load(folder: URL) throws(ReportInput.Failure) -> SweepReport {
        let output = SweepFolder(url: folder)
        guard let data = FileManager.default.contents(atPath: output.documentURL.path) else {
            throw ReportInput.Failure(description: "\(folder.path) has no sweep.json: give the output folder of a finished `jtx sweep` or `jtx merge`")
        }
        let document: SweepDocument
        do {
            document = try SweepJSON.decode(SweepDocument.self, from: data, snakeCase: true)
        } catch {
            throw ReportInput.Failure(description: "\(output.documentURL.path) is not a jtx sweep document: \(error)")
        }
        guard let csv = FileManager.default.contents(atPath: output.pointsTableURL.path) else {
            throw ReportInput.Failure(description: "\(folder.path) has no points.csv")
        }
        do {
            return SweepReport(document: document, points: try ReplicationRows(csv: String(decoding: csv, as: UTF8.self)))
        } catch {
            throw ReportInput.Failure(description: "\(output.pointsTableURL.path) cannot be read as CSV: \(error)")
        }
    }

    /// The same report with `generated` set.
    public func made(_ stamp: String?) -> SweepReport { SweepReport(document: document, points: points, generated: stamp) }

    /// Each metric's value at each design point (nil where undefined), in point order.
    func values(_ metric: String) -> [Double?] {
        let byPoint = Dictionary(zip(points.cells("point"), points.cells(metric)).compactMap { point, cell -> (Int, Double)? in
            guard let point, let index = Int(point), let cell, let value = Double(cell) else { return nil }
            return (index, value)
        }, uniquingKeysWith: { first, _ in first })
        return sweep.points.map { byPoint[$0.point] }
    }

    public func render() -> String {
        var html = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        html += "<title>jtx sweep report: \(HTMLText.escape(sweep.name))</title><style>\(HTMLReport.css)</style></head><body>\n"
        html += header() + factors() + mainEffects() + heatMaps()
        let level = ReportNumber.fixed(sweep.confidence * 100, 0) + "%"
        html += "<footer><p>Made by jtx \(HTMLText.escape(document.jtxVersion)). Every design point ran the same \(sweep.replications) "
        html += "replications with seed \(sweep.seed) (common random numbers); intervals in the result files are \(level). "
        html += "Main effects are least-squares fits on the factors scaled to [−1, 1] (see docs/sweeps.md).</p></footer>\n"
        return html + "</body></html>\n"
    }

    func header() -> String {
        var html = "<header id=\"sweep-header\"><h1>\(HTMLText.escape(sweep.name))</h1><dl>"
        var items: [(String, String)] = [
            ("Scenario", sweep.scenario), ("Scenario digest (FNV-1a 64)", sweep.scenarioDigest), ("Sweep digest", sweep.sweepDigest),
            ("Design", "\(sweep.design), \(sweep.points.count) points"), ("Replications per point", String(sweep.replications)),
            ("Seed", String(sweep.seed)), ("Key objectives", sweep.keyObjectives.joined(separator: ", ")), ("jtx version", document.jtxVersion),
        ]
        if let generated { items.append(("Report made", generated)) }
        for (term, value) in items { html += "<dt>\(HTMLText.escape(term))</dt><dd>\(HTMLText.escape(value))</dd>" }
        return html + "</dl></header>\n"
    }

    /// "A", "B", … "Z", "AA", …: the factors' short names in the charts.
    static func letter(_ index: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return index < 26 ? String(letters[index]) : letter(index / 26 - 1) + String(letters[index % 26])
    }

    func factors() -> String {
        var html = "<section id=\"factors\"><h2>Factors</h2><table><thead><tr><th></th><th>Factor</th><th>Kind</th><th>Range</th></tr></thead><tbody>"
        for (index, factor) in sweep.factors.enumerated() {
            let range = factor.levels.map { "levels " + $0.map(SweepCharts.number).joined(separator: ", ") }
                ?? "\(SweepCharts.number(factor.lower)) to \(SweepCharts.number(factor.upper))"
            html += "<tr><td><strong>\(Self.letter(index))</strong></td><td>\(HTMLText.escape(factor.path))</td><td>\(HTMLText.escape(factor.kind))</td><td>\(HTMLText.escape(range))</td></tr>"
        }
        return html + "</tbody></table></section>\n"
    }

    func mainEffects() -> String {
        var html = "<section id=\"main-effects\"><h2>Main effects</h2>"
        html += "<p>For each key metric, the least-squares coefficient ± standard error of each factor scaled to [−1, 1]: moving a factor "
        html += "across its whole range changes the metric by twice its coefficient. Centre: the fitted metric with every factor in the middle of its range.</p>"
        html += "<table><thead><tr><th>Metric</th><th>Centre</th>" + sweep.factors.indices.map { "<th>\(Self.letter($0))</th>" }.joined() + "<th>R²</th></tr></thead><tbody>"
        for effects in document.mainEffects {
            html += "<tr><td>\(HTMLText.escape(effects.metric))</td><td>\(SweepCharts.number(effects.intercept))</td>"
            for effect in effects.effects {
                guard let coefficient = effect.coefficient else { html += "<td>–</td>"; continue }
                let sign = coefficient < 0 ? "" : "+"
                html += "<td>\(sign)\(SweepCharts.number(coefficient))\(effect.standardError.map { " ± " + SweepCharts.number($0) } ?? "")</td>"
            }
            html += "<td>\(effects.rSquared.map { ReportNumber.fixed($0, 2) } ?? "–")</td></tr>"
        }
        html += "</tbody></table>"
        html += "<p>Each chart below shows one metric against each factor: a dot per design point (the other factors vary too), the fitted "
        html += "main effect as a line, and for factors with a few levels the mean at each level.</p>"
        for (index, effects) in document.mainEffects.enumerated() {
            html += SweepCharts.mainEffects(id: "main-effects-\(index)", effects: effects, sweep: sweep, values: values(effects.metric))
        }
        return html + "</section>\n"
    }

    func heatMaps() -> String {
        var html = "<section id=\"heat-maps\"><h2>Two factors at a time</h2>"
        guard sweep.factors.count >= 2 else { return html + "<p>The sweep has one factor: there is no pair to show.</p></section>\n" }
        html += "<p>For each key metric and each pair of factors, the mean of the metric over the design points in each cell of the two "
        html += "factors' grid (each factor's levels, or its range cut in four). Within a square the column factor grows to the right and "
        html += "the row factor upwards; white cells hold no design point. Hover for a cell's ranges, its mean and (in brackets) its number of points.</p>"
        for (index, effects) in document.mainEffects.enumerated() {
            html += SweepCharts.heatMap(id: "heatmap-\(index)", metric: effects.metric, sweep: sweep, values: values(effects.metric))
        }
        return html + "</section>\n"
    }

    /// The main effects as a Markdown table, for pasting into a write-up.
    public func markdown() -> String {
        var out = "# \(MarkdownReport.cell(sweep.name))\n\n"
        out += "Scenario `\(MarkdownReport.cell(sweep.scenario))`, \(MarkdownReport.cell(sweep.design)) design of \(sweep.points.count) points × "
        out += "\(sweep.replications) replications, seed \(sweep.seed), jtx \(MarkdownReport.cell(document.jtxVersion)).\n\n## Main effects\n\n"
        out += "Coefficient ± standard error per factor scaled to [−1, 1]; the whole range moves the metric by twice the coefficient.\n\n"
        out += MarkdownReport.table(["Metric", "Centre"] + sweep.factors.map { MarkdownReport.cell($0.path) } + ["R²"], document.mainEffects.map { effects in
            [MarkdownReport.cell(effects.metric), SweepCharts.number(effects.intercept)]
                + effects.effects.map { effect in
                    guard let coefficient = effect.coefficient else { return "–" }
                    return (coefficient < 0 ? "" : "+") + SweepCharts.number(coefficient) + (effect.standardError.map { " ± " + SweepCharts.number($0) } ?? "")
                }
                + [effects.rSquared.map { ReportNumber.fixed($0, 2) } ?? "–"]
        })
        return out
    }
}
