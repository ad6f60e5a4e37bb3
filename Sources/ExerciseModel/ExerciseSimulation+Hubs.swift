internal import SimKernel
internal import Stochastics

/// Hub channels: sender → hub over the channel (latency, handling), the hub's staff analyse the
/// piece of information once (queueing, in the hub's hours), hub → receiver over the channel.
/// Message stages: 4 on its way to the hub, 5 at the hub, 6 relayed and on its way to the receiver.
/// Pool tokens of relay work are negative (−1 − relay index), so they never meet task tokens.
extension ExerciseSimulation {
    /// True when the message over `channel` goes through the channel's hub (neither end is the hub).
    func relays(_ message: Int32, over channel: Int) -> Bool {
        guard let hub = exercise.channels[channel].hub else { return false }
        return Int(messages[Int(message)].from) != hub.agency && Int(messages[Int(message)].to) != hub.agency
    }

    /// The first leg: to the hub, arriving after the channel's latency and handling.
    mutating func sendToHub(_ message: Int32, channel: Int, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        guard let hub = exercise.channels[channel].hub else { return }
        messages[m].stage = 4
        carry(message, over: channel, from: Int(messages[m].from), to: hub.agency, then: .messageStage(message: message),
              calendar: &calendar)
    }

    /// The message is at the hub: its piece of information is analysed once; copies wait for it.
    mutating func atHub(_ message: Int32, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        let now = calendar.now
        let channel = Int(messages[m].channel)
        guard let hub = exercise.channels[channel].hub else { return }
        messages[m].stage = 5
        let key = relayKey(message, channel: channel)
        if let existing = mech.relayIndex[key] {
            let r = Int(existing)
            if mech.relays[r].done {
                relayOnward(message, calendar: &calendar)
            } else {
                messagePhase(message, mech.relays[r].working ? .work : .staffWait, at: now,
                             hours: mech.relays[r].working ? .agency(Int32(hub.agency)) : .none)
                mech.relays[r].waiters.append(message)
            }
            return
        }
        let r = Int32(mech.relays.count)
        mech.relays.append(RelayState(channel: Int32(channel), waiters: [message]))
        mech.relayIndex[key] = r
        messagePhase(message, .staffWait, at: now)
        let token = -1 - r
        if pools[hub.agency].request(Int(token), priority: 0, at: now) { startRelay(token: token, calendar: &calendar) }
    }

    /// A hub staff member takes relay `token`.
    mutating func startRelay(token: Int32, calendar: inout EventCalendar<Event>) {
        let r = Int(-1 - token)
        let now = calendar.now
        let channel = Int(mech.relays[r].channel)
        guard let hub = exercise.channels[channel].hub, let stream = streams.mechanisms.hubs[channel] else { return }
        mech.relays[r].working = true
        for waiter in mech.relays[r].waiters { messagePhase(waiter, .work, at: now, hours: .agency(Int32(hub.agency))) }
        let finish = plan.agencyCalendars[hub.agency].finish(start: now, work: hub.work.sample(stream))
        if finish.isFinite { calendar.schedule(.workDone(token: token), at: max(finish, now)) }
    }

    /// The hub's analysis is done: its staff member takes the next job; every copy goes on.
    mutating func relayDone(token: Int32, calendar: inout EventCalendar<Event>) {
        let r = Int(-1 - token)
        let channel = Int(mech.relays[r].channel)
        guard let hub = exercise.channels[channel].hub else { return }
        if let (next, _) = pools[hub.agency].release(at: calendar.now) { startWork(token: Int32(next), calendar: &calendar) }
        mech.relays[r].done = true
        mech.relays[r].working = false
        let waiting = mech.relays[r].waiters
        mech.relays[r].waiters.removeAll()
        for message in waiting { relayOnward(message, calendar: &calendar) }
    }

    /// The second leg: hub → receiver over the channel, then delivered (stage 6 marks enrichment).
    mutating func relayOnward(_ message: Int32, calendar: inout EventCalendar<Event>) {
        let m = Int(message)
        let channel = Int(messages[m].channel)
        guard let hub = exercise.channels[channel].hub else { return }
        messages[m].stage = 6
        carry(message, over: channel, from: hub.agency, to: Int(messages[m].to), then: .delivered(message: message),
              calendar: &calendar)
    }

    /// A relayed input was delivered: the receiving instance's work is scaled by the hub's enrichment.
    mutating func noteEnrichment(_ message: Int32) {
        let m = Int(message)
        guard messages[m].stage == 6, messages[m].purpose == .input, messages[m].channel >= 0,
              let hub = exercise.channels[Int(messages[m].channel)].hub, hub.enrichment != 1 else { return }
        let instance = messages[m].instance
        mech.enriched[instance] = (instances[Int(instance)].generation, hub.enrichment)
    }

    /// The piece of information a message carries: its origin (an instance with its generation,
    /// or an inject occurrence, told apart by the block it feeds) and the hub channel.
    func relayKey(_ message: Int32, channel: Int) -> RelayKey {
        let m = Int(message)
        switch messages[m].origin {
        case .instance(let source):
            return RelayKey(origin: Int64(source), generation: instances[Int(source)].generation, channel: Int32(channel))
        case .inject(let inject):
            let base = instances[Int(messages[m].instance)].base
            return RelayKey(origin: -1 - Int64(inject) * (1 << 32) - Int64(base), generation: instances[Int(base)].generation,
                            channel: Int32(channel))
        case .start:
            return RelayKey(origin: Int64.min + Int64(message), generation: messages[m].generation, channel: Int32(channel))
        }
    }
}
