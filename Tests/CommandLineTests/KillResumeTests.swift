import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `jtx run` and `jtx sweep` killed with SIGKILL at 20 random (seeded) moments each: afterwards
/// every file in the output folder parses (hidden ones included: jtx writes files without a
/// name until they are complete), and `--resume` finishes the work with result files
/// byte-identical to an uninterrupted run's.
@Suite(.serialized) struct KillResumeTests {
    /// The release build when present (`make test` builds it), so twenty runs stay quick.
    static var jtx: URL { ReliabilityTests.fastJTX }
    static let kills = 20

    /// Starts jtx, kills it with SIGKILL after `delay` seconds; true when it was still running.
    static func killed(_ arguments: [String], after delay: Double, environment: [String: String]) throws -> Bool {
        let process = Process()
        process.executableURL = jtx
        process.arguments = arguments
        process.currentDirectoryURL = BuiltProducts.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(useconds_t(delay * 1_000_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
    }

    /// Every regular file under `folder`, hidden or not, reads as what its name says: JSON
    /// documents parse; CSV files end with a line break and have rows of the header's width.
    static func checkEveryFileParses(_ folder: URL, _ context: String) throws -> Int {
        var count = 0
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            count += 1
            let data = try Data(contentsOf: url)
            let name = url.lastPathComponent
            if name.hasSuffix(".json") || (name.hasPrefix(".") && name.contains(".json.")) {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(context): \(url.path) is not JSON")
            } else if name.hasSuffix(".csv") || (name.hasPrefix(".") && name.contains(".csv.")) {
                let text = String(decoding: data, as: UTF8.self)
                #expect(text.hasSuffix("\n"), "\(context): \(url.path) ends mid-line")
                let lines = text.split(separator: "\n")
                let width = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).count } ?? 0
                #expect(width > 1, "\(context): \(url.path) has no header")
                #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == width },
                        "\(context): \(url.path) has a row of another width")
            } else {
                Issue.record("\(context): unexpected file \(url.path)")
            }
        }
        return count
    }

    /// Kills `arguments` (which write to `out`) 20 times at moments drawn uniformly over the
    /// uninterrupted run's duration, checks the files after each kill, resumes, and compares.
    /// The workloads below are sized so that a run lasts well over the 0.1 s checkpoint interval
    /// on the release build (about half a second to a second on two cores); a run that ends
    /// before most kills land would test nothing.
    static func killAndResume(_ arguments: (URL) -> [String], results: [String], seed: UInt64, folder: URL) throws {
        let reference = folder.appendingPathComponent("reference")
        let start = Date()
        let uninterrupted = try BuiltProducts.run(jtx, arguments(reference))
        let duration = Date().timeIntervalSince(start)
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let expected = try results.map { try Data(contentsOf: reference.appendingPathComponent($0)) }
        var generator = SweepResumeTests.SplitMix64(state: seed)
        var interrupted = 0, filesChecked = 0, identical = 0
        for attempt in 0..<kills {
            let out = folder.appendingPathComponent("killed-\(attempt)")
            // Checkpoints every 0.1 s, so that kills land between checkpoints as well as after some.
            let delay = generator.uniform(0.02, max(0.1, duration * 0.8))
            if try killed(arguments(out), after: delay, environment: ["JTX_CHECKPOINT_SECONDS": "0.1"]) { interrupted += 1 }
            if FileManager.default.fileExists(atPath: out.path) {
                filesChecked += try checkEveryFileParses(out, "attempt \(attempt), killed after \(delay) s")
            }
            let resumed = try BuiltProducts.run(jtx, arguments(out) + ["--resume"])
            #expect(resumed.status == 0, "attempt \(attempt), killed after \(delay) s: \(resumed.stderr)")
            let actual = results.map { try? Data(contentsOf: out.appendingPathComponent($0)) }
            let same = actual == expected.map { Optional($0) }
            #expect(same, "attempt \(attempt), killed after \(delay) s: resumed results differ")
            if same { identical += 1 }
            try? FileManager.default.removeItem(at: out)
        }
        print("kill and resume \(arguments(folder).prefix(2).joined(separator: " ")): \(interrupted) of \(kills) kills interrupted a run "
              + "(uninterrupted \(String(format: "%.1f", duration)) s); \(filesChecked) files checked; \(identical) of \(kills) resumed identical")
        #expect(interrupted >= kills / 2, "most kills should land while the command runs")
    }

    @Test func killedRunsResumeToIdenticalResults() throws {
        let folder = try ReliabilityTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.killAndResume({ out in
            ["run", "scenarios/quickstart.yaml", "--replications", "8000", "--seed", "3", "--jobs", "2", "--out", out.path, "--quiet"]
        }, results: ["summary.json", "replications.csv"], seed: 9_001, folder: folder)
    }

    @Test func killedPrecisionRunsResumeToIdenticalResults() throws {
        let folder = try ReliabilityTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.killAndResume({ out in
            ["run", "scenarios/quickstart.yaml", "--precision", "0.015", "--max-replications", "8000", "--seed", "4", "--jobs", "2",
             "--out", out.path, "--quiet"]
        }, results: ["summary.json", "replications.csv"], seed: 9_002, folder: folder)
    }

    @Test func killedSweepsResumeToIdenticalResults() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 8, replications: 120)
        try Self.killAndResume({ out in ["sweep", sweep, "--jobs", "2", "--out", out.path, "--quiet"] },
                               results: SweepFixtures.resultFiles, seed: 9_003, folder: folder)
    }
}
