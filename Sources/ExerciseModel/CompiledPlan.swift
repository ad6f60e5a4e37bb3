internal import Stochastics

/// The look-up tables a replication needs, computed once per exercise and shared read-only by
/// every replication: who depends on whom, which injects follow which, where each case's tasks
/// sit in an instance block, and which channel carries what between whom.
public struct CompiledPlan: Sendable {
    public let exercise: Exercise
    public let cases: CasePlan
    public let routing: ChannelRouting
    /// Tasks that list each task as a prerequisite.
    let dependents: [[Int32]]
    /// Tasks each inject triggers.
    let triggeredTasks: [[Int32]]
    /// Injects timed relative to each inject (`after:`).
    let followers: [[Int32]]
    /// Inputs each task waits for: its triggers plus its prerequisites.
    let inputCount: [Int32]
    /// Work time of each (agency, capability), flattened: agency · capabilityCount + capability.
    let workTime: [Distribution?]

    public init(_ exercise: Exercise) {
        self.exercise = exercise
        cases = CasePlan(exercise)
        routing = ChannelRouting(exercise)
        var dependents = [[Int32]](repeating: [], count: exercise.tasks.count)
        var triggered = [[Int32]](repeating: [], count: exercise.injects.count)
        for (index, task) in exercise.tasks.enumerated() {
            for prerequisite in task.prerequisites { dependents[prerequisite].append(Int32(index)) }
            for trigger in task.triggers { triggered[trigger].append(Int32(index)) }
        }
        var followers = [[Int32]](repeating: [], count: exercise.injects.count)
        for (index, inject) in exercise.injects.enumerated() {
            if case .after(let previous, _) = inject.timing { followers[previous].append(Int32(index)) }
        }
        self.dependents = dependents
        triggeredTasks = triggered
        self.followers = followers
        inputCount = exercise.tasks.map { Int32($0.triggers.count + $0.prerequisites.count) }
        let capabilityCount = exercise.capabilities.count
        var work = [Distribution?](repeating: nil, count: exercise.agencies.count * capabilityCount)
        for (agency, entry) in exercise.agencies.enumerated() {
            for (capability, distribution) in entry.workTime.enumerated() where capability < capabilityCount {
                work[agency * capabilityCount + capability] = distribution
            }
        }
        workTime = work
    }

    /// Number of tasks in case `caseIndex` (the size of one instance block).
    func blockSize(_ caseIndex: Int) -> Int { cases.tasksOfCase[caseIndex].count }
}
