internal import Foundation

/// What `jtx slurm submit` runs: a checked sweep file split into `tasks` shards, the jtx binary
/// that runs them and the Slurm resources of each task.
public struct SlurmPlan: Sendable {
    /// Absolute path of the jtx binary; every script asserts that it still prints `jtxBuild`.
    public var jtx: String
    /// The version result files record (`manifest.json`, `sweep.json`).
    public var jtxVersion: String
    /// What `jtx --version` prints: the version, and the build's revision where it has one.
    public var jtxBuild: String
    /// Absolute path of the sweep file.
    public var sweepFile: String
    public var sweepName: String
    public var sweepDigest: String
    /// Design points of the whole sweep.
    public var points: Int
    /// Array tasks, one shard each.
    public var tasks: Int
    /// CPUs per task, also each task's `--jobs`.
    public var cpusPerTask: Int
    public var partition: String?
    /// Slurm's time limit of each task (`minutes`, `HH:MM:SS`, `D-HH:MM`, …).
    public var time: String?
    /// The submission folder (absolute).
    public var folder: SlurmFolder

    public init(jtx: String, jtxVersion: String, jtxBuild: String, sweepFile: String, sweepName: String, sweepDigest: String, points: Int,
                tasks: Int, cpusPerTask: Int, partition: String?, time: String?, folder: SlurmFolder) {
        self.jtx = jtx
        self.jtxVersion = jtxVersion
        self.jtxBuild = jtxBuild
        self.sweepFile = sweepFile
        self.sweepName = sweepName
        self.sweepDigest = sweepDigest
        self.points = points
        self.tasks = tasks
        self.cpusPerTask = cpusPerTask
        self.partition = partition
        self.time = time
        self.folder = folder
    }

    /// The plan of an earlier submission, from its `jobs.json`.
    public init(jobs: SlurmJobs, folder: SlurmFolder) {
        self.init(jtx: jobs.jtx, jtxVersion: jobs.jtxVersion, jtxBuild: jobs.jtxBuild, sweepFile: jobs.sweepFile, sweepName: jobs.sweepName,
                  sweepDigest: jobs.sweepDigest, points: jobs.points, tasks: jobs.tasks, cpusPerTask: jobs.cpusPerTask,
                  partition: jobs.partition, time: jobs.time, folder: folder)
    }

    /// Problems with the plan, in words (empty when it can be submitted): values Slurm would
    /// reject, and paths that an `#SBATCH` line cannot carry (it has no quoting).
    public func problems() -> [String] {
        var result: [String] = []
        if tasks < 1 { result.append("--tasks must be at least 1") }
        if tasks > points {
            result.append("--tasks \(tasks) is more than the sweep's \(points) design points: each task runs at least one point")
        }
        if cpusPerTask < 1 { result.append("--cpus-per-task must be at least 1") }
        if let partition, !Self.matches(partition, allowed: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,-") {
            result.append("--partition '\(partition)' is not a partition name (letters, digits, '_', '.', '-', ',' between names)")
        }
        if let time, !(Self.matches(time, allowed: "0123456789:-") || ["UNLIMITED", "INFINITE"].contains(time.uppercased())) {
            result.append("--time '\(time)' is not a Slurm time limit: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS")
        }
        if !Self.matches(folder.url.path, allowed: nil) {
            result.append("the output folder's path \(folder.url.path) has a space, quote, '%', '\\' or control character, which an #SBATCH line cannot carry: choose another --out")
        }
        return result
    }

