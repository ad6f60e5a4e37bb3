import Foundation
import Testing

/// Issue 9's guarantees at the command line (docs/reliability.md): resource limits with measured
/// time and memory, the path rule for files named by a scenario, output folders that are not
/// overwritten without --force, and a runaway replication that names the looping part.
@Suite struct ReliabilityTests {
    static var jtx: URL { BuiltProducts.debugDirectory.appendingPathComponent("jtx") }
    /// The release build, when present (`make test` builds it first), for the timing figures.
    static var fastJTX: URL {
        let release = BuiltProducts.releaseDirectory.appendingPathComponent("jtx")
        return FileManager.default.isExecutableFile(atPath: release.path) ? release : jtx
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-reliability-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// True when `stderr` has a line `<path>:<line>:<column>: error: `.
    static func hasLocatedError(_ stderr: String, file: String? = nil) -> Bool {
        stderr.split(separator: "\n").contains { line in
            guard let range = line.range(of: ": error: ") else { return false }
            let head = line[..<range.lowerBound]
            let parts = head.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 3, Int(parts[parts.count - 1]) != nil, Int(parts[parts.count - 2]) != nil else { return false }
            return file.map { head.hasPrefix($0) } ?? true
        }
    }

    // MARK: Resource limits

    /// Ten anchors, each a list of nine aliases of the one before: 9^10 ≈ 3.5 billion nodes if
    /// expanded.
    static let billionLaughs: String = {
        var lines = ["a0: &a0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        for level in 1...9 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func billionLaughsIsRejectedQuicklyWithBoundedMemory() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Bare, inside a scenario's key, and as mapping keys (which Yams would hash).
        let quickstart = try String(contentsOf: BuiltProducts.packageRoot.appendingPathComponent("scenarios/quickstart.yaml"), encoding: .utf8)
        let cases = [
            "laughs.yaml": Self.billionLaughs,
            "laughs-in-scenario.yaml": quickstart.replacingOccurrences(of: "exercise:\n", with: Self.billionLaughs.split(separator: "\n")
                .map { "x-" + $0 }.joined(separator: "\n") + "\nexercise:\n"),
            "laughs-as-keys.yaml": Self.billionLaughs + "k:\n  ? *a9\n  : 1\n  ? *a8\n  : 2\n",
        ]
        for (name, text) in cases.sorted(by: { $0.key < $1.key }) {
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try MeasuredProcess.run(Self.fastJTX, ["validate", path], timeout: 30)
            print("billion laughs \(name): \(result.summary)")
            #expect(result.status == 65, "\(name): \(result.summary) \(result.stderr)")
            #expect(result.stderr.contains("once aliases are expanded"), "\(name): \(result.stderr)")
            #expect(Self.hasLocatedError(result.stderr, file: path), "\(result.stderr)")
            #expect(result.seconds < 5, "\(name): \(result.summary)")
            #expect(result.maxRSSKiB < 200 * 1024, "\(name): \(result.summary)")
        }
    }

    @Test func oversizedFilesAreRejectedQuicklyWithBoundedMemory() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // 9 MiB (over the 8 MiB limit) of an otherwise valid scenario, and an endless device.
        let quickstart = try String(contentsOf: BuiltProducts.packageRoot.appendingPathComponent("scenarios/quickstart.yaml"), encoding: .utf8)
        let big = folder.appendingPathComponent("big.yaml").path
        try (quickstart + "\n# " + String(repeating: "x", count: 9 << 20) + "\n").write(toFile: big, atomically: true, encoding: .utf8)
        for path in [big, "/dev/zero"] {
            let result = try MeasuredProcess.run(Self.fastJTX, ["validate", path], timeout: 30)
            print("oversized \(path): \(result.summary)")
            #expect(result.status == 65, "\(path): \(result.summary) \(result.stderr)")
            #expect(result.stderr.hasPrefix("\(path):1:1: error: cannot read the scenario: "), "\(result.stderr)")
            #expect(result.stderr.contains("the limit of 8 MiB"), "\(result.stderr)")
            #expect(result.seconds < 5, "\(path): \(result.summary)")
            #expect(result.maxRSSKiB < 200 * 1024, "\(path): \(result.summary)")
        }
    }

    /// Documents just inside the limits cost bounded time and memory too (the figures in
    /// docs/reliability.md): a long string, many nodes, deep nesting.
    @Test func documentsAtTheLimitsAreHandledInBoundedTime() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let quickstart = try String(contentsOf: BuiltProducts.packageRoot.appendingPathComponent("scenarios/quickstart.yaml"), encoding: .utf8)
        let cases: [(String, String, Int32)] = [
            ("long-string", quickstart.replacingOccurrences(of: "name: Quickstart", with: "name: Quickstart " + String(repeating: "x", count: 7 << 20)), 0),
            ("many-nodes", quickstart + "extra:\n" + String(repeating: "  - 1\n", count: 240_000), 65),
            ("too-many-nodes", quickstart + "extra: [" + Array(repeating: "1", count: 300_000).joined(separator: ",") + "]\n", 65),
            ("deep", quickstart + "extra: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n", 65),
        ]
        for (name, text, expected) in cases {
            let path = folder.appendingPathComponent(name + ".yaml").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try MeasuredProcess.run(Self.fastJTX, ["validate", path], timeout: 60)
            print("at the limits \(name) (\(text.utf8.count >> 10) KiB): \(result.summary)")
            #expect(result.status == expected, "\(name): \(result.summary) \(result.stderr.prefix(2000))")
            if expected == 65 { #expect(Self.hasLocatedError(result.stderr, file: path), "\(result.stderr.prefix(2000))") }
            #expect(result.seconds < 30, "\(name): \(result.summary)")
            #expect(result.maxRSSKiB < 1024 * 1024, "\(name): \(result.summary)")
        }
    }

    // MARK: Runaway replications

    static let pingPong = """
        exercise:
          name: Ping-pong
          start: 2026-01-05T08:00:00Z
          horizon: 365d
          seed: 1
          replications: 2
          lead: ARC-POL
        jurisdictions:
          - {id: ARC, time-zone: UTC}
          - {id: BOR, time-zone: UTC}
        agencies:
          - {id: ARC-POL, jurisdiction: ARC, kind: police, capabilities: {locate: constant(30d)}}
          - {id: BOR-POL, jurisdiction: BOR, kind: police, capabilities: {locate: constant(30d)}}
        channels:
          - {id: link, kind: direct, connects: [ARC-POL, BOR-POL], latency: 1m, handling: 1m}
        subjects:
          - id: S1
            starts-in: ARC
            moves: {every: 1m, among: [ARC, BOR]}
        injects:
          - {id: TIP, time: 0h, to: ARC-POL, triggers: [locate]}
        plan:
          - {id: locate, capability: locate, performer: {kind: police, where: S1}}

        """

    @Test func aRunawayReplicationNamesThePartThatLoops() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("ping-pong.yaml").path
        try Self.pingPong.write(toFile: path, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out").path
        let result = try MeasuredProcess.run(Self.jtx, ["run", path, "--event-cap", "20000", "--out", out, "--quiet"], timeout: 120)
        #expect(result.status == 65, "\(result.summary) \(result.stderr)")
        #expect(result.stderr.hasPrefix("\(path): error: replication 0 processed 20000 events"), "\(result.stderr)")
        #expect(result.stderr.contains("subject 'S1' moved"), "\(result.stderr)")
        #expect(result.stderr.contains("between ARC and BOR") || result.stderr.contains("between BOR and ARC"), "\(result.stderr)")
        #expect(result.stderr.contains("task 'locate' was handed to another jurisdiction"), "\(result.stderr)")
        // Nothing to resume from a runaway: the folder is usable again without --force.
        #expect(!FileManager.default.fileExists(atPath: out + "/checkpoint"))
    }

    // MARK: Paths named by a scenario

    /// A scenario folder with the MSEL example, and a CSV outside it.
    static func pathFixture() throws -> (root: URL, scenarioFolder: URL, text: String) {
        let root = try temporaryFolder()
        let scenarioFolder = root.appendingPathComponent("exercise")
        try FileManager.default.createDirectory(at: scenarioFolder.appendingPathComponent("msel"), withIntermediateDirectories: true)
        let scenarios = BuiltProducts.packageRoot.appendingPathComponent("scenarios")
        let csv = try Data(contentsOf: scenarios.appendingPathComponent("msel/chain-msel.csv"))
        try csv.write(to: scenarioFolder.appendingPathComponent("msel/chain-msel.csv"))
        try csv.write(to: root.appendingPathComponent("outside.csv"))
        let text = try String(contentsOf: scenarios.appendingPathComponent("msel-import.yaml"), encoding: .utf8)
        return (root, scenarioFolder, text)
    }

    @Test func filesNamedByAScenarioMayNotLeaveItsFolder() throws {
        let (root, folder, text) = try Self.pathFixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let manager = FileManager.default
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("link.csv").path, withDestinationPath: root.appendingPathComponent("outside.csv").path)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("up").path, withDestinationPath: root.path)
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("inside.csv").path, withDestinationPath: "msel/chain-msel.csv")
        let refused: [(String, String)] = [
            ("../outside.csv", "leads out of the scenario's folder"),
            ("msel/../../outside.csv", "leads out of the scenario's folder"),
            (root.appendingPathComponent("outside.csv").path, "is an absolute path"),
            ("/etc/passwd", "is an absolute path"),
            ("link.csv", "symbolic link that leads out"),
            ("up/outside.csv", "symbolic link that leads out"),
        ]
        for (index, (named, message)) in refused.enumerated() {
            let scenario = folder.appendingPathComponent("refused-\(index).yaml").path
            try text.replacingOccurrences(of: "msel: msel/chain-msel.csv", with: "msel: \"\(named)\"").write(toFile: scenario, atomically: true, encoding: .utf8)
            let result = try BuiltProducts.run(Self.jtx, ["validate", scenario])
            #expect(result.status == 65, "\(named): \(result.stderr)")
            #expect(result.stderr.hasPrefix("\(scenario):48:7: error: "), "\(named): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(named): \(result.stderr)")
            #expect(result.stderr.contains("--allow-outside-paths"), "\(named): \(result.stderr)")
            let allowed = try BuiltProducts.run(Self.jtx, ["validate", "--allow-outside-paths", scenario])
            if named != "/etc/passwd" { #expect(allowed.status == 0, "\(named) with --allow-outside-paths: \(allowed.stderr)") }
        }
        // Inside the folder, however written: fine.
        for (index, named) in ["msel/chain-msel.csv", "./msel/../msel/chain-msel.csv", "inside.csv"].enumerated() {
            let scenario = folder.appendingPathComponent("allowed-\(index).yaml").path
            try text.replacingOccurrences(of: "msel: msel/chain-msel.csv", with: "msel: \(named)").write(toFile: scenario, atomically: true, encoding: .utf8)
            let result = try BuiltProducts.run(Self.jtx, ["validate", scenario])
            #expect(result.status == 0, "\(named): \(result.stderr)")
        }
    }

    @Test func runAndSweepApplyThePathRuleAndItsFlag() throws {
        let (root, folder, text) = try Self.pathFixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let scenario = folder.appendingPathComponent("outside.yaml").path
        try text.replacingOccurrences(of: "msel: msel/chain-msel.csv", with: "msel: ../outside.csv").write(toFile: scenario, atomically: true, encoding: .utf8)
        let refused = try BuiltProducts.run(Self.jtx, ["run", scenario, "-r", "2", "--out", root.appendingPathComponent("r1").path, "--quiet"])
        #expect(refused.status == 65 && refused.stderr.hasPrefix("\(scenario):48:7: error: '../outside.csv' leads out"), "\(refused.stderr)")
        let allowed = try BuiltProducts.run(Self.jtx, ["run", scenario, "-r", "2", "--out", root.appendingPathComponent("r2").path, "--quiet", "--allow-outside-paths"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        let sweep = root.appendingPathComponent("sweep.yaml").path
        try """
            sweep: {name: paths, scenario: exercise/outside.yaml, replications: 2, seed: 1}
            design: {kind: full-factorial}
            factors:
              - {path: agencies.INTEL.staff, levels: [1, 2]}

            """.write(toFile: sweep, atomically: true, encoding: .utf8)
        let sweepRefused = try BuiltProducts.run(Self.jtx, ["sweep", sweep, "--out", root.appendingPathComponent("s1").path, "--quiet"])
        #expect(sweepRefused.status == 65 && Self.hasLocatedError(sweepRefused.stderr, file: scenario), "\(sweepRefused.stderr)")
        let sweepAllowed = try BuiltProducts.run(Self.jtx, ["sweep", sweep, "--out", root.appendingPathComponent("s2").path, "--quiet", "--allow-outside-paths"])
        #expect(sweepAllowed.status == 0, "\(sweepAllowed.stderr)")
    }

    // MARK: Output folders

    @Test func aRunFolderWithResultsIsReplacedOnlyWithForce() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out").path
        let arguments = ["run", "scenarios/quickstart.yaml", "-r", "20", "--out", out, "--quiet"]
        #expect(try BuiltProducts.run(Self.jtx, arguments).status == 0)
        let summary = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
        let again = try BuiltProducts.run(Self.jtx, arguments + ["--seed", "2"])
        #expect(again.status == 64, "\(again.stderr)")
        #expect(again.stderr == "error: the output folder \(out) already holds the results of a run; add --force to replace it, or choose another --out\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")) == summary, "refused, yet changed")
        let forced = try BuiltProducts.run(Self.jtx, arguments + ["--seed", "2", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")) != summary)
        let complete = try BuiltProducts.run(Self.jtx, arguments + ["--seed", "2", "--resume"])
        #expect(complete.status == 0 && complete.stderr.contains("already complete"), "\(complete.stderr)")
        let both = try BuiltProducts.run(Self.jtx, arguments + ["--force", "--resume"])
        #expect(both.status == 64, "\(both.stderr)")
    }

    @Test func aSweepFolderWithResultsIsReplacedOnlyWithForce() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 2, replications: 4)
        let out = folder.appendingPathComponent("out").path
        #expect(try BuiltProducts.run(Self.jtx, ["sweep", sweep, "--out", out, "--quiet"]).status == 0)
        let expected = try SweepFixtures.results(URL(fileURLWithPath: out))
        let again = try BuiltProducts.run(Self.jtx, ["sweep", sweep, "--out", out, "--quiet"])
        #expect(again.status == 64 && again.stderr.contains("--force"), "\(again.stderr)")
        let forced = try BuiltProducts.run(Self.jtx, ["sweep", sweep, "--out", out, "--quiet", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try SweepFixtures.results(URL(fileURLWithPath: out)) == expected)
    }

    @Test func resumingAnotherRunsCheckpointIsRefused() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        // A checkpoint as an interrupted run leaves it, made with seed 1.
        let checkpoint = out.appendingPathComponent("checkpoint")
        try FileManager.default.createDirectory(at: checkpoint, withIntermediateDirectories: true)
        let first = try BuiltProducts.run(Self.jtx, ["run", "scenarios/quickstart.yaml", "-r", "20", "--seed", "1", "--out", folder.appendingPathComponent("ref").path, "--quiet"])
        #expect(first.status == 0)
        let manifest = """
            {"confidence": 0.95, "event_cap": 50000000, "format": "jtx-run-checkpoint/1", "jtx_version": "other", "max_replications": 0,
             "replications": 20, "scenario": "scenarios/quickstart.yaml", "scenario_digest": "0", "seed": 1}
            """
        try manifest.write(to: checkpoint.appendingPathComponent("run.json"), atomically: true, encoding: .utf8)
        let refused = try BuiltProducts.run(Self.jtx, ["run", "scenarios/quickstart.yaml", "-r", "20", "--out", out.path, "--quiet", "--resume"])
        #expect(refused.status == 65, "\(refused.stderr)")
        #expect(refused.stderr.hasPrefix("error: cannot resume in \(out.path): "), "\(refused.stderr)")
        let plain = try BuiltProducts.run(Self.jtx, ["run", "scenarios/quickstart.yaml", "-r", "20", "--out", out.path, "--quiet"])
        #expect(plain.status == 64 && plain.stderr.contains("an interrupted run") && plain.stderr.contains("--resume"), "\(plain.stderr)")
    }
}
