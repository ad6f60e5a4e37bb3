internal import Experiments

/// The main effects of a sweep as a plain-text table: one row per key metric, one column per
/// factor with its coefficient ± standard error, the intercept (the fitted metric at the
/// centre of every range) and R².
public enum MainEffectsTable {
    public static func render(_ document: SweepDocument) -> String {
        let sweep = document.sweep
        var out = "\(sweep.name): \(sweep.points.count) points (\(sweep.design)) × \(sweep.replications) replications, seed \(sweep.seed)\n\n"
        out += "Main effects: least-squares coefficient ± standard error on each factor scaled to [-1, 1];\n"
        out += "moving a factor across its whole range changes the metric by twice its coefficient.\n\n"
        let header = ["metric", "centre"] + sweep.factors.map(\.path) + ["R²"]
        let rows = document.mainEffects.map { effects -> [String] in
            [effects.metric, number(effects.intercept)]
                + effects.effects.map { effect in
                    guard let coefficient = effect.coefficient else { return "–" }
                    let text = number(coefficient)
                    return (text.hasPrefix("-") ? "" : "+") + text + (effect.standardError.map { " ± " + number($0) } ?? "")
                }
                + [effects.rSquared.map { fixed($0, 2) } ?? "–"]
        }
        out += table(header: header, rows: rows)
        let notes = document.mainEffects.compactMap { effects in effects.note.map { "  \(effects.metric): \($0)" } }
        if !notes.isEmpty { out += "\n" + notes.joined(separator: "\n") + "\n" }
        return out
    }

    /// Columns padded to their widest cell; the first left-aligned, the rest right-aligned.
    static func table(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                return index == 0 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
        return ([line(header), line(widths.map { String(repeating: "-", count: $0) })] + rows.map(line))
            .map { "  " + $0 }.joined(separator: "\n") + "\n"
    }

    /// Three significant digits or so: 0.0123, 0.123, 1.23, 12.3, 123.
    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        let magnitude = abs(value)
        let digits = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : magnitude >= 0.01 || magnitude == 0 ? 3 : 4
        return fixed(value, digits)
    }

    /// `value` rounded to `digits` decimals, without locale-dependent formatting.
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        let negative = rounded < 0
        let whole = (abs(rounded) * scale).rounded()
        let integer = Int(whole / scale)
        let fraction = Int(whole - Double(integer) * scale)
        var text = (negative ? "-" : "") + String(integer)
        if digits > 0 {
            let part = String(fraction)
            text += "." + String(repeating: "0", count: max(0, digits - part.count)) + part
        }
        return text
    }
}
