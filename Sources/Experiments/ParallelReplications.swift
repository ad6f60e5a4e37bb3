public import ExerciseModel
internal import Dispatch
internal import Foundation

/// Runs replications of an exercise on `jobs` threads and hands the records to the caller in
/// replication order, so that files written from them are identical whatever the number of jobs.
///
/// Replication r always uses the streams derived for (seed, r), so its record does not depend on
/// which thread ran it or when. Workers take the next replication index as soon as they are free
/// (no barrier between rounds) but never run more than `window` replications ahead of the
/// consumer, so memory is bounded whatever the total; the consumer runs concurrently on the
/// calling thread.
public struct ParallelReplications: Sendable {
    public let runner: ExerciseRunner
    public let seed: UInt64
    public let jobs: Int
    /// How far (in replications) workers may run ahead of the consumer.
    public let window: Int

    public init(runner: ExerciseRunner, seed: UInt64, jobs: Int, window: Int = 256) {
        self.runner = runner
        self.seed = seed
        self.jobs = max(1, jobs)
        self.window = max(self.jobs, window)
    }

    /// Runs replications `range` and calls `consume` with each record in index order. A runaway
    /// replication stops the run: its error is thrown after the records before it have been
    /// consumed.
    public func run(_ range: Range<Int>, _ consume: (ReplicationOutcome) throws -> Void) throws {
        try run(range, prepare: { _ in () }, { outcome, _ in try consume(outcome) })
    }

    /// Like `run(_:_:)`, and `prepare` (e.g. encoding the record's CSV row) runs on the worker
    /// threads, in parallel, so that only `consume` is serial.
    public func run<Prepared: Sendable>(_ range: Range<Int>, prepare: @escaping @Sendable (ReplicationOutcome) -> Prepared,
                                        _ consume: (ReplicationOutcome, Prepared) throws -> Void) throws {
        guard !range.isEmpty else { return }
        if jobs == 1 {
            let workspace = ReplicationWorkspace()
            for replication in range {
                let (outcome, prepared) = try Self.attempt(runner, replication, seed, workspace, prepare).get()
                try consume(outcome, prepared)
            }
            return
        }
        let board = OrderedBoard<(ReplicationOutcome, Prepared)>(range: range, window: window)
        let group = DispatchGroup()
        let runner = self.runner, seed = self.seed
        for _ in 0..<min(jobs, range.count) {
            DispatchQueue.global().async(group: group) {
                let workspace = ReplicationWorkspace()
                while let replication = board.claim() {
                    board.deliver(replication, Self.attempt(runner, replication, seed, workspace, prepare))
                }
            }
        }
        defer {
            board.cancel()
            group.wait()
        }
        for replication in range {
            let (outcome, prepared) = try board.take(replication).get()
            try consume(outcome, prepared)
        }
    }

    static func attempt<Prepared>(_ runner: ExerciseRunner, _ replication: Int, _ seed: UInt64, _ workspace: ReplicationWorkspace,
                                  _ prepare: (ReplicationOutcome) -> Prepared) -> Result<(ReplicationOutcome, Prepared), ReplicationRunaway> {
        do {
            let outcome = try runner.run(replication: replication, seed: seed, workspace: workspace)
            return .success((outcome, prepare(outcome)))
        } catch {
            return .failure(error)
        }
    }
}

/// The hand-over between worker threads and the in-order consumer: a ring of `window` slots
/// guarded by one condition variable. Every field is read and written under `condition`'s lock,
/// hence `@unchecked Sendable`.
///
/// Nobody is woken without need: a waiting consumer is woken once the replication it waits for
/// and the `batch − 1` after it are all in (or the range ends), and workers only when one of
/// them waits for room in the ring. (Waking the consumer for every delivery cost two context
/// switches per replication and about a tenth of the throughput with two workers on two cores.)
private final class OrderedBoard<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private let end: Int
    private let window: Int
    private var nextToClaim: Int
    private var nextToTake: Int
    private var cancelled = false
    private var slots: [Result<Value, ReplicationRunaway>?]
    /// How many consecutive results a waiting consumer is woken for (fewer at the end).
    private let batch: Int
    /// The replications the consumer is waiting for, if it is waiting.
    private var consumerWaitsFor: Range<Int>?
    /// Workers waiting for room in the ring.
    private var workersWaiting = 0

    init(range: Range<Int>, window: Int) {
        end = range.upperBound
        self.window = window
        batch = max(1, min(16, window / 4))
        nextToClaim = range.lowerBound
        nextToTake = range.lowerBound
        slots = Array(repeating: nil, count: window)
    }

    /// The next replication to run, waiting while the ring is full; nil when done or cancelled.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && nextToClaim < end && nextToClaim - nextToTake >= window {
            workersWaiting += 1
            condition.wait()
            workersWaiting -= 1
        }
        guard !cancelled, nextToClaim < end else { return nil }
        defer { nextToClaim += 1 }
        return nextToClaim
    }

    func deliver(_ replication: Int, _ result: Result<Value, ReplicationRunaway>) {
        condition.lock()
        slots[replication % window] = result
        // Workers and the consumer share the condition: broadcast so the consumer is among the woken.
        if let awaited = consumerWaitsFor, awaited.contains(replication),
           awaited.allSatisfy({ slots[$0 % window] != nil }) {
            condition.broadcast()
        }
        condition.unlock()
    }

    /// Waits for replication `replication`'s result (taken strictly in order) and frees its slot.
    func take(_ replication: Int) -> Result<Value, ReplicationRunaway> {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let result = slots[replication % window] {
                slots[replication % window] = nil
                nextToTake = replication + 1
                if workersWaiting > 0 { condition.broadcast() }
                return result
            }
            consumerWaitsFor = replication..<min(replication + batch, end)
            condition.wait()
            consumerWaitsFor = nil
        }
    }

    /// Stops workers from claiming more (after the consumer finished or threw).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
