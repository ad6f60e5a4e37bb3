/// One problem found in a scenario file (or in a CSV MSEL it imports), with its position.
///
/// Lines and columns are 1-based. In YAML files the column counts Unicode scalars, as libyaml
/// does. In CSV files the column is the 1-based index of the CSV *field* and `caretColumn`
/// is the character position where that field starts, so the caret still points at the text.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
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
    public var rendered: String {
        var caretPrefix = ""
        let scalars = Array(sourceLine.unicodeScalars)
        for index in 0..<max(0, caretColumn - 1) {
            caretPrefix.append(index < scalars.count && scalars[index] == "\t" ? "\t" : " ")
        }
        var text = "\(path):\(line):\(column): \(severity.rawValue): \(message)\n\(sourceLine)\n\(caretPrefix)^"
        if let hint { text += "\nhint: \(hint)" }
        return text
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
