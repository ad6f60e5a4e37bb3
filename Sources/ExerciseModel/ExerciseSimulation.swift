internal import SimKernel
internal import Stochastics

/// The exercise as a `SimulationModel`.
///
/// Injects deliver information; a task instance collects its inputs at its **holder** (its
/// performer, or for legal requests and subject-bound tasks the requesting agency), is then
/// dispatched to its performer (directly, by a message, or through a legal instrument), queues
/// for staff and works in the performer's hours; its output travels to the holders of the tasks
/// that depend on it. See docs/model-semantics.md.
///
/// Task instances live in blocks: the main case's block, and one block per occurrence of a
/// repeating inject (its background case), freed when all its tasks are done. State is kept in
/// flat arrays; events carry integer ids only.
struct ExerciseSimulation<Trace: TraceRecorder>: SimulationModel {
    enum Event {
        case injectFires(inject: Int32, occurrence: Int32)
        /// Staff work ends: `token` = instance · 3 + role (0 the task, 1 drafting its request,
        /// 2 reviewing its request).
        case workDone(token: Int32)
        /// A message may proceed to its next stage (consent answered, translated, outage over,
        /// retry due).
        case messageStage(message: Int32)
        case delivered(message: Int32)
        /// A legal request moves on: transmitted (to review), or re-framed (to resubmission).
        case requestStep(instance: Int32, generation: Int32)
        case subjectMoves(subject: Int32, to: Int32, scheduled: Bool)
        case channelRestored(channel: Int32)
        case staffRestored(agency: Int32, staff: Int32)
        case attack
    }

    static var roles: Int32 { 3 }

    let plan: CompiledPlan
    /// The compiled exercise, stored (not computed from `plan`) so that reading a field in the
    /// event loop projects into it instead of copying the struct and retaining its arrays.
    let exercise: Exercise
    let streams: ReplicationStreams
    var trace: Trace
    /// The hash of every event recorded so far (see `record(_:)`); the outcome is added at the end.
    var fingerprint = Fingerprint()
    /// State of the opt-in cooperation mechanisms (ExerciseSimulation+Mechanisms.swift).
    var mech: MechanismState

    var pools: [ServerPool]
    var tasksCompleted: [Int]
    var instances = InstanceTable()
    var messages = MessageTable()
    /// Per block (indexed by its base instance): tasks not yet completed.
    var blockRemaining: [Int32] = []
    var freeBlocks: [[Int32]]
    var mainBase: Int32 = 0
    // World state.
    var subjectAt: [Int]
    var channelDownUntil: [Double]
    var willingness: [Double]
    var delayMultiplier: [Double]
    /// Consent per [mark · agencyCount + destination]: when the answer arrives (NaN: not asked)
    /// and whether it is a refusal.
    var consentAnswerAt: [Double]
    var consentRefused: [Bool]
    /// Latest end of the outages of each channel, and of the staffing changes of each agency.
    var staffingUntil: [Double]
    /// Instances waiting for each subject to come within reach.
    var waitingForSubject: [[Int32]]
    // Outcomes.
    var mainCompletion: [Double?]
    var injectFired: [Double?]
    var attackAt: Double = .infinity
    var channelStats: [ChannelOutcome]
    var channelLatency: [WelfordAccumulator]
    var counters = HandoffCounters()
    var backgroundCases = 0

    init(plan: CompiledPlan, streams: ReplicationStreams, trace: Trace) {
        self.plan = plan
        self.exercise = plan.exercise
        self.streams = streams
        self.trace = trace
        let exercise = plan.exercise
        pools = exercise.agencies.map { ServerPool(capacity: $0.staff, discipline: .priority) }
        tasksCompleted = [Int](repeating: 0, count: exercise.agencies.count)
        freeBlocks = [[Int32]](repeating: [], count: exercise.injects.count + 1)
        mainCompletion = [Double?](repeating: nil, count: exercise.tasks.count)
        injectFired = [Double?](repeating: nil, count: exercise.injects.count)
        channelStats = [ChannelOutcome](repeating: ChannelOutcome(messages: 0, delivered: 0, failedAttempts: 0, lost: 0, meanLatency: 0),
                                        count: exercise.channels.count)
        channelLatency = [WelfordAccumulator](repeating: WelfordAccumulator(), count: exercise.channels.count)
        subjectAt = exercise.subjects.map(\.startsIn)
        channelDownUntil = [Double](repeating: -.infinity, count: exercise.channels.count)
        mech = MechanismState(exercise)
        for (channel, closed) in plan.mechanisms.initiallyClosed.enumerated() where closed { channelDownUntil[channel] = .infinity }
        willingness = plan.initialWillingness
        delayMultiplier = plan.initialDelayMultiplier
        consentAnswerAt = [Double](repeating: .nan, count: plan.markedInjects.count * exercise.agencies.count)
        consentRefused = [Bool](repeating: false, count: plan.markedInjects.count * exercise.agencies.count)
        staffingUntil = [Double](repeating: -.infinity, count: exercise.agencies.count)
        waitingForSubject = [[Int32]](repeating: [], count: exercise.subjects.count)
    }


