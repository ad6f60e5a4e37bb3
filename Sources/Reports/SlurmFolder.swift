public import Foundation

/// The layout of a sweep submitted to Slurm (`jtx slurm submit --out DIR`):
///
///     DIR/slurm/array.sbatch       the job array: task K runs shard K/N
///     DIR/slurm/merge.sbatch       the merge job, run after the array
///     DIR/slurm/jobs.json          what was submitted: binary, version, sweep, job ids
///     DIR/slurm/logs/J_K.out       standard output and error of array job J's task K
///     DIR/slurm/logs/merge-J.out   … of merge job J
///     DIR/slurm/tasks/K.exit       "J CODE": how task K of array job J ended, when jtx returned
///     DIR/shards/K/                shard K's sweep folder (manifest.json, points/)
///     DIR/merged/                  points.csv, replications.csv, sweep.json
///
/// Array task ids are the shard numbers 1…N, so `scancel J_3` and `--array=3` mean shard 3.
public struct SlurmFolder: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url.standardizedFileURL }

    public var slurmFolder: URL { url.appendingPathComponent("slurm") }
    public var arrayScriptURL: URL { slurmFolder.appendingPathComponent("array.sbatch") }
    public var mergeScriptURL: URL { slurmFolder.appendingPathComponent("merge.sbatch") }
    public var jobsURL: URL { slurmFolder.appendingPathComponent("jobs.json") }
    public var logsFolder: URL { slurmFolder.appendingPathComponent("logs") }
    public var tasksFolder: URL { slurmFolder.appendingPathComponent("tasks") }
    public var shardsFolder: URL { url.appendingPathComponent("shards") }
    public var mergedFolder: SweepFolder { SweepFolder(url: url.appendingPathComponent("merged")) }

    public func shard(_ index: Int) -> SweepFolder { SweepFolder(url: shardsFolder.appendingPathComponent(String(index))) }
    public func exitURL(task: String) -> URL { tasksFolder.appendingPathComponent(task + ".exit") }
    public func arrayLogURL(job: String, task: Int) -> URL { logsFolder.appendingPathComponent("\(job)_\(task).out") }
    public func mergeLogURL(job: String) -> URL { logsFolder.appendingPathComponent("merge-\(job).out") }

    /// How a task or the merge job ended, from the `J CODE` file its script writes when jtx
    /// returns (a task killed by Slurm — cancelled, out of time — leaves none).
    public func exitRecord(task: String) -> (job: String, code: Int)? {
        guard let text = try? String(contentsOf: exitURL(task: task), encoding: .utf8) else { return nil }
        let words = text.split(whereSeparator: \.isWhitespace)
        guard words.count == 2, let code = Int(words[1]) else { return nil }
        return (String(words[0]), code)
    }

    /// The last non-empty line of a log, for a status note.
    public static func lastLine(of url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let line = String(decoding: data.suffix(4096), as: UTF8.self)
            .split(whereSeparator: \.isNewline).last.map { $0.trimmingCharacters(in: .whitespaces) }
        return line?.isEmpty == false ? line : nil
    }

    public func readJobs() throws(OutputFolderError) -> SlurmJobs {
        guard let data = FileManager.default.contents(atPath: jobsURL.path) else {
            throw OutputFolderError(.usage, "\(url.path) has no slurm/jobs.json: it is not a folder of jtx slurm submit (or it was only a --dry-run)")
        }
        do {
            return try SweepJSON.decode(SlurmJobs.self, from: data, snakeCase: true)
        } catch {
            throw OutputFolderError(.data, "\(jobsURL.path) cannot be read: \(error)")
        }
    }

    public func writeJobs(_ jobs: SlurmJobs) throws(OutputFolderError) {
        do {
            try AtomicFile.write(try SweepJSON.encode(jobs, snakeCase: true), to: jobsURL)
        } catch let error as AtomicFile.WriteError {
            throw OutputFolderError(.io, error.description)
        } catch {
            throw OutputFolderError(.io, "cannot encode \(jobsURL.path): \(error)")
        }
    }
}

/// `slurm/jobs.json`: the sweep as submitted (binary, version, sweep file and digest, array
/// size) and every submission's job ids, appended to by `jtx slurm resubmit`.
public struct SlurmJobs: Codable, Sendable, Equatable {
    public struct Submission: Codable, Sendable, Equatable {
        /// The array job's id; nil for a resubmission of the merge job alone.
        public var arrayJob: String?
        /// The shards (array task ids) of the array job.
        public var shards: [Int]
        public var mergeJob: String
        /// The merge job's `--dependency`, empty for none.
        public var dependency: String
        /// UTC, ISO 8601.
        public var submitted: String

        public init(arrayJob: String?, shards: [Int], mergeJob: String, dependency: String, submitted: String) {
            self.arrayJob = arrayJob
            self.shards = shards
            self.mergeJob = mergeJob
            self.dependency = dependency
            self.submitted = submitted
        }
    }

    /// Always "jtx-slurm-jobs".
    public var format = "jtx-slurm-jobs"
    public var formatVersion = 1
    /// Absolute path of the jtx binary the scripts run.
    public var jtx: String
    /// The version result files record.
    public var jtxVersion: String
    /// What `jtx --version` printed at submission; the scripts refuse a binary that prints otherwise.
    public var jtxBuild: String
    /// Absolute path of the sweep file.
    public var sweepFile: String
    public var sweepName: String
    public var sweepDigest: String
    public var points: Int
    public var tasks: Int
    public var cpusPerTask: Int
    public var partition: String?
    public var time: String?
    public var submissions: [Submission]

    public init(plan: SlurmPlan, submissions: [Submission]) {
        jtx = plan.jtx
        jtxVersion = plan.jtxVersion
        jtxBuild = plan.jtxBuild
        sweepFile = plan.sweepFile
        sweepName = plan.sweepName
        sweepDigest = plan.sweepDigest
        points = plan.points
        tasks = plan.tasks
        cpusPerTask = plan.cpusPerTask
        partition = plan.partition
        time = plan.time
        self.submissions = submissions
    }

    /// The latest submission whose array ran `shard`.
    public func latestSubmission(shard: Int) -> Submission? {
        submissions.last { $0.arrayJob != nil && $0.shards.contains(shard) }
    }

    /// The number of design points of shard `index` (1-based) of `tasks`.
    public func points(shard index: Int) -> Int {
        index - 1 < points ? (points - index + tasks) / tasks : 0
    }

    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
