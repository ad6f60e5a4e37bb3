internal import SimKernel
internal import Stochastics

extension ExerciseSimulation {
    // MARK: Logging (main case only: background work is not attributed)

    mutating func phase(_ instance: Int32, _ category: TimeCategory, at time: Double, hours: HoursOf = .none) {
        if instances[Int(instance)].isMain { instances.log[Int(instance)].begin(category, at: time, hours: hours) }
    }

    // MARK: Inputs

    /// The agency where the instance collects its inputs: its requester (or the lead) for legal
    /// requests and subject-bound tasks, else its performer.
    mutating func holder(of instance: Int32) -> Int? {
        if let fixed = plan.holder[Int(instances[Int(instance)].task)] { return fixed }
        return performer(of: instance)
    }

    /// An input for `instance` is available at `agency`: counted at once if that is the holder,
    /// else sent as a message.
    mutating func sendInput(to instance: Int32, from agency: Int, classification: Classification, marks: UInt64,
                            origin: InputOrigin, calendar: inout EventCalendar<Event>) {
        guard let receiver = holder(of: instance) else { return }
        if receiver == agency {
            inputArrived(instance, origin: origin, inbound: [], marks: marks, calendar: &calendar)
            return
        }
        let message = messages.make(.input, instance: instance, generation: instances[Int(instance)].generation, from: agency,
                                    to: receiver, at: calendar.now, classification: classification, marks: marks, origin: origin)
        advance(message, calendar: &calendar)
    }

    mutating func inputArrived(_ instance: Int32, origin: InputOrigin, inbound: [Segment], marks: UInt64,
                               calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        instances[i].marks |= marks
        if instances[i].isMain {
            instances[i].origin = origin
            instances.inbound[i] = inbound
        }
        instances[i].pending -= 1
        if instances[i].pending == 0 { allInputsIn(instance, calendar: &calendar) }
    }

    /// Every input is at the holder: start the instance's own record and dispatch it.
    mutating func allInputsIn(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        instances[i].dispatched = true
        if instances[i].isMain {
            instances.log[i].reset()
            instances.log[i].prepend(instances.inbound[i])
        }
        dispatch(instance, calendar: &calendar)
    }

    // MARK: Dispatch

    /// Sends the case to its performer: at once if the holder performs it, through a legal
    /// instrument if it is a request crossing a border, else as a message.
    mutating func dispatch(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        // Fields are read one by one: binding the whole task would copy it (names, lists) per dispatch.
        let task = Int(instances[i].task)
        guard let holder = plan.holder[task] else {
            readyAtPerformer(instance, calendar: &calendar)
            return
        }
        if exercise.tasks[task].claim != nil && !claimSettled(instance) {
            startClaim(instance, calendar: &calendar)
            return
        }
        guard let performer = performer(of: instance) else {
            // The subject is where no candidate can act: wait for it to move.
            if case .subjectLocation(let subject, _) = exercise.tasks[task].performer {
                phase(instance, .subjectUnreachable, at: calendar.now)
                waitingForSubject[subject].append(instance)
            }
            return
        }
        let crossing = exercise.agencies[holder].jurisdictionIndex != exercise.agencies[performer].jurisdictionIndex
        if performer == holder {
            readyAtPerformer(instance, calendar: &calendar)
        } else if exercise.tasks[task].request != nil && crossing && !openRequestChannel(holder, performer, at: calendar.now) {
            startRequest(instance, calendar: &calendar)
        } else {
            let message = messages.make(.dispatch, instance: instance, generation: instances[i].generation, from: holder, to: performer,
                                        at: calendar.now, classification: exercise.tasks[task].classification, marks: instances[i].marks,
                                        origin: .instance(instance))
            instances[i].dispatchMessage = message
            advance(message, calendar: &calendar)
        }
    }

    /// The instance's performer, chosen on first need and then fixed (until a handoff): a named
    /// agency, or the least loaded candidate (tasks in work or waiting per staff member; ties to
    /// the earlier candidate), for subject-bound tasks among those where the subject is. Nil
    /// when the subject is where no candidate is.
    mutating func performer(of instance: Int32) -> Int? {
        let assigned = instances[Int(instance)].performer
        if assigned >= 0 { return Int(assigned) }
        let chosen: Int?
        switch exercise.tasks[Int(instances[Int(instance)].task)].performer {
        case .agency(let agency):
            chosen = agency
        case .leastLoaded(let candidates):
            chosen = leastLoaded(candidates) { _ in true }
        case .subjectLocation(let subject, let candidates):
            let place = subjectAt[subject]
            chosen = leastLoaded(candidates) { exercise.agencies[$0].jurisdictionIndex == place }
        }
        if let chosen { instances[Int(instance)].performer = Int32(chosen) }
        return chosen
    }

    func leastLoaded(_ candidates: [Int], where eligible: (Int) -> Bool) -> Int? {
        var best: Int?
        var bestLoad = Double.infinity
        for candidate in candidates where eligible(candidate) {
            let pool = pools[candidate]
            let load = pool.capacity > 0 ? Double(pool.busy + pool.waitingCount) / Double(pool.capacity) : .infinity
            if best == nil || load < bestLoad {
                best = candidate
                bestLoad = load
            }
        }
        return best
    }

