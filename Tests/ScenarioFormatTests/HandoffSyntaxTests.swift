import ExerciseModel
import Foundation
import Testing
@testable import ScenarioFormat

/// Weekdays, times of day, local dates, start instants, suggestions, unquoted YAML times, and
/// the positions of model problems about the new elements.
@Suite struct HandoffSyntaxTests {
    @Test(arguments: [
        ("mon-fri", [Weekday.monday, .tuesday, .wednesday, .thursday, .friday]),
        ("sun-thu", [.sunday, .monday, .tuesday, .wednesday, .thursday]),
        ("fri-mon", [.friday, .saturday, .sunday, .monday]),
        ("sat", [.saturday]),
        ("wed-wed", [.wednesday]),
    ])
    func weekdayRanges(_ text: String, _ days: [Weekday]) throws {
        #expect(try HoursSyntax.days(text) == days)
    }

    @Test func weekdayErrors() {
        #expect(throws: SyntaxError("unknown weekday 'fir'", hint: "did you mean 'fri'?", offset: 4)) { try HoursSyntax.days("mon-fir") }
        #expect(throws: SyntaxError("'mon-wed-fri' is not a weekday or a range of weekdays", hint: "write e.g. mon-fri")) {
            try HoursSyntax.days("mon-wed-fri")
        }
        #expect(throws: SyntaxError("unknown weekday 'x'", hint: "weekdays are mon, tue, wed, thu, fri, sat, sun")) { try HoursSyntax.days("x") }
    }

    @Test func timesOfDay() throws {
        #expect(try HoursSyntax.minutes("09:00", closing: false) == 540)
        #expect(try HoursSyntax.minutes("9:30", closing: false) == 570)
        #expect(try HoursSyntax.minutes("00:00", closing: false) == 0)
        #expect(try HoursSyntax.minutes("24:00", closing: true) == 1440)
        #expect(throws: SyntaxError("hour 24 is out of range in '24:00'", hint: "hours run from 00 to 23")) {
            try HoursSyntax.minutes("24:00", closing: false)
        }
        #expect(throws: SyntaxError("'12:5' is not a time of day", hint: HoursSyntax.timeHint)) { try HoursSyntax.minutes("12:5", closing: false) }
        #expect(throws: SyntaxError("'noon' is not a time of day", hint: HoursSyntax.timeHint)) { try HoursSyntax.minutes("noon", closing: true) }
    }

    @Test func localDates() throws {
        #expect(try DateTimeSyntax.date("2024-02-29") == LocalDate(year: 2024, month: 2, day: 29))
        #expect(throws: SyntaxError("'2023-02-29' is not a date YYYY-MM-DD: day 29 is out of range", hint: DateTimeSyntax.dateHint, offset: 8)) {
            try DateTimeSyntax.date("2023-02-29")
        }
        #expect(throws: SyntaxError("'2026-04-03x' is not a date YYYY-MM-DD: unexpected text after the day", hint: DateTimeSyntax.dateHint,
                                    offset: 10)) { try DateTimeSyntax.date("2026-04-03x") }
    }

    @Test(arguments: [
        ("1970-01-01T00:00Z", 0.0),
        ("1969-12-31T23:59:59Z", -1.0),
        ("2000-02-29T12:00:00.5Z", 951_825_600.5),
        ("2026-03-02T09:00:00+01:00", 1_772_438_400),
        ("2026-03-02T02:30:00-05:30", 1_772_438_400),
        ("1600-03-01T00:00:00Z", -11_670_912_000),
    ])
    func startInstants(_ text: String, _ seconds: Double) throws {
        #expect(try DateTimeSyntax.check(text) == seconds)
    }

    @Test func editDistanceCountsTranspositions() {
        func distance(_ a: String, _ b: String) -> Int { Suggestions.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars)) }
        #expect(distance("BRO", "BOR") == 1 && distance("ab", "ba") == 1 && distance("kitten", "sitting") == 3)
        #expect(distance("", "abc") == 3 && distance("ca", "abc") == 3)
        #expect(Suggestions.closest(to: "BRO", in: ["ARC", "BOR"]) == "BOR")
    }

    /// YAML 1.1 reads unquoted 17:00 as a sexagesimal integer and 2026-04-03 as a timestamp:
    /// jtx reads the scalars' text, in block and flow style.
    @Test func unquotedTimesAndDatesAreReadAsText() throws {
        let text = LoaderTests.header.replacingOccurrences(of: "    kind: police\n", with: """
                kind: police
                hours:
                  days: mon-fri
                  from: 09:00
                  to: 17:30
              - id: B
                jurisdiction: X
                kind: fiu
                hours: {days: [sat, sun], from: 10:00, to: 24:00}
            jurisdictions:
              - id: X
                holidays: [2026-04-03, 2026-12-25]

            """)
        let exercise = try ScenarioLoader.load(text: text, path: "s.yaml").exercise
        let weekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
        #expect(exercise.agencies.map(\.hours) == [WeeklyHours(days: weekdays, opens: 540, closes: 1050),
                                                   WeeklyHours(days: [.saturday, .sunday], opens: 600, closes: 1440)])
        #expect(exercise.jurisdictions.first?.holidays == [LocalDate(year: 2026, month: 4, day: 3), LocalDate(year: 2026, month: 12, day: 25)])
    }

    /// `ModelProblem`s about jurisdictions, instruments, subjects and request fields point at
    /// the field as written, or at a related one.
    @Test func modelProblemsPointAtTheNewFields() throws {
        let path = Fixtures.valid.appendingPathComponent("docs-handoffs.yaml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let sink = DiagnosticSink()
        sink.register(path: path, text: text)
        var composer = YAMLComposer(path: path, sink: sink)
        let root = composer.compose(text).root
        let draft = ScenarioReader(reader: NodeReader(path: path, text: text, sink: sink, placeholders: [])).read(root)
        let compiler = ScenarioCompiler(draft: draft, sink: sink)
        func at(_ element: ModelElement, _ field: String) -> [Int] {
            let location = compiler.location(of: ModelProblem(element: element, field: field, message: ""))
            return [location.line, location.column]
        }
        #expect(at(.jurisdiction(1), "time-zone") == [19, 16])
        #expect(at(.jurisdiction(2), "no-such-field") == [23, 5])
        #expect(at(.instrument(1), "parties") == [98, 14])
        #expect(at(.subject(0), "starts-in") == [138, 16])
        #expect(at(.inject(1), "originator-control") == [152, 25])
        #expect(at(.inject(2), "effects[1]") == [160, 9])
        #expect(at(.task(1), "request") == [171, 14])
        #expect(at(.task(1), "requester") == [172, 16])
        #expect(at(.task(3), "requester") == [181, 14])  // no requester: the request
        #expect(at(.task(3), "offence") == [181, 14])
        #expect(at(.task(3), "performer") == [179, 16])
    }

    @Test func implicitJurisdictionProblemsPointAtTheFirstAgencyNamingIt() throws {
        let text = LoaderTests.header + """
              - id: B
                jurisdiction: Y
                kind: fiu

            """
        let sink = DiagnosticSink()
        sink.register(path: "s.yaml", text: text)
        var composer = YAMLComposer(path: "s.yaml", sink: sink)
        let draft = ScenarioReader(reader: NodeReader(path: "s.yaml", text: text, sink: sink, placeholders: [])).read(composer.compose(text).root)
        let location = ScenarioCompiler(draft: draft, sink: sink).location(of: ModelProblem(element: .jurisdiction(1), field: "time-zone", message: ""))
        #expect(location.line == 10 && location.column == 19)
    }

    @Test func anEmptyJurisdictionsSectionDeclaresNone() {
        var found: [Diagnostic] = []
        do {
            _ = try ScenarioLoader.load(text: LoaderTests.header + "jurisdictions: []\n", path: "s.yaml")
        } catch {
            found = error.diagnostics
        }
        #expect(found.map(\.message) == ["unknown jurisdiction 'X'"])
        #expect(found.map(\.hint) == ["declare it under 'jurisdictions'"])
        #expect(found.map(\.line) == [7])
    }
}
