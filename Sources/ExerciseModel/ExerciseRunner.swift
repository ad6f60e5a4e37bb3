internal import SimKernel
internal import Stochastics

/// A replication ran more events than its cap allows: the exercise feeds itself without end, or
/// its background load is far larger than intended.
public struct ReplicationRunaway: Error, Sendable, CustomStringConvertible {
    public var replication: Int
    public var cap: Int
    public var time: Double

    public var description: String {
        "replication \(replication) processed \(cap) events and was stopped at \(time / 3600) h of simulated time; "
            + "a repeating inject with a short interval, or a very long horizon, can cause this (raise --event-cap if it is intended)"
    }
}

/// Runs replications of one exercise. Each replication is a pure function of (exercise, master
/// seed, replication index): its random streams are derived per purpose (each agency's work,
/// each channel's delays and failures, each inject's timing, the threat), so changing one
/// source of randomness leaves the others' draws unchanged.
public struct ExerciseRunner: Sendable {
    public let plan: CompiledPlan
    /// Events one replication may process before it is stopped as a runaway.
    public var eventCap: Int

    public init(_ exercise: Exercise, eventCap: Int = 50_000_000) {
        plan = CompiledPlan(exercise)
        self.eventCap = eventCap
    }

    public var exercise: Exercise { plan.exercise }

    /// Runs replication `replication` of a run seeded with `seed`.
    public func run(replication: Int, seed: UInt64) throws(ReplicationRunaway) -> ReplicationOutcome {
        var trace = NoTrace()
        return try run(replication: replication, seed: seed, trace: &trace)
    }

    /// Runs one replication, reporting every event to `trace`.
    public func run<Trace: TraceRecorder>(replication: Int, seed: UInt64, trace: inout Trace) throws(ReplicationRunaway) -> ReplicationOutcome {
        let streams = ReplicationStreams(plan.exercise, seed: seed, replication: UInt64(replication))
        var simulation = Simulation(model: ExerciseSimulation(plan: plan, streams: streams, trace: trace))
        simulation.model.start(calendar: &simulation.calendar)
        do {
            _ = try simulation.run(until: plan.exercise.horizon, eventCap: eventCap)
        } catch {
            throw ReplicationRunaway(replication: replication, cap: error.cap, time: error.time)
        }
        let end = simulation.calendar.now
        trace = simulation.model.trace
        return simulation.model.outcome(replication: replication, endTime: end, events: simulation.eventsProcessed)
    }
}

/// The random streams of one replication, one per purpose.
struct ReplicationStreams {
    let work: [RandomStream]
    let channelDelays: [RandomStream]
    let channelFailures: [RandomStream]
    let injectTiming: [RandomStream]
    let subjects: [RandomStream]
    let threat: RandomStream
    let translation: RandomStream
    let consent: RandomStream
    let requests: RandomStream
    let effects: RandomStream

    /// Purposes are keyed by the element's id, not its position, so adding or reordering
    /// agencies in a scenario leaves the other agencies' draws unchanged.
    init(_ exercise: Exercise, seed: UInt64, replication: UInt64) {
        func stream(_ purpose: String) -> RandomStream {
            RandomStream(master: seed, replication: replication, purpose: StreamPurpose(purpose))
        }
        work = exercise.agencies.map { stream("agency.work:\($0.id)") }
        channelDelays = exercise.channels.map { stream("channel.delay:\($0.id)") }
        channelFailures = exercise.channels.map { stream("channel.failure:\($0.id)") }
        injectTiming = exercise.injects.map { stream("inject.timing:\($0.id)") }
        subjects = exercise.subjects.map { stream("subject.moves:\($0.id)") }
        threat = stream("threat")
        translation = stream("translation")
        consent = stream("consent")
        requests = stream("requests")
        effects = stream("effects")
    }
}
