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
public enum RunPipeline {
    public struct Result {
        public var summary: RunSummary
        public var document: SummaryDocument
        /// True when `--precision` was reached before `maxReplications`.
        public var precisionReached: Bool?
    }

    public static func execute(_ request: RunRequest, exercise: Exercise, runner: ExerciseRunner,
                               progress: (Int) -> Void = { _ in }) throws -> Result {
        let table = ReplicationTable(exercise: exercise)
        let rows = try StreamingFile(url: request.folder.appendingPathComponent("replications.csv"))
        try rows.append(try CSVLine.encode(table.header))
        var builder = SummaryBuilder(exercise: exercise, seed: request.seed, confidence: request.confidence)
        let parallel = ParallelReplications(runner: runner, seed: request.seed, jobs: request.jobs)
        var done = 0
        var reached: Bool?
        // Rows are encoded on the worker threads; only appending and folding are serial.
        let encode: @Sendable (ReplicationOutcome) -> Swift.Result<String, any Error> = { outcome in
            Swift.Result { try CSVLine.encode(table.row(outcome)) }
        }
        func consume(_ outcome: ReplicationOutcome, _ row: Swift.Result<String, any Error>) throws {
            builder.add(outcome)
            try rows.append(try row.get())
            done += 1
            progress(done)
        }
        if let precision = request.precision {
            reached = false
            while done < request.maxReplications {
                let next = min(request.maxReplications, done + RunRequest.precisionBatch)
                try parallel.run(done..<next, prepare: encode, consume)
                let widths = builder.keyRelativeHalfWidths()
                if !widths.isEmpty && widths.allSatisfy({ ($0 ?? .infinity) <= precision }) {
                    reached = true
                    break
                }
            }
        } else {
            try parallel.run(0..<request.replications, prepare: encode, consume)
        }
        try rows.commit()
        let summary = builder.finish()
        let document = SummaryDocument(jtxVersion: request.jtxVersion, scenario: request.scenarioPath, scenarioText: request.scenarioText, summary: summary)
        try AtomicFile.write(document.json(), to: request.folder.appendingPathComponent("summary.json"))
        return Result(summary: summary, document: document, precisionReached: reached)
    }
}
