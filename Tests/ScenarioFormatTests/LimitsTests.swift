import Foundation
import Testing
@testable import ScenarioFormat

/// The reader's resource limits (docs/reliability.md): alias expansion, node count, nesting,
/// file size, the number of diagnostics, long lines and words, text that is not UTF-8, and the
/// path rule for files a scenario names.
@Suite struct LimitsTests {
    func diagnostics(_ text: String, options: ScenarioOptions = .standard) -> [Diagnostic] {
        do {
            _ = try ScenarioLoader.load(text: text, path: "s.yaml", options: options)
            return []
        } catch {
            return error.diagnostics
        }
    }

    static var quickstart: String {
        (try? String(contentsOf: Fixtures.packageRoot.appendingPathComponent("scenarios/quickstart.yaml"), encoding: .utf8)) ?? ""
    }

    @Test func billionLaughsStopsAtTheAliasThatCrossesTheLimit() {
        var lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        for level in 1...9 { lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]") }
        let start = Date()
        let found = diagnostics(lines.joined(separator: "\n") + "\n")
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(found.count == 1)
        // a0 is 10 nodes, a1 91, a2 820, a3 7,381, a4 66,430: 74,740 nodes before the aliases of
        // a5, and its third alias of a4 brings the total past 250,000.
        #expect(found.first?.line == 6 && found.first?.column == 20, "\(found)")
        #expect(found.first?.message == "this alias makes the document larger than 250,000 YAML nodes once aliases are expanded")
        #expect(found.first?.hint?.contains("alias") == true)
    }

    @Test func budgetCountsAliasesExpandedAndNesting() {
        let limits = ScenarioLimits(maxNodes: 20, maxDepth: 3)
        #expect(YAMLBudget.check("a: &x [1, 2, 3]\nb: *x\n", limits: limits) == nil)   // 1 + 2 + 4 + 1 + 4 = 12
        let many = YAMLBudget.check("a: &x [1, 2, 3, 4, 5]\nb: *x\nc: *x\nd: *x\n", limits: limits)
        #expect(many?.line == 3 && many?.column == 4, "\(String(describing: many))")
        let deep = YAMLBudget.check("a: [[[[1]]]]\n", limits: limits)
        #expect(deep?.message == "the document nests deeper than 3 levels")
        #expect(deep?.line == 1 && deep?.column == 6)
        let plain = YAMLBudget.check("[" + Array(repeating: "1", count: 30).joined(separator: ",") + "]", limits: limits)
        #expect(plain?.message == "the document has more than 20 YAML nodes")
        // Syntax errors are left to the composer.
        #expect(YAMLBudget.check("a: [1, 2", limits: limits) == nil)
        #expect(YAMLBudget.check("", limits: limits) == nil)
    }

    @Test func deepNestingIsALocatedError() {
        let text = Self.quickstart + "extra: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"
        let found = diagnostics(text)
        #expect(found.count == 1 && found.first?.message == "the document nests deeper than 64 levels", "\(found)")
        #expect(found.first?.line == 179, "\(found)")
        // Shallower than libyaml's own limit, this pass stops at the 64th level.
        let shallow = diagnostics(Self.quickstart + "extra: " + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "\n")
        #expect(shallow.first?.message == "the document nests deeper than 64 levels" && shallow.first?.column == 7 + 64, "\(shallow)")
    }

    @Test func limitsAreOptions() {
        let text = Self.quickstart
        #expect(diagnostics(text).isEmpty)
        let small = diagnostics(text, options: ScenarioOptions(limits: ScenarioLimits(maxFileBytes: 1000)))
        #expect(small.first?.message == "the scenario is 5 KiB, more than the limit of 1000 bytes", "\(small)")
        let few = diagnostics(text, options: ScenarioOptions(limits: ScenarioLimits(maxNodes: 100)))
        #expect(few.first?.message == "the document has more than 100 YAML nodes", "\(few)")
    }

    @Test func readingStopsAtTheSizeLimit() throws {
        let limited = ScenarioLoader.readFile("/dev/zero", limit: 1 << 20)
        guard case .failure(let reason) = limited else { Issue.record("read /dev/zero"); return }
        #expect(reason.message == "it is larger than the limit of 1 MiB")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big.yaml")
        try Data(repeating: 0x20, count: (3 << 20) / 2).write(to: big)
        #expect(throws: ScenarioError.self) { try ScenarioLoader.load(path: big.path, options: ScenarioOptions(limits: ScenarioLimits(maxFileBytes: 1 << 20))) }
        do {
            _ = try ScenarioLoader.load(path: big.path, options: ScenarioOptions(limits: ScenarioLimits(maxFileBytes: 1 << 20)))
        } catch {
            #expect(error.rendered.hasPrefix("\(big.path):1:1: error: cannot read the scenario: it is 1.5 MiB, more than the limit of 1 MiB"))
        }
        if case .failure(let folderReason) = ScenarioLoader.readFile(folder.path) {
            #expect(folderReason.message == "it is a folder, not a file")
        } else {
            Issue.record("a folder was read")
        }
    }

