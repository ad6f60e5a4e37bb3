/// One problem found in a scenario file (or in a CSV MSEL it imports), with its position.
///
/// Lines and columns are 1-based. In YAML files the column counts Unicode scalars, as libyaml
/// does. In CSV files the column is the 1-based index of the CSV *field* and `caretColumn`
/// is the character position where that field starts, so the caret still points at the text.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable {
        case error, warning
    }

    public var severity: Severity
    /// The file as the user named it (or as resolved relative to the scenario file).
    public var path: String
    public var line: Int
    public var column: Int
    public var message: String
    public var hint: String?
    /// The source line the diagnostic points into, verbatim (without its line break).
    public var sourceLine: String
    /// Where the caret goes in `sourceLine` (1-based, in Unicode scalars); equals `column`
    /// except in CSV files.
    public var caretColumn: Int

    public init(severity: Severity = .error, path: String, line: Int, column: Int, message: String,
                hint: String? = nil, sourceLine: String, caretColumn: Int? = nil) {
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
        self.caretColumn = caretColumn ?? column
    }

    /// The diagnostic as the command line prints it:
    ///
    ///     <path>:<line>:<column>: error: <message>
    ///     <the source line, verbatim>
    ///     <spaces, tabs kept from the source line's prefix, up to the caret>^
    ///     hint: <hint>
    ///
    /// A source line longer than `Self.window` scalars is shown as the part around the caret,
    /// with "…" where it was cut; a message or hint that long keeps its start and end. The
    /// first line always gives the true line and column.
    public var rendered: String {
        var scalars = Array(sourceLine.unicodeScalars)
        var caret = caretColumn
        if scalars.count > Self.window {
            let start = max(0, min(caret - 1 - Self.window / 2, scalars.count - Self.window))
            let end = min(scalars.count, start + Self.window)
            var shown = Array(scalars[start..<end])
            if start > 0 {
                shown.insert("…", at: 0)
                caret = caret - start + 1
            }
            if end < scalars.count { shown.append("…") }
            scalars = shown
        }
        var caretPrefix = ""
        for index in 0..<max(0, caret - 1) {
            caretPrefix.append(index < scalars.count && scalars[index] == "\t" ? "\t" : " ")
        }
        let line = String(String.UnicodeScalarView(scalars))
        var text = "\(path):\(self.line):\(column): \(severity.rawValue): \(Self.shortened(message))\n\(line)\n\(caretPrefix)^"
        if let hint { text += "\nhint: \(Self.shortened(hint))" }
        return text
    }

    /// Scalars of a source line shown around the caret.
    static let window = 240

    /// `text` with its middle replaced by "…" when longer than twice `window` scalars.
    static func shortened(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > 2 * window else { return text }
        return String(String.UnicodeScalarView(scalars.prefix(window))) + "…" + String(String.UnicodeScalarView(scalars.suffix(window)))
    }

    public var description: String { rendered }
}

/// The scenario could not be loaded: every diagnostic found, sorted by position.
public struct ScenarioError: Error {
    public let diagnostics: [Diagnostic]

    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// All diagnostics rendered, joined by a line break (no trailing line break).
    public var rendered: String { diagnostics.map(\.rendered).joined(separator: "\n") }
}

extension ScenarioError: CustomStringConvertible {
    public var description: String { rendered }
}
