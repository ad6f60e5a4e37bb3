internal import ExerciseModel

extension RunSummary {
    /// A handoff between agencies on an objective's critical path, and how often it was there.
    public struct CriticalHandoff: Codable, Sendable, Equatable {
        /// Task and agency ids as in the scenario.
        public var fromTask: String
        public var toTask: String
        public var fromAgency: String
        public var toAgency: String
        /// `request` (a legal request into another jurisdiction) or `message` (over a channel).
        public var kind: String
        /// Fraction of the replications that reached the milestone whose critical path holds it.
        public var share: Double
    }
}

/// Folds, per objective, the handoffs on the critical path and whether the milestone came
/// before the attack, for `SummaryBuilder`.
struct CriticalPathTally: Sendable {
    /// At most this many handoffs per objective are kept in the summary, the most frequent.
    static let kept = 20

    var counts: [[PathHandoff: Int]]
    var reached: [Int]
    var beforeAttack: [Int]

    init(objectives: Int) {
        counts = Array(repeating: [:], count: objectives)
        reached = Array(repeating: 0, count: objectives)
        beforeAttack = Array(repeating: 0, count: objectives)
    }

    mutating func add(_ outcome: ReplicationOutcome) {
        for (index, objective) in outcome.objectives.enumerated() where index < counts.count {
            if objective.elapsed != nil {
                reached[index] += 1
                // A handoff taken twice on one path counts once.
                let path = outcome.criticalHandoffs.indices.contains(index) ? outcome.criticalHandoffs[index] : []
                for handoff in Set(path) { counts[index][handoff, default: 0] += 1 }
            }
            if let threat = outcome.threat, let at = objective.reachedAt, at < threat.attackAt { beforeAttack[index] += 1 }
        }
    }

    /// Sets each objective's `criticalHandoffs` (most frequent first, ties in task and agency
    /// order) and, with a threat, `probabilityBeforeAttack` with its Wilson interval.
    func fill(_ summary: inout RunSummary, exercise: Exercise, replications: Int, confidence: Double) {
        for index in summary.objectives.indices where index < counts.count {
            let ranked = counts[index].sorted { a, b in
                (-a.value, a.key.fromTask, a.key.toTask, a.key.fromAgency, a.key.toAgency, a.key.isRequest ? 1 : 0)
                    < (-b.value, b.key.fromTask, b.key.toTask, b.key.fromAgency, b.key.toAgency, b.key.isRequest ? 1 : 0)
            }
            summary.objectives[index].criticalHandoffs = ranked.prefix(Self.kept).map { handoff, count in
                RunSummary.CriticalHandoff(fromTask: exercise.tasks[Int(handoff.fromTask)].id, toTask: exercise.tasks[Int(handoff.toTask)].id,
                                           fromAgency: exercise.agencies[Int(handoff.fromAgency)].id,
                                           toAgency: exercise.agencies[Int(handoff.toAgency)].id,
                                           kind: handoff.isRequest ? "request" : "message",
                                           share: Double(count) / Double(max(reached[index], 1)))
            }
            guard exercise.threat != nil else { continue }
            summary.objectives[index].probabilityBeforeAttack = Double(beforeAttack[index]) / Double(max(replications, 1))
            summary.objectives[index].probabilityBeforeAttackInterval =
                ConfidenceInterval.wilson(successes: beforeAttack[index], trials: replications, level: confidence)
        }
    }
}
