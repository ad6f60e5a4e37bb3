public import Stochastics

/// Distributions of durations as scenario files write them: a bare duration (a constant), or
/// `name(arguments)` such as `exponential(mean: 30m)`, `lognormal(median: 2h, p95: 8h)`,
/// `triangular(1h, 3h, 12h)` or `empirical(values: [1h, 2h], weights: [0.4, 0.6])`.
///
/// This small grammar is jtx's own, so its lexer and parser are written by hand (no library
/// parses it):
///
///     distribution := duration | name "(" [argument ("," argument)*] ")"
///     argument     := [name (":" | "=")] value
///
/// `name=value` is the spelling that keeps a scenario standard YAML without quotes
/// (`exponential(mean=30m)`); `name: value` reads more naturally and is accepted too, unquoted
/// (see `UnquotedCalls`), but other YAML tools then need the call quoted.
///     value        := literal | name | "[" [value ("," value)*] "]"
///
/// Every value reaches Stochastics' factories in seconds; their `DistributionError` is reported
/// with the parameter at fault. Errors carry the offset of the offending text.
public enum DistributionSyntax {
    /// The families a time field may use, in documentation order.
    public static let families = ["constant", "exponential", "normal", "lognormal", "gamma", "erlang",
                                  "weibull", "uniform", "triangular", "pert", "empirical"]

    /// `constant(0s)` and `constant(1h)`: the defaults of `handling`, `delay` and `retry-after`.
    static let zero: Distribution? = try? Distribution.constant(0)
    static let hour: Distribution? = try? Distribution.constant(3600)

    static let generalHint = "write a duration like 2h or a distribution like exponential(mean: 30m)"

    /// The distribution of durations (in seconds) that `text` denotes.
    public static func parse(_ text: String) throws(SyntaxError) -> Distribution {
        let tokens = CallLexer.tokens(of: text)
        guard tokens.contains(where: { $0.kind == .open }) else { return try parsePlain(text, tokens) }
        var parser = CallParser(tokens: tokens, text: text)
        let call = try parser.call()
        return try build(call)
    }

    /// A text without parentheses: a duration, or a name that lacks its parameters.
    private static func parsePlain(_ text: String, _ tokens: [Token]) throws(SyntaxError) -> Distribution {
        if let first = tokens.first, case .word(let word) = first.kind, first.isName {
            if let spec = FamilySpec.named(word) {
                throw SyntaxError("'\(word)' needs its parameters in parentheses", hint: "e.g. \(spec.example)", offset: first.offset)
            }
            if ["bernoulli", "poisson"].contains(word) { throw notForDurations(word, offset: first.offset) }
            throw SyntaxError("'\(text.trimmed)' is neither a duration nor a distribution",
                              hint: Suggestions.hint(for: word, in: families, fallback: generalHint), offset: first.offset)
        }
        return try constant(DurationSyntax.parse(text), offset: 0)
    }

    static func notForDurations(_ name: String, offset: Int) -> SyntaxError {
        SyntaxError("'\(name)' is not a distribution of durations",
                    hint: "time fields take " + families.joined(separator: ", "), offset: offset)
    }

    /// `Distribution.constant` of a parsed duration, its (unlikely) error as a `SyntaxError`.
    static func constant(_ seconds: Double, offset: Int) throws(SyntaxError) -> Distribution {
        do {
            return try Distribution.constant(seconds)
        } catch {
            throw SyntaxError(error.description, offset: offset)
        }
    }
}

extension String {
    var trimmed: String {
        let scalars = Array(unicodeScalars)
        var start = 0, end = scalars.count
        while start < end && scalars[start].properties.isWhitespace { start += 1 }
        while end > start && scalars[end - 1].properties.isWhitespace { end -= 1 }
        return String(String.UnicodeScalarView(scalars[start..<end]))
    }
}

// MARK: - Lexer

struct Token: Equatable {
    enum Kind: Equatable {
        case word(String), open, close, comma, colon, openList, closeList
    }

    var kind: Kind
    /// Offset in Unicode scalars from the start of the text.
    var offset: Int

    /// A word starting with a letter or "_" (a name, as opposed to a number or duration).
    var isName: Bool {
        guard case .word(let word) = kind, let first = word.unicodeScalars.first else { return false }
        return first.properties.isAlphabetic || first == "_"
    }

    var text: String {
        switch kind {
        case .word(let word): return word
        case .open: return "("
        case .close: return ")"
        case .comma: return ","
        case .colon: return ":"
        case .openList: return "["
        case .closeList: return "]"
        }
    }
}

