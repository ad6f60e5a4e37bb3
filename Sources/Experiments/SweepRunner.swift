public import ExerciseModel

/// Runs the design points of a sweep: each point's exercise is the base exercise with the
/// point's factor values applied; its replications 0..<R run on `jobs` threads with the sweep's
/// seed, the same for every point (common random numbers: every point meets the same random
/// circumstances, stream by stream), and fold into a `RunSummary`.
public struct SweepRunner: Sendable {
    public let base: Exercise
    public let specification: SweepSpecification
    public let design: SweepDesign
    public let jobs: Int
    /// Events one replication may process before it is stopped as a runaway.
    public let eventCap: Int

    public init(base: Exercise, specification: SweepSpecification, design: SweepDesign, jobs: Int, eventCap: Int = 50_000_000) {
        self.base = base
        self.specification = specification
        self.design = design
        self.jobs = max(1, jobs)
        self.eventCap = eventCap
    }

    /// The exercise of design point `point`.
    public func exercise(point: Int) throws(SweepFactorError) -> Exercise {
        guard design.points.indices.contains(point) else {
            throw SweepFactorError("no design point \(point) (the design has \(design.points.count))")
        }
        do {
            return try SweepFactors.apply(specification.factors.map(\.factor), values: design.points[point], to: base)
        } catch {
            throw SweepFactorError("design point \(point): \(error.message)")
        }
    }

    /// Applies every point's factors once, so that a value that cannot be applied is reported
    /// before anything runs.
    public func checkPoints() throws(SweepFactorError) {
        for point in design.points.indices { _ = try exercise(point: point) }
    }

    /// Runs point `point`'s replications and hands each record to `consume` in replication order.
    public func run(point: Int, _ consume: (ReplicationOutcome) throws -> Void) throws -> RunSummary {
        let exercise = try self.exercise(point: point)
        let runner = ExerciseRunner(exercise, eventCap: eventCap)
        var builder = SummaryBuilder(exercise: exercise, seed: specification.seed, confidence: specification.confidence)
        try ParallelReplications(runner: runner, seed: specification.seed, jobs: jobs).run(0..<specification.replications) { outcome in
            builder.add(outcome)
            try consume(outcome)
        }
        return builder.finish()
    }
}
