internal import SimKernel
internal import Stochastics

/// Per-replication state of the opt-in cooperation mechanisms (Mechanisms.swift).
struct MechanismState {
    /// Messages waiting for a channel that is not open yet (a JIT's exchange before the JIT).
    var waitingForChannel: [Int32] = []
    /// Channels opened by a task so far.
    var opened: [Bool]
    /// Hub relays: one per piece of information and hub channel.
    var relays: [RelayState] = []
    var relayIndex: [RelayKey: Int32] = [:]
    /// Instances whose input came enriched through a hub: the generation it applies to and the factor.
    var enriched: [Int32: (generation: Int32, factor: Double)] = [:]
    /// Instances whose competing claims are decided (the generation decided).
    var claimDecided: [Int32: Int32] = [:]
    /// Per instrument with a listing: listed until (−∞: not listed), the designating request
    /// (instance, generation; −1: none) and the requests waiting for the designation.
    var listedUntil: [Double]
    var listingOwner: [(instance: Int32, generation: Int32)]
    var listingWaiters: [[(instance: Int32, generation: Int32)]]
    /// The deadline (calendar seconds) of the task whose work was just drawn, for `startWork`.
    var pendingDeadline: Double?

    init(_ exercise: Exercise) {
        opened = [Bool](repeating: false, count: exercise.channels.count)
        listedUntil = [Double](repeating: -.infinity, count: exercise.instruments.count)
        listingOwner = [(Int32, Int32)](repeating: (-1, 0), count: exercise.instruments.count)
        listingWaiters = [[(Int32, Int32)]](repeating: [], count: exercise.instruments.count)
    }
}

/// One piece of information (an origin and its generation) through one hub channel.
struct RelayKey: Hashable {
    var origin: Int64
    var generation: Int32
    var channel: Int32
}

struct RelayState {
    var channel: Int32
    var working = false
    var done = false
    var waiters: [Int32] = []
}

/// The random streams of the mechanisms, keyed by id like every other stream.
struct MechanismStreams {
    /// Per channel with a hub: the hub's work on its messages.
    let hubs: [RandomStream?]
    /// Per agency with obligations: voluntary disclosure and compliance draws.
    let obligations: [RandomStream?]
    /// Competing claims decided by lot; delisting times; claim consultation delays.
    let claims: RandomStream
    let listing: RandomStream

    // Built by `ReplicationStreams` from the plan's `StreamPurposes` (ExerciseRunner.swift).
}

extension ExerciseSimulation {
    // MARK: Channels opened by a task (a JIT's direct exchange)

    /// The closed channels at the start: `channelDownUntil` = +∞ (never back by itself).
    mutating func closeInitialChannels() {
        for (channel, closed) in plan.mechanisms.initiallyClosed.enumerated() where closed { channelDownUntil[channel] = .infinity }
    }

    /// A message with no channel up and none coming back by itself waits for one to be opened.
    mutating func waitForChannel(_ message: Int32, at now: Double) {
        messagePhase(message, .outage, at: now)
        mech.waitingForChannel.append(message)
    }

    /// The main-case instance of `task` completed: open the channels it opens, and send what waited.
    mutating func openChannels(openedBy task: Int, calendar: inout EventCalendar<Event>) {
        guard let channels = plan.mechanisms.opensChannels[task] else { return }
        for channel in channels where !mech.opened[channel] && exercise.channels[channel].inService {
            mech.opened[channel] = true
            channelDownUntil[channel] = -.infinity
        }
        let waiting = mech.waitingForChannel
        mech.waitingForChannel.removeAll()
        for message in waiting { advance(message, calendar: &calendar) }
    }

    /// True when an open channel carrying requests connects the two agencies: the request goes as a message.
    func openRequestChannel(_ a: Int, _ b: Int, at now: Double) -> Bool {
        for channel in plan.mechanisms.requestChannels where channelDownUntil[channel] <= now && exercise.channels[channel].connects(a, b) {
            return true
        }
        return false
    }

    // MARK: Competing claims

    /// True when the instance's claims are decided (or it has none).
    func claimSettled(_ instance: Int32) -> Bool {
        guard exercise.tasks[Int(instances[Int(instance)].task)].claim != nil else { return true }
        return mech.claimDecided[instance] == instances[Int(instance)].generation
    }

    /// Starts the consultation among the claimants.
    mutating func startClaim(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        guard let claim = exercise.tasks[Int(instances[i].task)].claim else { return }
        instances[i].requestStage = .claiming
        phase(instance, .legalReview, at: calendar.now)
        calendar.schedule(.requestStep(instance: instance, generation: instances[i].generation), after: claim.delay.sample(streams.mechanisms.claims))
    }

