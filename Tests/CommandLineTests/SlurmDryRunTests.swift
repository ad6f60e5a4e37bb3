import Foundation
import Testing

/// `jtx slurm submit --dry-run` through the built binary: the #SBATCH directives and commands of
/// both scripts, the checks made before anything is submitted, and the scripts themselves run
/// by bash the way Slurm runs them (task by task, then the merge), without a Slurm.
@Suite struct SlurmDryRunTests {
    static var jtx: URL { SweepFixtures.jtx }

    /// The path the scripts name: the binary's real path (jtx reads /proc/self/exe).
    static var jtxPath: String { jtx.resolvingSymlinksInPath().path }

    static func version() throws -> String {
        try BuiltProducts.run(jtx, ["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func directivesAndCommandsOfBothScripts() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 8, replications: 2)
        let out = folder.appendingPathComponent("gh").path
        let result = try BuiltProducts.run(Self.jtx, ["slurm", "submit", sweep, "--out", out, "--tasks", "4", "--partition", "short",
                                                      "--time", "0-01:30:00", "--cpus-per-task", "2", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        let array = try String(contentsOfFile: out + "/slurm/array.sbatch", encoding: .utf8)
        let merge = try String(contentsOfFile: out + "/slurm/merge.sbatch", encoding: .utf8)
        #expect(result.stdout == "# \(out)/slurm/array.sbatch\n\(array)\n# \(out)/slurm/merge.sbatch\n\(merge)\n"
                + "# Not submitted (--dry-run). Without --dry-run, jtx slurm submit runs:\n"
                + "#   sbatch --parsable \(out)/slurm/array.sbatch\n"
                + "#   sbatch --parsable --dependency=afterok:<array job id> \(out)/slurm/merge.sbatch\n")

        let arrayLines = array.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(arrayLines.first == "#!/bin/bash")
        #expect(arrayLines.filter { $0.hasPrefix("#SBATCH") } == [
            "#SBATCH --job-name=jtx-cli-sweep",
            "#SBATCH --array=1-4",
            "#SBATCH --cpus-per-task=2",
            "#SBATCH --output=\(out)/slurm/logs/%A_%a.out",
            "#SBATCH --partition=short",
            "#SBATCH --time=0-01:30:00",
        ])
        let version = try Self.version()
        let quotedVersion = version.contains(" ") ? "'\(version)'" : version
        #expect(arrayLines.contains("JTX=\(Self.jtxPath)"))
        #expect(arrayLines.contains("JTX_VERSION=\(quotedVersion)"))
        #expect(arrayLines.contains("SWEEP=\(sweep)"))
        #expect(arrayLines.contains("OUT=\(out)"))
        #expect(arrayLines.contains("  found=$(\"$JTX\" --version 2>&1) || found=\"unusable ($found)\""))
        #expect(arrayLines.contains("  if [ \"$found\" != \"$JTX_VERSION\" ]; then"))
        #expect(arrayLines.contains("check_version || finish 65"))
        #expect(arrayLines.contains(
            "\"$JTX\" sweep \"$SWEEP\" --shard \"$TASK/4\" --jobs 2 --out \"$OUT/shards/$TASK\" --resume --quiet"))

        let mergeLines = merge.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(mergeLines.filter { $0.hasPrefix("#SBATCH") } == [
            "#SBATCH --job-name=jtx-merge-cli-sweep",
            "#SBATCH --cpus-per-task=1",
            "#SBATCH --output=\(out)/slurm/logs/merge-%j.out",
            "#SBATCH --partition=short",
            "#SBATCH --time=0-01:30:00",
        ])
        #expect(mergeLines.contains("JTX=\(Self.jtxPath)"))
        #expect(mergeLines.contains("check_version || finish 65"))
        #expect(mergeLines.contains { $0.hasPrefix("  if [ -f \"$manifest\" ] && ! grep -Eq '\"jtx_version\" *: *\"") && $0.hasSuffix("\"' \"$manifest\"; then") })
        #expect(mergeLines.contains("\"$JTX\" merge \"$OUT/shards/\"{1..4} --out \"$OUT/merged\""))
        for script in [array, merge] {
            #expect(!script.contains("--mem"), "no --mem: a node without cgroups reports almost no memory")
            #expect(!script.contains("--dependency"), "the merge job's dependency is given to sbatch, which knows the array's id")
        }
        let permissions = try FileManager.default.attributesOfItem(atPath: out + "/slurm/array.sbatch")[.posixPermissions] as? Int
        #expect(permissions == 0o755)
        #expect(FileManager.default.fileExists(atPath: out + "/slurm/logs"), "Slurm does not create the folder of --output")
        #expect(!FileManager.default.fileExists(atPath: out + "/slurm/jobs.json"), "a dry run records no submission")

