public import ExerciseModel
internal import Dispatch

/// Runs replications of an exercise on `jobs` threads and hands the records to the caller in
/// replication order, so that files written from them are identical whatever the number of jobs.
///
/// Replication r always uses the streams derived for (seed, r), so its record does not depend on
/// which thread ran it or when. Work goes in rounds of `jobs × chunk` replications; each thread
/// runs a contiguous chunk; the round's records are then consumed in order. Memory is bounded by
/// one round's records, whatever the total.
public struct ParallelReplications: Sendable {
    public let runner: ExerciseRunner
    public let seed: UInt64
    public let jobs: Int
    /// Replications per thread per round.
    public let chunk: Int

    public init(runner: ExerciseRunner, seed: UInt64, jobs: Int, chunk: Int = 16) {
        self.runner = runner
        self.seed = seed
        self.jobs = max(1, jobs)
        self.chunk = max(1, chunk)
    }

    /// Runs replications `range` and calls `consume` with each record in index order. A runaway
    /// replication stops the run: the error of the lowest-numbered runaway in the round is
    /// thrown after the records before it have been consumed.
    public func run(_ range: Range<Int>, _ consume: (ReplicationOutcome) throws -> Void) throws {
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + jobs * chunk)
            let slots = ResultSlots(count: end - start)
            let threads = min(jobs, (end - start + chunk - 1) / chunk)
            let runner = self.runner, seed = self.seed, chunk = self.chunk, first = start
            if threads == 1 {
                for index in 0..<(end - start) { slots.store(index, Self.attempt(runner, first + index, seed)) }
            } else {
                DispatchQueue.concurrentPerform(iterations: threads) { thread in
                    let lower = thread * chunk
                    let upper = min(end - first, lower + chunk)
                    guard lower < upper else { return }
                    for index in lower..<upper { slots.store(index, Self.attempt(runner, first + index, seed)) }
                }
            }
            for index in 0..<(end - start) {
                switch slots.take(index) {
                case .success(let outcome): try consume(outcome)
                case .failure(let error): throw error
                case nil: break
                }
            }
            start = end
        }
    }

    static func attempt(_ runner: ExerciseRunner, _ replication: Int, _ seed: UInt64) -> Result<ReplicationOutcome, ReplicationRunaway> {
        do {
            return .success(try runner.run(replication: replication, seed: seed))
        } catch {
            return .failure(error)
        }
    }
}

/// One round's records. Each slot is written by exactly one thread, through a buffer allocated
/// once (no shared Swift array is mutated concurrently), and read only after `concurrentPerform`
/// has returned, which orders the accesses; hence `@unchecked Sendable`.
private final class ResultSlots: @unchecked Sendable {
    typealias Slot = Result<ReplicationOutcome, ReplicationRunaway>?
    private let buffer: UnsafeMutableBufferPointer<Slot>

    init(count: Int) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: nil)
    }

    deinit {
        buffer.deinitialize()
        buffer.deallocate()
    }

    func store(_ index: Int, _ result: Result<ReplicationOutcome, ReplicationRunaway>) { buffer[index] = result }

    func take(_ index: Int) -> Slot { buffer[index] }
}
