import Foundation
import Testing
@testable import ScenarioFormat

/// One expected diagnostic of an invalid fixture. `file` names a sibling file (a CSV MSEL) when
/// the diagnostic is not in the fixture itself; `$DIR` in a message stands for the fixture folder.
struct Expected: Equatable, Sendable, CustomStringConvertible {
    var file: String?
    var line: Int
    var column: Int
    var message: String
    var hint: String?

    init(file: String? = nil, _ line: Int, _ column: Int, _ message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    init(_ diagnostic: Diagnostic, fixture: String) {
        let name = URL(fileURLWithPath: diagnostic.path).lastPathComponent
        self.init(file: name == fixture ? nil : name, diagnostic.line, diagnostic.column,
                  diagnostic.message.replacingOccurrences(of: Fixtures.invalid.path, with: "$DIR"), hint: diagnostic.hint)
    }

    var description: String { "\(file ?? ""):\(line):\(column): \(message) [hint: \(hint ?? "-")]" }
}

/// An invalid scenario fixture and every diagnostic it must produce, in order.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    var fixture: String
    var expected: [Expected]

    init(_ fixture: String, _ expected: [Expected]) {
        self.fixture = fixture
        self.expected = expected
    }

    var path: String { Fixtures.invalid.appendingPathComponent(fixture).path }
    var testDescription: String { fixture }

    static var all: [InvalidCase] { firstHalf + secondHalf + handoffs + mechanisms }
}

@Suite struct InvalidScenarioTests {
    @Test func everyFixtureHasItsExpectation() {
        let fixtures = Fixtures.yamlFiles(in: Fixtures.invalid).map(\.lastPathComponent)
        #expect(fixtures.count >= 55)
        #expect(Set(fixtures) == Set(InvalidCase.all.map(\.fixture)))
        #expect(InvalidCase.all.count == Set(InvalidCase.all.map(\.fixture)).count)
    }

    @Test(arguments: InvalidCase.all)
    func loaderReportsExactDiagnostics(_ invalid: InvalidCase) throws {
        do {
            _ = try ScenarioLoader.load(path: invalid.path)
            Issue.record("\(invalid.fixture) loaded without errors")
        } catch {
            #expect(error.diagnostics.map { Expected($0, fixture: invalid.fixture) } == invalid.expected)
            for diagnostic in error.diagnostics {
                // The source line is the file's line, verbatim.
                let text = try String(contentsOfFile: diagnostic.path, encoding: .utf8)
                let lines = text.components(separatedBy: "\n")
                #expect(diagnostic.sourceLine == (diagnostic.line <= lines.count ? lines[diagnostic.line - 1] : ""))
                #expect(diagnostic.rendered.hasPrefix("\(diagnostic.path):\(diagnostic.line):\(diagnostic.column): error: \(diagnostic.message)\n"))
            }
        }
    }

    @Test(arguments: InvalidCase.all)
    func validateCommandExitsWithDataError(_ invalid: InvalidCase) throws {
        let result = try Command.run(Fixtures.jtx, ["validate", invalid.path])
        #expect(result.reason == .exit, "jtx was killed by a signal")
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        var rendered = ""
        do {
            _ = try ScenarioLoader.load(path: invalid.path)
        } catch {
            rendered = error.rendered
        }
        #expect(result.stderr == rendered + "\n")
    }

    @Test func validateCommandChecksEveryFile() throws {
        let good = Fixtures.valid.appendingPathComponent("minimal.yaml").path
        let bad = InvalidCase.all[0].path
        let result = try Command.run(Fixtures.jtx, ["validate", good, bad, good])
        #expect(result.status == 65)
        #expect(result.stdout == "\(good): ok\n\(good): ok\n")
        #expect(result.stderr.hasPrefix("\(bad):"))
        let ok = try Command.run(Fixtures.jtx, ["validate", good])
        #expect(ok.status == 0)
        #expect(ok.stdout == "\(good): ok\n")
        #expect(ok.stderr.isEmpty)
    }

    @Test func validateWithoutFilesIsAUsageError() throws {
        let result = try Command.run(Fixtures.jtx, ["validate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give at least one scenario file"))
    }

    @Test func unreadableFileIsADiagnosticAtTheStart() throws {
        let path = Fixtures.invalid.appendingPathComponent("no-such-file.yaml").path
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("loaded a missing file")
        } catch {
            #expect(error.rendered == "\(path):1:1: error: cannot read the scenario: No such file or directory\n\n^")
        }
        let result = try Command.run(Fixtures.jtx, ["validate", path])
        #expect(result.status == 65)
        #expect(result.stderr == "\(path):1:1: error: cannot read the scenario: No such file or directory\n\n^\n")
    }
}
