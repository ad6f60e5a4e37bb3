internal import Foundation
internal import Yams

/// Composes a YAML text into a `Node` tree (with marks), turning Yams' errors into diagnostics.
///
/// Yams rejects a mapping with a duplicated key as a whole and names only the first occurrence.
/// For block mappings the composer finds the second occurrence, reports it there, renames it to
/// a placeholder (which the reader skips) and composes again, so the rest of the file is still
/// checked in the same pass. Unquoted distributions are protected first (see `UnquotedCalls`).
struct YAMLComposer {
    let path: String
    let sink: DiagnosticSink
    let limits: ScenarioLimits

    /// Keys renamed because they duplicated an earlier key; the reader ignores them.
    private(set) var placeholders: Set<String> = []

    init(path: String, sink: DiagnosticSink, limits: ScenarioLimits = .standard) {
        self.path = path
        self.sink = sink
        self.limits = limits
    }

    /// The document's root node; nil after a syntax error (reported) or for an empty document.
    ///
    /// The text first passes `YAMLBudget` (node count with aliases expanded, nesting depth), so
    /// Yams never builds or hashes a tree beyond the limits. Each duplicate key costs one more
    /// composition, so the number of retries shrinks with the text's size (at most about
    /// 64 MiB composed in all).
    mutating func compose(_ text: String) -> (root: Node?, failed: Bool) {
        var working = UnquotedCalls.protect(text)
        if let exceeded = YAMLBudget.check(working, limits: limits) {
            sink.error(exceeded.message, at: SourceLocation(path: path, line: exceeded.line, column: exceeded.column), hint: exceeded.hint)
            return (nil, true)
        }
        let attempts = max(1, min(100, (64 << 20) / max(1, working.utf8.count)))
        for attempt in 0..<attempts {
            do {
                return (try Yams.compose(yaml: working).map(UnquotedCalls.restore), false)
            } catch let error as YamlError {
                if case .duplicatedKeysInMapping(let duplicates, let context) = error, let key = duplicates.sorted().first {
                    let first = context.mark
                    guard let second = Self.nextOccurrence(of: key, after: first, in: working) else {
                        sink.error("duplicate key '\(key)' in this mapping", at: location(first),
                                   hint: "a key may appear only once in a mapping")
                        return (nil, true)
                    }
                    sink.error("duplicate key '\(key)' (first at line \(first.line))",
                               at: SourceLocation(path: path, line: second.line, column: second.column),
                               hint: "a key may appear only once in a mapping; remove or rename one")
                    let placeholder = "__jtx_duplicate_\(attempt)__"
                    placeholders.insert(placeholder)
                    working = Self.replacing(second, with: placeholder, in: working)
                    continue
                }
                report(error, text: text)
                return (nil, true)
            } catch {
                sink.error("cannot read the YAML: \(error)", at: SourceLocation(path: path, line: 1, column: 1))
                return (nil, true)
            }
        }
        sink.error("too many duplicate keys (\(attempts) reported)", at: SourceLocation(path: path, line: 1, column: 1),
                   hint: "remove the duplicates above and validate again to see the rest")
        return (nil, true)
    }

    private func location(_ mark: Mark) -> SourceLocation {
        SourceLocation(path: path, line: max(1, mark.line), column: max(1, mark.column))
    }

    private func report(_ error: YamlError, text: String) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            var at = mark
            if let context, problem.contains("end of stream") {
                // The end of the file says little; point where the unfinished construct starts.
                message += " (\(context.text) that starts here)"
                at = context.mark
            } else if let context {
                message += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            sink.error(message, at: location(at), hint: hint(problem: problem, context: context?.text, mark: mark, text: text))
        case .reader(let problem, let offset, _, _):
            var line = 1, column = 1
            if let offset {
                for scalar in text.unicodeScalars.prefix(offset) {
                    if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                }
            }
            sink.error("cannot read the YAML: \(problem)", at: SourceLocation(path: path, line: line, column: column))
        default:
            sink.error("cannot read the YAML: \(error)", at: SourceLocation(path: path, line: 1, column: 1))
        }
    }

    private func hint(problem: String, context: String?, mark: Mark, text: String) -> String? {
        let lines = DiagnosticSink.lines(of: text)
        if mark.line >= 1 && mark.line <= lines.count {
            let line = lines[mark.line - 1]
            if line.unicodeScalars.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                return "YAML does not allow tabs for indentation; use spaces"
            }
        }
        if problem.contains("mapping values are not allowed") {
            return "check this line's indentation; text containing ': ' must be quoted, e.g. description: \"phase 1: detection\""
        }
        if context?.contains("quoted scalar") == true { return "close the quotes" }
        return nil
    }

    // MARK: Duplicate keys

    struct KeyToken {
        var line: Int
        var column: Int
        var length: Int
    }

    /// The next key `key` of the same block mapping as the one at `first`, or nil (flow style,
    /// or not found).
    static func nextOccurrence(of key: String, after first: Mark, in text: String) -> KeyToken? {
        let lines = DiagnosticSink.lines(of: text).map { Array($0.unicodeScalars) }
        guard first.line >= 1 && first.line <= lines.count else { return nil }
        let firstLine = lines[first.line - 1]
        let column = first.column
        // Block style only: before the key there are only spaces and sequence dashes.
        guard column - 1 <= firstLine.count,
              firstLine[..<(column - 1)].allSatisfy({ $0 == " " || $0 == "-" }),
              keyLength(key, in: firstLine, at: column - 1) != nil else { return nil }
        var lineNumber = first.line + 1
        while lineNumber <= lines.count {
            let line = lines[lineNumber - 1]
            let indent = line.prefix(while: { $0 == " " }).count
            let isBlank = indent == line.count || line[indent] == "#"
            if !isBlank {
                if indent + 1 < column { return nil }
                if indent + 1 == column, let length = keyLength(key, in: line, at: indent) {
                    return KeyToken(line: lineNumber, column: column, length: length)
                }
            }
            lineNumber += 1
        }
        return nil
    }

    /// Length of the key token (`key`, `"key"` or `'key'`) at `start` when a `:` follows it.
    private static func keyLength(_ key: String, in line: [Unicode.Scalar], at start: Int) -> Int? {
        let plain = Array(key.unicodeScalars)
        for token in [plain, ["\""] + plain + ["\""], ["'"] + plain + ["'"]] {
            guard start + token.count <= line.count, Array(line[start..<(start + token.count)]) == token else { continue }
            var index = start + token.count
            while index < line.count && line[index] == " " { index += 1 }
            if index < line.count && line[index] == ":" && (index + 1 == line.count || line[index + 1] == " ") {
                return token.count
            }
        }
        return nil
    }

    private static func replacing(_ token: KeyToken, with placeholder: String, in text: String) -> String {
        var lines = DiagnosticSink.lines(of: text).map { Array($0.unicodeScalars) }
        let start = token.column - 1
        lines[token.line - 1].replaceSubrange(start..<(start + token.length), with: placeholder.unicodeScalars)
        return lines.map { String(String.UnicodeScalarView($0)) }.joined(separator: "\n")
    }
}
