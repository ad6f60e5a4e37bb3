import ExerciseModel
import Foundation
import Stochastics
import Testing
@testable import ScenarioFormat

/// The renderer, and loader behaviour that needs no fixture file.
@Suite struct LoaderTests {
    static let header = """
        exercise:
          name: T
          start: 2026-03-02T08:00:00Z
          horizon: 1d
        agencies:
          - id: A
            jurisdiction: X
            kind: police

        """

    func diagnostics(_ text: String) -> [Diagnostic] {
        do {
            _ = try ScenarioLoader.load(text: text, path: "s.yaml")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func renderingIsExact() {
        let diagnostic = Diagnostic(path: "a.yaml", line: 3, column: 7, message: "something is wrong", hint: "fix it",
                                    sourceLine: "\t\tkey: value")
        #expect(diagnostic.rendered == "a.yaml:3:7: error: something is wrong\n\t\tkey: value\n\t\t    ^\nhint: fix it")
        let plain = Diagnostic(path: "b.csv", line: 2, column: 3, message: "bad", sourceLine: "1,2,xyz", caretColumn: 5)
        #expect(plain.rendered == "b.csv:2:3: error: bad\n1,2,xyz\n    ^")
        let error = ScenarioError(diagnostics: [diagnostic, plain])
        #expect(error.rendered == diagnostic.rendered + "\n" + plain.rendered)
    }

    @Test func errorsInsideQuotedScalarsPointAtTheParameterOrTheScalar() {
        let single = diagnostics(Self.header + "    capabilities: {work: 'exponential(mean: 30)'}\n")
        #expect(single.map(\.column) == [45])
        // With escapes the text is not verbatim on the line: point at the scalar.
        let escaped = diagnostics(Self.header + "    capabilities: {work: \"exponential(mean: \\x33)\"}\n")
        #expect(escaped.map(\.column) == [26])
        let block = diagnostics(Self.header + "    capabilities:\n      work: >-\n        exponential(mean: 30)\n")
        #expect(block.map { [$0.line, $0.column] } == [[10, 13]])  // the block indicator
    }

    @Test func unquotedCallsKeepEveryOtherTextIntact() throws {
        let text = Self.header + """
                capabilities: {work: "triangular(1h, 2h, 4h)", rest: uniform(1h, 2h)}
            plan:
              - id: t
                description: call f(a: b, [c]) now # f(x: y)
                capability: work
                performer: A
            """
        let exercise = try ScenarioLoader.load(text: text, path: "s.yaml").exercise
        #expect(exercise.tasks[0].description == "call f(a: b, [c]) now")
        let families: [Distribution.Family?] = [.triangular(min: 3600, mode: 7200, max: 14_400), .uniform(min: 3600, max: 7200)]
        #expect(exercise.agencies[0].workTime.map { $0?.family } == families)
    }

    @Test func crlfLineEndingsWork() throws {
        let text = (Self.header + "    capabilities: {work: 1h}\n").replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try ScenarioLoader.load(text: text, path: "s.yaml").exercise.agencies.count == 1)
        let broken = text.replacingOccurrences(of: "kind: police", with: "kind: polize")
        let found = diagnostics(broken)
        #expect(found.map(\.sourceLine) == ["    kind: polize"])
    }

    @Test func duplicateKeysAreAllReportedAndTheRestIsStillChecked() {
        let text = Self.header.replacingOccurrences(of: "    kind: police\n", with: "    kind: police\n    kind: fiu\n    kind: bank\n")
            + "    staff: zero\n"
        let found = diagnostics(text)
        #expect(found.map(\.message) == ["duplicate key 'kind' (first at line 8)", "duplicate key 'kind' (first at line 8)",
                                         "'staff': expected an integer, found a string"])
        #expect(found.map(\.line) == [9, 10, 11])
    }

    @Test func selectorOfAnUnknownJurisdictionAndUnknownLead() {
        let text = Self.header.replacingOccurrences(of: "  horizon: 1d\n", with: "  horizon: 1d\n  lead: B\n") + """
                capabilities: {work: 1h}
            channels:
              - id: c
                connects: {jurisdictions: [Y]}
                latency: 1m
            """
        let found = diagnostics(text)
        #expect(found.map(\.message) == ["unknown agency 'B'", "unknown jurisdiction 'Y'"])
        #expect(found.map(\.hint) == ["agencies: A", "jurisdictions: X"])
    }

    @Test func csvFieldPositionsFollowQuotes() {
        let positions = MSELImporter.fieldPositions("a,\"b,\n\"\"c\",d\r\ne,f\n")
        #expect(positions.map { $0.map { [$0.line, $0.column] } } == [[[1, 1], [1, 3], [2, 6]], [[3, 1], [3, 3]]])
    }

    @Test func suggestions() {
        #expect(Suggestions.closest(to: "nmae", in: ["name", "start"]) == "name")
        #expect(Suggestions.closest(to: "desc", in: ["name", "description"]) == "description")
        #expect(Suggestions.closest(to: "x", in: ["id", "kind"]) == nil)
        #expect(Suggestions.closest(to: "completely-different", in: ["id", "kind"]) == nil)
        #expect(Suggestions.levenshtein(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
