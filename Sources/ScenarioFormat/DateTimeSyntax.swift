internal import ExerciseModel

/// ISO-8601 date-times with a zone, as the exercise `start` takes them:
/// `YYYY-MM-DDThh:mm[:ss[.fraction]]` followed by `Z` or `±hh:mm`, e.g. `2026-03-02T08:00:00Z`;
/// and local dates `YYYY-MM-DD`, as holidays take them.
///
/// Checked by hand (field by field, with calendar ranges) so the error can say which part is wrong.
enum DateTimeSyntax {
    static let hint = "write e.g. 2026-03-02T08:00:00Z or 2026-03-02T09:00:00+01:00"
    static let dateHint = "write e.g. 2026-04-03"

    /// Checks `text` and returns the instant it denotes, in seconds since 1970-01-01T00:00:00Z.
    @discardableResult
    static func check(_ text: String) throws(SyntaxError) -> Double {
        var scan = FieldScanner(text: text, what: "an ISO-8601 date-time with a zone", hint: hint)
        let (year, month, day) = try scan.date()
        guard !scan.atEnd else { throw scan.fail("expected 'T' and a time of day after the date") }
        try scan.literal("T", "'T' between the date and the time")
        let hour = try scan.field(2, "a two-digit hour", 0...23, "hour")
        try scan.literal(":", "':' after the hour")
        let minute = try scan.field(2, "two-digit minutes", 0...59, "minute")
        var seconds = 0.0
        if scan.next == ":" {
            scan.index += 1
            seconds = Double(try scan.field(2, "two-digit seconds", 0...60, "second"))
            if scan.next == "." {
                scan.index += 1
                let start = scan.index
                guard let first = scan.next, DurationSyntax.isDigit(first) else { throw scan.fail("expected digits after '.'") }
                while let scalar = scan.next, DurationSyntax.isDigit(scalar) { scan.index += 1 }
                seconds += Double("0." + scan.text(from: start)) ?? 0
            }
        }
        guard let zone = scan.next else { throw scan.fail("missing the zone (Z or ±hh:mm)") }
        var offset = 0
        if zone == "Z" {
            scan.index += 1
        } else if zone == "+" || zone == "-" {
            scan.index += 1
            let zoneHour = try scan.field(2, "a two-digit zone hour", 0...23, "zone hour")
            try scan.literal(":", "':' in the zone offset")
            let zoneMinute = try scan.field(2, "two-digit zone minutes", 0...59, "zone minute")
            offset = (zoneHour * 60 + zoneMinute) * 60 * (zone == "-" ? -1 : 1)
        } else {
            throw scan.fail("expected the zone (Z or ±hh:mm)")
        }
        guard scan.atEnd else { throw scan.fail("unexpected text after the zone") }
        let days = daysFromEpoch(year: year, month: month, day: day)
        return Double(days * 86_400 + hour * 3600 + minute * 60 - offset) + seconds
    }

    /// The local date `YYYY-MM-DD` that `text` denotes.
    static func date(_ text: String) throws(SyntaxError) -> LocalDate {
        var scan = FieldScanner(text: text, what: "a date YYYY-MM-DD", hint: dateHint)
        let (year, month, day) = try scan.date()
        guard scan.atEnd else { throw scan.fail("unexpected text after the day") }
        return LocalDate(year: year, month: month, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date (negative before it).
    static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        // H. Hinnant's days_from_civil: years start in March, so the leap day ends a year.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A left-to-right scan over fixed-width numeric fields, reporting the offset of the first problem.
private struct FieldScanner {
    let scalars: [Unicode.Scalar]
    let source: String
    let what: String
    let hint: String
    var index = 0

    init(text: String, what: String, hint: String) {
        scalars = Array(text.unicodeScalars)
        source = text
        self.what = what
        self.hint = hint
    }

    var atEnd: Bool { index >= scalars.count }
    var next: Unicode.Scalar? { atEnd ? nil : scalars[index] }

    func fail(_ problem: String) -> SyntaxError {
        SyntaxError("'\(source)' is not \(what): \(problem)", hint: hint, offset: min(index, scalars.count))
    }

    func text(from start: Int) -> String { String(String.UnicodeScalarView(scalars[start..<index])) }

    mutating func digits(_ count: Int, _ expected: String) throws(SyntaxError) -> Int {
        guard index + count <= scalars.count, scalars[index..<(index + count)].allSatisfy(DurationSyntax.isDigit) else {
            throw fail("expected \(expected)")
        }
        let value = scalars[index..<(index + count)].reduce(0) { $0 * 10 + Int($1.value - 48) }
        index += count
        return value
    }

    /// `count` digits whose value must lie in `bounds`; out of range, the error points at them.
    mutating func field(_ count: Int, _ expected: String, _ bounds: ClosedRange<Int>, _ name: String) throws(SyntaxError) -> Int {
        let start = index
        let value = try digits(count, expected)
        guard bounds.contains(value) else {
            index = start
            throw fail("\(name) \(value) is out of range")
        }
        return value
    }

    mutating func literal(_ scalar: Unicode.Scalar, _ expected: String) throws(SyntaxError) {
        guard next == scalar else { throw fail("expected \(expected)") }
        index += 1
    }

    /// `YYYY-MM-DD`, with the month's length checked.
    mutating func date() throws(SyntaxError) -> (year: Int, month: Int, day: Int) {
        let year = try digits(4, "a four-digit year")
        try literal("-", "'-' after the year")
        let month = try field(2, "a two-digit month", 1...12, "month")
        try literal("-", "'-' after the month")
        let day = try field(2, "a two-digit day", 1...DateTimeSyntax.daysIn(month: month, year: year), "day")
        return (year, month, day)
    }
}
