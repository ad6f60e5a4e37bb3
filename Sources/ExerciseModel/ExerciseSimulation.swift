internal import SimKernel
internal import Stochastics

/// The exercise as a `SimulationModel`: injects deliver information, tasks wait for their
/// inputs, queue for staff and work, and their outputs travel over channels to the agencies
/// performing the tasks that depend on them.
///
/// Task instances live in blocks: block 0 holds the main case (one instance per main task);
/// every occurrence of a repeating inject gets a fresh block for its background case, freed
/// when all its tasks are done. All state is in flat arrays of integers and doubles.
struct ExerciseSimulation<Trace: TraceRecorder>: SimulationModel {
    enum Event {
        case injectFires(inject: Int32, occurrence: Int32)
        case workDone(instance: Int32)
        case retry(message: Int32)
        case delivered(message: Int32)
        case attack
    }

    let plan: CompiledPlan
    let streams: ReplicationStreams
    var trace: Trace

    var pools: [ServerPool]
    var tasksCompleted: [Int]
    // Task instances.
    var instanceTask: [Int32] = []
    var instancePending: [Int32] = []
    var instancePerformer: [Int32] = []
    var instanceBase: [Int32] = []
    /// Per block (indexed by its base instance): tasks not yet completed.
    var blockRemaining: [Int32] = []
    /// First instance of the main case's block (allocated first, so 0).
    var mainBase: Int32 = 0
    var freeBlocks: [[Int32]]
    // Messages in flight.
    var messageChannel: [Int32] = []
    var messageFrom: [Int32] = []
    var messageTo: [Int32] = []
    var messageInstance: [Int32] = []
    var messageSentAt: [Double] = []
    var messageAttempts: [Int32] = []
    var freeMessages: [Int32] = []
    // Outcomes.
    var mainCompletion: [Double?]
    var injectFired: [Double?]
    var attackAt: Double = .infinity
    var channelStats: [ChannelOutcome]
    var channelLatency: [WelfordAccumulator]
    var backgroundCases = 0

    init(plan: CompiledPlan, streams: ReplicationStreams, trace: Trace) {
        self.plan = plan
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
    }

    var exercise: Exercise { plan.exercise }

