internal import SimKernel

extension ExerciseSimulation {
    /// The replication's record, read off the final state.
    func outcome(replication: Int, endTime: Double, events: Int) -> ReplicationOutcome {
        let objectives = exercise.objectives.map { objective -> ObjectiveOutcome in
            let triggeredAt: Double?
            switch objective.trigger {
            case .exerciseStart: triggeredAt = 0
            case .inject(let inject): triggeredAt = injectFired[inject]
            case .task(let task): triggeredAt = mainCompletion[task]
            }
            let reachedAt = milestone(objective.milestone)
            guard let triggeredAt else {
                return ObjectiveOutcome(triggeredAt: nil, reachedAt: reachedAt, elapsed: nil, rating: .notTriggered)
            }
            let elapsed = reachedAt.map { max(0, $0 - triggeredAt) }
            let attribution = reachedAt.map { attribute(milestone: objective.milestone, from: triggeredAt, to: max($0, triggeredAt)) }
            return ObjectiveOutcome(triggeredAt: triggeredAt, reachedAt: reachedAt, elapsed: elapsed,
                                    rating: Rating.rate(elapsed: elapsed, deadline: objective.deadline, thresholds: objective.thresholds),
                                    attribution: attribution)
        }
        let threat = exercise.threat.map { ThreatOutcome(attackAt: attackAt, disruptedAt: milestone($0.disruptedBy)) }
        let agencies = pools.indices.map { index in
            AgencyOutcome(utilisation: pools[index].utilisation(at: endTime),
                          meanQueueWait: pools[index].waits.mean,
                          tasksStarted: pools[index].waits.count,
                          tasksCompleted: tasksCompleted[index],
                          maxQueueLength: Int(pools[index].queueLength.maximum))
        }
        var channels = channelStats
        for index in channels.indices { channels[index].meanLatency = channelLatency[index].mean }
        var record = ReplicationOutcome(replication: replication, taskCompletion: mainCompletion, injectFired: injectFired,
                                        objectives: objectives, threat: threat, agencies: agencies, channels: channels,
                                        events: events, backgroundCases: backgroundCases, endTime: endTime)
        record.handoffs = counters
        record.criticalHandoffs = zip(exercise.objectives, objectives).map { objective, outcome in
            guard outcome.elapsed != nil, let from = outcome.triggeredAt else { return [] }
            return criticalHandoffs(milestone: objective.milestone, from: from)
        }
        var combined = fingerprint
        combined.add(record)
        record.fingerprint = combined.value
        return record
    }

    /// When all of `tasks` were complete: the latest completion, or nil if one is missing.
    func milestone(_ tasks: [Int]) -> Double? {
        var latest = 0.0
        for task in tasks {
            guard let done = mainCompletion[task] else { return nil }
            latest = max(latest, done)
        }
        return latest
    }

    /// Splits [from, to] along the critical path into time categories.
    ///
    /// The path starts at the milestone task that completed last and walks back through the input
    /// that arrived last at each task (its message's journey included), to an inject or the
    /// start. Each task's record tiles the time from that input's sending to its completion, so
    /// the path tiles the whole interval; the part before `from` is cut off, and time before the
    /// first inject on the path counts as waiting for injects. Stretches under an agency's or a
    /// channel's working hours are split into the category and office-hours waiting.
    func attribute(milestone tasks: [Int], from: Double, to: Double) -> TimeAttribution {
        var attribution = TimeAttribution()
        guard let last = tasks.max(by: { (mainCompletion[$0] ?? 0, $0) < (mainCompletion[$1] ?? 0, $1) }) else { return attribution }
        var cursor = InputOrigin.instance(mainBase + Int32(plan.cases.localIndex[last]))
        var earliest = to
        walk: while true {
            switch cursor {
            case .instance(let instance):
                for segment in instances.log[Int(instance)].segments.reversed() {
                    add(segment, from: from, to: to, into: &attribution)
                    earliest = min(earliest, segment.start)
                }
                cursor = instances[Int(instance)].origin
                if earliest <= from { break walk }
            case .inject(let inject):
                let fired = injectFired[Int(inject)] ?? earliest
                earliest = min(earliest, fired)
                break walk
            case .start:
                earliest = min(earliest, 0)
                break walk
            }
        }
        if earliest > from { attribution[.injects] += earliest - from }
        return attribution
    }

    func add(_ segment: Segment, from: Double, to: Double, into attribution: inout TimeAttribution) {
        let start = max(segment.start, from), end = min(segment.end, to)
        guard end > start else { return }
        let open: Double
        switch segment.hours {
        case .none: open = end - start
        case .agency(let agency): open = plan.agencyCalendars[Int(agency)].openDuration(from: start, to: end)
        case .channel(let channel): open = plan.channelCalendars[Int(channel)].openDuration(from: start, to: end)
        }
        attribution[segment.category] += open
        attribution[.officeHours] += (end - start) - open
    }
}
