import Foundation
import Testing

/// `jtx compare`, `jtx baseline` and `jtx regress` as CI uses them (issue 7's acceptance
/// criteria): an unchanged rerun passes both checks; a change that matters fails both, naming the
/// metrics that moved and the first diverging replication and event; different seeds raise no
/// more false alarms than alpha allows; the JUnit report is read by a real JUnit consumer; every
/// shipped scenario has a committed baseline. The release jtx runs the scenarios (hundreds of
/// replications each).
@Suite struct RegressionCommandTests {
    static var jtx: URL { BuiltProducts.releaseDirectory.appendingPathComponent("jtx") }
    static var root: URL { BuiltProducts.packageRoot }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-regress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `jtx run` quietly into `out` (with a trace of `traced` replications when given).
    @discardableResult
    func run(_ scenario: String, _ out: URL, replications: Int, seed: Int, jobs: Int = 2, traced: String? = nil) throws -> BuiltProducts.Result {
        var arguments = ["run", scenario, "--replications", String(replications), "--seed", String(seed), "--jobs", String(jobs),
                         "--quiet", "--out", out.path]
        // A traced run repeats an earlier run into the same folder, so it replaces it on purpose.
        if let traced { arguments += ["--trace", out.appendingPathComponent("trace.jsonl").path, "--trace-replications", traced, "--force"] }
        let result = try BuiltProducts.run(Self.jtx, arguments)
        #expect(result.status == 0, "jtx run \(scenario): \(result.stderr)")
        return result
    }

    /// A copy of a shipped scenario with `original` replaced by `replacement` (which must occur).
    func modified(_ name: String, _ original: String, _ replacement: String, in folder: URL) throws -> String {
        let text = try String(contentsOf: Self.root.appendingPathComponent("scenarios/\(name)"), encoding: .utf8)
        #expect(text.contains(original), "\(name) no longer contains \(original)")
        let url = folder.appendingPathComponent(name)
        try text.replacingOccurrences(of: original, with: replacement).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func compare(_ arguments: [String]) throws -> BuiltProducts.Result {
        try BuiltProducts.run(Self.jtx, ["compare"] + arguments)
    }

    func fingerprint(_ folder: URL) throws -> String? {
        let data = try Data(contentsOf: folder.appendingPathComponent("summary.json"))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["summary"] as? [String: Any])?["fingerprint"] as? String
    }

    // MARK: 1. An unchanged rerun passes

    @Test func unchangedRerunPassesExactAndStatisticalChecks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        try run("scenarios/quickstart.yaml", a, replications: 120, seed: 5, jobs: 1, traced: "0")
        try run("scenarios/quickstart.yaml", b, replications: 120, seed: 5, jobs: 3, traced: "0")
        let expected = try #require(try fingerprint(a))
        #expect(expected.count == 16 && expected.allSatisfy(\.isHexDigit))
        #expect(try fingerprint(b) == expected, "the fingerprint depends on --jobs")

        let exact = try compare([a.path, b.path, "--exact"])
        #expect(exact.status == 0, "\(exact.stdout)\(exact.stderr)")
        #expect(exact.stdout.contains("fingerprints match (\(expected), 120 replications)"), "\(exact.stdout)")
        let statistical = try compare([a.path, b.path])
        #expect(statistical.status == 0, "\(statistical.stdout)\(statistical.stderr)")
        #expect(statistical.stdout.contains("PASS: nothing changed"))
        #expect(!statistical.stdout.split(separator: "\n").contains { $0.hasSuffix("CHANGED") })

