/// One passing of the case between agencies on an objective's critical path: the output of
/// `fromTask`, done at `fromAgency`, travelled to `toAgency` on its way to `toTask`. A step of
/// the path can hold two: to the requester that collects a legal request's inputs, then from it
/// to the performer abroad (`isRequest`).
public struct PathHandoff: Sendable, Hashable {
    /// Task indices in `Exercise.tasks`.
    public var fromTask: Int32
    public var toTask: Int32
    /// Agency indices in `Exercise.agencies`; always different.
    public var fromAgency: Int32
    public var toAgency: Int32
    /// True when the case crossed as a legal request (a request task's holder to its performer
    /// in another jurisdiction), false for a message over a channel.
    public var isRequest: Bool

    public init(fromTask: Int32, toTask: Int32, fromAgency: Int32, toAgency: Int32, isRequest: Bool) {
        self.fromTask = fromTask
        self.toTask = toTask
        self.fromAgency = fromAgency
        self.toAgency = toAgency
        self.isRequest = isRequest
    }
}

extension ExerciseSimulation {
    /// The handoffs on the critical path from the trigger at `from` to the milestone `tasks`,
    /// earliest first.
    ///
    /// Walks the path the way `attribute(milestone:from:to:)` does (from the milestone task that
    /// completed last, back through the input that arrived last at each task) and, for each
    /// step whose input was sent at or after `from`, records the output's way from its task's
    /// performer to the next task's holder (if another agency) and on to its performer (if
    /// another again). Main-case instances only; steps with an unknown performer are skipped.
    func criticalHandoffs(milestone tasks: [Int], from: Double) -> [PathHandoff] {
        guard let last = tasks.max(by: { (mainCompletion[$0] ?? 0, $0) < (mainCompletion[$1] ?? 0, $1) }) else { return [] }
        var handoffs: [PathHandoff] = []
        // One allocation per objective and replication (the walk rarely finds more than 8).
        handoffs.reserveCapacity(8)
        var current = mainBase + Int32(plan.cases.localIndex[last])
        while case .instance(let previous) = instances[Int(current)].origin {
            let i = Int(current)
            let sent = instances.log[i].segments.first?.start ?? mainCompletion[Int(instances[i].task)] ?? from
            if sent < from { break }
            let fromAgency = instances[Int(previous)].performer, performer = instances[i].performer
            if fromAgency >= 0 && performer >= 0 {
                let fromTask = instances[Int(previous)].task, toTask = instances[i].task
                let holder = plan.holder[Int(toTask)].map(Int32.init) ?? performer
                // Latest first; reversed at the end.
                if holder != performer {
                    let crossing = exercise.agencies[Int(holder)].jurisdictionIndex != exercise.agencies[Int(performer)].jurisdictionIndex
                    handoffs.append(PathHandoff(fromTask: fromTask, toTask: toTask, fromAgency: holder, toAgency: performer,
                                                isRequest: exercise.tasks[Int(toTask)].request != nil && crossing))
                }
                if fromAgency != holder {
                    handoffs.append(PathHandoff(fromTask: fromTask, toTask: toTask, fromAgency: fromAgency, toAgency: holder, isRequest: false))
                }
            }
            current = previous
        }
        handoffs.reverse()
        return handoffs
    }
}
