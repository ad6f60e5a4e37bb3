internal import Yams

/// Lets scenario files write distributions unquoted, as the format documents them:
/// `latency: exponential(mean: 5m)` or `repeat: {every: uniform(1m, 3m)}`.
///
/// Standard YAML reads `: ` inside a plain value as a mapping and `,` `[` `]` `{` `}` inside a
/// flow collection as structure, so both lines above are YAML syntax errors. Before composing,
/// `protect` replaces those characters between the parentheses of `name(...)` (outside quotes
/// and comments, on one line) by private-use code points, one scalar for one scalar, so every
/// line and column stays where it was; `restore` puts the originals back into every scalar of
/// the composed tree. Text that already contains those code points is left as it is.
enum UnquotedCalls {
    private static let pairs: [(Unicode.Scalar, Unicode.Scalar)] = [
        (":", "\u{E000}"), (",", "\u{E001}"), ("[", "\u{E002}"), ("]", "\u{E003}"), ("{", "\u{E004}"), ("}", "\u{E005}"),
    ]
    private static let protect = Dictionary(uniqueKeysWithValues: pairs)
    private static let unprotect = Dictionary(uniqueKeysWithValues: pairs.map { ($1, $0) })

    /// True for the private-use code points `protect` uses (a range test: this runs on every
    /// scalar of the file, and a dictionary look-up each made long files slow).
    /// An ASCII letter (without a look-up of Unicode properties).
    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool { ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) }

    private static func isProtected(_ scalar: Unicode.Scalar) -> Bool { (0xE000...0xE005).contains(scalar.value) }

    static func protect(_ text: String) -> String {
        guard !text.unicodeScalars.contains(where: isProtected) else { return text }
        // Collected in an array: appending to a String.UnicodeScalarView copies the whole string
        // each time, which made this quadratic in the number of lines.
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(text.utf8.count)
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            if number > 0 { output.append("\n") }
            output.append(contentsOf: protectLine(Array(line)))
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: output)
        return String(result)
    }

    private static func protectLine(_ line: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var line = line
        var index = 0
        var quote: Unicode.Scalar?
        func isName(_ scalar: Unicode.Scalar) -> Bool {
            isLetter(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        while index < line.count {
            let scalar = line[index]
            if let open = quote {
                if open == "\"" && scalar == "\\" { index += 2; continue }
                if scalar == open {
                    if open == "'" && index + 1 < line.count && line[index + 1] == "'" { index += 2; continue }
                    quote = nil
                }
                index += 1
                continue
            }
            let atTokenStart = index == 0 || " \t[{,:".unicodeScalars.contains(line[index - 1])
            if scalar == "#" && (index == 0 || line[index - 1] == " " || line[index - 1] == "\t") { break }
            if (scalar == "\"" || scalar == "'") && atTokenStart {
                quote = scalar
                index += 1
                continue
            }
            guard isLetter(scalar) && (index == 0 || !isName(line[index - 1])) else {
                index += 1
                continue
            }
            var end = index
            while end < line.count && isName(line[end]) { end += 1 }
            guard end < line.count && line[end] == "(" else {
                index = end
                continue
            }
            var close = end + 1, depth = 1
            while close < line.count {
                if line[close] == "(" { depth += 1 }
                if line[close] == ")" { depth -= 1; if depth == 0 { break } }
                close += 1
            }
            guard depth == 0 else { break }
            for position in (end + 1)..<close {
                if let replacement = protect[line[position]] { line[position] = replacement }
            }
            index = close + 1
        }
        return line
    }

    /// The node with every protected scalar restored (marks, styles and tags kept).
    static func restore(_ node: Node) -> Node {
        switch node {
        case .scalar(var scalar):
            guard scalar.string.unicodeScalars.contains(where: isProtected) else { return node }
            let tag = scalar.tag
            scalar.string = String(String.UnicodeScalarView(scalar.string.unicodeScalars.map { unprotect[$0] ?? $0 }))
            scalar.tag = tag
            return .scalar(scalar)
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { (restore($0.key), restore($0.value)) }, mapping.tag, mapping.style, mapping.mark))
        case .sequence(let sequence):
            return .sequence(Node.Sequence(sequence.map(restore), sequence.tag, sequence.style, sequence.mark))
        case .alias:
            return node
        }
    }
}
