public import ExerciseModel

/// Runs replications 0..<count of an exercise in order and hands each record to `consume`
/// as soon as it exists (so callers can stream rows to disk and fold summaries without keeping
/// the records).
public struct ReplicationBatch: Sendable {
    public let runner: ExerciseRunner
    public let seed: UInt64
    public let count: Int

    public init(runner: ExerciseRunner, seed: UInt64, count: Int) {
        self.runner = runner
        self.seed = seed
        self.count = count
    }

    /// Runs every replication; stops at the first runaway.
    public func run(_ consume: (ReplicationOutcome) throws -> Void) throws {
        for replication in 0..<count {
            try consume(try runner.run(replication: replication, seed: seed))
        }
    }
}
