internal import Stochastics
internal import Yams

/// The keys of one YAML mapping, checked against what is allowed at that place.
struct Fields {
    let node: Node
    let location: SourceLocation
    let values: [String: Node]
    let source: ElementSource

    subscript(key: String) -> Node? { values[key] }
}

/// Reads YAML nodes into values: every wrong type, unknown key or bad value becomes a
/// diagnostic at the node's position, and the value comes back nil.
///
/// Positions come from the composed `Node`s' marks: this is the one place that maps a YAML
/// node to a file position (style.md, convention 5).
struct NodeReader {
    let path: String
    let sink: DiagnosticSink
    /// Keys renamed by the composer because they were duplicates; skipped here.
    let placeholders: Set<String>
    let lines: [[Unicode.Scalar]]

    init(path: String, text: String, sink: DiagnosticSink, placeholders: Set<String>) {
        self.path = path
        self.sink = sink
        self.placeholders = placeholders
        self.lines = DiagnosticSink.lines(of: text).map { Array($0.unicodeScalars) }
    }

    // MARK: Locations and descriptions

    func location(_ node: Node) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(path: path, line: 1, column: 1) }
        return SourceLocation(path: path, line: mark.line, column: mark.column)
    }

    /// The position `offset` scalars into a scalar's text, for plain and single-line quoted
    /// scalars whose text appears verbatim on their line; otherwise the scalar's start.
    func location(_ node: Node, offset: Int) -> SourceLocation {
        let start = location(node)
        guard offset > 0, case .scalar(let scalar) = node, start.line <= lines.count else { return start }
        let quote: Int
        switch scalar.style {
        case .plain, .any: quote = 0
        case .singleQuoted, .doubleQuoted: quote = 1
        default: return start
        }
        let line = lines[start.line - 1]
        let value = Array(scalar.string.unicodeScalars)
        let from = start.column - 1 + quote
        guard from + value.count <= line.count, Array(line[from..<(from + value.count)]) == value else { return start }
        return start.shifted(by: quote + offset)
    }

    /// "a sequence", "a mapping", "an integer", "a number", "a boolean", "an empty value", "a string".
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        case .alias: return "an alias"
        case .scalar(let scalar):
            guard scalar.style == .plain || scalar.style == .any else { return "a string" }
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return "an empty value"
            case .int: return "an integer"
            case .float: return "a number"
            case .bool: return "a boolean"
            default: return "a string"
            }
        }
    }

    func isNull(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any, Tag.Name(rawValue: node.tag.rawValue) == .null { return true }
        return false
    }

    func typeError(_ key: String, expected: String, found node: Node, hint: String? = nil) {
        sink.error("'\(key)': expected \(expected), found \(describe(node))", at: location(node), hint: hint)
    }

    // MARK: Mappings

    /// The mapping's fields after checking keys: unknown ones (with a did-you-mean over
    /// `allowed`), non-string ones, and missing `required` ones (reported at the mapping,
    /// naming `what`). Nil if the node is not a mapping.
    func fields(_ node: Node, key: String, what: String, allowed: [String], required: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            typeError(key, expected: "a mapping", found: node)
            return nil
        }
        let at = location(node)
        var values: [String: Node] = [:]
        var source = ElementSource(location: at)
        var suggested: Set<String> = []
        for (keyNode, value) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                sink.error("keys must be plain words, found \(describe(keyNode))", at: location(keyNode))
                continue
            }
            let name = keyScalar.string
            if placeholders.contains(name) { continue }
            guard allowed.contains(name) else {
                let match = Suggestions.closest(to: name, in: allowed)
                if let match { suggested.insert(match) }
                sink.error("unknown key '\(name)' in \(what)", at: location(keyNode),
                           hint: match.map { "did you mean '\($0)'?" } ?? Suggestions.list("allowed keys", allowed, limit: 16))
                continue
            }
            values[name] = value
            source.fields[name] = location(value)
        }
        // A misspelt required key is reported once, as unknown with its suggestion.
        for name in required where values[name] == nil && !suggested.contains(name) {
            sink.error("missing required key '\(name)' in \(what)", at: at)
        }
        return Fields(node: node, location: at, values: values, source: source)
    }

    /// The items of a sequence (an empty value counts as an empty sequence); nil otherwise.
    func sequence(_ node: Node, key: String) -> [Node]? {
        if isNull(node) { return [] }
        guard case .sequence(let sequence) = node else {
            typeError(key, expected: "a sequence", found: node)
            return nil
        }
        return Array(sequence)
    }

    /// A label for an element in messages: "agency 'ARC-CT'", or "agency #3" without an id.
    func elementName(_ kind: String, _ node: Node, index: Int) -> String {
        if case .mapping(let mapping) = node, let id = mapping["id"]?.scalar?.string, !id.isEmpty { return "\(kind) '\(id)'" }
        return "\(kind) #\(index + 1)"
    }

    // MARK: Scalars

    /// Any non-empty scalar's text (numbers and booleans are read as their text).
    func string(_ node: Node, key: String) -> String? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            typeError(key, expected: "a string", found: node)
            return nil
        }
        return scalar.string
    }

    func locatedString(_ node: Node, key: String) -> Located<String>? {
        string(node, key: key).map { Located($0, location(node)) }
    }

    /// An id: `[A-Za-z0-9][A-Za-z0-9._-]*`.
    func id(_ node: Node, key: String) -> Located<String>? {
        guard let text = string(node, key: key) else { return nil }
        let scalars = Array(text.unicodeScalars)
        let valid = !scalars.isEmpty && Self.isIDStart(scalars[0]) && scalars.allSatisfy { Self.isIDStart($0) || "._-".unicodeScalars.contains($0) }
        guard valid else {
            sink.error("invalid id '\(text)'", at: location(node),
                       hint: "ids start with a letter or digit and contain only letters, digits, '.', '_' and '-'")
            return nil
        }
        return Located(text, location(node))
    }

    /// A number as a planner writes it: `2` rather than `2.0`.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    static func isIDStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
    }

    /// A string, or a sequence of strings (ids of other elements, not yet resolved).
    func references(_ node: Node, key: String) -> [Located<String>]? {
        if case .scalar = node, !isNull(node) { return locatedString(node, key: key).map { [$0] } }
        guard let items = sequence(node, key: key) else { return nil }
        var result: [Located<String>] = []
        var failed = false
        for item in items {
            if let value = locatedString(item, key: key) { result.append(value) } else { failed = true }
        }
        return failed ? nil : result
    }

    func integer(_ node: Node, key: String, minimum: Int) -> Int? {
        guard case .scalar(let scalar) = node, describe(node) == "an integer" else {
            typeError(key, expected: "an integer", found: node)
            return nil
        }
        guard let value = Int(scalar.string) else {
            sink.error("'\(key)': expected a decimal integer, found '\(scalar.string)'", at: location(node))
            return nil
        }
        guard value >= minimum else {
            sink.error("'\(key)' must be at least \(minimum), found \(value)", at: location(node))
            return nil
        }
        return value
    }

    func unsigned(_ node: Node, key: String) -> UInt64? {
        guard case .scalar(let scalar) = node, describe(node) == "an integer" else {
            typeError(key, expected: "an integer", found: node)
            return nil
        }
        guard let value = UInt64(scalar.string) else {
            sink.error("'\(key)' must be a whole number from 0 to \(UInt64.max), found \(scalar.string)", at: location(node))
            return nil
        }
        return value
    }

    func number(_ node: Node, key: String) -> Double? {
        let kind = describe(node)
        guard case .scalar(let scalar) = node, kind == "an integer" || kind == "a number",
              let value = Double(scalar.string), value.isFinite else {
            typeError(key, expected: "a number", found: node)
            return nil
        }
        return value
    }

    /// One of `cases` (by spelling), with a did-you-mean or the list of values.
    func choice<T>(_ node: Node, key: String, what: String, _ cases: [(String, T)]) -> T? {
        guard let text = string(node, key: key) else { return nil }
        if let match = cases.first(where: { $0.0 == text }) { return match.1 }
        let names = cases.map(\.0)
        sink.error("unknown \(what) '\(text)'", at: location(node),
                   hint: Suggestions.hint(for: text, in: names, fallback: "\(what)s are " + names.joined(separator: ", ")))
        return nil
    }

    func duration(_ node: Node, key: String) -> Double? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            typeError(key, expected: "a duration", found: node, hint: DurationSyntax.example)
            return nil
        }
        do {
            return try DurationSyntax.parse(scalar.string)
        } catch {
            sink.error(error.message, at: location(node, offset: error.offset), hint: error.hint)
            return nil
        }
    }

    func distribution(_ node: Node, key: String) -> Distribution? {
        guard case .scalar(let scalar) = node, !isNull(node) else {
            typeError(key, expected: "a duration or a distribution", found: node, hint: DistributionSyntax.generalHint)
            return nil
        }
        do {
            return try DistributionSyntax.parse(scalar.string)
        } catch {
            sink.error(error.message, at: location(node, offset: error.offset), hint: error.hint)
            return nil
        }
    }
}
