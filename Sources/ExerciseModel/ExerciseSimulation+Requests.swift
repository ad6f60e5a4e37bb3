internal import SimKernel
internal import Stochastics

extension ExerciseSimulation {
    /// A legal request for `instance` from its holder's jurisdiction to its performer's: chosen
    /// instrument, then drafting by the holder's staff.
    mutating func startRequest(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        let task = exercise.tasks[Int(instances.task[i])]
        guard let holder = plan.holder[Int(instances.task[i])], let performer = performer(of: instance), let kind = task.request,
              let instrument = plan.instrument(for: task, from: exercise.agencies[holder].jurisdictionIndex,
                                               to: exercise.agencies[performer].jurisdictionIndex, kind: kind) else {
            failRequest(instance, at: calendar.now)
            return
        }
        instances.instrument[i] = Int32(instrument)
        if instances.offence[i] < 0 { instances.offence[i] = Int32(task.offence ?? exercise.defaultOffence ?? -1) }
        if exercise.instruments[instrument].listing != nil && listingHandled(instance, instrument: instrument, calendar: &calendar) { return }
        draft(instance, calendar: &calendar)
    }

    mutating func draft(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        guard let holder = plan.holder[Int(instances.task[i])] else { return }
        counters.requests += 1
        instances.requestStage[i] = .drafting
        record(TraceEvent(time: calendar.now, kind: .requestSent, agency: Int32(holder), task: instances.task[i], instance: instance))
        queue(token: instance * Self.roles + 1, at: holder, priority: exercise.tasks[Int(instances.task[i])].priority, calendar: &calendar)
    }

    /// Drafted (or re-framed): translated if the two jurisdictions share no language, then sent.
    mutating func requestDrafted(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        let (from, to) = requestJurisdictions(instance)
        if let translation = plan.translationTime(from, to) {
            counters.translations += 1
            instances.requestStage[i] = .translating
            phase(instance, .translation, at: calendar.now)
            calendar.schedule(.requestStep(instance: instance, generation: instances.generation[i]), after: translation.sample(streams.translation))
        } else {
            transmitRequest(instance, calendar: &calendar)
        }
    }

    mutating func transmitRequest(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        instances.requestStage[i] = .transmitting
        phase(instance, .transferLatency, at: calendar.now)
        let transmission = exercise.instruments[Int(instances.instrument[i])].transmission.sample(streams.requests)
        calendar.schedule(.requestStep(instance: instance, generation: instances.generation[i]), after: transmission)
    }

    /// A timed step of the request ended (translation, transmission, a pure-delay review, re-framing).
    mutating func requestStep(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        switch instances.requestStage[i] {
        case .translating:
            transmitRequest(instance, calendar: &calendar)
        case .transmitting:
            review(instance, calendar: &calendar)
        case .reviewing:
            requestReviewed(instance, calendar: &calendar)
        case .reframing:
            requestDrafted(instance, calendar: &calendar)
        case .claiming:
            decideClaim(instance, calendar: &calendar)
        case .none, .drafting, .awaitingListing:
            break
        }
    }

    /// Review on the receiving side: by the least loaded agency of the instrument's reviewer kind
    /// there (its staff and hours), or as a pure delay if there is none.
    mutating func review(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        instances.requestStage[i] = .reviewing
        let instrument = exercise.instruments[Int(instances.instrument[i])]
        let (_, to) = requestJurisdictions(instance)
        if let kind = instrument.reviewer, let reviewer = leastLoaded(plan.agencies(in: to, kind: kind), where: { _ in true }) {
            queue(token: instance * Self.roles + 2, at: reviewer, priority: exercise.tasks[Int(instances.task[i])].priority, calendar: &calendar)
        } else {
            phase(instance, .legalReview, at: calendar.now)
            let (holder, performer) = requestAgencies(instance)
            let time = instrument.review.sample(streams.requests) * pairDelay(of: instance)
                * plan.mechanisms.factor(holder, performer, cut: \.reviewCut)
            calendar.schedule(.requestStep(instance: instance, generation: instances.generation[i]), after: time)
        }
    }