        // The same through a baseline file, which is small and holds the run's fingerprint.
        let baseline = folder.appendingPathComponent("quickstart.json")
        let written = try BuiltProducts.run(Self.jtx, ["baseline", a.path, "--out", baseline.path])
        #expect(written.status == 0, "\(written.stderr)")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: baseline.path)[.size] as? Int)
        #expect(size < 64 * 1024)
        let object = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: baseline)) as? [String: Any])
        #expect(object["format"] as? String == "jtx-baseline")
        #expect(object["fingerprint"] as? String == expected)
        #expect((object["replication_fingerprints"] as? [String])?.count == 120)
        #expect(try compare([baseline.path, b.path, "--exact"]).status == 0)
        let fromBaseline = try compare([baseline.path, b.path, "--format", "json"])
        #expect(fromBaseline.status == 0, "\(fromBaseline.stdout)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(fromBaseline.stdout.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "pass")
        let metrics = try #require((json["statistical"] as? [String: Any])?["metrics"] as? [[String: Any]])
        #expect(metrics.contains { $0["metric"] as? String == "objective.funds-frozen.met" && $0["kind"] as? String == "proportion" })
        #expect(metrics.contains { $0["metric"] as? String == "agency.BOR-FIU.utilisation" })
    }

    // MARK: 2. A change that matters fails both checks

    /// An agency's staff halved (Borealis FIU, 2 → 1, with routine reports arriving every 4 h):
    /// its utilisation and queue wait move; the fingerprints differ from replication 0, and the
    /// traces show the first event that differs.
    @Test func staffHalvedFailsBothChecksNamingMetricsReplicationAndEvent() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let changed = try modified("quickstart.yaml", "    jurisdiction: BOR\n    kind: fiu\n    staff: 2",
                                   "    jurisdiction: BOR\n    kind: fiu\n    staff: 1", in: folder)
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        try run("scenarios/quickstart.yaml", a, replications: 120, seed: 5, traced: "0")
        try run(changed, b, replications: 120, seed: 5, traced: "0")

        let statistical = try compare([a.path, b.path])
        #expect(statistical.status == 1, "\(statistical.stdout)\(statistical.stderr)")
        let flagged = statistical.stdout.split(separator: "\n").filter { $0.hasSuffix("CHANGED") }.map { String($0.split(separator: " ")[0]) }
        #expect(flagged.contains("agency.BOR-FIU.utilisation"), "\(statistical.stdout)")
        #expect(flagged.contains("agency.BOR-FIU.queue_wait_hours"), "\(statistical.stdout)")
        #expect(statistical.stdout.contains("FAIL: "))

        let exact = try compare([a.path, b.path, "--exact"])
        #expect(exact.status == 1, "\(exact.stdout)\(exact.stderr)")
        #expect(exact.stdout.contains("fingerprints DIFFER"))
        #expect(exact.stdout.contains("First differing replication: 0 "), "\(exact.stdout)")
        #expect(exact.stdout.contains("First diverging event: replication 0, event "), "\(exact.stdout)")
        let lines = exact.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        let before = try #require(lines.first { $0.hasPrefix("baseline:  {\"replication\":0,") })
        let after = try #require(lines.first { $0.hasPrefix("candidate: {\"replication\":0,") })
        #expect(before.dropFirst(11) != after.dropFirst(11))
    }

    /// A channel's latency ×3 (GREY HERON's diplomatic channel, the slow fallback, median 3 d →
    /// 9 d): the channel's latency moves; the fingerprints differ from the first replication
    /// that used it, and a rerun with a trace of that replication shows the diverging event.
    @Test func latencyTripledFailsBothChecksNamingMetricsReplicationAndEvent() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let changed = try modified("grey-heron.yaml", "latency: lognormal(median=3d, p95=10d)", "latency: lognormal(median=9d, p95=30d)", in: folder)
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        try run("scenarios/grey-heron.yaml", a, replications: 150, seed: 2026)
        try run(changed, b, replications: 150, seed: 2026)

        let statistical = try compare([a.path, b.path, "--format", "json"])
        #expect(statistical.status == 1, "\(statistical.stdout)\(statistical.stderr)")
        let json = try #require(JSONSerialization.jsonObject(with: Data(statistical.stdout.utf8)) as? [String: Any])
        let flagged = try #require((json["statistical"] as? [String: Any])?["flagged"] as? [String])
        #expect(flagged.contains("channel.diplomatic.latency_hours"), "\(flagged)")
        #expect(!flagged.contains { $0.hasPrefix("agency.") }, "\(flagged)")

        // Without traces the exact check names the replication and says how to get the event.
        let exact = try compare([a.path, b.path, "--exact"])
        #expect(exact.status == 1, "\(exact.stdout)")
        let marker = "First differing replication: "
        let line = try #require(exact.stdout.split(separator: "\n").first { $0.hasPrefix(marker) })
        let replication = try #require(Int(line.dropFirst(marker.count).prefix { $0.isNumber }))
        #expect(exact.stdout.contains("--trace-replications \(replication)"), "\(exact.stdout)")
        // The diplomatic channel's latency differs in that replication.
        #expect(exact.stdout.contains("channel.diplomatic.latency_hours: "), "\(exact.stdout)")

        try run("scenarios/grey-heron.yaml", a, replications: 150, seed: 2026, traced: String(replication))
        try run(changed, b, replications: 150, seed: 2026, traced: String(replication))
        let traced = try compare([a.path, b.path, "--exact"])
        #expect(traced.status == 1)
        #expect(traced.stdout.contains("First diverging event: replication \(replication), event "), "\(traced.stdout)")
        #expect(traced.stdout.contains("  baseline:  {\"replication\":\(replication),"))
        #expect(traced.stdout.contains("  candidate: {\"replication\":\(replication),"))
    }

    // MARK: 3. False alarms

    /// 20 runs of one scenario with seeds 2…21 against a baseline with seed 1, tolerance 0 (so
    /// only significance decides). Holm's adjustment keeps the family-wise error rate of one
    /// comparison at alpha = 0.01, so the expected number of comparisons that flag anything is at
    /// most 20 · 0.01 = 0.2. If the comparisons were independent, their count would be at most
    /// Binomial(20, 0.01), and P(X ≥ 3) = 1 − Σ_{k≤2} C(20,k) 0.01^k 0.99^(20−k) ≈ 0.0010: the
    /// bound checked is X ≤ 2 (a 99.9 % upper bound). (They share the baseline, so they are not
    /// quite independent; Markov's inequality, which needs no independence, still gives
    /// P(X ≥ 3) ≤ 0.2/3 ≈ 0.067.)
    @Test func differentSeedsRaiseNoMoreFalseAlarmsThanAlphaAllows() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let baseline = folder.appendingPathComponent("seed-1")
        try run("scenarios/quickstart.yaml", baseline, replications: 100, seed: 1)
        var alarms: [Int: [String]] = [:]
        var metricsCompared = 0
        for seed in 2...21 {
            let candidate = folder.appendingPathComponent("seed-\(seed)")
            try run("scenarios/quickstart.yaml", candidate, replications: 100, seed: seed)
            let result = try compare([baseline.path, candidate.path, "--alpha", "0.01", "--tolerance", "0", "--format", "json"])
            #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
            let json = try #require(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let statistical = try #require(json["statistical"] as? [String: Any])
            metricsCompared = (statistical["metrics"] as? [Any])?.count ?? 0
            let flagged = (statistical["flagged"] as? [String]) ?? []
            if !flagged.isEmpty { alarms[seed] = flagged }
            try? FileManager.default.removeItem(at: candidate)
        }
        #expect(metricsCompared >= 15)
        #expect(alarms.count <= 2, "comparisons with a false alarm: \(alarms)")
        print("false alarms: \(alarms.count) of 20 comparisons (bound 2; expected at most 0.2); \(alarms)")
    }

    // MARK: 4. JUnit XML

    /// The JUnit reports of `jtx compare` (with failures) and `jtx regress` (several suites) are
    /// read by Python's junitparser, and their counts agree with their test cases.
    @Test func junitReportsAreReadByJunitparser() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let changed = try modified("quickstart.yaml", "    jurisdiction: BOR\n    kind: fiu\n    staff: 2",
                                   "    jurisdiction: BOR\n    kind: fiu\n    staff: 1", in: folder)
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b")
        try run("scenarios/quickstart.yaml", a, replications: 60, seed: 3)
        try run(changed, b, replications: 60, seed: 3)
        let compareXML = folder.appendingPathComponent("compare.xml")
        #expect(try compare([a.path, b.path, "--junit", compareXML.path]).status == 1)

        // jtx regress with two baselines: one unchanged scenario, one whose scenario changed since.
        let scenario = folder.appendingPathComponent("regress-me.yaml")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("scenarios/quickstart.yaml"), to: scenario)
        let baselines = folder.appendingPathComponent("baselines")
        for (source, name) in [("scenarios/chain.yaml", "chain"), (scenario.path, "regress-me")] {
            let made = try BuiltProducts.run(Self.jtx, ["baseline", source, "--replications", "40", "--out", baselines.appendingPathComponent("\(name).json").path])
            #expect(made.status == 0, "\(made.stderr)")
        }
        let original = try String(contentsOf: scenario, encoding: .utf8)
        try original.replacingOccurrences(of: "    jurisdiction: BOR\n    kind: fiu\n    staff: 2", with: "    jurisdiction: BOR\n    kind: fiu\n    staff: 1")
            .write(to: scenario, atomically: true, encoding: .utf8)
        let regressXML = folder.appendingPathComponent("regress.xml")
        let regress = try BuiltProducts.run(Self.jtx, ["regress", baselines.appendingPathComponent("chain.json").path,
                                                       baselines.appendingPathComponent("regress-me.json").path,
                                                       "--out", folder.appendingPathComponent("regress").path, "--junit", regressXML.path])
        #expect(regress.status == 1, "\(regress.stdout)\(regress.stderr)")
        #expect(regress.stdout.contains("PASS chain: fingerprints match"), "\(regress.stdout)")
        #expect(regress.stdout.contains("FAIL regress-me:"), "\(regress.stdout)")
        #expect(regress.stdout.contains("jtx regress: 1 of 2 scenarios pass"))

        let script = #"""
        import sys
        import xml.etree.ElementTree as ET
        try:
            from junitparser import JUnitXml, TestSuite, Failure, Error, Skipped
        except ImportError:
            print("no junitparser"); sys.exit(3)
        for path in sys.argv[1:]:
            root = ET.parse(path).getroot()
            assert root.tag == "testsuites", root.tag
            for suite in root:
                assert suite.tag == "testsuite", suite.tag
                for name in ("name", "tests", "failures", "errors", "skipped", "time"):
                    assert name in suite.attrib, (name, suite.attrib)
                tags = [child.tag for child in suite]
                assert all(t in ("properties", "testcase", "system-out", "system-err") for t in tags), tags
                assert tags.count("properties") <= 1 and (tags[0] == "properties" or "properties" not in tags)
                for case in suite.iter("testcase"):
                    assert "name" in case.attrib and "classname" in case.attrib
                    assert len([c for c in case if c.tag in ("failure", "error", "skipped")]) <= 1
            xml = JUnitXml.fromfile(path)
            suites = list(xml) if not isinstance(xml, TestSuite) else [xml]
            total = failures = 0
            for suite in suites:
                cases = list(suite)
                failed = sum(1 for case in cases if any(isinstance(r, Failure) for r in case.result))
                errored = sum(1 for case in cases if any(isinstance(r, Error) for r in case.result))
                assert suite.tests == len(cases), (suite.name, suite.tests, len(cases))
                assert suite.failures == failed, (suite.name, suite.failures, failed)
                assert suite.errors == errored, (suite.name, suite.errors, errored)
                total += len(cases); failures += failed
            assert xml.tests == total and xml.failures == failures, (xml.tests, total, xml.failures, failures)
            print(f"{path}: {len(suites)} suites, {total} cases, {failures} failures")
        """#
        let result = try BuiltProducts.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", "-c", script, compareXML.path, regressXML.path])
        guard result.status != 3 else {
            Issue.record("python3 cannot import junitparser: run `make deps`")
            return
        }
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(": 1 suites, ") == true)
        #expect(lines.last?.contains(": 2 suites, ") == true)
        #expect(!(lines.first?.hasSuffix(" 0 failures") ?? true))
        let text = try String(contentsOf: compareXML, encoding: .utf8)
        #expect(text.contains("<testcase name=\"objective.funds-frozen.met\""))
        #expect(text.contains("<failure message=\"agency.BOR-FIU.utilisation changed: "))
    }

    // MARK: Comparability and baselines

    @Test func differentStructuresAreNotComparable() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a"), b = folder.appendingPathComponent("b"), c = folder.appendingPathComponent("c")
        try run("scenarios/quickstart.yaml", a, replications: 20, seed: 1)
        try run("scenarios/chain.yaml", b, replications: 3, seed: 1)
        try run("scenarios/quickstart.yaml", c, replications: 20, seed: 2)
        let structure = try compare([a.path, b.path])
        #expect(structure.status == 65)
        #expect(structure.stdout.contains("NOT COMPARABLE"))
        #expect(structure.stdout.contains("lacks") && structure.stdout.contains("agency.BOR-FIU.utilisation"), "\(structure.stdout)")
        let seeds = try compare([a.path, c.path, "--exact"])
        #expect(seeds.status == 65)
        #expect(seeds.stdout.contains("the baseline ran seed 1, the candidate seed 2"), "\(seeds.stdout)")
        let restricted = try compare([a.path, c.path, "--metrics", "objective.*"])
        #expect(restricted.status == 0 || restricted.status == 1)
        #expect(!restricted.stdout.contains("agency."))
        let unknown = try compare([a.path, c.path, "--metrics", "objective.nope"])
        #expect(unknown.status == 65)
        #expect(unknown.stdout.contains("'objective.nope' matches no metric"))
        #expect(try compare([a.path, folder.appendingPathComponent("missing").path]).status == 65)
    }

    /// results/baselines/ holds one small baseline for every shipped scenario, naming it.
    @Test func everyShippedScenarioHasACommittedBaseline() throws {
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("scenarios").path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(scenarios.count >= 7)
        var total = 0
        for file in scenarios {
            let name = String(file.dropLast(5))
            let url = Self.root.appendingPathComponent("results/baselines/\(name).json")
            guard let data = FileManager.default.contents(atPath: url.path) else {
                Issue.record("no baseline for scenarios/\(file): run `make baselines`")
                continue
            }
            total += data.count
            #expect(data.count <= 64 * 1024, "\(url.lastPathComponent) is \(data.count) bytes")
            let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
            #expect(object["format"] as? String == "jtx-baseline")
            #expect(object["scenario"] as? String == "scenarios/\(file)")
            let replications = try #require(object["replications"] as? Int)
            #expect((object["replication_fingerprints"] as? [String])?.count == replications)
            for metric in (object["metrics"] as? [[String: Any]]) ?? [] {
                #expect((metric["values"] as? [Any])?.count == replications)
            }
        }
        // About 20 KiB per scenario on average (docs/regression.md lists them).
        #expect(total <= scenarios.count * 32 * 1024, "the baselines take \(total) bytes")
    }
}