    /// Decides who performs: by the rule, among the claimants with an agency able to perform.
    mutating func decideClaim(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        let task = exercise.tasks[Int(instances[i].task)]
        guard let claim = task.claim else { return }
        let candidates = task.performer.candidates
        let able = claim.jurisdictions.filter { place in candidates.contains { exercise.agencies[$0].jurisdictionIndex == place } }
        instances[i].requestStage = .none
        guard !able.isEmpty else {
            failRequest(instance, at: calendar.now)
            return
        }
        var winner = able[0]
        switch claim.rule {
        case .order: break
        case .custody(let subject):
            if able.contains(subjectAt[subject]) { winner = subjectAt[subject] }
        case .lot:
            winner = able[streams.mechanisms.claims.uniformIndex(below: able.count)]
        }
        guard let chosen = leastLoaded(candidates, where: { exercise.agencies[$0].jurisdictionIndex == winner }) else { return }
        instances[i].performer = Int32(chosen)
        mech.claimDecided[instance] = instances[i].generation
        dispatch(instance, calendar: &calendar)
    }

    // MARK: Listings (UN sanctions lists)

    /// For a request under a listing instrument: granted at once while the designation stands;
    /// waits while one is under way; else this request becomes the designation (returns false).
    mutating func listingHandled(_ instance: Int32, instrument: Int, calendar: inout EventCalendar<Event>) -> Bool {
        let i = Int(instance)
        let now = calendar.now
        if mech.listedUntil[instrument] > now {
            instances[i].requestStage = .none
            record(TraceEvent(time: now, kind: .requestGranted, task: instances[i].task, instance: instance))
            readyAtPerformer(instance, calendar: &calendar)
            return true
        }
        let owner = mech.listingOwner[instrument]
        if owner.instance >= 0, owner.instance != instance, instances[Int(owner.instance)].generation == owner.generation,
           Int(instances[Int(owner.instance)].instrument) == instrument, instances[Int(owner.instance)].requestStage != .none {
            instances[i].requestStage = .awaitingListing
            phase(instance, .legalReview, at: now)
            mech.listingWaiters[instrument].append((instance, instances[i].generation))
            return true
        }
        mech.listingOwner[instrument] = (instance, instances[i].generation)
        return false
    }

    /// The designation is made: it stands until delisted; the waiting requests are granted.
    mutating func listed(_ instrument: Int, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        let delisting = exercise.instruments[instrument].listing?.delisting
        mech.listedUntil[instrument] = delisting.map { now + $0.sample(streams.mechanisms.listing) } ?? .infinity
        mech.listingOwner[instrument] = (-1, 0)
        let waiting = mech.listingWaiters[instrument]
        mech.listingWaiters[instrument].removeAll()
        for (instance, generation) in waiting
        where instances[Int(instance)].generation == generation && instances[Int(instance)].requestStage == .awaitingListing {
            instances[Int(instance)].requestStage = .none
            record(TraceEvent(time: now, kind: .requestGranted, task: instances[Int(instance)].task, instance: instance))
            readyAtPerformer(instance, calendar: &calendar)
        }
    }

    /// The designation was refused: each waiting request takes the instrument's fallback, or fails.
    mutating func listingRefused(_ instrument: Int, calendar: inout EventCalendar<Event>) {
        mech.listingOwner[instrument] = (-1, 0)
        let waiting = mech.listingWaiters[instrument]
        mech.listingWaiters[instrument].removeAll()
        for (instance, generation) in waiting
        where instances[Int(instance)].generation == generation && instances[Int(instance)].requestStage == .awaitingListing {
            let (from, to) = requestJurisdictions(instance)
            if let fallback = exercise.instruments[instrument].fallback, let kind = exercise.tasks[Int(instances[Int(instance)].task)].request,
               exercise.instruments[fallback].applies(from: from, to: to, kind: kind) {
                counters.fallbacks += 1
                instances[Int(instance)].instrument = Int32(fallback)
                draft(instance, calendar: &calendar)
            } else {
                failRequest(instance, at: calendar.now)
            }
        }
    }

    // MARK: Work of private agencies and enriched inputs

    /// The work time of a task after any enrichment; a compliant private agency's deadline is
    /// left in `mech.pendingDeadline` (calendar time from now, applied by `startWork`).
    mutating func mechanismWork(_ work: Double, instance: Int32, agency: Int, capability: Int) -> Double {
        var result = work
        if plan.mechanisms.obligations != nil, let obligation = plan.mechanisms.obligation(agency: agency, capability: capability),
           let stream = streams.mechanisms.obligations[agency] {
            if obligation.voluntaryProbability > 0, stream.uniform() < obligation.voluntaryProbability,
               let voluntary = obligation.voluntaryTime {
                result = voluntary.sample(stream)
            } else if let deadline = obligation.deadline, stream.uniform() < obligation.compliance {
                mech.pendingDeadline = deadline
            }
        }
        if !mech.enriched.isEmpty, let enrichment = mech.enriched[instance], enrichment.generation == instances[Int(instance)].generation {
            result *= enrichment.factor
        }
        return result
    }
}
