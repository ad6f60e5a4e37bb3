internal import SimKernel
internal import Stochastics

extension ExerciseSimulation {
    mutating func messagePhase(_ message: Int32, _ category: TimeCategory, at time: Double, hours: HoursOf = .none) {
        if instances.isMain[Int(messages.instance[Int(message)])] {
            messages.log[Int(message)].begin(category, at: time, hours: hours)
        }
    }

    /// Moves a message through its stages: originator consent, translation, transmission (with
    /// outages and retries), until it is in flight. Each stage that takes time schedules
    /// `.messageStage` and returns; the event brings the message back here.
    mutating func advance(_ message: Int32, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        let now = calendar.now
        let from = Int(messages.from[m]), to = Int(messages.to[m])
        if messages.purpose[m] == .dispatch && messages.generation[m] != instances.generation[Int(messages.instance[m])] {
            messages.free.append(message)  // the case was handed off meanwhile: nothing to send
            return
        }
        if messages.stage[m] >= 4 {
            if messages.stage[m] == 4 { atHub(message, calendar: &calendar) }
            return
        }
        if messages.stage[m] == 0 {
            if let mark = consentNeeded(marks: messages.marks[m], from: from, to: to, at: now) {
                let slot = mark * exercise.agencies.count + to
                if consentAnswerAt[slot].isNaN {
                    // Ask: the first recipient holds the relationship with the originator and asks
                    // on everyone's behalf: one message there, the decision, one message back.
                    let inject = exercise.injects[plan.markedInjects[mark]]
                    guard let control = inject.originatorControl else { return }
                    counters.consentRequests += 1
                    consentRefused[slot] = streams.consent.uniform() < control.refusalProbability
                    if consentRefused[slot] { counters.consentRefusals += 1 }
                    consentAnswerAt[slot] = now
                        + delay(from: inject.receiver, to: control.originator, classification: messages.classification[m])
                        + control.decision.sample(streams.consent) * plan.mechanisms.factor(inject.receiver, control.originator, cut: \.consentCut)
                        + delay(from: control.originator, to: inject.receiver, classification: messages.classification[m])
                }
                if consentAnswerAt[slot] > now {
                    // Asked, not yet answered: wait for the answer.
                    messagePhase(message, .consent, at: now)
                    calendar.schedule(.messageStage(message: message), at: consentAnswerAt[slot])
                    return
                }
                // Answered: refused (granted marks are not returned by consentNeeded).
                record(traceOf(message, kind: .messageLost, at: now))
                messages.free.append(message)
                return
            }
            messages.stage[m] = 1
            let j1 = exercise.agencies[from].jurisdictionIndex, j2 = exercise.agencies[to].jurisdictionIndex
            if let translation = plan.translationTime(j1, j2) {
                counters.translations += 1
                messagePhase(message, .translation, at: now)
                calendar.schedule(.messageStage(message: message), after: translation.sample(streams.translation))
                return
            }
        }
        if messages.stage[m] == 1 { messages.stage[m] = 2 }
        transmit(message, calendar: &calendar)
    }

    /// The first mark on the message that still stands between it and `to`: consent not yet
    /// asked, asked and pending, or refused. Consent is needed for anyone but the originator and
    /// the inject's first recipient, unless the originator itself sends.
    /// (`mutating` only so that `self` is passed by reference: called non-mutating from
    /// `advance`, the release build copied the whole simulation, retaining every array, per call.)
    mutating func consentNeeded(marks: UInt64, from: Int, to: Int, at now: Double) -> Int? {
        guard marks != 0 else { return nil }
        for mark in plan.markedInjects.indices where marks & (1 << UInt64(mark)) != 0 {
            let injectIndex = plan.markedInjects[mark]
            guard let originator = exercise.injects[injectIndex].originatorControl?.originator else { continue }
            if from == originator || to == originator || to == exercise.injects[injectIndex].receiver { continue }
            let slot = mark * exercise.agencies.count + to
            if consentAnswerAt[slot].isNaN || consentRefused[slot] || consentAnswerAt[slot] > now { return mark }
        }
        return nil
    }

    /// A drawn one-way delay (latency + handling) over the best channel between two agencies.
    /// (`mutating` for the same reason as `consentNeeded`.)
    mutating func delay(from: Int, to: Int, classification: Classification) -> Double {
        guard from != to, let channel = plan.routing.channels(from: from, to: to, classification: classification).first else { return 0 }
        let stream = streams.channelDelays[channel]
        return exercise.channels[channel].latency.sample(stream) + exercise.channels[channel].handling.sample(stream)
    }

