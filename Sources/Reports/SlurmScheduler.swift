public import Foundation

/// A job or array task as Slurm reports it: `job` is the (array) job id, `task` the array task
/// id (nil for a job that is not an array), `state` Slurm's state name (`PENDING`, `RUNNING`,
/// `COMPLETED`, `CANCELLED`, `FAILED`, `TIMEOUT`, …).
public struct SlurmJobState: Sendable, Equatable {
    public var job: String
    public var task: Int?
    public var state: String
    /// Why a pending job waits (`Dependency`, `Resources`, …), or the exit code of a finished one.
    public var detail: String

    public init(job: String, task: Int?, state: String, detail: String = "") {
        self.job = job
        self.task = task
        self.state = state
        self.detail = detail
    }

    /// `J_K` for an array task, `J` otherwise.
    public var id: String { task.map { "\(job)_\($0)" } ?? job }
}

/// Slurm's commands as jtx uses them: `sbatch` to submit, `squeue` for jobs that wait or run,
/// `scancel`, and for jobs that have ended `sacct` or, without accounting, the job completion
/// file (`JobCompType=jobcomp/filetxt`, found through `scontrol show config`).
public protocol SlurmScheduler {
    /// Submits `script` with extra `sbatch` options; returns the job id.
    func submit(script: URL, options: [String]) throws(OutputFolderError) -> String
    /// Jobs and array tasks of `jobs` still known to the queue, one entry per task; nil when
    /// the queue cannot be read (`squeue` missing, or failing for another reason than a job
    /// id the controller has forgotten).
    func queue(jobs: [String]) -> [SlurmJobState]?
    /// The final states of the ended tasks of `jobs` that Slurm still records (may be empty).
    func finished(jobs: [String]) -> [SlurmJobState]
    func cancel(job: String) throws(OutputFolderError)
}

