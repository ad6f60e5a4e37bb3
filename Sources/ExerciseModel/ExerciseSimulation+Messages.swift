internal import SimKernel
internal import Stochastics

extension ExerciseSimulation {
    mutating func messagePhase(_ message: Int32, _ category: TimeCategory, at time: Double, hours: HoursOf = .none) {
        if instances[Int(messages[Int(message)].instance)].isMain {
            messages.log[Int(message)].begin(category, at: time, hours: hours)
        }
    }

    /// Moves a message through its stages: originator consent, translation, transmission (with
    /// outages and retries), until it is in flight. Each stage that takes time schedules
    /// `.messageStage` and returns; the event brings the message back here.
    mutating func advance(_ message: Int32, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        let now = calendar.now
        let from = Int(messages[m].from), to = Int(messages[m].to)
        if messages[m].purpose == .dispatch && messages[m].generation != instances[Int(messages[m].instance)].generation {
            messages.free.append(message)  // the case was handed off meanwhile: nothing to send
            return
        }
        if messages[m].stage >= 4 {
            if messages[m].stage == 4 { atHub(message, calendar: &calendar) }
            return
        }
        if messages[m].stage == 0 {
            if let mark = consentNeeded(marks: messages[m].marks, from: from, to: to, at: now) {
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
                        + delay(from: inject.receiver, to: control.originator, classification: messages[m].classification)
                        + control.decision.sample(streams.consent) * plan.mechanisms.factor(inject.receiver, control.originator, cut: \.consentCut)
                        + delay(from: control.originator, to: inject.receiver, classification: messages[m].classification)
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
            messages[m].stage = 1
            let j1 = exercise.agencies[from].jurisdictionIndex, j2 = exercise.agencies[to].jurisdictionIndex
            if let translation = plan.translationTime(j1, j2) {
                counters.translations += 1
                messagePhase(message, .translation, at: now)
                calendar.schedule(.messageStage(message: message), after: translation.sample(streams.translation))
                return
            }
        }
        if messages[m].stage == 1 { messages[m].stage = 2 }
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
        let ranked = plan.routing.channels(from: Int(messages[m].from), to: Int(messages[m].to), classification: messages[m].classification)
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
        if messages[m].attempts == 0 {
            channelStats[channelIndex].messages += 1
            messages[m].channel = Int32(channelIndex)
            record(traceOf(message, kind: .messageSent, at: now))
        }
        messages[m].channel = Int32(channelIndex)
        messages[m].attempts += 1
        let failureProbability = exercise.channels[channelIndex].failureProbability
        if failureProbability > 0 && streams.channelFailures[channelIndex].uniform() < failureProbability {
            channelStats[channelIndex].failedAttempts += 1
            if Int(messages[m].attempts) < exercise.channels[channelIndex].maxAttempts {
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
        messages[m].stage = 3
        carry(message, over: channelIndex, from: Int(messages[m].from), to: Int(messages[m].to), then: .delivered(message: message),
              calendar: &calendar)
    }

    /// One leg of `message` over `channel`, from agency `from` to `to`: the channel's latency,
    /// then its handling (scaled for the pair), both counted in the channel's hours and recorded
    /// as the message's phases; `next` fires when it is handled. Nothing is scheduled when the
    /// channel never opens again.
    mutating func carry(_ message: Int32, over channel: Int, from: Int, to: Int, then next: Event,
                        calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        let latency = draw(plan.channelLatency, channel, from: streams.channelDelays, channel)
        let arrival = plan.channelCalendars[channel].finish(start: now, work: latency)
        let handling = draw(plan.channelHandling, channel, from: streams.channelDelays, channel)
            * plan.mechanisms.factor(from, to, cut: \.handlingCut)
        let handled = plan.channelCalendars[channel].finish(start: arrival, work: handling)
        messagePhase(message, .transferLatency, at: now, hours: .channel(Int32(channel)))
        guard handled.isFinite else { return }
        messagePhase(message, .handling, at: arrival, hours: .channel(Int32(channel)))
        calendar.schedule(next, at: max(handled, now))
    }

    mutating func delivered(_ message: Int32, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        let now = calendar.now
        let channel = Int(messages[m].channel)
        channelStats[channel].delivered += 1
        channelLatency[channel].add(now - messages[m].sentAt)
        record(traceOf(message, kind: .messageDelivered, at: now))
        messages.log[m].close(at: now)
        noteEnrichment(message)
        messages.free.append(message)
        let instance = messages[m].instance
        switch messages[m].purpose {
        case .input:
            inputArrived(instance, origin: messages[m].origin, inbound: messages.log[m].segments, marks: messages[m].marks, calendar: &calendar)
        case .dispatch:
            guard messages[m].generation == instances[Int(instance)].generation else { return }  // abandoned by a handoff
            instances[Int(instance)].dispatchMessage = -1
            absorbJourney(of: message, into: instance)
            readyAtPerformer(instance, calendar: &calendar)
        }
    }

    /// Copies a dispatch message's (closed) journey onto its instance's record, so the record
    /// stays gap-free whether the case arrived or was handed off on the way.
    mutating func absorbJourney(of message: Int32, into instance: Int32) {
        guard instances[Int(instance)].isMain else { return }
        for segment in messages.log[Int(message)].segments {
            instances.log[Int(instance)].begin(segment.category, at: segment.start, hours: segment.hours)
        }
    }

    func traceOf(_ message: Int32, kind: TraceKind, at time: Double) -> TraceEvent {
        let m = Int(message)
        return TraceEvent(time: time, kind: kind, agency: messages[m].from, peer: messages[m].to, task: instances[Int(messages[m].instance)].task,
                          instance: messages[m].instance, channel: messages[m].channel, message: message)
    }
}
