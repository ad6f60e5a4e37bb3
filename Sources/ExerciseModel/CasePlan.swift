/// How the plan splits into cases: the main case (index 0), and one background case per
/// repeating inject (index = inject index + 1), whose tasks are instantiated afresh for every
/// occurrence of that inject.
///
/// A task belongs to the case of its triggers, or else of its prerequisites; `problems()`
/// reports tasks that mix cases.
public struct CasePlan: Sendable {
    public static let mainCase = 0

    /// Case of each inject: its own background case if it repeats, else the main case.
    public let caseOfInject: [Int]
    /// Case of each task.
    public let caseOfTask: [Int]
    /// Tasks of each case (index by case), in task order.
    public let tasksOfCase: [[Int]]
    /// Position of each task inside its case's task list.
    public let localIndex: [Int]

    public init(_ exercise: Exercise) {
        let caseOfInject = exercise.injects.enumerated().map { $0.element.repetition == nil ? Self.mainCase : $0.offset + 1 }
        var caseOfTask = [Int](repeating: Self.mainCase, count: exercise.tasks.count)
        // Propagate along prerequisites; a pass per task bounds the work even with cycles.
        for _ in 0...exercise.tasks.count {
            var changed = false
            for (index, task) in exercise.tasks.enumerated() {
                let fromTriggers = task.triggers.map { caseOfInject[$0] }.first { $0 != Self.mainCase }
                let fromPrerequisites = task.prerequisites.map { caseOfTask[$0] }.first { $0 != Self.mainCase }
                let home = fromTriggers ?? fromPrerequisites ?? Self.mainCase
                if caseOfTask[index] != home {
                    caseOfTask[index] = home
                    changed = true
                }
            }
            if !changed { break }
        }
        var tasksOfCase = [[Int]](repeating: [], count: exercise.injects.count + 1)
        var localIndex = [Int](repeating: 0, count: exercise.tasks.count)
        for (task, home) in caseOfTask.enumerated() {
            localIndex[task] = tasksOfCase[home].count
            tasksOfCase[home].append(task)
        }
        self.caseOfInject = caseOfInject
        self.caseOfTask = caseOfTask
        self.tasksOfCase = tasksOfCase
        self.localIndex = localIndex
    }

    /// "the main case" or "the background case of inject 'X'".
    func label(_ caseIndex: Int, in exercise: Exercise) -> String {
        caseIndex == Self.mainCase ? "the main case" : "the background case of inject '\(exercise.injects[caseIndex - 1].id)'"
    }
}

/// The channel used between each ordered pair of agencies at each classification.
///
/// The rule (documented in the scenario format): among the channels whose members include both
/// agencies and whose `max-classification` is at least the information's classification, the
/// one with the lowest expected delay (mean latency + mean handling); ties go to the channel
/// declared first. Precomputed once, so the event loop does an array look-up.
public struct ChannelRouting: Sendable {
    let agencyCount: Int
    /// [from · agencyCount + to][classification] → channel index, or −1.
    let table: [Int32]

    public init(_ exercise: Exercise) {
        let n = exercise.agencies.count
        let levels = Classification.allCases.count
        var table = [Int32](repeating: -1, count: n * n * levels)
        let order = exercise.channels.indices.sorted {
            (exercise.channels[$0].expectedDelay, $0) < (exercise.channels[$1].expectedDelay, $1)
        }
        for channel in order.reversed() {  // best last, so it overwrites the rest
            let members = exercise.channels[channel].members
            let cap = exercise.channels[channel].maxClassification.rawValue
            for a in members {
                for b in members where a != b {
                    for level in 0...cap { table[(a * n + b) * levels + level] = Int32(channel) }
                }
            }
        }
        agencyCount = n
        self.table = table
    }

    /// The channel from `from` to `to` able to carry `classification`, or nil.
    @inline(__always)
    public func channel(from: Int, to: Int, classification: Classification) -> Int? {
        let value = table[(from * agencyCount + to) * Classification.allCases.count + classification.rawValue]
        return value < 0 ? nil : Int(value)
    }
}