    /// Creates the main case, schedules the injects with absolute times, the subjects' moves and
    /// the attack, and starts the main tasks that wait for nothing.
    mutating func start(calendar: inout EventCalendar<Event>) {
        mainBase = allocateBlock(case: CasePlan.mainCase)
        for (index, inject) in exercise.injects.enumerated() {
            switch inject.timing {
            case .fixed(let time):
                calendar.schedule(.injectFires(inject: Int32(index), occurrence: 0), at: time)
            case .random(let distribution):
                calendar.schedule(.injectFires(inject: Int32(index), occurrence: 0), at: distribution.sample(streams.injectTiming[index]))
            case .after:
                break  // scheduled when the inject it follows fires
            }
        }
        for (index, subject) in exercise.subjects.enumerated() {
            switch subject.movement {
            case .itinerary(let stops):
                for stop in stops {
                    calendar.schedule(.subjectMoves(subject: Int32(index), to: Int32(stop.to), scheduled: false),
                                      at: max(0, stop.time.sample(streams.subjects[index])))
                }
            case .random(let interval, _):
                calendar.schedule(.subjectMoves(subject: Int32(index), to: -1, scheduled: true), after: interval.sample(streams.subjects[index]))
            case nil:
                break
            }
        }
        if let threat = exercise.threat {
            attackAt = threat.time.sample(streams.threat)
            if attackAt <= exercise.horizon { calendar.schedule(.attack, at: attackAt) }
        }
        for task in plan.cases.tasksOfCase[CasePlan.mainCase] where plan.inputCount[task] == 0 {
            let instance = mainBase + Int32(plan.cases.localIndex[task])
            instances[Int(instance)].origin = .start
            allInputsIn(instance, calendar: &calendar)
        }
    }

    /// Every traced event goes through here: it is fed to the fingerprint (always: a few
    /// multiplications on one word of state, no allocation) and handed to the trace recorder.
    @inline(__always)
    mutating func record(_ event: TraceEvent) {
        fingerprint.add(event)
        trace.record(event)
    }

    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        switch event {
        case .injectFires(let inject, let occurrence):
            injectFires(Int(inject), occurrence: Int(occurrence), calendar: &calendar)
        case .workDone(let token):
            workDone(token: token, calendar: &calendar)
        case .messageStage(let message):
            advance(message, calendar: &calendar)
        case .delivered(let message):
            delivered(message, calendar: &calendar)
        case .requestStep(let instance, let generation):
            if generation == instances[Int(instance)].generation { requestStep(instance, calendar: &calendar) }
        case .subjectMoves(let subject, let to, let scheduled):
            subjectMoves(Int(subject), to: Int(to), scheduled: scheduled, calendar: &calendar)
        case .channelRestored(let channel):
            // Only the end of the latest overlapping outage brings the channel back.
            if channelDownUntil[Int(channel)] <= calendar.now { channelDownUntil[Int(channel)] = -.infinity }
        case .staffRestored(let agency, let staff):
            // Only the end of the latest temporary change restores the declared staff.
            if staffingUntil[Int(agency)] <= calendar.now { setStaff(Int(agency), to: Int(staff), calendar: &calendar) }
        case .attack:
            record(TraceEvent(time: calendar.now, kind: .attack))
        }
    }

    // MARK: Injects

    mutating func injectFires(_ index: Int, occurrence: Int, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        let receiver = Int(plan.injectReceiver[index])
        record(TraceEvent(time: now, kind: .injectFired, agency: Int32(receiver), inject: Int32(index)))
        if occurrence == 0 {
            injectFired[index] = now
            for follower in plan.followers[index] {
                if case .after(_, let delay) = exercise.injects[Int(follower)].timing {
                    calendar.schedule(.injectFires(inject: follower, occurrence: 0), after: delay.sample(streams.injectTiming[Int(follower)]))
                }
            }
            for effect in exercise.injects[index].effects { apply(effect, calendar: &calendar) }
        }
        if occurrence + 1 < plan.repeatCount[index] {
            calendar.schedule(.injectFires(inject: Int32(index), occurrence: Int32(occurrence + 1)),
                              after: draw(plan.repeatInterval, index, from: streams.injectTiming, index))
        }
        let caseIndex = plan.cases.caseOfInject[index]
        let base: Int32
        if caseIndex == CasePlan.mainCase {
            base = mainBase
        } else {
            base = allocateBlock(case: caseIndex)
            backgroundCases += 1
        }
        let marks = plan.markOfInject[index]
        let classification = plan.injectClassification[index]
        for position in plan.triggeredTasks.positions(of: index) {
            let instance = base + Int32(plan.cases.localIndex[Int(plan.triggeredTasks[position])])
            sendInput(to: instance, from: receiver, classification: classification, marks: marks,
                      origin: .inject(Int32(index)), calendar: &calendar)
        }
    }

    // MARK: Blocks

    /// A block of instances for one occurrence of `caseIndex`, reused when one is free.
    mutating func allocateBlock(case caseIndex: Int) -> Int32 {
        let tasks = plan.caseTasks.positions(of: caseIndex)
        let base: Int32
        if let free = freeBlocks[caseIndex].popLast() {
            base = free
        } else {
            base = Int32(instances.count)
            for position in tasks {
                instances.append(task: plan.caseTasks[position], base: base, main: caseIndex == CasePlan.mainCase)
                blockRemaining.append(0)
            }
        }
        // A case without tasks (a repeating inject that triggers nothing) has an empty block.
        guard !tasks.isEmpty else { return base }
        for (offset, position) in tasks.enumerated() {
            instances.reset(Int(base) + offset, pending: plan.inputCount[Int(plan.caseTasks[position])])
        }
        blockRemaining[Int(base)] = Int32(tasks.count)
        return base
    }
}
