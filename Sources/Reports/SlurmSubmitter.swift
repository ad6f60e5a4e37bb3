public import Foundation

/// Submits a sweep to Slurm as a job array and a merge job (`jtx slurm submit`), and reruns the
/// shards that are missing or failed (`jtx slurm resubmit`), recording every job id in
/// `slurm/jobs.json`.
public struct SlurmSubmitter {
    public let scheduler: any SlurmScheduler

    public init(scheduler: any SlurmScheduler) { self.scheduler = scheduler }

    /// Writes `array.sbatch` and `merge.sbatch` and creates the logs folder (Slurm does not
    /// create the folder of `--output`). Returns the two scripts.
    @discardableResult
    public static func writeScripts(_ plan: SlurmPlan) throws(OutputFolderError) -> (array: String, merge: String) {
        let folder = plan.folder
        let scripts = (array: SlurmScripts.array(plan), merge: SlurmScripts.merge(plan))
        do {
            try FileManager.default.createDirectory(at: folder.logsFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: folder.tasksFolder, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: folder.shardsFolder, withIntermediateDirectories: true)
            try AtomicFile.write(scripts.array, to: folder.arrayScriptURL)
            try AtomicFile.write(scripts.merge, to: folder.mergeScriptURL)
            for url in [folder.arrayScriptURL, folder.mergeScriptURL] {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        } catch let error as AtomicFile.WriteError {
            throw OutputFolderError(.io, error.description)
        } catch {
            throw OutputFolderError(.io, "cannot write the scripts into \(folder.slurmFolder.path): \(error.localizedDescription)")
        }
        return scripts
    }

    /// Refuses a plan Slurm would reject or a folder already submitted.
    public static func check(_ plan: SlurmPlan) throws(OutputFolderError) {
        let problems = plan.problems()
        guard problems.isEmpty else { throw OutputFolderError(.usage, problems.joined(separator: "\n")) }
        if FileManager.default.fileExists(atPath: plan.folder.jobsURL.path) {
            throw OutputFolderError(.usage, "\(plan.folder.url.path) was already submitted (see \(plan.folder.jobsURL.path)): "
                                   + "follow it with jtx slurm status, rerun its failures with jtx slurm resubmit, or choose another --out")
        }
    }

    /// Writes the scripts, submits the array and the merge job (after the array succeeds) and
    /// records both in `jobs.json`.
    public func submit(_ plan: SlurmPlan, now: Date = Date()) throws(OutputFolderError) -> SlurmJobs {
        try Self.check(plan)
        try Self.writeScripts(plan)
        let arrayJob = try scheduler.submit(script: plan.folder.arrayScriptURL, options: [])
        let dependency = "afterok:\(arrayJob)"
        let mergeJob: String
        do {
            mergeJob = try scheduler.submit(script: plan.folder.mergeScriptURL, options: ["--dependency=\(dependency)"])
        } catch {
            try? scheduler.cancel(job: arrayJob)
            throw OutputFolderError(error.kind, error.message + " (array job \(arrayJob) was cancelled)")
        }
        let submission = SlurmJobs.Submission(arrayJob: arrayJob, shards: Array(1...plan.tasks), mergeJob: mergeJob,
                                              dependency: dependency, submitted: SlurmJobs.timestamp(now))
        let jobs = SlurmJobs(plan: plan, submissions: [submission])
        try plan.folder.writeJobs(jobs)
        return jobs
    }

    /// What `resubmit` did.
    public enum Resubmission {
        /// Shards were resubmitted (with a new merge job), or only the merge job when every shard is done.
        case submitted(SlurmJobs.Submission, cancelledMergeJobs: [String])
        /// Nothing to do: the reason, in words.
        case nothing(String)
    }

    /// Submits an array of the missing and failed shards (each continues its folder, `--resume`)
    /// and a new merge job that waits for it and for the tasks of earlier arrays still queued;
    /// earlier merge jobs still waiting are cancelled (one whose array lost a task never starts).
    /// With every shard done and no merged result, submits the merge job alone.
    /// `binaryVersion` reports the version of the recorded jtx (nil when it cannot be run).
    public func resubmit(_ folder: SlurmFolder, binaryVersion: (String) -> String?, now: Date = Date()) throws(OutputFolderError) -> Resubmission {
        var jobs = try folder.readJobs()
        let status = SlurmStatus.read(folder, jobs: jobs, scheduler: scheduler)
        guard status.queueChecked else {
            throw OutputFolderError(.usage, "Slurm's queue cannot be read here (squeue is missing or failing), so running shards cannot be told from missing ones: resubmit from a machine where squeue works")
        }
        let rerun = (status.shards(in: .missing) + status.shards(in: .failed)).sorted()
        let live = status.shards(in: .pending) + status.shards(in: .running)
        if rerun.isEmpty {
            if !live.isEmpty { return .nothing("\(live.count) shard\(live.count == 1 ? " is" : "s are") still pending or running, none missing or failed") }
            if status.merge.state == "done" { return .nothing("every shard is done and merged into \(status.merge.folder)/") }
            if status.merge.state == "pending" || status.merge.state == "running" {
                return .nothing("every shard is done and the merge job \(status.merge.job ?? "") is \(status.merge.state)")
            }
        }
        let found = binaryVersion(jobs.jtx)
        guard found == jobs.jtxBuild else {
            throw OutputFolderError(.usage, "the scripts run \(jobs.jtx), which is now " + (found.map { "jtx \($0)" } ?? "missing or cannot be run")
                                   + ", not jtx \(jobs.jtxBuild): shards of different versions do not merge; submit the sweep again into a new folder")
        }
        let plan = SlurmPlan(jobs: jobs, folder: folder)
        try Self.writeScripts(plan)
        let queue = scheduler.queue(jobs: jobs.submissions.map(\.mergeJob) + jobs.submissions.compactMap(\.arrayJob)) ?? []
        let waitingMerges = Set(queue.filter { $0.task == nil && $0.state == "PENDING" }.map(\.job))
        var cancelled: [String] = []
        for submission in jobs.submissions where waitingMerges.contains(submission.mergeJob) {
            try scheduler.cancel(job: submission.mergeJob)
            cancelled.append(submission.mergeJob)
        }
        // Earlier arrays with tasks still queued: the merge waits for them to end, whatever their outcome
        // (`jtx merge` then names any shard that is still incomplete).
        let liveArrays = Set(queue.filter { $0.task != nil }.map(\.job))
        var dependencies = jobs.submissions.compactMap(\.arrayJob).filter(liveArrays.contains).map { "afterany:\($0)" }
        var arrayJob: String?
        if !rerun.isEmpty {
            let job = try scheduler.submit(script: folder.arrayScriptURL, options: ["--array=\(SlurmPlan.arraySpecification(rerun))"])
            arrayJob = job
            dependencies.insert("afterok:\(job)", at: 0)
        }
        let dependency = dependencies.joined(separator: ",")
        let mergeJob = try scheduler.submit(script: folder.mergeScriptURL, options: dependency.isEmpty ? [] : ["--dependency=\(dependency)"])
        let submission = SlurmJobs.Submission(arrayJob: arrayJob, shards: rerun, mergeJob: mergeJob, dependency: dependency,
                                              submitted: SlurmJobs.timestamp(now))
        jobs.submissions.append(submission)
        try folder.writeJobs(jobs)
        return .submitted(submission, cancelledMergeJobs: cancelled)
    }
}