        let status = try BuiltProducts.run(Self.jtx, ["slurm", "status", out])
        #expect(status.status == 64)
        #expect(status.stderr == "error: \(out) has no slurm/jobs.json: it is not a folder of jtx slurm submit (or it was only a --dry-run)\n")
    }

    @Test func defaultsLeaveOutPartitionAndTime() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 3, replications: 2)
        let out = folder.appendingPathComponent("s").path
        let result = try BuiltProducts.run(Self.jtx, ["slurm", "submit", sweep, "--out", out, "--tasks", "3", "--dry-run"])
        #expect(result.status == 0, "\(result.stderr)")
        let array = try String(contentsOfFile: out + "/slurm/array.sbatch", encoding: .utf8)
        #expect(array.split(separator: "\n").filter { $0.hasPrefix("#SBATCH") } == [
            "#SBATCH --job-name=jtx-cli-sweep", "#SBATCH --array=1-3", "#SBATCH --cpus-per-task=1", "#SBATCH --output=\(out)/slurm/logs/%A_%a.out",
        ])
        #expect(array.contains("--shard \"$TASK/3\" --jobs 1 --out \"$OUT/shards/$TASK\" --resume --quiet\n"))
    }

    @Test func refusalsBeforeAnythingIsWritten() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 3, replications: 2)
        let out = folder.appendingPathComponent("s").path
        func submit(_ extra: [String]) throws -> BuiltProducts.Result {
            try BuiltProducts.run(Self.jtx, ["slurm", "submit", sweep, "--out", out, "--dry-run"] + extra)
        }
        let tooMany = try submit(["--tasks", "4"])
        #expect(tooMany.status == 64)
        #expect(tooMany.stderr == "error: --tasks 4 is more than the sweep's 3 design points: each task runs at least one point\n")
        let time = try submit(["--tasks", "2", "--time", "1h"])
        #expect(time.status == 64)
        #expect(time.stderr == "error: --time '1h' is not a Slurm time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS\n")
        let partition = try submit(["--tasks", "2", "--partition", "a b"])
        #expect(partition.status == 64)
        #expect(partition.stderr.hasPrefix("error: --partition 'a b' is not a partition name"))
        let zero = try submit(["--tasks", "0"])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--tasks must be at least 1"))
        let spaced = try BuiltProducts.run(Self.jtx, ["slurm", "submit", sweep, "--out", folder.appendingPathComponent("a b").path,
                                                      "--tasks", "2", "--dry-run"])
        #expect(spaced.status == 64)
        #expect(spaced.stderr.contains("which an #SBATCH line cannot carry: choose another --out"))
        #expect(!FileManager.default.fileExists(atPath: out))

        let invalid = folder.appendingPathComponent("invalid.yaml").path
        try String(contentsOfFile: sweep, encoding: .utf8).replacingOccurrences(of: "BOR-FIU", with: "BOR-FUI")
            .write(toFile: invalid, atomically: true, encoding: .utf8)
        let bad = try BuiltProducts.run(Self.jtx, ["slurm", "submit", invalid, "--out", out, "--tasks", "2", "--dry-run"])
        #expect(bad.status == 65)
        #expect(bad.stderr.contains("error: unknown agency 'BOR-FUI'"))

        // A folder already submitted is refused.
        try FileManager.default.createDirectory(atPath: out + "/slurm", withIntermediateDirectories: true)
        try "{}".write(toFile: out + "/slurm/jobs.json", atomically: true, encoding: .utf8)
        let again = try submit(["--tasks", "2"])
        #expect(again.status == 64)
        #expect(again.stderr.hasPrefix("error: \(out) was already submitted"))
    }

    /// The scripts run by bash with the variables Slurm sets: every task writes its shard and
    /// exit record, the merge gives the files of a local run; a binary of another version is
    /// refused by both scripts.
    @Test func scriptsRunTaskByTaskGiveTheLocalResult() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = try SweepFixtures.quickstartSweep(in: folder, points: 5, replications: 3)
        let out = folder.appendingPathComponent("s").path
        let submit = try BuiltProducts.run(Self.jtx, ["slurm", "submit", sweep, "--out", out, "--tasks", "3", "--dry-run"])
        #expect(submit.status == 0, "\(submit.stderr)")
        let local = folder.appendingPathComponent("local")
        #expect(try BuiltProducts.run(Self.jtx, ["sweep", sweep, "--out", local.path]).status == 0)
        let bash = URL(fileURLWithPath: "/bin/bash")
        for task in 1...3 {
            let run = try BuiltProducts.run(bash, [out + "/slurm/array.sbatch"],
                                            environment: ["SLURM_ARRAY_TASK_ID": String(task), "SLURM_ARRAY_JOB_ID": "41"])
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try String(contentsOfFile: out + "/slurm/tasks/\(task).exit", encoding: .utf8) == "41 0\n")
        }
        // Rerunning a finished task leaves its shard as it was (--resume).
        let rerun = try BuiltProducts.run(bash, [out + "/slurm/array.sbatch"], environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_JOB_ID": "42"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.stdout.contains("(0 computed now)"))
        let merge = try BuiltProducts.run(bash, [out + "/slurm/merge.sbatch"], environment: ["SLURM_JOB_ID": "43"])
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(try SweepFixtures.results(URL(fileURLWithPath: out + "/merged")) == SweepFixtures.results(local))
        #expect(try String(contentsOfFile: out + "/slurm/tasks/merge.exit", encoding: .utf8) == "43 0\n")

        // A shard written by another version is not merged.
        let manifestPath = out + "/shards/2/manifest.json"
        let manifest = try String(contentsOfFile: manifestPath, encoding: .utf8)
        let object = try #require(JSONSerialization.jsonObject(with: Data(manifest.utf8)) as? [String: Any])
        let resultsVersion = try #require(object["jtx_version"] as? String)
        try manifest.replacingOccurrences(of: "\"jtx_version\" : \"\(resultsVersion)\"", with: "\"jtx_version\" : \"0.0.1\"")
            .write(toFile: manifestPath, atomically: true, encoding: .utf8)
        let foreign = try BuiltProducts.run(bash, [out + "/slurm/merge.sbatch"], environment: ["SLURM_JOB_ID": "45"])
        #expect(foreign.status == 65)
        #expect(foreign.stderr == "jtx slurm: error: \(manifestPath) was not written by jtx \(resultsVersion): shards of another version are not merged\n")
        #expect(try String(contentsOfFile: out + "/slurm/tasks/merge.exit", encoding: .utf8) == "45 65\n")

        // Another jtx at the recorded path: both scripts stop with 65 before running it.
        let script = try String(contentsOfFile: out + "/slurm/array.sbatch", encoding: .utf8)
        let version = try Self.version()
        let quoted = version.contains(" ") ? "'\(version)'" : version
        for name in ["array", "merge"] {
            let path = out + "/slurm/\(name).sbatch"
            try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "JTX_VERSION=\(quoted)\n", with: "JTX_VERSION=0.0.1\n")
                .write(toFile: path, atomically: true, encoding: .utf8)
            let run = try BuiltProducts.run(bash, [path], environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_JOB_ID": "44", "SLURM_JOB_ID": "44"])
            #expect(run.status == 65)
            #expect(run.stderr == "jtx slurm: error: \(Self.jtxPath) is jtx \(version), but this sweep was submitted with jtx 0.0.1; "
                    + "shards of different versions do not merge: submit the sweep again into a new folder\n")
            let record = name == "array" ? "1" : "merge"
            #expect(try String(contentsOfFile: out + "/slurm/tasks/\(record).exit", encoding: .utf8) == "44 65\n")
        }
        #expect(script.contains("JTX_VERSION=\(quoted)\n"))
    }
}
