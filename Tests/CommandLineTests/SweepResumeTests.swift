import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A sweep killed with SIGKILL at a random moment leaves only whole, readable files, and
/// `--resume` then finishes it with results byte-identical to an uninterrupted run.
@Suite struct SweepResumeTests {
    /// SplitMix64 (Steele, Lea & Flood 2014): the kill delays come from a fixed seed, so the
    /// test is repeatable while still hitting the run at different moments.
    struct SplitMix64 {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        /// Uniform in [low, high).
        mutating func uniform(_ low: Double, _ high: Double) -> Double {
            low + (high - low) * Double(next() >> 11) / Double(1 << 53)
        }
    }

    /// Starts `jtx sweep`, kills it with SIGKILL after `delay` seconds; true when it was still running.
    static func killed(_ arguments: [String], after delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = SweepFixtures.jtx
        process.arguments = arguments
        process.currentDirectoryURL = BuiltProducts.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(useconds_t(delay * 1_000_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal
    }

    /// Every finished file in the folder reads as what it claims to be: JSON documents parse,
    /// CSV files have one header and rows of its width, each ending with a line break.
    /// Hidden `.…tmp` files are a writer's work in progress, never read by jtx, and skipped.
    static func checkFilesParse(_ folder: URL) throws {
        let manager = FileManager.default
        let names = ((try? manager.subpathsOfDirectory(atPath: folder.path)) ?? []).filter { name in
            !(URL(fileURLWithPath: name).lastPathComponent.hasPrefix(".")) && name != "points"
        }
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if name.hasSuffix(".json") {
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                #expect(object?["format"] is String, "\(name)")
            } else if name.hasSuffix(".csv") {
                let text = String(decoding: data, as: UTF8.self)
                #expect(text.hasSuffix("\n"), "\(name) ends mid-line")
                let lines = text.split(separator: "\n")
                let width = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).count } ?? 0
                #expect(width > 1 && lines.count >= 2, "\(name)")
                #expect(lines.allSatisfy { $0.split(separator: ",", omittingEmptySubsequences: false).count == width }, "\(name)")
            } else {
                Issue.record("unexpected file \(name)")
            }
        }
    }

    @Test func killedSweepsResumeToIdenticalResults() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 12, replications: 40)
        let reference = folder.appendingPathComponent("reference")
        let uninterrupted = try BuiltProducts.run(SweepFixtures.jtx, ["sweep", sweep, "--jobs", "2", "--out", reference.path])
        #expect(uninterrupted.status == 0, "\(uninterrupted.stderr)")
        let expected = try SweepFixtures.results(reference)
        var generator = SplitMix64(state: 20_261_129)
        var interrupted = 0
        for attempt in 0..<3 {
            let out = folder.appendingPathComponent("killed-\(attempt)")
            let arguments = ["sweep", sweep, "--jobs", "2", "--out", out.path]
            let delay = generator.uniform(0.15, 1.5)
            if try Self.killed(arguments, after: delay) { interrupted += 1 }
            try Self.checkFilesParse(out)
            let resumed = try BuiltProducts.run(SweepFixtures.jtx, arguments + ["--resume"])
            #expect(resumed.status == 0, "attempt \(attempt), killed after \(delay) s: \(resumed.stderr)")
            #expect(try SweepFixtures.results(out) == expected, "attempt \(attempt), killed after \(delay) s")
        }
        #expect(interrupted == 3, "every kill should catch the sweep running")
    }
}