    // MARK: Staff and work

    /// The case is at its performer: queue for staff.
    mutating func readyAtPerformer(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        guard let agency = performer(of: instance) else { return }
        let task = Int(instances[Int(instance)].task)
        record(TraceEvent(time: calendar.now, kind: .taskReady, agency: Int32(agency), task: Int32(task), instance: instance))
        queue(token: instance * Self.roles, at: agency, priority: exercise.tasks[task].priority, calendar: &calendar)
    }

    /// Asks `agency` for a staff member for `token` (instance · 3 + role).
    mutating func queue(token: Int32, at agency: Int, priority: Int, calendar: inout EventCalendar<Event>) {
        let instance = token / Self.roles
        instances[Int(instance)].activeToken = token
        instances[Int(instance)].activeAgency = Int32(agency)
        phase(instance, .staffWait, at: calendar.now)
        if pools[agency].request(Int(token), priority: priority, at: calendar.now) {
            startWork(token: token, calendar: &calendar)
        }
    }

    /// A staff member takes `token`: the task itself, drafting its request or reviewing it. The
    /// work elapses only in the agency's working hours.
    mutating func startWork(token: Int32, calendar: inout EventCalendar<Event>) {
        if token < 0 {
            startRelay(token: token, calendar: &calendar)
            return
        }
        let instance = token / Self.roles
        let i = Int(instance)
        let agency = Int(instances[i].activeAgency)
        let task = Int(instances[i].task)
        let now = calendar.now
        let work: Double
        switch token % Self.roles {
        case 0:
            record(TraceEvent(time: now, kind: .taskStarted, agency: Int32(agency), task: Int32(task), instance: instance))
            phase(instance, .work, at: now, hours: .agency(Int32(agency)))
            let capability = exercise.tasks[task].capability
            work = mechanismWork(draw(plan.workTime, agency * exercise.capabilities.count + capability, from: streams.work, agency),
                                 instance: instance, agency: agency, capability: capability)
        case 1:
            phase(instance, .legalReview, at: now, hours: .agency(Int32(agency)))
            work = exercise.instruments[Int(instances[i].instrument)].draft.sample(streams.work[agency])
        default:
            phase(instance, .legalReview, at: now, hours: .agency(Int32(agency)))
            work = exercise.instruments[Int(instances[i].instrument)].review.sample(streams.work[agency]) * pairDelay(of: instance)
                * plan.mechanisms.factor(plan.holder[task] ?? agency, agency, cut: \.reviewCut)
        }
        var finish = plan.agencyCalendars[agency].finish(start: now, work: work)
        if let deadline = mech.pendingDeadline {
            // A compliant private agency finishes by its deadline (calendar time), whatever its hours.
            mech.pendingDeadline = nil
            finish = min(finish, now + deadline)
        }
        if finish.isFinite {
            instances[i].workHandle = calendar.schedule(.workDone(token: token), at: max(finish, now))
        }
    }

    mutating func workDone(token: Int32, calendar: inout EventCalendar<Event>) {
        if token < 0 {
            relayDone(token: token, calendar: &calendar)
            return
        }
        let instance = token / Self.roles
        let i = Int(instance)
        let agency = Int(instances[i].activeAgency)
        instances[i].activeToken = -1
        instances[i].workHandle = nil
        if let (next, _) = pools[agency].release(at: calendar.now) {
            startWork(token: Int32(next), calendar: &calendar)
        }
        switch token % Self.roles {
        case 0: complete(instance, at: agency, calendar: &calendar)
        case 1: requestDrafted(instance, calendar: &calendar)
        default: requestReviewed(instance, calendar: &calendar)
        }
    }

    /// The task is done: record it and send its output on to every dependent.
    mutating func complete(_ instance: Int32, at agency: Int, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        let task = Int(instances[i].task)
        let now = calendar.now
        record(TraceEvent(time: now, kind: .taskCompleted, agency: Int32(agency), task: Int32(task), instance: instance))
        instances[i].done = true
        if instances[i].isMain {
            instances.log[i].close(at: now)
            mainCompletion[task] = now
            if !plan.mechanisms.opensChannels.isEmpty { openChannels(openedBy: task, calendar: &calendar) }
        }
        tasksCompleted[agency] += 1
        let base = instances[i].base
        let classification = exercise.tasks[task].classification
        for position in plan.dependents.positions(of: task) {
            sendInput(to: base + Int32(plan.cases.localIndex[Int(plan.dependents[position])]), from: agency,
                      classification: classification, marks: instances[i].marks, origin: .instance(instance), calendar: &calendar)
        }
        blockRemaining[Int(base)] -= 1
        let caseIndex = plan.cases.caseOfTask[task]
        if blockRemaining[Int(base)] == 0 && caseIndex != CasePlan.mainCase {
            freeBlocks[caseIndex].append(base)
        }
    }
}
