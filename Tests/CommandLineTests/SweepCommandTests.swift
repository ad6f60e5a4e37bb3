import Foundation
import Testing

/// `jtx sweep` and `jtx merge` through the built binary: results identical whatever the number
/// of jobs and however the points were sharded; folders that do not belong together refused
/// with exit 65; invalid sweep files reported with positions and exit 65.
@Suite struct SweepCommandTests {
    @Test func resultsAreIdenticalForOneTwoAndFourJobs() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 6, replications: 20)
        var outputs: [[Data]] = []
        for jobs in [1, 2, 4] {
            let out = folder.appendingPathComponent("jobs-\(jobs)")
            let result = try BuiltProducts.run(SweepFixtures.jtx, ["sweep", sweep, "--jobs", String(jobs), "--out", out.path])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stderr.isEmpty, "no progress display off a terminal")
            #expect(result.stdout.hasPrefix("cli sweep: 6 points (latin-hypercube) × 20 replications, seed 5\n"))
            #expect(result.stdout.contains("objective.funds-frozen.probability_met"))
            #expect(result.stdout.hasSuffix("Results: \(out.path)/ (points.csv, replications.csv, sweep.json)\n"))
            outputs.append(try SweepFixtures.results(out))
        }
        #expect(outputs[0] == outputs[1] && outputs[1] == outputs[2])
        let rows = String(decoding: outputs[0][1], as: UTF8.self).split(separator: "\n")
        #expect(rows.count == 1 + 6 * 20)
        #expect(rows[0].hasPrefix("point,agencies.BOR-FIU.staff,channels.egmont.handling,agencies.ARC-PROS.work,replication,end_hours,"))
        let points = String(decoding: outputs[0][0], as: UTF8.self).split(separator: "\n")
        #expect(points.count == 7)
        #expect(points[0].hasPrefix("point,agencies.BOR-FIU.staff,channels.egmont.handling,agencies.ARC-PROS.work,objective.case-opened.elapsed_mean_hours,"))
        let document = try #require(JSONSerialization.jsonObject(with: outputs[0][2]) as? [String: Any])
        #expect(document["format"] as? String == "jtx-sweep")
        let effects = try #require(document["main_effects"] as? [[String: Any]])
        #expect(effects.map { $0["metric"] as? String } == ["objective.funds-frozen.probability_met", "objective.funds-frozen.elapsed_mean_hours",
                                                            "threat.probability_disrupted"])
    }

    @Test func threeShardsMergedEqualOneRunAndForeignShardsAreRefused() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 5, replications: 10)
        let whole = folder.appendingPathComponent("whole")
        let single = try BuiltProducts.run(SweepFixtures.jtx, ["sweep", sweep, "--shard", "1/1", "--out", whole.path])
        #expect(single.status == 0, "\(single.stderr)")
        var shards: [String] = []
        for index in 1...3 {
            let out = folder.appendingPathComponent("shard-\(index)").path
            let result = try BuiltProducts.run(SweepFixtures.jtx, ["sweep", sweep, "--shard", "\(index)/3", "--out", out, "--jobs", "2"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.hasPrefix("Shard \(index)/3: \([2, 2, 1][index - 1]) of 5 points in \(out)/"))
            #expect(!FileManager.default.fileExists(atPath: out + "/sweep.json"))
            shards.append(out)
        }
        let merged = folder.appendingPathComponent("merged")
        let merge = try BuiltProducts.run(SweepFixtures.jtx, ["merge"] + shards + ["--out", merged.path])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try SweepFixtures.results(merged) == SweepFixtures.results(whole))

        let missing = try BuiltProducts.run(SweepFixtures.jtx, ["merge", shards[0], shards[2], "--out", folder.appendingPathComponent("m2").path])
        #expect(missing.status == 65)
        #expect(missing.stderr == "error: cannot merge:\n  missing shard 2/3\n")
        // A shard of another sweep (the same file with another seed).
        try String(contentsOfFile: sweep, encoding: .utf8).replacingOccurrences(of: "seed: 5", with: "seed: 6")
            .write(toFile: sweep, atomically: true, encoding: .utf8)
        let other = folder.appendingPathComponent("other-2").path
        #expect(try BuiltProducts.run(SweepFixtures.jtx, ["sweep", sweep, "--shard", "2/3", "--out", other]).status == 0)
        let foreign = try BuiltProducts.run(SweepFixtures.jtx, ["merge", shards[0], other, shards[2], "--out", folder.appendingPathComponent("m3").path])
        #expect(foreign.status == 65)
        #expect(foreign.stderr.hasPrefix("error: the shards do not belong to one sweep:\n  sweep digest "))
        #expect(foreign.stderr.contains("(\(other)) differs from "))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("m3/sweep.json").path))
    }

    @Test func aUsedFolderNeedsResume() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 2, replications: 3)
        let out = folder.appendingPathComponent("out").path
        #expect(try BuiltProducts.run(SweepFixtures.jtx, ["sweep", sweep, "--out", out]).status == 0)
        let again = try BuiltProducts.run(SweepFixtures.jtx, ["sweep", sweep, "--out", out])
        #expect(again.status == 64)
        #expect(again.stderr == "error: the output folder \(out) is not empty; add --resume to continue an interrupted sweep there, --force to replace it, or choose another --out\n")
        let resumed = try BuiltProducts.run(SweepFixtures.jtx, ["sweep", sweep, "--out", out, "--resume"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let badShard = try BuiltProducts.run(SweepFixtures.jtx, ["sweep", sweep, "--shard", "4/3"])
        #expect(badShard.status == 64)
        #expect(badShard.stderr.contains("--shard must be K/N with 1 ≤ K ≤ N, e.g. 2/8"))
    }

    @Test func invalidSweepFilesAreReportedWithPositions() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenario = BuiltProducts.packageRoot.appendingPathComponent("scenarios/quickstart.yaml").path
        let text = """
            sweep:
              name: broken
              scenario: \(scenario)
            design: {kind: lhs, points: 8}
            factors:
              - path: agencies.BOR-FUI.staff
                range: [1, 3]
              - path: agencies.ARC-CT.staff
                levels: [1, two]
              - path: channels.egmont.latency
                range: [2, 0.5]

            """
        let path = folder.appendingPathComponent("broken.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let result = try BuiltProducts.run(SweepFixtures.jtx, ["sweep", path, "--out", folder.appendingPathComponent("out").path])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == """
            \(path):4:16: error: unknown design kind 'lhs'
            design: {kind: lhs, points: 8}
                           ^
            hint: design kinds are full-factorial, latin-hypercube, sobol
            \(path):6:20: error: unknown agency 'BOR-FUI'
              - path: agencies.BOR-FUI.staff
                               ^
            hint: did you mean 'BOR-FIU'?
            \(path):9:17: error: 'levels': expected an integer, found a string
                levels: [1, two]
                            ^
            \(path):11:12: error: 'range': the lower bound must be less than the upper bound, found [2, 0.5]
                range: [2, 0.5]
                       ^
            hint: write the range as [lower, upper]; for a single value use levels: [2]

            """)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
    }
}
