public import Foundation

/// Where each shard of a submitted sweep stands, and the merge (`jtx slurm status`).
///
/// A shard is **done** when its folder holds a manifest of the submitted sweep, jtx version and
/// shard and every one of its points; otherwise it is **pending** or **running** while its
/// latest array task is in Slurm's queue; **failed** when that task ended in failure (jtx
/// exited non-zero, as its script recorded in `slurm/tasks/K.exit`, or Slurm reports `FAILED`,
/// `TIMEOUT`, `OUT_OF_MEMORY`, `NODE_FAIL`, …) or its folder belongs to another sweep or
/// version; and **missing** otherwise: never run, cancelled, or gone without a trace.
/// `jtx slurm resubmit` reruns the missing and failed shards.
public struct SlurmStatus: Codable, Sendable, Equatable {
    public enum State: String, Codable, Sendable, CaseIterable {
        case done, running, pending, failed, missing
    }

    public struct Shard: Codable, Sendable, Equatable {
        public var shard: Int
        public var state: State
        public var points: Int
        public var pointsDone: Int
        /// The latest array task that ran the shard (`J_K`), if any.
        public var task: String?
        /// Slurm's state of that task, when known (`RUNNING`, `CANCELLED`, `COMPLETED`, …).
        public var slurmState: String?
        /// jtx's exit code, when the task's script recorded one.
        public var exitCode: Int?
        public var note: String?
    }

    public struct Merge: Codable, Sendable, Equatable {
        /// `done`, `running`, `pending`, `failed` or `not-run`.
        public var state: String
        public var job: String?
        public var slurmState: String?
        public var folder: String
        public var note: String?
    }

    /// Always "jtx-slurm-status".
    public var format = "jtx-slurm-status"
    public var formatVersion = 1
    public var folder: String
    public var sweepFile: String
    public var sweepName: String
    public var jtxVersion: String
    public var points: Int
    public var tasks: Int
    /// False when Slurm's queue could not be read (no `squeue`, or it failed): then nothing
    /// shows as pending or running.
    public var queueChecked: Bool
    public var shards: [Shard]
    public var merge: Merge

    public func shards(in state: State) -> [Int] { shards.filter { $0.state == state }.map(\.shard) }

    static let failedStates: Set<String> = ["FAILED", "TIMEOUT", "OUT_OF_MEMORY", "NODE_FAIL", "BOOT_FAIL", "DEADLINE"]

