public import ExerciseModel
public import Experiments
public import Foundation

/// What `jtx run` was asked for.
public struct RunRequest: Sendable {
    public var scenarioPath: String
    public var scenarioText: String
    public var replications: Int
    public var seed: UInt64
    public var jobs: Int
    public var confidence: Double
    /// Stop once every key metric's relative CI half-width is at most this (nil: run `replications`).
    public var precision: Double?
    /// Upper bound on replications when `precision` is set.
    public var maxReplications: Int
    public var folder: URL
    public var jtxVersion: String

    public init(scenarioPath: String, scenarioText: String, replications: Int, seed: UInt64, jobs: Int, confidence: Double,
                precision: Double?, maxReplications: Int, folder: URL, jtxVersion: String) {
        self.scenarioPath = scenarioPath
        self.scenarioText = scenarioText
        self.replications = replications
        self.seed = seed
        self.jobs = jobs
        self.confidence = confidence
        self.precision = precision
        self.maxReplications = maxReplications
        self.folder = folder
        self.jtxVersion = jtxVersion
    }

    /// Replications per batch between precision checks. Fixed, so the number run does not
    /// depend on the number of jobs.
    public static let precisionBatch = 50
}

/// Runs the replications of a `RunRequest`, streaming each replication's row to
/// `replications.csv` as it comes (memory stays flat in the number of replications) and
/// writing `summary.json` at the end. Both files appear atomically.
///
/// Finished records are also kept in `checkpoint/` (`RunCheckpoint`) until the result files are
/// in place. With `resume`, a run whose checkpoint matches the request folds the checkpointed
/// records first (re-deciding `--precision` at the same batch boundaries) and runs only the
/// replications after them; records and rows are pure functions of (scenario, seed, index), so
/// the result files are byte-identical to an uninterrupted run's.
public enum RunPipeline {
    public struct Result {
        public var summary: RunSummary
        public var document: SummaryDocument
        /// True when `--precision` was reached before `maxReplications`.
        public var precisionReached: Bool?
        /// Replications taken from the checkpoint of an interrupted run.
        public var resumedReplications: Int
    }

    public static func execute(_ request: RunRequest, exercise: Exercise, runner: ExerciseRunner, resume: Bool = false,
                               progress: (Int) -> Void = { _ in }) throws -> Result {
        let folder = RunFolder(url: request.folder)
        let checkpoint = RunCheckpoint(url: folder.checkpointURL)
        let manifest = RunCheckpoint.Manifest(request, eventCap: runner.eventCap)
        var resuming = false
        if resume && checkpoint.exists {
            let existing = try checkpoint.readManifest()
            let differences = manifest.differences(from: existing)
            guard differences.isEmpty else {
                throw OutputFolderError(.data, "cannot resume in \(folder.url.path): " + differences.joined(separator: "; "))
            }
            resuming = true
        } else {
            try checkpoint.start(manifest)
        }
        let table = ReplicationTable(exercise: exercise)
        let rows = try StreamingFile(url: folder.replicationsURL)
        try rows.append(try CSVLine.encode(table.header))
        var builder = SummaryBuilder(exercise: exercise, seed: request.seed, confidence: request.confidence)
        let parallel = ParallelReplications(runner: runner, seed: request.seed, jobs: request.jobs)
        var done = 0
        var reached: Bool?
        // Rows and checkpoint records are encoded on the worker threads; only appending and
        // folding are serial.
        typealias Encoded = (row: Swift.Result<String, any Error>, record: String)
        let encode: @Sendable (ReplicationOutcome) -> Encoded = { outcome in
            (Swift.Result { try CSVLine.encode(table.row(outcome)) }, OutcomeCodec.line(outcome))
        }
        func fold(_ outcome: ReplicationOutcome, _ row: Swift.Result<String, any Error>) throws {
            builder.add(outcome)
            try rows.append(try row.get())
            done += 1
            progress(done)
        }
        func consume(_ outcome: ReplicationOutcome, _ encoded: Encoded) throws {
            try fold(outcome, encoded.row)
            try checkpoint.add(outcome, line: encoded.record)
        }
        let batch = RunRequest.precisionBatch
        /// With --precision, the rule is checked after each batch (and at the upper bound).
        func precisionMet() -> Bool {
            guard let precision = request.precision else { return false }
            let widths = builder.keyRelativeHalfWidths()
            return !widths.isEmpty && widths.allSatisfy { ($0 ?? .infinity) <= precision }
        }
        let limit = request.precision == nil ? request.replications : request.maxReplications
        if request.precision != nil { reached = false }
        var resumed = 0
        if resuming {
            resumed = try checkpoint.replay { outcome in
                guard done < limit, reached != true else { return false }
                try fold(outcome, Swift.Result { try CSVLine.encode(table.row(outcome)) })
                if request.precision != nil && (done % batch == 0 || done == limit) && precisionMet() { reached = true }
                return true
            }
            resumed = min(resumed, done)
        }
        do {
            if request.precision != nil {
                while reached == false && done < limit {
                    let next = min(limit, (done / batch + 1) * batch)
                    try parallel.run(done..<next, prepare: encode, consume)
                    if precisionMet() { reached = true }
                }
            } else if done < limit {
                try parallel.run(done..<limit, prepare: encode, consume)
            }
        } catch let runaway as ReplicationRunaway {
            // The same replication would run away again: there is nothing to resume.
            checkpoint.remove()
            throw runaway
        }
        try rows.commit()
        let summary = builder.finish()
        let document = SummaryDocument(jtxVersion: request.jtxVersion, scenario: request.scenarioPath, scenarioText: request.scenarioText, summary: summary)
        try AtomicFile.write(document.json(), to: folder.summaryURL)
        checkpoint.remove()
        return Result(summary: summary, document: document, precisionReached: reached, resumedReplications: resumed)
    }
}
