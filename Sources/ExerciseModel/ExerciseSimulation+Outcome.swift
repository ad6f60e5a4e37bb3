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
            return ObjectiveOutcome(triggeredAt: triggeredAt, reachedAt: reachedAt, elapsed: elapsed,
                                    rating: Rating.rate(elapsed: elapsed, deadline: objective.deadline, thresholds: objective.thresholds))
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
        return ReplicationOutcome(replication: replication, taskCompletion: mainCompletion, injectFired: injectFired,
                                  objectives: objectives, threat: threat, agencies: agencies, channels: channels,
                                  events: events, backgroundCases: backgroundCases, endTime: endTime)
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
}
