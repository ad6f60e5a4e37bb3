/// A problem in the text of one value (a duration, a distribution, a date-time).
public struct SyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var hint: String?
    /// Where in the text the problem is, in Unicode scalars from its start (0 = first character).
    public var offset: Int

    public init(_ message: String, hint: String? = nil, offset: Int = 0) {
        self.message = message
        self.hint = hint
        self.offset = offset
    }
}

/// Durations as scenario files write them: one or more `<number><unit>` groups with no spaces,
/// units `s`, `m` (minutes), `h`, `d`, `w`, e.g. `90s`, `1.5h`, `1d12h`.
///
/// The grammar is tiny and jtx-specific, so the parser is written by hand (no library parses
/// it): a left-to-right scan over Unicode scalars that reports the offset of the first problem.
public enum DurationSyntax {
    /// Seconds per unit.
    static let units: [Unicode.Scalar: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
    static let example = "write e.g. 2h, 30m or 1d12h"
    static let unitList = "units are s, m, h, d, w (seconds, minutes, hours, days, weeks)"

    /// The duration `text` denotes, in seconds (surrounding spaces are ignored).
    public static func parse(_ text: String) throws(SyntaxError) -> Double {
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end && scalars[start].properties.isWhitespace { start += 1 }
        while end > start && scalars[end - 1].properties.isWhitespace { end -= 1 }
        let body = String(String.UnicodeScalarView(scalars[start..<end]))
        guard start < end else {
            throw SyntaxError("expected a duration, found an empty value", hint: example, offset: 0)
        }
        let first = scalars[start]
        if first == "-" {
            throw SyntaxError("durations cannot be negative ('\(body)')", offset: start)
        }
        if Double(body) != nil {
            throw SyntaxError("'\(body)' is a number, not a duration", hint: "add a unit, e.g. \(body)h", offset: start)
        }
        if !isDigit(first) && first != "." {
            throw SyntaxError("'\(body)' is not a duration", hint: example, offset: start)
        }
        var total = 0.0
        var index = start
        while index < end {
            let numberStart = index
            while index < end && (isDigit(scalars[index]) || scalars[index] == ".") { index += 1 }
            let number = String(String.UnicodeScalarView(scalars[numberStart..<index]))
            if number.isEmpty {
                let character = String(scalars[index])
                let hint = scalars[index] == " " ? "write the parts together, e.g. 1d12h" : example
                throw SyntaxError("unexpected '\(character)' in duration '\(body)'", hint: hint, offset: index)
            }
            guard isDigit(scalars[numberStart]), let value = Double(number), number.last != "." else {
                throw SyntaxError("malformed number '\(number)' in duration '\(body)'", hint: example, offset: numberStart)
            }
            let unitStart = index
            while index < end && scalars[index].properties.isAlphabetic { index += 1 }
            let unitText = String(String.UnicodeScalarView(scalars[unitStart..<index]))
            if unitText.isEmpty {
                throw SyntaxError("missing unit after '\(number)' in duration '\(body)'", hint: unitList, offset: unitStart)
            }
            guard unitText.unicodeScalars.count == 1, let first = unitText.unicodeScalars.first, let seconds = units[first] else {
                throw SyntaxError("unknown unit '\(unitText)' in duration '\(body)'", hint: unitHint(unitText), offset: unitStart)
            }
            total += value * seconds
        }
        guard total.isFinite else { throw SyntaxError("duration '\(body)' is too large", offset: start) }
        return total
    }

    /// The unit a planner probably meant by a spelled-out unit, as a hint.
    static func unitHint(_ unit: String) -> String {
        let spelled: [String: String] = [
            "sec": "s", "secs": "s", "second": "s", "seconds": "s",
            "min": "m", "mins": "m", "minute": "m", "minutes": "m",
            "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
            "day": "d", "days": "d", "wk": "w", "week": "w", "weeks": "w",
        ]
        if let unit = spelled[unit.lowercased()] { return "write '\(unit)'; \(unitList)" }
        return unitList
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar >= "0" && scalar <= "9" }
}
