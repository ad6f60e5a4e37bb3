import ExerciseModel
import Experiments
import Foundation
import Reports
import ScenarioFormat
import Testing

/// Sweep folders in-process: point records read back exactly, shards merge to the unsharded
/// files, and folders that do not belong together are refused with what differs.
@Suite("Sweep folders, shards and merging")
struct SweepFolderTests {
    static let factors = """
          - {path: agencies.A-POL.staff, range: [1, 2]}
          - {path: channels.net.latency, range: [0.5, 2]}
        """

    /// Loads a sweep over `factors.yaml` in `folder` and returns what the pipeline needs.
    static func prepare(_ folder: URL, seed: Int = 3) throws -> (SweepRunner, SweepDescription) {
        let path = folder.appendingPathComponent("sweep-\(seed).yaml").path
        try SweepSupport.sweep(factors: factors).replacingOccurrences(of: "seed: 3", with: "seed: \(seed)")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try SweepLoader.load(path: path)
        let design = try SweepDesign(loaded.specification)
        let runner = SweepRunner(base: loaded.scenario.exercise, specification: loaded.specification, design: design, jobs: 2)
        let sweep = SweepDescription(specification: loaded.specification, exercise: loaded.scenario.exercise,
                                     scenarioText: loaded.scenario.text, sweepDigest: loaded.digest, design: design)
        return (runner, sweep)
    }

    static func files(_ folder: URL) throws -> [Data] {
        try ["points.csv", "replications.csv", "sweep.json"].map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }

    @Test("three shards merged give the unsharded files; records read back exactly")
    func shardsMerge() throws {
        let folder = try SweepSupport.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (runner, sweep) = try Self.prepare(folder)
        let whole = SweepFolder(url: folder.appendingPathComponent("whole"))
        let result = try SweepPipeline.execute(runner, sweep: sweep, folder: whole, shard: .whole, resume: false, jtxVersion: "test")
        #expect(result.pointsRun == 4 && result.document != nil)
        let shards = (1...3).map { SweepFolder(url: folder.appendingPathComponent("shard-\($0)")) }
        for (index, shard) in shards.enumerated() {
            let part = try SweepPipeline.execute(runner, sweep: sweep, folder: shard, shard: SweepShard(index: index + 1, count: 3),
                                                 resume: false, jtxVersion: "test")
            #expect(part.document == nil)
            #expect(part.pointsInShard == [2, 1, 1][index])
        }
        let merged = SweepFolder(url: folder.appendingPathComponent("merged"))
        try SweepMerge.merge(shards.reversed(), into: merged)
        #expect(try Self.files(merged.url) == Self.files(whole.url))
        // The point record on disk decodes to the values that produced it.
        let data = try Data(contentsOf: whole.recordURL(point: 2))
        let record = try JSONDecoder().decode(SweepPointRecord.self, from: data)
        #expect(record.point == 2 && record.values == sweep.points[2].values)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(try encoder.encode(record) + Data([0x0A]) == data)
    }

    @Test("merge refuses shards of another sweep or version and names missing shards and points")
    func mergeRefusals() throws {
        let folder = try SweepSupport.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (runner, sweep) = try Self.prepare(folder)
        let (otherRunner, otherSweep) = try Self.prepare(folder, seed: 4)
        func shard(_ name: String, _ index: Int, version: String = "test", other: Bool = false) throws -> SweepFolder {
            let target = SweepFolder(url: folder.appendingPathComponent(name))
            try SweepPipeline.execute(other ? otherRunner : runner, sweep: other ? otherSweep : sweep, folder: target,
                                      shard: SweepShard(index: index, count: 2), resume: false, jtxVersion: version)
            return target
        }
        let first = try shard("a", 1), second = try shard("b", 2)
        let foreign = try shard("c", 2, other: true), newer = try shard("d", 2, version: "9.9")
        let out = SweepFolder(url: folder.appendingPathComponent("out"))
        func message(_ shards: [SweepFolder]) -> String {
            do {
                try SweepMerge.merge(shards, into: out)
                return ""
            } catch {
                return error.message.replacingOccurrences(of: folder.path + "/", with: "")
            }
        }
        #expect(message([first, foreign]) == """
            the shards do not belong to one sweep:
              sweep digest \(otherSweep.sweepDigest) (c) differs from \(sweep.sweepDigest) (a)
            """)
        #expect(message([first, newer]) == "the shards do not belong to one sweep:\n  jtx version 9.9 (d) differs from test (a)")
        #expect(message([first]) == "cannot merge:\n  missing shard 2/2")
        #expect(message([first, first]) == "cannot merge:\n  shard 1/2 is given twice: a and a\n  missing shard 2/2")
        try FileManager.default.removeItem(at: second.recordURL(point: 3))
        #expect(message([first, second]) == """
            cannot merge:
              shard 2/2 (b) is missing point 3 (finish it with jtx sweep FILE --shard 2/2 --out b --resume)
            """)
        #expect(!FileManager.default.fileExists(atPath: out.documentURL.path))
    }

    @Test("a used folder needs --resume and the same sweep; resuming recomputes only missing points")
    func resume() throws {
        let folder = try SweepSupport.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (runner, sweep) = try Self.prepare(folder)
        let (_, otherSweep) = try Self.prepare(folder, seed: 4)
        let target = SweepFolder(url: folder.appendingPathComponent("run"))
        try SweepPipeline.execute(runner, sweep: sweep, folder: target, shard: .whole, resume: false, jtxVersion: "test")
        let complete = try Self.files(target.url)
        #expect(throws: OutputFolderError.self) {
            try SweepPipeline.execute(runner, sweep: sweep, folder: target, shard: .whole, resume: false, jtxVersion: "test")
        }
        do {
            try SweepPipeline.execute(runner, sweep: otherSweep, folder: target, shard: .whole, resume: true, jtxVersion: "test")
            Issue.record("a foreign folder was resumed")
        } catch let error as OutputFolderError {
            #expect(error.kind == .data)
            #expect(error.message.hasPrefix("cannot resume in \(target.url.path): sweep digest \(otherSweep.sweepDigest) (this run) differs"))
        }
        // An interrupted point: rows without a record, and a temporary file of a killed writer.
        try FileManager.default.removeItem(at: target.recordURL(point: 1))
        try FileManager.default.removeItem(at: target.documentURL)
        let stale = target.pointsFolder.appendingPathComponent(".point-00002.csv.12345.tmp")
        try Data("point,half".utf8).write(to: stale)
        let resumed = try SweepPipeline.execute(runner, sweep: sweep, folder: target, shard: .whole, resume: true, jtxVersion: "test")
        #expect(resumed.pointsRun == 1)
        #expect(!FileManager.default.fileExists(atPath: stale.path))
        #expect(try Self.files(target.url) == complete)
    }
}
