internal import CSV
internal import ExerciseModel
internal import Stochastics

/// Imports injects from a CSV MSEL (Master Scenario Events List), read with CSV.swift.
///
/// Columns are matched by header, case-insensitively and in any order: Number, Time, From, To,
/// Method, Subject, Message, Expected Action (the usual spreadsheet layout) and jtx's optional
/// Triggers, Classification, Repeat Every, Repeat Count. Other columns are ignored. Required:
/// Number, Time, To.
///
/// Diagnostics in a CSV file use `file.csv:<line>:<field>`: the line is the 1-based line of
/// the file where the field starts (the header is line 1) and the column is the 1-based index
/// of the CSV field, not a character position; the caret is placed under the start of the
/// field. CSV.swift gives values but not positions, so `fieldPositions` scans the text once,
/// following the same quoting rules, only to place carets.
struct MSELImporter {
    let sink: DiagnosticSink

    static let columns = ["number", "time", "from", "to", "method", "subject", "message", "expected action",
                          "triggers", "classification", "repeat every", "repeat count"]
    static let required = ["Number", "Time", "To"]

    /// The injects of the MSEL at `path` (as displayed), whose content is `text`.
    func read(text rawText: String, path: String) -> [InjectDraft] {
        let text = rawText.unicodeScalars.first == "\u{FEFF}" ? String(rawText.unicodeScalars.dropFirst()) : rawText
        sink.register(path: path, text: text)
        let positions = Self.fieldPositions(text)
        func location(record: Int, field: Int) -> SourceLocation {
            let fields = record < positions.count ? positions[record] : []
            let start = field < fields.count ? fields[field] : (line: fields.first?.line ?? record + 1, column: 1)
            return SourceLocation(path: path, line: start.line, column: field + 1, caretColumn: start.column)
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            sink.error("the MSEL is empty", at: location(record: 0, field: 0), hint: "the first line names the columns: Number, Time, To, …")
            return []
        }
        var header: [String: Int] = [:]
        let names = (reader.headerRow ?? []).map { $0.trimmed }
        for (index, name) in names.enumerated() {
            let key = name.lowercased()
            if let first = header[key] {
                sink.error("duplicate column '\(name)' (first is column \(first + 1))", at: location(record: 0, field: index))
            } else if !key.isEmpty {
                header[key] = index
            }
        }
        var missing = false
        for column in Self.required where header[column.lowercased()] == nil {
            missing = true
            let unknown = names.filter { !Self.columns.contains($0.lowercased()) }
            let hint = Suggestions.closest(to: column, in: unknown).map { "rename the column '\($0)' to '\(column)'" }
                ?? "required columns: " + Self.required.joined(separator: ", ")
            sink.error("the MSEL has no '\(column)' column", at: location(record: 0, field: 0), hint: hint)
        }
        if missing { return [] }
        var injects: [InjectDraft] = []
        var record = 0
        while let row = reader.next() {
            record += 1
            if row.allSatisfy({ $0.trimmed.isEmpty }) { continue }
            let cells = Row(values: row, header: header) { location(record: record, field: $0) }
            if let inject = readRow(cells) { injects.append(inject) }
        }
        return injects
    }

    /// The cells of one row by column name, with their locations.
    struct Row {
        let values: [String]
        let header: [String: Int]
        let locate: (Int) -> SourceLocation

        func value(_ column: String) -> String {
            guard let index = header[column], index < values.count else { return "" }
            return values[index].trimmed
        }

        func location(_ column: String) -> SourceLocation { locate(header[column] ?? 0) }
    }