enum CallLexer {
    static func tokens(of text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let punctuation: Token.Kind? = switch scalar {
            case "(": .open
            case ")": .close
            case ",": .comma
            case ":", "=": .colon
            case "[": .openList
            case "]": .closeList
            default: nil
            }
            if let punctuation {
                tokens.append(Token(kind: punctuation, offset: index))
                index += 1
            } else if scalar.properties.isWhitespace {
                index += 1
            } else {
                let start = index
                while index < scalars.count, !scalars[index].properties.isWhitespace, !"(),:=[]".unicodeScalars.contains(scalars[index]) {
                    index += 1
                }
                tokens.append(Token(kind: .word(String(String.UnicodeScalarView(scalars[start..<index]))), offset: start))
            }
        }
        return tokens
    }
}

// MARK: - Parser

/// One argument of a call: `name: value` or a positional value.
struct Argument {
    enum Value {
        case word(Token)
        case list([Token], offset: Int)

        var offset: Int {
            switch self {
            case .word(let token): return token.offset
            case .list(_, let offset): return offset
            }
        }
    }

    var name: Token?
    var value: Value
}

struct Call {
    var name: Token
    var arguments: [Argument]
    var text: String
}

struct CallParser {
    let tokens: [Token]
    let text: String
    var position = 0

    init(tokens: [Token], text: String) {
        self.tokens = tokens
        self.text = text
    }

    var endOffset: Int { text.unicodeScalars.count }

    mutating func call() throws(SyntaxError) -> Call {
        guard let name = tokens.first, name.isName else {
            let found = tokens.first?.text ?? ""
            throw SyntaxError("expected a distribution name before '(', found '\(found)'",
                              hint: DistributionSyntax.generalHint, offset: tokens.first?.offset ?? 0)
        }
        position = 1
        guard position < tokens.count, tokens[position].kind == .open else {
            let next = tokens[min(position, tokens.count - 1)]
            throw SyntaxError("unexpected '\(next.text)' after '\(name.text)'", hint: DistributionSyntax.generalHint, offset: next.offset)
        }
        position += 1
        var arguments: [Argument] = []
        if position < tokens.count, tokens[position].kind == .close {
            position += 1
        } else {
            while true {
                arguments.append(try argument())
                guard position < tokens.count else {
                    throw SyntaxError("missing ')' at the end of '\(text.trimmed)'", offset: endOffset)
                }
                let separator = tokens[position]
                position += 1
                if separator.kind == .close { break }
                if separator.kind != .comma {
                    throw SyntaxError("expected ',' or ')', found '\(separator.text)'", offset: separator.offset)
                }
            }
        }
        if position < tokens.count {
            throw SyntaxError("unexpected '\(tokens[position].text)' after ')'", offset: tokens[position].offset)
        }
        return Call(name: name, arguments: arguments, text: text)
    }

    private mutating func argument() throws(SyntaxError) -> Argument {
        if position + 1 < tokens.count, tokens[position].isName, tokens[position + 1].kind == .colon {
            let name = tokens[position]
            position += 2
            return Argument(name: name, value: try value(after: "'\(name.text):'"))
        }
        return Argument(name: nil, value: try value(after: "'('"))
    }

    private mutating func value(after what: String) throws(SyntaxError) -> Argument.Value {
        guard position < tokens.count else {
            throw SyntaxError("missing ')' at the end of '\(text.trimmed)'", offset: endOffset)
        }
        let token = tokens[position]
        switch token.kind {
        case .word:
            position += 1
            return .word(token)
        case .openList:
            position += 1
            var items: [Token] = []
            if position < tokens.count, tokens[position].kind == .closeList {
                position += 1
                return .list(items, offset: token.offset)
            }
            while true {
                guard position < tokens.count else {
                    throw SyntaxError("missing ']' in '\(text.trimmed)'", offset: endOffset)
                }
                let item = tokens[position]
                guard case .word = item.kind else {
                    throw SyntaxError("expected a value in the list, found '\(item.text)'", offset: item.offset)
                }
                items.append(item)
                position += 1
                guard position < tokens.count else {
                    throw SyntaxError("missing ']' in '\(text.trimmed)'", offset: endOffset)
                }
                let separator = tokens[position]
                position += 1
                if separator.kind == .closeList { return .list(items, offset: token.offset) }
                if separator.kind != .comma {
                    throw SyntaxError("expected ',' or ']' in the list, found '\(separator.text)'", offset: separator.offset)
                }
            }
        default:
            throw SyntaxError("expected a value after \(what), found '\(token.text)'", offset: token.offset)
        }
    }
}
