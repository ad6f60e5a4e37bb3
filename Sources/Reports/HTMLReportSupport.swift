internal import Experiments
internal import CSV
public import Foundation

/// The one place where text becomes HTML: every string that comes from a scenario (names, ids,
/// descriptions) or a result file goes through `HTMLText.escape` before it reaches the page.
public enum HTMLText {
    /// `&`, `<`, `>`, `"` and `'` as character references, so the text can never open a tag or
    /// close an attribute.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies, and of
/// different lightness so that neighbouring colours also differ in greyscale.
enum Palette {
    static let colours = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"]
    static func colour(_ index: Int) -> String { colours[index % colours.count] }

    /// `count` fills that all differ: the nine colours, then stripes of the first eight on white
    /// (SVG patterns, in `defs`, named `<id>-stripe-<k>`), then repeats.
    static func distinct(_ count: Int, id: String) -> (colours: [String], defs: String) {
        let striped = max(0, min(count - colours.count, colours.count - 1))
        var defs = striped > 0 ? "<defs>" : ""
        for index in 0..<striped {
            defs += "<pattern id=\"\(id)-stripe-\(index)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            defs += "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3\" height=\"6\" fill=\"\(colours[index])\"/></pattern>"
        }
        if striped > 0 { defs += "</defs>" }
        let fills = (0..<max(count, 1)).map { index in
            index < colours.count ? colours[index] : index - colours.count < striped ? "url(#\(id)-stripe-\(index - colours.count))" : colour(index)
        }
        return (fills, defs)
    }
    /// P, S, M, U and N/A: bluish green, sky blue, orange, vermilion, grey.
    static let ratings: [(String, String)] = [("P", "#009E73"), ("S", "#56B4E9"), ("M", "#E69F00"), ("U", "#D55E00"), ("N/A", "#999999")]
}

/// Numbers as a planner reads them, without locale-dependent formatting.
public enum ReportNumber {
    /// A duration in hours as minutes, hours or days.
    public static func hoursText(_ value: Double) -> String { SummaryTable.hours(value) }
    static func fixed(_ value: Double, _ digits: Int) -> String { SummaryTable.fixed(value, digits) }
    static func hours(_ value: Double?) -> String { SummaryTable.hours(value) }
    static func percent(_ value: Double) -> String { SummaryTable.percent(value) }
    static func decimal(_ value: Double) -> String { SummaryTable.decimal(value) }
    /// "time staff_wait" → "staff wait".
    static func category(_ name: String) -> String { name.replacingOccurrences(of: "_", with: " ") }
}

/// The rows of `replications.csv`, by column name.
public struct ReplicationRows: Sendable {
    public let header: [String]
    public let rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows
    }

    /// Reads a `replications.csv` text with the CSV library (header row first).
    public init(csv text: String) throws {
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        var rows: [[String]] = []
        while let row = reader.next() { rows.append(row) }
        self.init(header: reader.headerRow ?? [], rows: rows)
    }

    /// The numeric values of `column`, skipping empty cells ("did not happen").
    public func numbers(_ column: String) -> [Double] {
        guard let index = header.firstIndex(of: column) else { return [] }
        return rows.compactMap { $0.indices.contains(index) ? Double($0[index]) : nil }
    }

    /// The cells of `column` by row (nil where the column or cell is missing or empty).
    public func cells(_ column: String) -> [String?] {
        guard let index = header.firstIndex(of: column) else { return rows.map { _ in nil } }
        return rows.map { $0.indices.contains(index) && !$0[index].isEmpty ? $0[index] : nil }
    }
}

/// Reads a run's result folder for a report.
public enum ReportInput {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Decodes `summary.json` of `folder` (snake_case keys) and reads `replications.csv` if present.
    public static func load(folder: URL) throws(Failure) -> (document: SummaryDocument, rows: ReplicationRows) {
        let summaryURL = folder.appendingPathComponent("summary.json")
        guard let data = FileManager.default.contents(atPath: summaryURL.path) else {
            throw Failure(description: "\(folder.path) has no summary.json: give the output folder of `jtx run`")
        }
        let document: SummaryDocument
        do {
            document = try decodeSummary(data)
        } catch {
            throw Failure(description: "\(summaryURL.path) is not a jtx run summary: \(error)")
        }
        guard document.format == "jtx-run-summary" else {
            throw Failure(description: "\(summaryURL.path) is a \(document.format) document, not a jtx run summary")
        }
        let csvURL = folder.appendingPathComponent("replications.csv")
        guard let csvData = FileManager.default.contents(atPath: csvURL.path) else {
            return (document, ReplicationRows(header: [], rows: []))
        }
        do {
            return (document, try ReplicationRows(csv: String(decoding: csvData, as: UTF8.self)))
        } catch {
            throw Failure(description: "\(csvURL.path) cannot be read as CSV: \(error)")
        }
    }

    /// Decodes the summary. The snake_case strategy also rewrites dictionary keys
    /// ("staff_wait" → "staffWait"), so those keys are turned back into the names the file holds.
    public static func decodeSummary(_ data: Data) throws -> SummaryDocument {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        var document = try decoder.decode(SummaryDocument.self, from: data)
        for index in document.summary.objectives.indices {
            document.summary.objectives[index].timeHours = snakeKeys(document.summary.objectives[index].timeHours)
        }
        document.summary.handoffsPerReplication = snakeKeys(document.summary.handoffsPerReplication)
        return document
    }

    static func snakeKeys(_ values: [String: Double]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (key, value) in values {
            var name = ""
            for character in key {
                if character.isUppercase { name += "_" + character.lowercased() } else { name.append(character) }
            }
            out[name] = value
        }
        return out
    }
}
