internal import SimKernel
internal import Stochastics

/// A replication ran more events than its cap allows: the exercise feeds itself without end, or
/// its background load is far larger than intended.
public struct ReplicationRunaway: Error, Sendable, CustomStringConvertible {
    public var replication: Int
    public var cap: Int
    public var time: Double
    /// The scenario elements that produced the most events (see `RunawayTally`), when known.
    public var culprit: String?

    public init(replication: Int, cap: Int, time: Double, culprit: String? = nil) {
        self.replication = replication
        self.cap = cap
        self.time = time
        self.culprit = culprit
    }

    public var description: String {
        let hours = (time / 360).rounded() / 10
        let stopped = "replication \(replication) processed \(cap) events and was stopped at \(hours) h of simulated time"
        guard let culprit else {
            return stopped + "; a repeating inject with a short interval, or a very long horizon, can cause this "
                + "(raise --event-cap if it is intended)"
        }
        return stopped + ". The part of the scenario that loops: \(culprit). "
            + "Fix it, or raise --event-cap if so many events are intended"
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

    /// Runs replication `replication` of a run seeded with `seed`. With a `workspace` (one per
    /// thread), the replication reuses the memory of the streams of the previous one run in it;
    /// the outcome is the same either way.
    public func run(replication: Int, seed: UInt64, workspace: ReplicationWorkspace? = nil) throws(ReplicationRunaway) -> ReplicationOutcome {
        var trace = NoTrace()
        return try run(replication: replication, seed: seed, trace: &trace, workspace: workspace)
    }

    /// Runs one replication, reporting every event to `trace`.
    public func run<Trace: TraceRecorder>(replication: Int, seed: UInt64, trace: inout Trace,
                                          workspace: ReplicationWorkspace? = nil) throws(ReplicationRunaway) -> ReplicationOutcome {
        let streams: ReplicationStreams
        if let workspace, let reused = workspace.streams, workspace.purposes == plan.streamPurposes {
            reused.reseed(plan.streamPurposes, seed: seed, replication: UInt64(replication))
            streams = reused
        } else {
            streams = ReplicationStreams(plan.streamPurposes, seed: seed, replication: UInt64(replication))
            workspace?.streams = streams
            workspace?.purposes = plan.streamPurposes
        }
        var simulation = Simulation(model: ExerciseSimulation(plan: plan, streams: streams, trace: trace))
        simulation.model.start(calendar: &simulation.calendar)
        do {
            _ = try simulation.run(until: plan.exercise.horizon, eventCap: eventCap)
        } catch {
            throw ReplicationRunaway(replication: replication, cap: error.cap, time: error.time,
                                     culprit: runawayCulprit(replication: replication, seed: seed))
        }
        let end = simulation.calendar.now
        trace = simulation.model.trace
        return simulation.model.outcome(replication: replication, endTime: end, events: simulation.eventsProcessed)
    }
}

/// What one thread keeps from one replication to the next: the random streams, whose generators'
/// memory is reused (each stream is refilled from its new seed on its first draw). Not
/// thread-safe: give each thread its own. Used with another exercise, it starts afresh.
public final class ReplicationWorkspace {
    var streams: ReplicationStreams?
    var purposes: StreamPurposes?

    public init() {}
}

@available(*, unavailable, message: "a ReplicationWorkspace belongs to one thread")
extension ReplicationWorkspace: Sendable {}

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
    let mechanisms: MechanismStreams

    init(_ purposes: StreamPurposes, seed: UInt64, replication: UInt64) {
        func stream(_ purpose: StreamPurpose) -> RandomStream {
            RandomStream(master: seed, replication: replication, purpose: purpose)
        }
        work = purposes.work.map(stream)
        channelDelays = purposes.channelDelays.map(stream)
        channelFailures = purposes.channelFailures.map(stream)
        injectTiming = purposes.injectTiming.map(stream)
        subjects = purposes.subjects.map(stream)
        threat = stream(purposes.threat)
        translation = stream(purposes.translation)
        consent = stream(purposes.consent)
        requests = stream(purposes.requests)
        effects = stream(purposes.effects)
        mechanisms = MechanismStreams(hubs: purposes.hubs.map { $0.map(stream) }, obligations: purposes.obligations.map { $0.map(stream) },
                                      claims: stream(purposes.claims), listing: stream(purposes.listing))
    }

    /// Makes every stream start over as the one for its purpose in `replication` (the streams
    /// must have been made from these `purposes`): the same draws as `init` would give.
    func reseed(_ purposes: StreamPurposes, seed: UInt64, replication: UInt64) {
        func reseed(_ streams: [RandomStream], _ keys: [StreamPurpose]) {
            for (stream, purpose) in zip(streams, keys) { stream.reseed(master: seed, replication: replication, purpose: purpose) }
        }
        func reseed(_ streams: [RandomStream?], _ keys: [StreamPurpose?]) {
            for case let (stream?, purpose?) in zip(streams, keys) { stream.reseed(master: seed, replication: replication, purpose: purpose) }
        }
        reseed(work, purposes.work)
        reseed(channelDelays, purposes.channelDelays)
        reseed(channelFailures, purposes.channelFailures)
        reseed(injectTiming, purposes.injectTiming)
        reseed(subjects, purposes.subjects)
        reseed([threat, translation, consent, requests, effects, mechanisms.claims, mechanisms.listing],
               [purposes.threat, purposes.translation, purposes.consent, purposes.requests, purposes.effects,
                purposes.claims, purposes.listing])
        reseed(mechanisms.hubs, purposes.hubs)
        reseed(mechanisms.obligations, purposes.obligations)
    }
}

/// The purposes of a replication's streams, built and hashed once per compiled exercise.
/// Purposes are keyed by the element's id, not its position, so adding or reordering agencies
/// in a scenario leaves the other agencies' draws unchanged.
struct StreamPurposes: Sendable, Equatable {
    let work: [StreamPurpose]
    let channelDelays: [StreamPurpose]
    let channelFailures: [StreamPurpose]
    let injectTiming: [StreamPurpose]
    let subjects: [StreamPurpose]
    /// Per channel with a hub, and per agency with obligations (ExerciseSimulation+Mechanisms.swift).
    let hubs: [StreamPurpose?]
    let obligations: [StreamPurpose?]
    let threat = StreamPurpose("threat")
    let translation = StreamPurpose("translation")
    let consent = StreamPurpose("consent")
    let requests = StreamPurpose("requests")
    let effects = StreamPurpose("effects")
    let claims = StreamPurpose("claims")
    let listing = StreamPurpose("listing")

    init(_ exercise: Exercise) {
        work = exercise.agencies.map { StreamPurpose("agency.work:\($0.id)") }
        channelDelays = exercise.channels.map { StreamPurpose("channel.delay:\($0.id)") }
        channelFailures = exercise.channels.map { StreamPurpose("channel.failure:\($0.id)") }
        injectTiming = exercise.injects.map { StreamPurpose("inject.timing:\($0.id)") }
        subjects = exercise.subjects.map { StreamPurpose("subject.moves:\($0.id)") }
        hubs = exercise.channels.map { $0.hub == nil ? nil : StreamPurpose("channel.hub:\($0.id)") }
        obligations = exercise.agencies.map { $0.obligations.isEmpty ? nil : StreamPurpose("agency.obligation:\($0.id)") }
    }
}