    /// Sends one attempt over the best channel that is up; waits for the first to come back if
    /// all are down. A failed attempt is re-sent after the channel's retry delay; after the last
    /// allowed attempt fails the message is lost.
    mutating func transmit(_ message: Int32, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        let now = calendar.now
        let ranked = plan.routing.channels(from: Int(messages.from[m]), to: Int(messages.to[m]), classification: messages.classification[m])
        // Plain loops rather than closures over `self`: this runs for every message.
        var chosen: Int?
        var back = Double.infinity
        for candidate in ranked {
            if channelDownUntil[candidate] <= now {
                chosen = candidate
                break
            }
            back = min(back, channelDownUntil[candidate])
        }
        guard let channelIndex = chosen else {
            guard back.isFinite else {
                if !ranked.isEmpty { waitForChannel(message, at: now) }
                return
            }
            messagePhase(message, .outage, at: now)
            calendar.schedule(.messageStage(message: message), at: back)
            return
        }
        // Fields are read in place: copying the `Channel` retained its strings and distributions.
        if messages.attempts[m] == 0 {
            channelStats[channelIndex].messages += 1
            messages.channel[m] = Int32(channelIndex)
            record(traceOf(message, kind: .messageSent, at: now))
        }
        messages.channel[m] = Int32(channelIndex)
        messages.attempts[m] += 1
        let failureProbability = exercise.channels[channelIndex].failureProbability
        if failureProbability > 0 && streams.channelFailures[channelIndex].uniform() < failureProbability {
            channelStats[channelIndex].failedAttempts += 1
            if Int(messages.attempts[m]) < exercise.channels[channelIndex].maxAttempts {
                record(traceOf(message, kind: .attemptFailed, at: now))
                messagePhase(message, .retries, at: now)
                calendar.schedule(.messageStage(message: message),
                                  after: exercise.channels[channelIndex].retryDelay.sample(streams.channelDelays[channelIndex]))
            } else {
                channelStats[channelIndex].lost += 1
                record(traceOf(message, kind: .messageLost, at: now))
                messages.free.append(message)
            }
            return
        }
        if exercise.channels[channelIndex].hub != nil && relays(message, over: channelIndex) {
            sendToHub(message, channel: channelIndex, calendar: &calendar)
            return
        }
        messages.stage[m] = 3
        let delays = streams.channelDelays[channelIndex]
        let arrival = plan.channelCalendars[channelIndex].finish(start: now, work: exercise.channels[channelIndex].latency.sample(delays))
        let handling = exercise.channels[channelIndex].handling.sample(delays) * plan.mechanisms.factor(Int(messages.from[m]), Int(messages.to[m]), cut: \.handlingCut)
        let handled = plan.channelCalendars[channelIndex].finish(start: arrival, work: handling)
        messagePhase(message, .transferLatency, at: now, hours: .channel(Int32(channelIndex)))
        guard handled.isFinite else { return }
        messagePhase(message, .handling, at: arrival, hours: .channel(Int32(channelIndex)))
        calendar.schedule(.delivered(message: message), at: max(handled, now))
    }

    mutating func delivered(_ message: Int32, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        let now = calendar.now
        let channel = Int(messages.channel[m])
        channelStats[channel].delivered += 1
        channelLatency[channel].add(now - messages.sentAt[m])
        record(traceOf(message, kind: .messageDelivered, at: now))
        messages.log[m].close(at: now)
        noteEnrichment(message)
        messages.free.append(message)
        let instance = messages.instance[m]
        switch messages.purpose[m] {
        case .input:
            inputArrived(instance, origin: messages.origin[m], inbound: messages.log[m].segments, marks: messages.marks[m], calendar: &calendar)
        case .dispatch:
            guard messages.generation[m] == instances.generation[Int(instance)] else { return }  // abandoned by a handoff
            instances.dispatchMessage[Int(instance)] = -1
            absorbJourney(of: message, into: instance)
            readyAtPerformer(instance, calendar: &calendar)
        }
    }

    /// Copies a dispatch message's (closed) journey onto its instance's record, so the record
    /// stays gap-free whether the case arrived or was handed off on the way.
    mutating func absorbJourney(of message: Int32, into instance: Int32) {
        guard instances.isMain[Int(instance)] else { return }
        for segment in messages.log[Int(message)].segments {
            instances.log[Int(instance)].begin(segment.category, at: segment.start, hours: segment.hours)
        }
    }

    func traceOf(_ message: Int32, kind: TraceKind, at time: Double) -> TraceEvent {
        let m = Int(message)
        return TraceEvent(time: time, kind: kind, agency: messages.from[m], peer: messages.to[m], task: instances.task[Int(messages.instance[m])],
                          instance: messages.instance[m], channel: messages.channel[m], message: message)
    }
}