    /// The receiving side decides: dual criminality first (unless waived), then its own refusal
    /// and the pair's willingness. A dual-criminality refusal is answered by re-framing where the
    /// scenario declares one; another refusal by the instrument's fallback; else the request fails.
    mutating func requestReviewed(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        let now = calendar.now
        let instrument = exercise.instruments[Int(instances.instrument[i])]
        let (from, to) = requestJurisdictions(instance)
        let offence = Int(instances.offence[i])
        let listing = instrument.listing != nil ? Int(instances.instrument[i]) : nil
        if instrument.requiresDualCriminality, offence >= 0, !instrument.waivedOffences.contains(offence),
           !exercise.jurisdictions[to].offences.contains(offence),
           !plan.mechanisms.waivesDualCriminality(from, to, places: exercise.jurisdictions.count) {
            counters.dualCriminalityRefusals += 1
            record(TraceEvent(time: now, kind: .requestRefused, task: instances.task[i], instance: instance))
            guard let reframing = plan.reframing(from: offence) else {
                failRequest(instance, at: now)
                if let listing { listingRefused(listing, calendar: &calendar) }
                return
            }
            counters.reframings += 1
            instances.offence[i] = Int32(reframing.to)
            instances.requestStage[i] = .reframing
            phase(instance, .reframing, at: now)
            calendar.schedule(.requestStep(instance: instance, generation: instances.generation[i]), after: reframing.delay.sample(streams.requests))
            return
        }
        let (holder, performer) = requestAgencies(instance)
        let accept = plan.mechanisms.willingness(willingness[from * exercise.jurisdictions.count + to], holder, performer)
            * (1 - instrument.refusalProbability)
        if streams.requests.uniform() >= accept {
            // A refused designation: the requests waiting for it follow this one to the fallback.
            defer { if let listing { listingRefused(listing, calendar: &calendar) } }
            counters.otherRefusals += 1
            record(TraceEvent(time: now, kind: .requestRefused, task: instances.task[i], instance: instance))
            guard let fallback = instrument.fallback, let kind = exercise.tasks[Int(instances.task[i])].request,
                  exercise.instruments[fallback].applies(from: from, to: to, kind: kind) else {
                failRequest(instance, at: now)
                return
            }
            counters.fallbacks += 1
            instances.instrument[i] = Int32(fallback)
            draft(instance, calendar: &calendar)
            return
        }
        instances.requestStage[i] = .none
        record(TraceEvent(time: now, kind: .requestGranted, task: instances.task[i], instance: instance))
        readyAtPerformer(instance, calendar: &calendar)
        if let listing { listed(listing, calendar: &calendar) }
    }

    mutating func failRequest(_ instance: Int32, at time: Double) {
        counters.failedRequests += 1
        instances.failed[Int(instance)] = true
        instances.requestStage[Int(instance)] = .none
        if instances.isMain[Int(instance)] { instances.log[Int(instance)].close(at: time) }
    }

    /// (holder, performer) agencies of the instance's request.
    func requestAgencies(_ instance: Int32) -> (Int, Int) {
        let i = Int(instance)
        return (plan.holder[Int(instances.task[i])] ?? 0, max(0, Int(instances.performer[i])))
    }

    /// (requesting, receiving) jurisdictions of the instance's request.
    func requestJurisdictions(_ instance: Int32) -> (Int, Int) {
        let i = Int(instance)
        let holder = plan.holder[Int(instances.task[i])] ?? 0
        let performer = max(0, Int(instances.performer[i]))
        return (exercise.agencies[holder].jurisdictionIndex, exercise.agencies[performer].jurisdictionIndex)
    }

    /// The willingness pair's delay multiplier for the instance's request (1 when not a request).
    func pairDelay(of instance: Int32) -> Double {
        let (from, to) = requestJurisdictions(instance)
        return delayMultiplier[from * exercise.jurisdictions.count + to]
    }
}