    /// Creates the main case, schedules the injects with absolute times and the attack, and
    /// makes ready the main tasks that wait for nothing.
    mutating func start(calendar: inout EventCalendar<Event>) {
        mainBase = allocateBlock(case: CasePlan.mainCase)
        let base = mainBase
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
        if let threat = exercise.threat {
            attackAt = threat.time.sample(streams.threat)
            if attackAt <= exercise.horizon { calendar.schedule(.attack, at: attackAt) }
        }
        for task in plan.cases.tasksOfCase[CasePlan.mainCase] where plan.inputCount[task] == 0 {
            becomeReady(base + Int32(plan.cases.localIndex[task]), calendar: &calendar)
        }
    }

    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        switch event {
        case .injectFires(let inject, let occurrence):
            injectFires(Int(inject), occurrence: Int(occurrence), calendar: &calendar)
        case .workDone(let instance):
            workDone(instance, calendar: &calendar)
        case .retry(let message):
            attempt(message, calendar: &calendar)
        case .delivered(let message):
            delivered(message, calendar: &calendar)
        case .attack:
            trace.record(TraceEvent(time: calendar.now, kind: .attack))
        }
    }

    // MARK: Injects

    mutating func injectFires(_ index: Int, occurrence: Int, calendar: inout EventCalendar<Event>) {
        let inject = exercise.injects[index]
        let now = calendar.now
        trace.record(TraceEvent(time: now, kind: .injectFired, agency: Int32(inject.receiver), inject: Int32(index)))
        if occurrence == 0 {
            injectFired[index] = now
            for follower in plan.followers[index] {
                if case .after(_, let delay) = exercise.injects[Int(follower)].timing {
                    calendar.schedule(.injectFires(inject: follower, occurrence: 0), after: delay.sample(streams.injectTiming[Int(follower)]))
                }
            }
        }
        if let repetition = inject.repetition, repetition.count.map({ occurrence + 1 < $0 }) ?? true {
            calendar.schedule(.injectFires(inject: Int32(index), occurrence: Int32(occurrence + 1)),
                              after: repetition.interval.sample(streams.injectTiming[index]))
        }
        let caseIndex = plan.cases.caseOfInject[index]
        let base: Int32
        if caseIndex == CasePlan.mainCase {
            base = mainBase
        } else {
            base = allocateBlock(case: caseIndex)
            backgroundCases += 1
        }
        for task in plan.triggeredTasks[index] {
            deliverInput(to: base + Int32(plan.cases.localIndex[Int(task)]), from: inject.receiver,
                         classification: inject.classification, calendar: &calendar)
        }
    }

    // MARK: Tasks

    /// The instance's performer, chosen on first need: a named agency, or the least loaded
    /// candidate (tasks in work or waiting per staff member; ties to the earlier declared).
    mutating func performer(of instance: Int32) -> Int {
        let assigned = instancePerformer[Int(instance)]
        if assigned >= 0 { return Int(assigned) }
        let chosen: Int
        switch exercise.tasks[Int(instanceTask[Int(instance)])].performer {
        case .agency(let agency):
            chosen = agency
        case .leastLoaded(let candidates):
            var best = candidates[0]
            var bestLoad = Double.infinity
            for candidate in candidates {
                let pool = pools[candidate]
                let load = Double(pool.busy + pool.waitingCount) / Double(pool.capacity)
                if load < bestLoad {
                    best = candidate
                    bestLoad = load
                }
            }
            chosen = best
        }
        instancePerformer[Int(instance)] = Int32(chosen)
        return chosen
    }

    /// An input (inject information or a prerequisite's output) for `instance` is available at
    /// agency `from`: counted at once if that is the performer, else sent over a channel.
    mutating func deliverInput(to instance: Int32, from agency: Int, classification: Classification, calendar: inout EventCalendar<Event>) {
        let receiver = performer(of: instance)
        if receiver == agency {
            inputArrived(instance, calendar: &calendar)
            return
        }
        guard let channel = plan.routing.channel(from: agency, to: receiver, classification: classification) else {
            // Unreachable for a valid exercise: `problems()` rejects every pair of possible
            // sender and performer that no channel connects at this classification.
            return
        }
        send(instance: instance, from: agency, to: receiver, channel: channel, calendar: &calendar)
    }

    mutating func inputArrived(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        instancePending[Int(instance)] -= 1
        if instancePending[Int(instance)] == 0 { becomeReady(instance, calendar: &calendar) }
    }

    mutating func becomeReady(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let agency = performer(of: instance)
        let task = Int(instanceTask[Int(instance)])
        trace.record(TraceEvent(time: calendar.now, kind: .taskReady, agency: Int32(agency), task: Int32(task), instance: instance))
        if pools[agency].request(Int(instance), priority: exercise.tasks[task].priority, at: calendar.now) {
            startWork(instance, agency: agency, calendar: &calendar)
        }
    }

    mutating func startWork(_ instance: Int32, agency: Int, calendar: inout EventCalendar<Event>) {
        let task = Int(instanceTask[Int(instance)])
        trace.record(TraceEvent(time: calendar.now, kind: .taskStarted, agency: Int32(agency), task: Int32(task), instance: instance))
        let capability = exercise.tasks[task].capability
        let work = plan.workTime[agency * exercise.capabilities.count + capability]?.sample(streams.work[agency]) ?? 0
        calendar.schedule(.workDone(instance: instance), after: work)
    }

    mutating func workDone(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let agency = Int(instancePerformer[Int(instance)])
        let task = Int(instanceTask[Int(instance)])
        let now = calendar.now
        trace.record(TraceEvent(time: now, kind: .taskCompleted, agency: Int32(agency), task: Int32(task), instance: instance))
        tasksCompleted[agency] += 1
        if let (next, _) = pools[agency].release(at: now) {
            startWork(Int32(next), agency: agency, calendar: &calendar)
        }
        let base = instanceBase[Int(instance)]
        let caseIndex = plan.cases.caseOfTask[task]
        if caseIndex == CasePlan.mainCase { mainCompletion[task] = now }
        let classification = exercise.tasks[task].classification
        for dependent in plan.dependents[task] {
            deliverInput(to: base + Int32(plan.cases.localIndex[Int(dependent)]), from: agency,
                         classification: classification, calendar: &calendar)
        }
        blockRemaining[Int(base)] -= 1
        if blockRemaining[Int(base)] == 0 && caseIndex != CasePlan.mainCase {
            freeBlocks[caseIndex].append(base)
        }
    }

    // MARK: Messages

    mutating func send(instance: Int32, from: Int, to: Int, channel: Int, calendar: inout EventCalendar<Event>) {
        let message: Int32
        if let free = freeMessages.popLast() {
            message = free
            let m = Int(message)
            messageChannel[m] = Int32(channel)
            messageFrom[m] = Int32(from)
            messageTo[m] = Int32(to)
            messageInstance[m] = instance
            messageSentAt[m] = calendar.now
            messageAttempts[m] = 0
        } else {
            message = Int32(messageChannel.count)
            messageChannel.append(Int32(channel))
            messageFrom.append(Int32(from))
            messageTo.append(Int32(to))
            messageInstance.append(instance)
            messageSentAt.append(calendar.now)
            messageAttempts.append(0)
        }
        channelStats[channel].messages += 1
        trace.record(TraceEvent(time: calendar.now, kind: .messageSent, agency: Int32(from), peer: Int32(to),
                                task: instanceTask[Int(instance)], instance: instance, channel: Int32(channel), message: message))
        attempt(message, calendar: &calendar)
    }

    /// One transmission attempt. A failed attempt is noticed and repeated after the channel's
    /// retry delay; after the last allowed attempt fails, the message is lost.
    mutating func attempt(_ message: Int32, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        let channelIndex = Int(messageChannel[m])
        let channel = exercise.channels[channelIndex]
        messageAttempts[m] += 1
        if channel.failureProbability > 0 && streams.channelFailures[channelIndex].uniform() < channel.failureProbability {
            channelStats[channelIndex].failedAttempts += 1
            if Int(messageAttempts[m]) < channel.maxAttempts {
                trace.record(traceOf(message, kind: .attemptFailed, at: calendar.now))
                calendar.schedule(.retry(message: message), after: channel.retryDelay.sample(streams.channelDelays[channelIndex]))
            } else {
                channelStats[channelIndex].lost += 1
                trace.record(traceOf(message, kind: .messageLost, at: calendar.now))
                freeMessages.append(message)
            }
            return
        }
        let delays = streams.channelDelays[channelIndex]
        calendar.schedule(.delivered(message: message), after: channel.latency.sample(delays) + channel.handling.sample(delays))
    }

    mutating func delivered(_ message: Int32, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        let channel = Int(messageChannel[m])
        channelStats[channel].delivered += 1
        channelLatency[channel].add(calendar.now - messageSentAt[m])
        trace.record(traceOf(message, kind: .messageDelivered, at: calendar.now))
        freeMessages.append(message)
        inputArrived(messageInstance[m], calendar: &calendar)
    }

    func traceOf(_ message: Int32, kind: TraceKind, at time: Double) -> TraceEvent {
        let m = Int(message)
        return TraceEvent(time: time, kind: kind, agency: messageFrom[m], peer: messageTo[m], task: instanceTask[Int(messageInstance[m])],
                          instance: messageInstance[m], channel: messageChannel[m], message: message)
    }

    // MARK: Blocks

    /// A block of instances for one occurrence of `caseIndex`, reused when one is free.
    mutating func allocateBlock(case caseIndex: Int) -> Int32 {
        let tasks = plan.cases.tasksOfCase[caseIndex]
        let base: Int32
        if let free = freeBlocks[caseIndex].popLast() {
            base = free
        } else {
            base = Int32(instanceTask.count)
            for task in tasks {
                instanceTask.append(Int32(task))
                instancePending.append(0)
                instancePerformer.append(-1)
                instanceBase.append(base)
                blockRemaining.append(0)
            }
        }
        // A case without tasks (a repeating inject that triggers nothing) has an empty block.
        guard !tasks.isEmpty else { return base }
        for (offset, task) in tasks.enumerated() {
            let instance = Int(base) + offset
            instancePending[instance] = plan.inputCount[task]
            instancePerformer[instance] = -1
        }
        blockRemaining[Int(base)] = Int32(tasks.count)
        return base
    }
}
