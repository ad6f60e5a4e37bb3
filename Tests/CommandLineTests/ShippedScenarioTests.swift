import Foundation
import Testing

/// The shipped scenarios validate, run, and give byte-identical results for one seed; the
/// deterministic chain gives its hand-computed timeline; the spreadsheet MSEL imports and a bad
/// row is reported at its row and field.
@Suite struct ShippedScenarioTests {
    static var jtx: URL { BuiltProducts.debugDirectory.appendingPathComponent("jtx") }

    static var shippedScenarios: [String] {
        let folder = BuiltProducts.packageRoot.appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "scenarios/" + $0 }
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func everyShippedScenarioValidates() throws {
        let scenarios = Self.shippedScenarios
        #expect(scenarios.count >= 4)
        let result = try BuiltProducts.run(Self.jtx, ["validate"] + scenarios)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == scenarios.map { "\($0): ok\n" }.joined())
    }

    @Test func quickstartRunsTwiceToIdenticalFiles() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [(summary: Data, rows: Data)] = []
        for name in ["first", "second"] {
            let out = folder.appendingPathComponent(name)
            let result = try BuiltProducts.run(Self.jtx, ["run", "scenarios/quickstart.yaml", "--replications", "200", "--seed", "1", "--out", out.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("Objectives") && result.stdout.contains("funds-frozen"))
            #expect(result.stdout.contains("Results: \(out.path)/"))
            outputs.append((try Data(contentsOf: out.appendingPathComponent("summary.json")),
                            try Data(contentsOf: out.appendingPathComponent("replications.csv"))))
        }
        #expect(outputs[0].summary == outputs[1].summary)
        #expect(outputs[0].rows == outputs[1].rows)
        let rows = String(decoding: outputs[0].rows, as: UTF8.self).split(separator: "\n")
        #expect(rows.count == 201)
        let summary = try #require(JSONSerialization.jsonObject(with: outputs[0].summary) as? [String: Any])
        let inner = try #require(summary["summary"] as? [String: Any])
        #expect(inner["replications"] as? Int == 200)
        #expect(summary["format"] as? String == "jtx-run-summary")
    }

    /// The timeline computed by hand in chain.yaml's header: assess 3 h, identify 6.5 h,
    /// warrant 11.5 h, arrest 18.5 h; objectives rated P (18.5 h ≤ 24 h) and S (11.5 h ≤ 1.5 × 8 h).
    @Test(arguments: ["scenarios/chain.yaml", "scenarios/msel-import.yaml"])
    func chainMatchesItsHandComputedTimeline(scenario: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try BuiltProducts.run(Self.jtx, ["run", scenario, "--out", folder.path, "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOf: folder.appendingPathComponent("replications.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        for row in lines.dropFirst() {
            func value(_ column: String) -> String? { header.firstIndex(of: column).map { row[$0] } }
            #expect(value("task.assess.done_hours") == "3.0")
            #expect(value("task.identify.done_hours") == "6.5")
            #expect(value("task.warrant.done_hours") == "11.5")
            #expect(value("task.arrest.done_hours") == "18.5")
            #expect(value("objective.arrest-within-24h.rating") == "P")
            #expect(value("objective.warrant-within-8h.rating") == "S")
            #expect(value("messages") == "3")
        }
        #expect(lines.count == 4)
    }

    /// A row of the shipped spreadsheet MSEL naming an unknown agency is reported as
    /// `file.csv:row:field: error:` with the row and a caret, and validation exits 65.
    @Test func badMSELRowIsReportedAtItsRowAndField() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenarios = BuiltProducts.packageRoot.appendingPathComponent("scenarios")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("msel"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: scenarios.appendingPathComponent("msel-import.yaml"), to: folder.appendingPathComponent("msel-import.yaml"))
        let csv = try String(contentsOf: scenarios.appendingPathComponent("msel/chain-msel.csv"), encoding: .utf8)
        let broken = csv.replacingOccurrences(of: "RECORDS,2h,Bank,PROS,", with: "RECORDS,2h,Bank,PROSECUTOR,")
        #expect(broken != csv)
        try broken.write(to: folder.appendingPathComponent("msel/chain-msel.csv"), atomically: true, encoding: .utf8)
        let result = try BuiltProducts.run(Self.jtx, ["validate", folder.appendingPathComponent("msel-import.yaml").path])
        #expect(result.status == 65)
        let expectedPrefix = folder.appendingPathComponent("msel/chain-msel.csv").path + ":3:4: error: "
        #expect(result.stderr.hasPrefix(expectedPrefix), "\(result.stderr)")
        #expect(result.stderr.contains("PROSECUTOR"))
        #expect(result.stderr.contains("\nRECORDS,2h,Bank,PROSECUTOR,"))
    }

    @Test func runRejectsAnInvalidScenarioWith65AndAMissingArgumentWith64() throws {
        let invalid = BuiltProducts.packageRoot.appendingPathComponent("Tests/Fixtures/scenarios-invalid/cycle.yaml")
        let bad = try BuiltProducts.run(Self.jtx, ["run", invalid.path, "--out", "/tmp/jtx-never-written"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains(": error: "))
        #expect(!FileManager.default.fileExists(atPath: "/tmp/jtx-never-written"))
        let usage = try BuiltProducts.run(Self.jtx, ["run"])
        #expect(usage.status == 64)
        let zero = try BuiltProducts.run(Self.jtx, ["run", "scenarios/chain.yaml", "--replications", "0"])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--replications must be at least 1"))
    }

    @Test func traceWritesJSONLinesForTheChosenReplications() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let trace = folder.appendingPathComponent("trace.jsonl")
        let result = try BuiltProducts.run(Self.jtx, ["run", "scenarios/chain.yaml", "--out", folder.path, "--trace", trace.path, "--trace-replications", "0,2"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        var replications = Set<Int>()
        for line in lines {
            let object = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["kind"] is String && object["time_h"] is Double)
            if let replication = object["replication"] as? Int { replications.insert(replication) }
        }
        #expect(replications == [0, 2])
        #expect(lines.contains { $0.contains(#""kind":"task-completed""#) && $0.contains(#""task":"arrest""#) && $0.contains(#""time_h":18.5"#) })
    }

    /// Replications run in parallel but are written in order from streams derived per
    /// replication: any number of jobs gives the same bytes (GREY HERON, every feature in play).
    @Test func resultsDoNotDependOnTheNumberOfJobs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [Data] = []
        for jobs in [1, 2, 4] {
            let out = folder.appendingPathComponent("j\(jobs)")
            let result = try BuiltProducts.run(Self.jtx, ["run", "scenarios/grey-heron.yaml", "--replications", "40", "--jobs", String(jobs),
                                                          "--quiet", "--out", out.path])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Data(contentsOf: out.appendingPathComponent("replications.csv"))
                           + Data(contentsOf: out.appendingPathComponent("summary.json")))
        }
        #expect(outputs[0] == outputs[1])
        #expect(outputs[0] == outputs[2])
    }
}
