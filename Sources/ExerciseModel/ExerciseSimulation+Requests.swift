internal import SimKernel
internal import Stochastics

extension ExerciseSimulation {
    /// A legal request for `instance` from its holder's jurisdiction to its performer's: chosen
    /// instrument, then drafting by the holder's staff.
    mutating func startRequest(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        let task = exercise.tasks[Int(instances[i].task)]
        guard let holder = plan.holder[Int(instances[i].task)], let performer = performer(of: instance), let kind = task.request,
              let instrument = plan.instrument(for: task, from: exercise.agencies[holder].jurisdictionIndex,
                                               to: exercise.agencies[performer].jurisdictionIndex, kind: kind) else {
            failRequest(instance, at: calendar.now)
            return
        }
        instances[i].instrument = Int32(instrument)
        if instances[i].offence < 0 { instances[i].offence = Int32(task.offence ?? exercise.defaultOffence ?? -1) }
        if exercise.instruments[instrument].listing != nil && listingHandled(instance, instrument: instrument, calendar: &calendar) { return }
        draft(instance, calendar: &calendar)
    }

    mutating func draft(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        guard let holder = plan.holder[Int(instances[i].task)] else { return }
        counters.requests += 1
        instances[i].requestStage = .drafting
        record(TraceEvent(time: calendar.now, kind: .requestSent, agency: Int32(holder), task: instances[i].task, instance: instance))
        queue(token: instance * Self.roles + 1, at: holder, priority: exercise.tasks[Int(instances[i].task)].priority, calendar: &calendar)
    }

    /// Drafted (or re-framed): translated if the two jurisdictions share no language, then sent.
    mutating func requestDrafted(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        let (from, to) = requestJurisdictions(instance)
        if let translation = plan.translationTime(from, to) {
            counters.translations += 1
            instances[i].requestStage = .translating
            phase(instance, .translation, at: calendar.now)
            calendar.schedule(.requestStep(instance: instance, generation: instances[i].generation), after: translation.sample(streams.translation))
        } else {
            transmitRequest(instance, calendar: &calendar)
        }
    }

    mutating func transmitRequest(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        instances[i].requestStage = .transmitting
        phase(instance, .transferLatency, at: calendar.now)
        let transmission = exercise.instruments[Int(instances[i].instrument)].transmission.sample(streams.requests)
        calendar.schedule(.requestStep(instance: instance, generation: instances[i].generation), after: transmission)
    }

    /// A timed step of the request ended (translation, transmission, a pure-delay review, re-framing).
    mutating func requestStep(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        switch instances[i].requestStage {
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
        instances[i].requestStage = .reviewing
        let instrument = exercise.instruments[Int(instances[i].instrument)]
        let (_, to) = requestJurisdictions(instance)
        if let kind = instrument.reviewer, let reviewer = leastLoaded(plan.agencies(in: to, kind: kind), where: { _ in true }) {
            queue(token: instance * Self.roles + 2, at: reviewer, priority: exercise.tasks[Int(instances[i].task)].priority, calendar: &calendar)
        } else {
            phase(instance, .legalReview, at: calendar.now)
            let (holder, performer) = requestAgencies(instance)
            let time = instrument.review.sample(streams.requests) * pairDelay(of: instance)
                * plan.mechanisms.factor(holder, performer, cut: \.reviewCut)
            calendar.schedule(.requestStep(instance: instance, generation: instances[i].generation), after: time)
        }
    }

    /// The receiving side decides: dual criminality first (unless waived), then its own refusal
    /// and the pair's willingness. A dual-criminality refusal is answered by re-framing where the
    /// scenario declares one; another refusal by the instrument's fallback; else the request fails.
    mutating func requestReviewed(_ instance: Int32, calendar: inout EventCalendar<Event>) {
        let i = Int(instance)
        let now = calendar.now
        let instrument = exercise.instruments[Int(instances[i].instrument)]
        let (from, to) = requestJurisdictions(instance)
        let offence = Int(instances[i].offence)
        let listing = instrument.listing != nil ? Int(instances[i].instrument) : nil
        if instrument.requiresDualCriminality, offence >= 0, !instrument.waivedOffences.contains(offence),
           !exercise.jurisdictions[to].offences.contains(offence),
           !plan.mechanisms.waivesDualCriminality(from, to, places: exercise.jurisdictions.count) {
            counters.dualCriminalityRefusals += 1
            record(TraceEvent(time: now, kind: .requestRefused, task: instances[i].task, instance: instance))
            guard let reframing = plan.reframing(from: offence) else {
                failRequest(instance, at: now)
                if let listing { listingRefused(listing, calendar: &calendar) }
                return
            }
            counters.reframings += 1
            instances[i].offence = Int32(reframing.to)
            instances[i].requestStage = .reframing
            phase(instance, .reframing, at: now)
            calendar.schedule(.requestStep(instance: instance, generation: instances[i].generation), after: reframing.delay.sample(streams.requests))
            return
        }
        let (holder, performer) = requestAgencies(instance)
        let accept = plan.mechanisms.willingness(willingness[from * exercise.jurisdictions.count + to], holder, performer)
            * (1 - instrument.refusalProbability)
        if streams.requests.uniform() >= accept {
            // A refused designation: the requests waiting for it follow this one to the fallback.
            defer { if let listing { listingRefused(listing, calendar: &calendar) } }
            counters.otherRefusals += 1
            record(TraceEvent(time: now, kind: .requestRefused, task: instances[i].task, instance: instance))
            guard let fallback = instrument.fallback, let kind = exercise.tasks[Int(instances[i].task)].request,
                  exercise.instruments[fallback].applies(from: from, to: to, kind: kind) else {
                failRequest(instance, at: now)
                return
            }
            counters.fallbacks += 1
            instances[i].instrument = Int32(fallback)
            draft(instance, calendar: &calendar)
            return
        }
        instances[i].requestStage = .none
        record(TraceEvent(time: now, kind: .requestGranted, task: instances[i].task, instance: instance))
        readyAtPerformer(instance, calendar: &calendar)
        if let listing { listed(listing, calendar: &calendar) }
    }

    mutating func failRequest(_ instance: Int32, at time: Double) {
        counters.failedRequests += 1
        instances[Int(instance)].failed = true
        instances[Int(instance)].requestStage = .none
        if instances[Int(instance)].isMain { instances.log[Int(instance)].close(at: time) }
    }

    /// (holder, performer) agencies of the instance's request.
    func requestAgencies(_ instance: Int32) -> (Int, Int) {
        let i = Int(instance)
        return (plan.holder[Int(instances[i].task)] ?? 0, max(0, Int(instances[i].performer)))
    }

    /// (requesting, receiving) jurisdictions of the instance's request.
    func requestJurisdictions(_ instance: Int32) -> (Int, Int) {
        let i = Int(instance)
        let holder = plan.holder[Int(instances[i].task)] ?? 0
        let performer = max(0, Int(instances[i].performer))
        return (exercise.agencies[holder].jurisdictionIndex, exercise.agencies[performer].jurisdictionIndex)
    }

    /// The willingness pair's delay multiplier for the instance's request (1 when not a request).
    func pairDelay(of instance: Int32) -> Double {
        let (from, to) = requestJurisdictions(instance)
        return delayMultiplier[from * exercise.jurisdictions.count + to]
    }
}
