/// ISO-8601 date-times with a zone, as the exercise `start` takes them:
/// `YYYY-MM-DDThh:mm[:ss[.fraction]]` followed by `Z` or `±hh:mm`, e.g. `2026-03-02T08:00:00Z`.
///
/// Checked by hand (field by field, with calendar ranges) so the error can say which part is wrong.
enum DateTimeSyntax {
    static let hint = "write e.g. 2026-03-02T08:00:00Z or 2026-03-02T09:00:00+01:00"

    static func check(_ text: String) throws(SyntaxError) {
        let s = Array(text.unicodeScalars)
        var index = 0
        func fail(_ what: String) -> SyntaxError {
            SyntaxError("'\(text)' is not an ISO-8601 date-time with a zone: \(what)", hint: hint, offset: min(index, s.count))
        }
        func digits(_ count: Int, _ what: String) throws(SyntaxError) -> Int {
            guard index + count <= s.count, s[index..<(index + count)].allSatisfy(DurationSyntax.isDigit) else {
                throw fail("expected \(what)")
            }
            let value = s[index..<(index + count)].reduce(0) { $0 * 10 + Int($1.value - 48) }
            index += count
            return value
        }
        func literal(_ scalar: Unicode.Scalar, _ what: String) throws(SyntaxError) {
            guard index < s.count, s[index] == scalar else { throw fail("expected \(what)") }
            index += 1
        }
        func range(_ value: Int, _ bounds: ClosedRange<Int>, _ what: String, at start: Int) throws(SyntaxError) {
            guard bounds.contains(value) else {
                index = start
                throw fail("\(what) \(value) is out of range")
            }
        }
        let year = try digits(4, "a four-digit year")
        try literal("-", "'-' after the year")
        var start = index
        let month = try digits(2, "a two-digit month")
        try range(month, 1...12, "month", at: start)
        try literal("-", "'-' after the month")
        start = index
        let day = try digits(2, "a two-digit day")
        try range(day, 1...daysIn(month: month, year: year), "day", at: start)
        guard index < s.count else { throw fail("expected 'T' and a time of day after the date") }
        try literal("T", "'T' between the date and the time")
        start = index
        try range(try digits(2, "a two-digit hour"), 0...23, "hour", at: start)
        try literal(":", "':' after the hour")
        start = index
        try range(try digits(2, "two-digit minutes"), 0...59, "minute", at: start)
        if index < s.count, s[index] == ":" {
            index += 1
            start = index
            try range(try digits(2, "two-digit seconds"), 0...60, "second", at: start)
            if index < s.count, s[index] == "." {
                index += 1
                guard index < s.count, DurationSyntax.isDigit(s[index]) else { throw fail("expected digits after '.'") }
                while index < s.count, DurationSyntax.isDigit(s[index]) { index += 1 }
            }
        }
        guard index < s.count else { throw fail("missing the zone (Z or ±hh:mm)") }
        if s[index] == "Z" {
            index += 1
        } else if s[index] == "+" || s[index] == "-" {
            index += 1
            start = index
            try range(try digits(2, "a two-digit zone hour"), 0...23, "zone hour", at: start)
            try literal(":", "':' in the zone offset")
            start = index
            try range(try digits(2, "two-digit zone minutes"), 0...59, "zone minute", at: start)
        } else {
            throw fail("expected the zone (Z or ±hh:mm)")
        }
        guard index == s.count else { throw fail("unexpected text after the zone") }
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