    static func matches(_ text: String, allowed: String?) -> Bool {
        guard !text.isEmpty else { return false }
        if let allowed { return text.allSatisfy { allowed.contains($0) } }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar.value > 0x20 && scalar.value != 0x7F && !"%'\"\\`$".unicodeScalars.contains(scalar)
        }
    }

    /// Shard list in Slurm's `--array` syntax: runs of consecutive numbers as ranges
    /// (`[1, 2, 3, 5]` → `1-3,5`).
    public static func arraySpecification(_ shards: [Int]) -> String {
        var parts: [String] = []
        var index = 0
        let sorted = shards.sorted()
        while index < sorted.count {
            var end = index
            while end + 1 < sorted.count && sorted[end + 1] == sorted[end] + 1 { end += 1 }
            parts.append(end == index ? String(sorted[index]) : "\(sorted[index])-\(sorted[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }

    /// The job name: `jtx-<slug of the sweep name>` (at most 40 characters of slug).
    public var jobName: String { "jtx-" + String(SweepFolder.slug(sweepName).prefix(40)) }
}

/// The two batch scripts of a submission. Both are bash, name the binary by its absolute path
/// and refuse to run when it no longer reports the recorded version (exit 65), so that every
/// shard and the merge come from one jtx.
public enum SlurmScripts {
    /// The job array: task K (`SLURM_ARRAY_TASK_ID`, 1…N) runs shard K/N into `shards/K` with
    /// `--resume`, so a task that is rerun continues its shard and produces the same files.
    public static func array(_ plan: SlurmPlan) -> String {
        let folder = plan.folder
        var lines = ["#!/bin/bash"]
        lines += directives(plan, name: plan.jobName, cpus: plan.cpusPerTask,
                            output: folder.logsFolder.path + "/%A_%a.out")
        lines.insert("#SBATCH --array=1-\(plan.tasks)", at: 2)
        lines += [
            "# Written by jtx slurm submit, jtx \(plan.jtxBuild): task K of this array runs shard K/\(plan.tasks) of the",
            "# sweep \(comment(plan.sweepName)) (\(plan.points) design points) into shards/K/.",
            note,
        ]
        lines += header(plan)
        lines += [
            "TASK=${SLURM_ARRAY_TASK_ID:?run this script with sbatch, as a job array}",
            "finish() {",
            "  printf '%s %s\\n' \"${SLURM_ARRAY_JOB_ID:-none}\" \"$1\" >\"$OUT/slurm/tasks/.$TASK.exit.tmp\" &&",
            "    mv -f \"$OUT/slurm/tasks/.$TASK.exit.tmp\" \"$OUT/slurm/tasks/$TASK.exit\"",
            "  exit \"$1\"",
            "}",
            "mkdir -p \"$OUT/slurm/tasks\"",
            "rm -f \"$OUT/slurm/tasks/$TASK.exit\"",
            "check_version || finish 65",
            "\"$JTX\" sweep \"$SWEEP\" --shard \"$TASK/\(plan.tasks)\" --jobs \(plan.cpusPerTask) --out \"$OUT/shards/$TASK\" --resume --quiet",
            "finish $?",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// The merge job: checks that every shard was written by the recorded version, then runs
    /// `jtx merge` of shards 1…N into `merged/` (which itself refuses shards of other sweeps,
    /// versions or shard counts, and incomplete shards).
    public static func merge(_ plan: SlurmPlan) -> String {
        let folder = plan.folder
        var lines = ["#!/bin/bash"]
        lines += directives(plan, name: "jtx-merge-" + String(SweepFolder.slug(plan.sweepName).prefix(40)), cpus: 1,
                            output: folder.logsFolder.path + "/merge-%j.out")
        lines += [
            "# Written by jtx slurm submit, jtx \(plan.jtxBuild): merges the \(plan.tasks) shards of the sweep",
            "# \(comment(plan.sweepName)) into merged/.",
            note,
        ]
        lines += header(plan)
        lines += [
            "finish() {",
            "  printf '%s %s\\n' \"${SLURM_JOB_ID:-none}\" \"$1\" >\"$OUT/slurm/tasks/.merge.exit.tmp\" &&",
            "    mv -f \"$OUT/slurm/tasks/.merge.exit.tmp\" \"$OUT/slurm/tasks/merge.exit\"",
            "  exit \"$1\"",
            "}",
            "mkdir -p \"$OUT/slurm/tasks\"",
            "rm -f \"$OUT/slurm/tasks/merge.exit\"",
            "check_version || finish 65",
            "for ((k = 1; k <= \(plan.tasks); k++)); do",
            "  manifest=\"$OUT/shards/$k/manifest.json\"",
            "  if [ -f \"$manifest\" ] && ! grep -Eq \(quote(versionPattern(plan.jtxVersion))) \"$manifest\"; then",
            "    echo \"jtx slurm: error: $manifest was not written by jtx \(plan.jtxVersion): shards of another version are not merged\" >&2",
            "    finish 65",
            "  fi",
            "done",
            "\"$JTX\" merge \"$OUT/shards/\"{1..\(plan.tasks)} --out \"$OUT/merged\"",
            "finish $?",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// An extended regular expression for the manifest line `"jtx_version" : "<version>"`.
    static func versionPattern(_ version: String) -> String {
        let literal = version.map { $0.isLetter || $0.isNumber ? String($0) : "[\($0)]" }.joined()
        return "\"jtx_version\" *: *\"" + literal + "\""
    }

    static let note = "# Submitted by jtx slurm submit and jtx slurm resubmit, which record the job ids in slurm/jobs.json."

    static func directives(_ plan: SlurmPlan, name: String, cpus: Int, output: String) -> [String] {
        var lines = [
            "#SBATCH --job-name=\(name)",
            "#SBATCH --cpus-per-task=\(cpus)",
            "#SBATCH --output=\(output)",
        ]
        if let partition = plan.partition { lines.append("#SBATCH --partition=\(partition)") }
        if let time = plan.time { lines.append("#SBATCH --time=\(time)") }
        return lines
    }

    /// The variables and the version check shared by both scripts.
    static func header(_ plan: SlurmPlan) -> [String] {
        [
            "set -u",
            "JTX=\(quote(plan.jtx))",
            "JTX_VERSION=\(quote(plan.jtxBuild))",
            "SWEEP=\(quote(plan.sweepFile))",
            "OUT=\(quote(plan.folder.url.path))",
            "check_version() {",
            "  local found",
            "  found=$(\"$JTX\" --version 2>&1) || found=\"unusable ($found)\"",
            "  if [ \"$found\" != \"$JTX_VERSION\" ]; then",
            "    echo \"jtx slurm: error: $JTX is jtx $found, but this sweep was submitted with jtx $JTX_VERSION;\" \\",
            "      \"shards of different versions do not merge: submit the sweep again into a new folder\" >&2",
            "    return 1",
            "  fi",
            "}",
        ]
    }

    /// Single-quotes `text` for bash.
    public static func quote(_ text: String) -> String {
        if !text.isEmpty && text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+:@,=".contains($0)) }) { return text }
        return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `text` on one comment line.
    static func comment(_ text: String) -> String {
        "\"" + text.map { $0.isNewline ? " " : String($0) }.joined() + "\""
    }
}
