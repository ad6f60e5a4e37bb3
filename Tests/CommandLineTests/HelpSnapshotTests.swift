import Foundation
import Testing

/// The `--help` text of every command (found from the command tree, so new commands are covered)
/// matches its snapshot in Tests/Fixtures/help/<command path>.txt. After changing help text or
/// flags, rewrite the snapshots with one command and review the diff:
///
///     make help-snapshots
///     (= JTX_UPDATE_SNAPSHOTS=1 swift test --filter HelpSnapshotTests)
@Suite struct HelpSnapshotTests {
    static var folder: URL { BuiltProducts.packageRoot.appendingPathComponent("Tests/Fixtures/help") }
    static var updating: Bool { ProcessInfo.processInfo.environment["JTX_UPDATE_SNAPSHOTS"] == "1" }

    /// `jtx.txt`, `jtx-run.txt`, `jtx-slurm-submit.txt`, …
    static func snapshotName(_ path: [String]) -> String { (["jtx"] + path).joined(separator: "-") + ".txt" }

    /// The help text with the one machine-dependent default, `--jobs`'s number of cores, written
    /// as `(default: <cores>)`, so snapshots match on any machine.
    static func normalised(_ help: String) -> String {
        let cores = "(default: \(ProcessInfo.processInfo.activeProcessorCount))"
        var inJobs = false
        return help.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("-") { inJobs = trimmed.contains("--jobs") }
            return inJobs ? line.replacingOccurrences(of: cores, with: "(default: <cores>)") : String(line)
        }.joined(separator: "\n")
    }

    @Test func helpTextMatchesTheSnapshots() throws {
        let paths = try CommandLineHabitsTests.commandPaths()
        #expect(paths.count >= 9, "the command tree could not be read")
        if Self.updating { try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true) }
        var expected = Set<String>()
        for path in paths {
            let name = Self.snapshotName(path)
            expected.insert(name)
            // A fixed width, so the wrapping does not depend on the terminal the tests run in.
            let result = try BuiltProducts.run(CommandLineHabitsTests.jtx, path + ["--help"], environment: ["COLUMNS": "100"])
            #expect(result.status == 0, "\(result.stderr)")
            let file = Self.folder.appendingPathComponent(name)
            let help = Self.normalised(result.stdout)
            if Self.updating {
                try help.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            guard let snapshot = try? String(contentsOf: file, encoding: .utf8) else {
                Issue.record("no snapshot \(file.path) for `jtx \(path.joined(separator: " ")) --help`: run make help-snapshots")
                continue
            }
            #expect(help == snapshot, "`jtx \(path.joined(separator: " ")) --help` differs from \(name): run make help-snapshots and review the diff")
        }
        let present = Set(((try? FileManager.default.contentsOfDirectory(atPath: Self.folder.path)) ?? []).filter { $0.hasSuffix(".txt") })
        for stale in present.subtracting(expected).sorted() {
            if Self.updating {
                try FileManager.default.removeItem(at: Self.folder.appendingPathComponent(stale))
            } else {
                Issue.record("snapshot \(stale) belongs to no command: run make help-snapshots")
            }
        }
    }
}