    /// Reads the shard folders and exit records of `folder` and asks `scheduler` about the
    /// submitted jobs.
    public static func read(_ folder: SlurmFolder, jobs: SlurmJobs, scheduler: any SlurmScheduler) -> SlurmStatus {
        let arrayJobs = jobs.submissions.compactMap(\.arrayJob)
        let allJobs = arrayJobs + jobs.submissions.map(\.mergeJob)
        let queue = scheduler.queue(jobs: allJobs)
        let queued = Dictionary((queue ?? []).map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        var ended: [String: SlurmJobState]?
        func finished(_ id: String) -> SlurmJobState? {
            if ended == nil {
                let list = scheduler.finished(jobs: allJobs)
                ended = Dictionary(list.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
            }
            return ended?[id]
        }
        var shards: [Shard] = []
        for index in 1...max(1, jobs.tasks) {
            shards.append(shard(index, folder: folder, jobs: jobs, queued: queued, finished: finished))
        }
        let merge = mergeState(folder: folder, jobs: jobs, queued: queued, finished: finished)
        return SlurmStatus(folder: folder.url.path, sweepFile: jobs.sweepFile, sweepName: jobs.sweepName, jtxVersion: jobs.jtxVersion,
                           points: jobs.points, tasks: jobs.tasks, queueChecked: queue != nil, shards: shards, merge: merge)
    }

    static func shard(_ index: Int, folder: SlurmFolder, jobs: SlurmJobs, queued: [String: SlurmJobState],
                      finished: (String) -> SlurmJobState?) -> Shard {
        let count = jobs.points(shard: index)
        let sweepFolder = folder.shard(index)
        var entry = Shard(shard: index, state: .missing, points: count, pointsDone: 0)
        var foreign: String?
        if let manifest = try? sweepFolder.readManifest() {
            if manifest.jtxVersion != jobs.jtxVersion {
                foreign = "its folder was written by jtx \(manifest.jtxVersion), not \(jobs.jtxVersion)"
            } else if manifest.sweepDigest != jobs.sweepDigest {
                foreign = "its folder holds another sweep (digest \(manifest.sweepDigest), submitted \(jobs.sweepDigest))"
            } else if manifest.shard != SweepShard(index: index, count: jobs.tasks) {
                foreign = "its folder holds shard \(manifest.shard), not \(index)/\(jobs.tasks)"
            } else {
                let shard = manifest.shard
                entry.pointsDone = manifest.sweep.points.indices.filter { shard.contains(point: $0) && sweepFolder.isComplete(point: $0) }.count
            }
        }
        guard let submission = jobs.latestSubmission(shard: index), let job = submission.arrayJob else {
            entry.state = foreign == nil && entry.pointsDone == count && count > 0 ? .done : (foreign == nil ? .missing : .failed)
            entry.note = foreign
            return entry
        }
        let id = "\(job)_\(index)"
        entry.task = id
        if foreign == nil && entry.pointsDone == count {
            entry.state = .done
            entry.slurmState = queued[id]?.state
            return entry
        }
        if let live = queued[id] {
            entry.slurmState = live.state
            switch live.state {
            case "PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "SUSPENDED":
                entry.state = .pending
                entry.note = live.detail.isEmpty ? nil : "waiting: \(live.detail)"
                return entry
            case "RUNNING", "CONFIGURING", "COMPLETING", "SIGNALING", "STAGE_OUT", "RESIZING":
                entry.state = .running
                return entry
            default:
                break  // Ended but still listed (CANCELLED, FAILED, …): judged below.
            }
        }
        if let foreign {
            entry.state = .failed
            entry.note = foreign
            return entry
        }
        let record = folder.exitRecord(task: String(index)).flatMap { $0.job == job ? $0 : nil }
        let accounting = finished(id) ?? queued[id]
        if entry.slurmState == nil { entry.slurmState = accounting?.state }
        if let record, record.code != 0 {
            entry.state = .failed
            entry.exitCode = record.code
            let log = SlurmFolder.lastLine(of: folder.arrayLogURL(job: job, task: index))
            entry.note = "jtx exited with \(record.code)" + (log.map { ": \($0)" } ?? "")
        } else if let state = accounting?.state, failedStates.contains(state) {
            entry.state = .failed
            entry.exitCode = record?.code
            entry.note = "Slurm: \(state)" + (accounting.map { $0.detail.isEmpty ? "" : ", \($0.detail)" } ?? "")
        } else {
            entry.state = .missing
            entry.exitCode = record?.code
            entry.note = accounting.map { "Slurm: \($0.state)" } ?? "not in Slurm's queue and no record of it ending: cancelled before it started, or lost"
        }
        return entry
    }

    static func mergeState(folder: SlurmFolder, jobs: SlurmJobs, queued: [String: SlurmJobState],
                           finished: (String) -> SlurmJobState?) -> Merge {
        let merged = folder.mergedFolder
        var merge = Merge(state: "not-run", folder: merged.url.path)
        guard let last = jobs.submissions.last else { return merge }
        merge.job = last.mergeJob
        if FileManager.default.fileExists(atPath: merged.documentURL.path) {
            merge.state = "done"
            merge.slurmState = queued[last.mergeJob]?.state ?? finished(last.mergeJob)?.state
            return merge
        }
        if let live = queued[last.mergeJob], ["PENDING", "RUNNING", "CONFIGURING", "COMPLETING"].contains(live.state) {
            merge.state = live.state == "PENDING" ? "pending" : "running"
            merge.slurmState = live.state
            if !live.detail.isEmpty {
                merge.note = live.detail == "DependencyNeverSatisfied"
                    ? "it can never start: a shard's task did not succeed; run jtx slurm resubmit"
                    : "waiting: \(live.detail)"
            }
            return merge
        }
        let accounting = finished(last.mergeJob) ?? queued[last.mergeJob]
        merge.slurmState = accounting?.state
        if let record = folder.exitRecord(task: "merge"), record.job == last.mergeJob, record.code != 0 {
            merge.state = "failed"
            merge.note = "jtx exited with \(record.code)" + (SlurmFolder.lastLine(of: folder.mergeLogURL(job: last.mergeJob)).map { ": \($0)" } ?? "")
        } else if let state = accounting?.state, state != "COMPLETED" {
            merge.state = state == "CANCELLED" ? "not-run" : "failed"
            merge.note = "Slurm: \(state)"
        }
        return merge
    }

    /// The status as a table for people.
    public func rendered() -> String {
        var lines = ["\(sweepName): \(points) design points in \(tasks) shard\(tasks == 1 ? "" : "s"), jtx \(jtxVersion), \(folder)"]
        let width = String(tasks).count
        for shard in shards {
            let number = String(repeating: " ", count: width - String(shard.shard).count) + String(shard.shard)
            var line = "  shard \(number)  " + shard.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
                + "  \(shard.pointsDone)/\(shard.points) points"
            if let task = shard.task { line += "  task \(task)" + (shard.slurmState.map { " \($0)" } ?? "") }
            if let note = shard.note { line += "  (\(note))" }
            lines.append(line)
        }
        var merged = "  merge    " + merge.state
        if let job = merge.job { merged += "  job \(job)" + (merge.slurmState.map { " \($0)" } ?? "") }
        if merge.state == "done" { merged += "  \(merge.folder)/" }
        if let note = merge.note { merged += "  (\(note))" }
        lines.append(merged)
        let counts = State.allCases.compactMap { state -> String? in
            let count = shards(in: state).count
            return count == 0 ? nil : "\(count) \(state.rawValue)"
        }
        lines.append("\(tasks) shard\(tasks == 1 ? "" : "s"): " + counts.joined(separator: ", "))
        if !queueChecked { lines.append("Slurm's queue could not be read (squeue missing or failing): shards still queued show as missing") }
        let rerun = shards(in: .missing) + shards(in: .failed)
        if !rerun.isEmpty {
            lines.append("Rerun the missing and failed shards (\(SlurmPlan.arraySpecification(rerun))) with: jtx slurm resubmit \(folder)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public func json() throws -> Data { try SweepJSON.encode(self, snakeCase: true) }
}
