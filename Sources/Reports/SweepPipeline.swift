internal import ExerciseModel
public import Experiments
internal import Foundation

/// How far a sweep has come, for a progress display.
public struct SweepProgress: Sendable {
    /// Design points of this run (its shard's points still to compute).
    public var pointsDone: Int
    public var pointsTotal: Int
    public var replicationsDone: Int
    public var replicationsTotal: Int
}

/// Runs a sweep (or one shard of it) into an output folder, point by point, and assembles the
/// result files when the run covers the whole design.
///
/// The manifest is written first. Each design point of the shard whose files are not already
/// in place is computed in index order: its replication rows stream into
/// `points/point-NNNNN.csv` (a temporary file renamed into place when complete), then its
/// summary goes to `points/point-NNNNN.json` (atomically). A point counts as done only when
/// both exist, so a run killed at any moment (even with SIGKILL) leaves only whole files, and
/// `resume` recomputes exactly the points that are missing.
public enum SweepPipeline {
    public struct Result: Sendable {
        public var folder: SweepFolder
        public var shard: SweepShard
        /// Points that belong to the shard.
        public var pointsInShard: Int
        /// Points computed by this run (the others were already done).
        public var pointsRun: Int
        /// The assembled `sweep.json` (nil for a shard of several).
        public var document: SweepDocument?
    }

    /// Prepares `folder` (refusing a non-empty one unless `resume`, or `force` which first removes
    /// the sweep files there; a foreign one always with `resume`), computes the shard's missing
    /// points and, for a whole sweep, assembles the results.
    @discardableResult
    public static func execute(_ runner: SweepRunner, sweep: SweepDescription, folder: SweepFolder, shard: SweepShard, resume: Bool,
                               force: Bool = false, jtxVersion: String, progress: (SweepProgress) -> Void = { _ in }) throws -> Result {
        let manifest = SweepManifest(jtxVersion: jtxVersion, shard: shard, sweep: sweep)
        if force { try folder.removeResults() }
        if !force && !folder.isEmpty {
            guard resume else {
                throw OutputFolderError(.usage, "the output folder \(folder.url.path) is not empty; add --resume to continue an interrupted sweep there, --force to replace it, or choose another --out")
            }
            let existing = try folder.readManifest()
            let differences = manifest.differences(from: existing, mine: "this run", theirs: folder.manifestURL.path, shard: true)
            guard differences.isEmpty else {
                throw OutputFolderError(.data, "cannot resume in \(folder.url.path): " + differences.joined(separator: "; "))
            }
        }
        try folder.writeManifest(manifest)
        folder.removeStaleTemporaries()
        let selected = sweep.points.indices.filter { shard.contains(point: $0) }
        let missing = selected.filter { !folder.isComplete(point: $0) }
        let replications = runner.specification.replications
        var status = SweepProgress(pointsDone: 0, pointsTotal: missing.count, replicationsDone: 0, replicationsTotal: missing.count * replications)
        progress(status)
        for point in missing {
            try run(point: point, runner: runner, sweep: sweep, folder: folder) {
                status.replicationsDone += 1
                progress(status)
            }
            status.pointsDone += 1
            progress(status)
        }
        var document: SweepDocument?
        if shard.count == 1 {
            document = try SweepAssembler.assemble(sweep, jtxVersion: jtxVersion, into: folder) { _ in folder }
        }
        return Result(folder: folder, shard: shard, pointsInShard: selected.count, pointsRun: missing.count, document: document)
    }

    /// Computes one point and writes its two files.
    static func run(point: Int, runner: SweepRunner, sweep: SweepDescription, folder: SweepFolder, replicationDone: () -> Void) throws {
        let table = ReplicationTable(exercise: try runner.exercise(point: point))
        let values = sweep.points[point].values
        let prefix = [String(point)] + SweepPointsTable.factorCells(sweep, values)
        do {
            let rows = try StreamingFile(url: folder.rowsURL(point: point))
            try rows.append(try CSVLine.encode(["point"] + sweep.factors.map(\.path) + table.header))
            let summary = try runner.run(point: point) { outcome in
                try rows.append(try CSVLine.encode(prefix + table.row(outcome)))
                replicationDone()
            }
            try rows.commit()
            let record = SweepPointRecord(point: point, values: values, summary: summary)
            try AtomicFile.write(try SweepJSON.encode(record, snakeCase: false), to: folder.recordURL(point: point))
        } catch let error as AtomicFile.WriteError {
            throw OutputFolderError(.io, error.description)
        }
    }
}