    private func readRow(_ row: Row) -> InjectDraft? {
        let numberLocation = row.location("number")
        var inject = InjectDraft(source: ElementSource(location: numberLocation))
        for (field, column) in [("id", "number"), ("time", "time"), ("to", "to"), ("triggers", "triggers"),
                                ("classification", "classification"), ("repeat", "repeat every")] where row.header[column] != nil {
            inject.source.fields[field] = row.location(column)
        }
        let number = row.value("number")
        if number.isEmpty {
            sink.error("the row has no Number", at: numberLocation, hint: "every MSEL row needs a Number (its inject id)")
        } else {
            let first = number.unicodeScalars.first.map { $0.properties.isAlphabetic } ?? false
            let id = first ? number : "MSEL-\(number)"
            if id.unicodeScalars.allSatisfy({ NodeReader.isIDStart($0) || "._-".unicodeScalars.contains($0) }) {
                inject.id = Located(id, numberLocation)
            } else {
                sink.error("invalid inject id '\(id)'", at: numberLocation,
                           hint: "ids contain only letters, digits, '.', '_' and '-'")
            }
        }
        inject.timing = readTime(row.value("time"), at: row.location("time"))
        let to = row.value("to")
        if to.isEmpty {
            sink.error("the row has no To (receiving agency)", at: row.location("to"))
        } else {
            inject.to = Located(to, row.location("to"))
        }
        inject.sender = row.value("from")
        inject.method = row.value("method")
        inject.expectedAction = row.value("expected action")
        let subject = row.value("subject"), message = row.value("message")
        inject.description = subject.isEmpty ? message : (message.isEmpty ? subject : subject + ": " + message)
        let triggers = row.value("triggers").split { $0 == ";" || $0 == " " || $0 == "\t" }
        inject.triggers = triggers.map { Located(String($0), row.location("triggers")) }
        let classification = row.value("classification")
        if !classification.isEmpty {
            inject.classification = Classification(name: classification)
            if inject.classification == nil {
                let names = Classification.allCases.map(\.name)
                sink.error("unknown classification '\(classification)'", at: row.location("classification"),
                           hint: Suggestions.hint(for: classification, in: names, fallback: "classifications are " + names.joined(separator: ", ")))
            }
        }
        let every = row.value("repeat every"), count = row.value("repeat count")
        if !every.isEmpty {
            inject.repeatEvery = .some(parse(every, at: row.location("repeat every")))
        }
        if !count.isEmpty {
            if let value = Int(count), value >= 1 {
                inject.repeatCount = value
            } else {
                sink.error("'Repeat Count' must be a whole number ≥ 1, found '\(count)'", at: row.location("repeat count"))
            }
            if every.isEmpty {
                sink.error("'Repeat Count' needs 'Repeat Every'", at: row.location("repeat count"),
                           hint: "give the time between occurrences, e.g. exponential(mean: 10m)")
            }
        }
        return inject
    }

    /// A duration, a distribution, or `after OTHER-ID + delay`.
    private func readTime(_ text: String, at location: SourceLocation) -> TimingDraft? {
        if text.lowercased().hasPrefix("after ") {
            let rest = String(text.unicodeScalars.dropFirst(6))
            let parts = rest.split(separator: "+", maxSplits: 1).map { String($0).trimmed }
            guard let other = parts.first, !other.isEmpty else {
                sink.error("'after' needs an inject id, e.g. after MSEL-1 + 2h", at: location)
                return nil
            }
            let delay = parts.count > 1 ? parse(parts[1], at: location) : DistributionSyntax.zero
            return delay.map { .after(Located(other, location), delay: $0) }
        }
        guard let distribution = parse(text, at: location) else { return nil }
        if case .constant(let seconds) = distribution.family { return .fixed(seconds) }
        return .random(distribution)
    }

    private func parse(_ text: String, at location: SourceLocation) -> Distribution? {
        do {
            return try DistributionSyntax.parse(text)
        } catch {
            sink.error(error.message, at: location, hint: error.hint)
            return nil
        }
    }

    /// For each CSV record, where each of its fields starts (line, 1-based character column),
    /// following CSV.swift's rules: quotes open a field only at its start, `""` escapes a quote,
    /// CR, LF or CRLF end a record outside quotes.
    static func fieldPositions(_ text: String) -> [[(line: Int, column: Int)]] {
        let s = Array(text.unicodeScalars)
        var records: [[(line: Int, column: Int)]] = []
        var current: [(line: Int, column: Int)] = [(1, 1)]
        var line = 1, column = 1, index = 0
        var inQuotes = false, atFieldStart = true, hasContent = false
        while index < s.count {
            let c = s[index]
            index += 1
            hasContent = true
            if inQuotes {
                if c == "\"" {
                    if index < s.count && s[index] == "\"" { index += 1; column += 1 } else { inQuotes = false }
                } else if c == "\n" {
                    line += 1
                    column = 1
                    continue
                }
                column += 1
                continue
            }
            if c == "\r" || c == "\n" {
                if c == "\r" && index < s.count && s[index] == "\n" { index += 1 }
                records.append(current)
                line += 1
                column = 1
                current = [(line, 1)]
                atFieldStart = true
                hasContent = false
                continue
            }
            if c == "\"" && atFieldStart { inQuotes = true }
            atFieldStart = false
            column += 1
            if c == "," {
                current.append((line, column))
                atFieldStart = true
            }
        }
        if hasContent { records.append(current) }
        return records
    }
}
