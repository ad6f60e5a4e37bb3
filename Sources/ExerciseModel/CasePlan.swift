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

/// The channels usable between each ordered pair of agencies at each classification, best first.
///
/// The rule (documented in the scenario format): among the channels whose members include both
/// agencies and whose `max-classification` is at least the information's classification, the
/// one with the lowest expected delay (mean latency + mean handling) first; ties go to the
/// channel declared first. The rest follow in the same order: a message takes the first one that
/// is not down. Precomputed once into one flat array, so the event loop only slices it.
public struct ChannelRouting: Sendable {
    let agencyCount: Int
    /// For each (from, to, classification) key: start and end offsets into `ranked`.
    let spans: [Int32]
    let ranked: [Int]

    public init(_ exercise: Exercise) {
        let n = exercise.agencies.count
        let levels = Classification.allCases.count
        let order = exercise.channels.indices.sorted {
            (exercise.channels[$0].expectedDelay, $0) < (exercise.channels[$1].expectedDelay, $1)
        }
        var spans = [Int32](repeating: 0, count: n * n * levels * 2)
        var ranked: [Int] = []
        for from in 0..<n {
            for to in 0..<n {
                for level in 0..<levels {
                    let key = ((from * n + to) * levels + level) * 2
                    spans[key] = Int32(ranked.count)
                    if from != to {
                        for channel in order where exercise.channels[channel].maxClassification.rawValue >= level
                            && exercise.channels[channel].connects(from, to) {
                            ranked.append(channel)
                        }
                    }
                    spans[key + 1] = Int32(ranked.count)
                }
            }
        }
        agencyCount = n
        self.spans = spans
        self.ranked = ranked
    }

    /// The channels from `from` to `to` able to carry `classification`, best first.
    @inline(__always)
    public func channels(from: Int, to: Int, classification: Classification) -> ArraySlice<Int> {
        let key = ((from * agencyCount + to) * Classification.allCases.count + classification.rawValue) * 2
        return ranked[Int(spans[key])..<Int(spans[key + 1])]
    }

    /// The best channel from `from` to `to` able to carry `classification`, or nil.
    public func channel(from: Int, to: Int, classification: Classification) -> Int? {
        channels(from: from, to: to, classification: classification).first
    }
}
