/// A position in one of the files of a scenario (the YAML file or a CSV MSEL).
struct SourceLocation: Sendable, Equatable {
    var path: String
    var line: Int
    var column: Int
    /// Caret position when it differs from `column` (CSV fields); nil means `column`.
    var caretColumn: Int?

    init(path: String, line: Int, column: Int, caretColumn: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.caretColumn = caretColumn
    }

    /// The same place, `offset` Unicode scalars to the right (inside a scalar's text).
    func shifted(by offset: Int) -> SourceLocation {
        var copy = self
        copy.column += offset
        if let caret = caretColumn { copy.caretColumn = caret + offset }
        return copy
    }
}

/// A value read from a file, with where it was written.
struct Located<Value> {
    var value: Value
    var location: SourceLocation

    init(_ value: Value, _ location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

extension Located: Sendable where Value: Sendable {}

/// Collects diagnostics for every file of one scenario, in one pass.
///
/// Knows the text of each file so that each diagnostic carries its source line. Files are
/// ordered as they were registered (the scenario first); `sorted()` orders by file, then line,
/// then column.
final class DiagnosticSink {
    private var files: [String: [String]] = [:]
    private var fileOrder: [String: Int] = [:]
    private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []
    /// Errors beyond `limit`, counted but not kept.
    private(set) var dropped = 0
    /// Most diagnostics kept (`ScenarioLimits.maxDiagnostics`): a broken file of a million lines
    /// must not produce a million diagnostics, each with its hint computed.
    let limit: Int

    init(limit: Int = ScenarioLimits.standard.maxDiagnostics) {
        self.limit = max(1, limit)
    }

    /// The first registered file (the scenario).
    var firstPath: String { fileOrder.min { $0.value < $1.value }?.key ?? "" }

    var hasErrors: Bool { dropped > 0 || diagnostics.contains { $0.severity == .error } }

    /// Registers a file's text (its lines, without line breaks) for source-line look-ups.
    func register(path: String, text: String) {
        if fileOrder[path] == nil { fileOrder[path] = fileOrder.count }
        files[path] = Self.lines(of: text)
    }

    /// Records an error. The hint is computed only when the error is kept (under the limit).
    func error(_ message: String, at location: SourceLocation, hint: @autoclosure () -> String? = nil) {
        guard diagnostics.count < limit else {
            dropped += 1
            return
        }
        let lines = files[location.path] ?? []
        let sourceLine = location.line >= 1 && location.line <= lines.count ? lines[location.line - 1] : ""
        let diagnostic = Diagnostic(path: location.path, line: location.line, column: location.column, message: message,
                                    hint: hint(), sourceLine: sourceLine, caretColumn: location.caretColumn)
        if seen.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    func error(_ problem: SyntaxError, at location: SourceLocation) {
        error(problem.message, at: location.shifted(by: problem.offset), hint: problem.hint)
    }

    /// The diagnostics ordered by file (registration order), line, then column; stable. When
    /// errors were dropped, a last diagnostic (at 1:1 of the first file) says how many.
    func sorted() -> [Diagnostic] {
        var result = diagnostics.enumerated().sorted { lhs, rhs in
            let left = (fileOrder[lhs.element.path] ?? Int.max, lhs.element.line, lhs.element.column, lhs.offset)
            let right = (fileOrder[rhs.element.path] ?? Int.max, rhs.element.line, rhs.element.column, rhs.offset)
            return left < right
        }.map(\.element)
        if dropped > 0 {
            let path = firstPath
            let first = files[path]?.first ?? ""
            result.append(Diagnostic(path: path, line: 1, column: 1,
                                     message: "\(dropped) more error\(dropped == 1 ? "" : "s") not shown (at most \(limit) are reported)",
                                     hint: "fix the errors above and validate again", sourceLine: first))
        }
        return result
    }

    /// Splits text into lines on "\n", dropping a "\r" before it (CRLF files).
    static func lines(of text: String) -> [String] {
        // Split on UTF-8 bytes: in Swift "\r\n" is one Character, which `split(separator: "\n")`
        // misses, and building each line from a UnicodeScalarView slice was slow on large files.
        let utf8 = text.utf8
        var lines: [String] = []
        var start = utf8.startIndex
        var index = start
        func cut(_ end: String.Index) {
            var last = end
            if last > start, utf8[utf8.index(before: last)] == UInt8(ascii: "\r") { last = utf8.index(before: last) }
            lines.append(String(decoding: utf8[start..<last], as: UTF8.self))
        }
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                cut(index)
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        cut(utf8.endIndex)
        return lines
    }
}