    @Test func textThatIsNotUTF8IsLocated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-limits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("latin1.yaml")
        try Data("exercise:\n  name: caf".utf8 + [0xE9] + Data("\n".utf8)).write(to: file)
        do {
            _ = try ScenarioLoader.load(path: file.path)
            Issue.record("loaded")
        } catch {
            #expect(error.diagnostics.first?.line == 2 && error.diagnostics.first?.column == 12, "\(error.rendered)")
            #expect(error.rendered.contains("is not valid UTF-8"))
        }
    }

    @Test func diagnosticsAreCapped() {
        var text = Self.quickstart
        for index in 0..<500 { text += "unknown-\(index): 1\n" }
        let found = diagnostics(text)
        #expect(found.count == ScenarioLimits.standard.maxDiagnostics + 1)
        #expect(found.last?.message == "300 more errors not shown (at most 200 are reported)")
        #expect(found.last?.line == 1 && found.last?.column == 1)
    }

    @Test func longLinesAreShownAroundTheCaret() {
        let line = String(repeating: "a", count: 1000) + "X" + String(repeating: "b", count: 1000)
        let diagnostic = Diagnostic(path: "s.yaml", line: 1, column: 1001, message: "here", sourceLine: line)
        let lines = diagnostic.rendered.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "s.yaml:1:1001: error: here")
        #expect(lines[1].hasPrefix("…") && lines[1].hasSuffix("…") && lines[1].count == Diagnostic.window + 2)
        let caret = lines[2].count - 1
        #expect(Array(lines[1])[caret] == "X")
        let short = Diagnostic(path: "s.yaml", line: 1, column: 3, message: "m", sourceLine: "abc")
        #expect(short.rendered == "s.yaml:1:3: error: m\nabc\n  ^")
        #expect(Diagnostic.shortened(String(repeating: "x", count: 10_000)).count == 2 * Diagnostic.window + 1)
    }

    @Test func longWordsGetNoSuggestionQuickly() {
        let long = String(repeating: "A", count: 200_000)
        let start = Date()
        #expect(Suggestions.closest(to: long, in: [long + "B", "BOR"]) == nil)
        #expect(Suggestions.closest(to: "BRO", in: [long, "BOR"]) == "BOR")
        #expect(Date().timeIntervalSince(start) < 1)
    }

    /// `UnquotedCalls.protect` once appended each line to a String.UnicodeScalarView, which
    /// copies the whole string: quadratic. Four times the lines must cost about four times the
    /// time (the quadratic version took sixteen times), best of two runs each.
    @Test func manyLinesProtectInLinearTime() {
        func seconds(_ lines: Int) -> Double {
            let text = String(repeating: "  - work: lognormal(median: 2h, p95: 1d)\n", count: lines)
            return (0..<2).map { _ in
                let start = Date()
                let protected = UnquotedCalls.protect(text)
                #expect(protected.unicodeScalars.count == text.unicodeScalars.count)
                return Date().timeIntervalSince(start)
            }.min() ?? 0
        }
        let small = seconds(10_000), large = seconds(40_000)
        #expect(large < 10 * max(small, 0.01), "10,000 lines: \(small) s, 40,000 lines: \(large) s")
    }

    // MARK: Paths

    @Test func referencedFilesStayInTheScenariosFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-paths-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("exercise")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("msel"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Data("x".utf8).write(to: folder.appendingPathComponent("msel/a.csv"))
        try Data("x".utf8).write(to: root.appendingPathComponent("outside.csv"))
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("out.csv").path,
                                                   withDestinationPath: root.appendingPathComponent("outside.csv").path)
        let scenario = folder.appendingPathComponent("s.yaml").path
        func resolve(_ named: String, allow: Bool = false) -> Result<String, ReferencedFile.Refusal> {
            ReferencedFile.resolve(named, from: scenario, allowOutside: allow)
        }
        #expect(try resolve("msel/a.csv").get() == folder.path + "/msel/a.csv")
        #expect(try resolve("./msel/../msel/a.csv").get() == folder.path + "/./msel/../msel/a.csv")
        #expect(try resolve("msel/missing.csv").get() == folder.path + "/msel/missing.csv")
        #expect(throws: ReferencedFile.Refusal.self) { try resolve("../outside.csv").get() }
        #expect(throws: ReferencedFile.Refusal.self) { try resolve("msel/../../outside.csv").get() }
        #expect(throws: ReferencedFile.Refusal.self) { try resolve("/etc/passwd").get() }
        #expect(throws: ReferencedFile.Refusal.self) { try resolve("out.csv").get() }
        #expect(throws: ReferencedFile.Refusal.self) { try resolve("").get() }
        #expect(try resolve("../outside.csv", allow: true).get() == folder.path + "/../outside.csv")
        #expect(try resolve("/etc/passwd", allow: true).get() == "/etc/passwd")
        // A scenario named without a folder: its folder is the current one.
        #expect(throws: ReferencedFile.Refusal.self) { try ReferencedFile.resolve("../x.csv", from: "s.yaml", allowOutside: false).get() }
    }
}
