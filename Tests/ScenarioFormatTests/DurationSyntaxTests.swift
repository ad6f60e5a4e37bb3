import Testing
@testable import ScenarioFormat

/// Durations: `<number><unit>` groups, units s, m, h, d, w; seconds as Double.
@Suite struct DurationSyntaxTests {
    static let valid: [(String, Double)] = [
        ("90s", 90), ("15m", 900), ("2h", 7200), ("1.5h", 5400), ("3d", 259_200), ("1w", 604_800),
        ("1d12h", 129_600), ("0h", 0), ("1h30m15s", 5415), (" 2h ", 7200), ("0.25d", 21_600),
    ]

    @Test(arguments: valid)
    func parses(_ text: String, _ seconds: Double) throws {
        #expect(try DurationSyntax.parse(text) == seconds)
    }

    static let invalid: [(String, SyntaxError)] = [
        ("5", SyntaxError("'5' is a number, not a duration", hint: "add a unit, e.g. 5h", offset: 0)),
        ("1.5", SyntaxError("'1.5' is a number, not a duration", hint: "add a unit, e.g. 1.5h", offset: 0)),
        ("", SyntaxError("expected a duration, found an empty value", hint: "write e.g. 2h, 30m or 1d12h", offset: 0)),
        ("-2h", SyntaxError("durations cannot be negative ('-2h')", offset: 0)),
        ("soon", SyntaxError("'soon' is not a duration", hint: "write e.g. 2h, 30m or 1d12h", offset: 0)),
        ("5x", SyntaxError("unknown unit 'x' in duration '5x'",
                           hint: "units are s, m, h, d, w (seconds, minutes, hours, days, weeks)", offset: 1)),
        ("10min", SyntaxError("unknown unit 'min' in duration '10min'",
                              hint: "write 'm'; units are s, m, h, d, w (seconds, minutes, hours, days, weeks)", offset: 2)),
        ("2H", SyntaxError("unknown unit 'H' in duration '2H'",
                           hint: "units are s, m, h, d, w (seconds, minutes, hours, days, weeks)", offset: 1)),
        ("1d12", SyntaxError("missing unit after '12' in duration '1d12'",
                             hint: "units are s, m, h, d, w (seconds, minutes, hours, days, weeks)", offset: 4)),
        ("1d 12h", SyntaxError("unexpected ' ' in duration '1d 12h'", hint: "write the parts together, e.g. 1d12h", offset: 2)),
        ("1.h", SyntaxError("malformed number '1.' in duration '1.h'", hint: "write e.g. 2h, 30m or 1d12h", offset: 0)),
        (".5h", SyntaxError("malformed number '.5' in duration '.5h'", hint: "write e.g. 2h, 30m or 1d12h", offset: 0)),
        ("1..5h", SyntaxError("malformed number '1..5' in duration '1..5h'", hint: "write e.g. 2h, 30m or 1d12h", offset: 0)),
    ]

    @Test(arguments: invalid)
    func rejects(_ text: String, _ expected: SyntaxError) {
        #expect(throws: expected) { try DurationSyntax.parse(text) }
    }

    static let dates: [(String, String?)] = [
        ("2026-03-02T08:00:00Z", nil),
        ("2026-03-02T09:00:00+01:00", nil),
        ("2026-03-02T08:00Z", nil),
        ("2024-02-29T00:00:00.250-05:30", nil),
        ("2026-03-02 08:00", "expected 'T' between the date and the time"),
        ("2026-03-02T08:00:00", "missing the zone (Z or ±hh:mm)"),
        ("2026-02-29T08:00:00Z", "day 29 is out of range"),
        ("2026-13-01T08:00:00Z", "month 13 is out of range"),
        ("2026-03-02T24:00:00Z", "hour 24 is out of range"),
        ("2026-03-02", "expected 'T' and a time of day after the date"),
        ("2026-03-02T08:00:00Zulu", "unexpected text after the zone"),
    ]

    @Test(arguments: dates)
    func checksStartDates(_ text: String, _ problem: String?) {
        do {
            try DateTimeSyntax.check(text)
            #expect(problem == nil)
        } catch {
            #expect(error.message == "'\(text)' is not an ISO-8601 date-time with a zone: \(problem ?? "")")
        }
    }
}