/// Runs Slurm's client commands found on PATH (`SLURM_CONF` and the rest of the environment are
/// passed on).
public struct SlurmCommands: SlurmScheduler {
    public init() {}

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `command` (looked up on PATH); nil when it cannot be started.
    func run(_ command: String, _ arguments: [String]) -> Output? {
        guard let executable = Self.find(command) else { return nil }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    static func find(_ command: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(command)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// What `binary --version` prints (trimmed), or nil when it cannot be run or fails.
    public static func version(of binary: String) -> String? {
        guard FileManager.default.isExecutableFile(atPath: binary) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["--version"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public func submit(script: URL, options: [String]) throws(OutputFolderError) -> String {
        let arguments = ["--parsable"] + options + [script.path]
        guard let output = run("sbatch", arguments) else {
            throw OutputFolderError(.usage, "sbatch is not on PATH: submit from a machine with Slurm's client commands, or use --dry-run")
        }
        let id = output.stdout.split(separator: "\n").first.map { String($0.split(separator: ";").first ?? "") } ?? ""
        guard output.status == 0, !id.isEmpty, id.allSatisfy(\.isNumber) else {
            let message = output.stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            throw OutputFolderError(.io, "sbatch \(arguments.joined(separator: " ")) failed (exit \(output.status)): \(message)")
        }
        return id
    }

    public func queue(jobs: [String]) -> [SlurmJobState]? {
        guard !jobs.isEmpty else { return Self.find("squeue") == nil ? nil : [] }
        // One job at a time: squeue rejects a whole list when one id has left the controller.
        var result: [SlurmJobState] = []
        for job in jobs {
            guard let output = run("squeue", ["-h", "-r", "-j", job, "-o", "%i|%T|%r"]) else { return nil }
            if output.status != 0 {
                // A job that has left the controller is no longer queued; any other failure
                // (no controller) means the queue is unknown.
                if output.stderr.contains("Invalid job id") { continue }
                return nil
            }
            result += Self.parseQueue(output.stdout)
        }
        return result
    }

    /// Lines `ID|STATE|REASON` (`squeue -r -o %i|%T|%r`): ID is `J_K` for array task K of job J
    /// (Slurm 22.05 prints `(null)` for `%a` of a pending task, so the id is split here), `J`
    /// for a job that is not an array.
    public static func parseQueue(_ text: String) -> [SlurmJobState] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 2 else { return nil }
            let id = fields[0].trimmingCharacters(in: .whitespaces).split(separator: "_", maxSplits: 1)
            guard let job = id.first, !job.isEmpty, job.allSatisfy(\.isNumber) else { return nil }
            let task = id.count == 2 ? Int(id[1]) : nil
            if id.count == 2 && task == nil { return nil }  // `12_[3-5]`: not expanded
            let reason = fields.count > 2 && fields[2] != "None" ? fields[2] : ""
            return SlurmJobState(job: String(job), task: task, state: fields[1], detail: reason)
        }
    }

    public func finished(jobs: [String]) -> [SlurmJobState] {
        guard !jobs.isEmpty else { return [] }
        if let output = run("sacct", ["-n", "-P", "-X", "-j", jobs.joined(separator: ","), "-o", "JobID,State,ExitCode"]),
           output.status == 0 {
            return Self.parseAccounting(output.stdout)
        }
        guard let output = run("scontrol", ["show", "config"]), output.status == 0 else { return [] }
        let config = Self.parseConfig(output.stdout)
        guard config["JobCompType"] == "jobcomp/filetxt", let location = config["JobCompLoc"],
              let data = FileManager.default.contents(atPath: location) else { return [] }
        let wanted = Set(jobs)
        return Self.parseCompletions(String(decoding: data, as: UTF8.self)).filter { wanted.contains($0.job) }
    }

    /// `sacct -P -o JobID,State,ExitCode` lines: `12_3|CANCELLED by 0|0:15`.
    public static func parseAccounting(_ text: String) -> [SlurmJobState] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { return nil }
            let id = fields[0].split(separator: "_", maxSplits: 1)
            guard let job = id.first, job.allSatisfy(\.isNumber) else { return nil }
            let task = id.count == 2 ? Int(id[1]) : nil
            if id.count == 2 && task == nil { return nil }  // `12_[3-5]`: tasks that never started
            let state = fields[1].split(separator: " ").first.map(String.init) ?? fields[1]
            return SlurmJobState(job: String(job), task: task, state: state, detail: "exit " + fields[2])
        }
    }

    /// `KEY = VALUE` lines of `scontrol show config`.
    public static func parseConfig(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            result[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    /// Lines of a `jobcomp/filetxt` file (`JobId=14 … JobState=CANCELLED … ArrayJobId=12
    /// ArrayTaskId=3 … ExitCode=0:15`), later lines of the same task replacing earlier ones.
    public static func parseCompletions(_ text: String) -> [SlurmJobState] {
        var result: [String: SlurmJobState] = [:]
        var order: [String] = []
        for line in text.split(whereSeparator: \.isNewline) {
            var fields: [String: String] = [:]
            for word in line.split(separator: " ") {
                guard let equals = word.firstIndex(of: "=") else { continue }
                fields[String(word[..<equals])] = String(word[word.index(after: equals)...])
            }
            guard let jobID = fields["JobId"], let state = fields["JobState"] else { continue }
            var entry = SlurmJobState(job: jobID, task: nil, state: state, detail: "exit " + (fields["ExitCode"] ?? "?"))
            if let array = fields["ArrayJobId"], array != "0", !array.isEmpty, let task = fields["ArrayTaskId"].flatMap({ Int($0) }) {
                entry.job = array
                entry.task = task
            }
            if result[entry.id] == nil { order.append(entry.id) }
            result[entry.id] = entry
        }
        return order.compactMap { result[$0] }
    }

    public func cancel(job: String) throws(OutputFolderError) {
        guard let output = run("scancel", [job]) else { throw OutputFolderError(.usage, "scancel is not on PATH") }
        guard output.status == 0 else {
            throw OutputFolderError(.io, "scancel \(job) failed: " + output.stderr.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
