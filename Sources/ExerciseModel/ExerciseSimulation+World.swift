internal import SimKernel
internal import Stochastics

extension ExerciseSimulation {
    /// Applies an inject's effect at the current time.
    mutating func apply(_ effect: InjectEffect, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        let count = exercise.jurisdictions.count
        switch effect {
        case .cooperation(let pair, let newWillingness, let newMultiplier):
            for (a, b) in [(pair.0, pair.1), (pair.1, pair.0)] {
                if let newWillingness { willingness[a * count + b] = newWillingness }
                if let newMultiplier { delayMultiplier[a * count + b] = newMultiplier }
            }
        case .channelOutage(let channel, let duration):
            let end = now + duration.sample(streams.effects)
            channelDownUntil[channel] = max(channelDownUntil[channel], end)
            calendar.schedule(.channelRestored(channel: Int32(channel)), at: channelDownUntil[channel])
        case .staffing(let agency, let staff, let duration):
            // The latest change applies; the declared staff return when the last temporary
            // change ends (a change for good cancels the pending returns).
            setStaff(agency, to: staff, calendar: &calendar)
            if let duration {
                let end = now + duration.sample(streams.effects)
                staffingUntil[agency] = max(staffingUntil[agency], end)
                calendar.schedule(.staffRestored(agency: Int32(agency), staff: Int32(exercise.agencies[agency].staff)), at: end)
            } else {
                staffingUntil[agency] = .infinity
            }
        case .subjectMoves(let subject, let to):
            subjectMoves(subject, to: to, scheduled: false, calendar: &calendar)
        }
    }

    mutating func setStaff(_ agency: Int, to staff: Int, calendar: inout EventCalendar<Event>) {
        for (token, _) in pools[agency].setCapacity(staff, at: calendar.now) {
            startWork(token: Int32(token), calendar: &calendar)
        }
    }

    /// A subject arrives in jurisdiction `to` (for random movement, `scheduled` draws the
    /// destination and the next move). Cases bound to the subject that are being handled in
    /// another jurisdiction are handed off: the work done so far is lost, and the holder
    /// dispatches the case again, to the jurisdiction where the subject now is. Cases waiting for
    /// the subject to come within reach are dispatched.
    mutating func subjectMoves(_ subject: Int, to requested: Int, scheduled: Bool, calendar: inout EventCalendar<Event>) {
        var destination = requested
        if scheduled, case .random(let interval, let among) = exercise.subjects[subject].movement {
            let others = among.filter { $0 != subjectAt[subject] }
            guard !others.isEmpty else { return }
            destination = others[streams.subjects[subject].uniformIndex(below: others.count)]
            calendar.schedule(.subjectMoves(subject: Int32(subject), to: -1, scheduled: true), after: interval.sample(streams.subjects[subject]))
        }
        guard destination >= 0, destination != subjectAt[subject] else { return }
        subjectAt[subject] = destination
        record(TraceEvent(time: calendar.now, kind: .subjectMoved, agency: -1, peer: Int32(destination), task: -1, inject: Int32(subject)))
        for task in plan.tasksBoundTo[subject] {
            for instance in 0..<instances.count where instances[instance].task == Int32(task) {
                let i = Int32(instance)
                guard instances[instance].dispatched, !instances[instance].done, !instances[instance].failed, instances[instance].performer >= 0,
                      exercise.agencies[Int(instances[instance].performer)].jurisdictionIndex != destination else { continue }
                handOff(i, calendar: &calendar)
            }
        }
        let waiting = waitingForSubject[subject]
        waitingForSubject[subject].removeAll()
        for instance in waiting where !instances[Int(instance)].done {
            dispatch(instance, calendar: &calendar)
        }
    }

    /// Abandons what the instance is doing (staff work, a place in a queue, a request or message
    /// in progress) and dispatches it again from its holder.
    mutating func handOff(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        counters.subjectHandoffs += 1
        instances[i].generation &+= 1
        // A dispatch message on its way is abandoned: its journey so far stays on the record.
        let abandoned = instances[i].dispatchMessage
        if abandoned >= 0 {
            instances[i].dispatchMessage = -1
            if instances[i].isMain {
                messages.log[Int(abandoned)].close(at: calendar.now)
                absorbJourney(of: abandoned, into: instance)
                instances.log[i].close(at: calendar.now)
            }
        }
        let token = instances[i].activeToken
        if token >= 0 {
            let agency = Int(instances[i].activeAgency)
            if let handle = instances[i].workHandle {
                calendar.cancel(handle)
                instances[i].workHandle = nil
                if let (next, _) = pools[agency].release(at: calendar.now) { startWork(token: Int32(next), calendar: &calendar) }
            } else {
                _ = pools[agency].withdraw(Int(token), at: calendar.now)
            }
            instances[i].activeToken = -1
        }
        instances[i].performer = -1
        instances[i].requestStage = .none
        instances[i].instrument = -1
        record(TraceEvent(time: calendar.now, kind: .handoff, task: instances[i].task, instance: instance))
        dispatch(instance, calendar: &calendar)
    }
}
