internal import Foundation

/// A part of an exercise that a problem is about, so the scenario layer can point at its source.
public enum ModelElement: Sendable, Equatable {
    case agency(Int)
    case channel(Int)
    case inject(Int)
    case task(Int)
    case objective(Int)
    case threat
    case jurisdiction(Int)
    case instrument(Int)
    case subject(Int)
}

/// A semantic error in an exercise that parsing alone cannot find (cycles, missing channels…).
public struct ModelProblem: Sendable, Equatable, CustomStringConvertible {
    /// The element at fault.
    public var element: ModelElement
    /// The field of that element the problem is about (`after`, `performer`, …), as in the file.
    public var field: String
    /// What is wrong.
    public var message: String
    /// How to fix it, where one can say.
    public var hint: String?

    public init(element: ModelElement, field: String, message: String, hint: String? = nil) {
        self.element = element
        self.field = field
        self.message = message
        self.hint = hint
    }

    public var description: String { message + (hint.map { " (\($0))" } ?? "") }
}

extension Exercise {
    /// Every semantic problem of the exercise, in a stable order (empty when it can run).
    ///
    /// Checks: prerequisite cycles (naming the cycle), cycles of relative inject times, performers
    /// lacking the task's capability, pairs of agencies that must exchange information with no
    /// channel able to carry its classification, and the rules of repeating (background) injects.
    public func problems() -> [ModelProblem] {
        var problems: [ModelProblem] = []
        problems += prerequisiteCycles()
        problems += injectTimingCycles()
        problems += capabilityProblems()
        problems += channelProblems()
        problems += backgroundCaseProblems()
        problems += handoffProblems()
        return problems
    }

    func prerequisiteCycles() -> [ModelProblem] {
        // Depth-first search with colours; each cycle is reported once, at its first task.
        var state = [UInt8](repeating: 0, count: tasks.count)  // 0 new, 1 on stack, 2 done
        var stack: [Int] = []
        var problems: [ModelProblem] = []
        func visit(_ task: Int) {
            state[task] = 1
            stack.append(task)
            for next in tasks[task].prerequisites {
                if state[next] == 1, let start = stack.firstIndex(of: next) {
                    let cycle = stack[start...].map { tasks[$0].id } + [tasks[next].id]
                    problems.append(ModelProblem(
                        element: .task(next), field: "after",
                        message: "prerequisites form a cycle: \(cycle.joined(separator: " → "))",
                        hint: "a task cannot wait, directly or indirectly, for itself"))
                } else if state[next] == 0 {
                    visit(next)
                }
            }
            stack.removeLast()
            state[task] = 2
        }
        for task in tasks.indices where state[task] == 0 { visit(task) }
        return problems
    }

    func injectTimingCycles() -> [ModelProblem] {
        var problems: [ModelProblem] = []
        for start in injects.indices {
            var seen: [Int] = [start]
            var current = start
            while case .after(let previous, _) = injects[current].timing {
                if previous == start {
                    let names = seen.map { injects[$0].id } + [injects[start].id]
                    problems.append(ModelProblem(
                        element: .inject(start), field: "time",
                        message: "inject times refer to each other in a cycle: \(names.joined(separator: " → "))",
                        hint: "anchor one of them to a fixed time"))
                    break
                }
                if seen.contains(previous) { break }  // a cycle not through `start`: reported at its own members
                seen.append(previous)
                current = previous
            }
        }
        return problems
    }

    func capabilityProblems() -> [ModelProblem] {
        var problems: [ModelProblem] = []
        for (index, task) in tasks.enumerated() {
            for agency in task.performer.candidates where !agencies[agency].has(capability: task.capability) {
                let able = agencies.filter { $0.has(capability: task.capability) }.map(\.id)
                problems.append(ModelProblem(
                    element: .task(index), field: "performer",
                    message: "agency '\(agencies[agency].id)' lacks the capability '\(capabilities[task.capability])' that task '\(task.id)' needs",
                    hint: able.isEmpty ? "no agency has this capability; add it to one under 'capabilities'"
                                       : "agencies with it: \(able.joined(separator: ", "))"))
            }
        }
        return problems
    }

    func channelProblems() -> [ModelProblem] {
        let routing = ChannelRouting(self)
        var problems: [ModelProblem] = []
        func check(from senders: [Int], to receivers: [Int], classification: Classification, task: Int, field: String, what: String) {
            for sender in senders {
                for receiver in receivers where sender != receiver {
                    guard routing.channel(from: sender, to: receiver, classification: classification) == nil else { continue }
                    let connecting = channels.filter { $0.connects(sender, receiver) }
                    let hint = connecting.isEmpty
                        ? "add a channel connecting '\(agencies[sender].id)' and '\(agencies[receiver].id)'"
                        : "channels connecting them carry at most \(connecting.map(\.maxClassification).max()?.name ?? "")"
                    problems.append(ModelProblem(
                        element: .task(task), field: field,
                        message: "\(what) must travel from '\(agencies[sender].id)' to '\(agencies[receiver].id)' at \(classification.name), but no channel connects them at that classification",
                        hint: hint))
                }
            }
        }
        for (index, task) in tasks.enumerated() {
            let holder = Self.holder(of: task, lead: lead)
            let receivers = holder.map { [$0] } ?? task.performer.candidates
            for prerequisite in task.prerequisites {
                check(from: tasks[prerequisite].performer.candidates, to: receivers,
                      classification: tasks[prerequisite].classification, task: index, field: "after",
                      what: "the output of '\(tasks[prerequisite].id)'")
            }
            for trigger in task.triggers {
                check(from: [injects[trigger].receiver], to: receivers, classification: injects[trigger].classification,
                      task: index, field: "trigger", what: "inject '\(injects[trigger].id)'")
            }
            if let holder {
                // Dispatch from the holder: by message, unless a legal instrument carries it.
                let direct = task.performer.candidates.filter {
                    task.request == nil || agencies[$0].jurisdictionIndex == agencies[holder].jurisdictionIndex
                }
                check(from: [holder], to: direct, classification: task.classification, task: index, field: "performer",
                      what: "the case of '\(task.id)'")
            }
        }
        return problems
    }

    func backgroundCaseProblems() -> [ModelProblem] {
        let cases = CasePlan(self)
        var problems: [ModelProblem] = []
        for (index, task) in tasks.enumerated() {
            let home = cases.caseOfTask[index]
            for prerequisite in task.prerequisites where cases.caseOfTask[prerequisite] != home {
                problems.append(ModelProblem(
                    element: .task(index), field: "after",
                    message: "task '\(task.id)' mixes work of different cases: '\(tasks[prerequisite].id)' belongs to \(cases.label(cases.caseOfTask[prerequisite], in: self)), '\(task.id)' to \(cases.label(home, in: self))",
                    hint: "tasks of a repeating inject form a case of their own and may depend only on each other"))
            }
            for trigger in task.triggers where cases.caseOfInject[trigger] != home {
                problems.append(ModelProblem(
                    element: .task(index), field: "trigger",
                    message: "task '\(task.id)' is triggered by inject '\(injects[trigger].id)' of \(cases.label(cases.caseOfInject[trigger], in: self)) but belongs to \(cases.label(home, in: self))",
                    hint: "a task may be triggered by injects of one case only"))
            }
        }
        for (index, objective) in objectives.enumerated() {
            for task in objective.milestone where cases.caseOfTask[task] != CasePlan.mainCase {
                problems.append(ModelProblem(
                    element: .objective(index), field: "milestone",
                    message: "objective '\(objective.id)' measures task '\(tasks[task].id)', which is background work of the repeating inject '\(injects[cases.caseOfTask[task] - 1].id)'",
                    hint: "objectives measure the main case; measure a task that no repeating inject triggers"))
            }
            if case .task(let task) = objective.trigger, cases.caseOfTask[task] != CasePlan.mainCase {
                problems.append(ModelProblem(
                    element: .objective(index), field: "from",
                    message: "objective '\(objective.id)' starts its clock at background task '\(tasks[task].id)'",
                    hint: "start it at an inject or a task of the main case"))
            }
        }
        if let threat {
            for task in threat.disruptedBy where cases.caseOfTask[task] != CasePlan.mainCase {
                problems.append(ModelProblem(
                    element: .threat, field: "disrupted-by",
                    message: "the threat is disrupted by background task '\(tasks[task].id)'",
                    hint: "name a task of the main case"))
            }
        }
        for (index, inject) in injects.enumerated() {
            if inject.repetition != nil, case .after = inject.timing {
                problems.append(ModelProblem(element: .inject(index), field: "repeat",
                    message: "a repeating inject must start at a fixed or random time, not relative to another inject"))
            }
        }
        return problems
    }
}

extension Exercise {
    /// The agency that collects a task's inputs when it is not the performer: the requester (or
    /// the lead) of a legal request or a subject-bound task.
    static func holder(of task: PlanTask, lead: Int?) -> Int? {
        var bound = task.request != nil || task.claim != nil
        if case .subjectLocation = task.performer { bound = true }
        return bound ? (task.requester ?? lead) : nil
    }

    /// Requests with no instrument between the jurisdictions involved, request or subject-bound
    /// tasks with no one to hold them, unknown time zones, more than 64 controlled injects.
    func handoffProblems() -> [ModelProblem] {
        var problems: [ModelProblem] = []
        let plan = CompiledPlanProbe(self)
        for (index, task) in tasks.enumerated() {
            var bound = task.request != nil || task.claim != nil
            if case .subjectLocation = task.performer { bound = true }
            guard bound else { continue }
            guard let holder = Self.holder(of: task, lead: lead) else {
                problems.append(ModelProblem(element: .task(index), field: task.request != nil ? "request" : "performer",
                    message: "task '\(task.id)' needs an agency to send it: name a `requester` or set the exercise's `lead`"))
                continue
            }
            guard let kind = task.request else { continue }
            let from = agencies[holder].jurisdictionIndex
            var reported = Set<Int>()
            for candidate in task.performer.candidates {
                let to = agencies[candidate].jurisdictionIndex
                guard to != from, !reported.contains(to), plan.bestInstrument(from: from, to: to, kind: kind) == nil else { continue }
                reported.insert(to)
                let partial = instruments.filter { $0.parties.contains(from) && $0.parties.contains(to) }.map(\.id)
                problems.append(ModelProblem(
                    element: .task(index), field: "request",
                    message: "no instrument serves \(Self.article(kind.rawValue)) \(kind.rawValue) request from \(jurisdictions[from].id) to \(jurisdictions[to].id) for task '\(task.id)', and no fallback applies",
                    hint: partial.isEmpty ? "declare an instrument (or a diplomatic-note fallback) with both as parties"
                                          : "instruments between them (\(partial.joined(separator: ", "))) do not serve '\(kind.rawValue)'"))
            }
        }
        for (index, jurisdiction) in jurisdictions.enumerated() where !WorkingCalendar.isKnownTimeZone(jurisdiction.timeZone) {
            problems.append(ModelProblem(element: .jurisdiction(index), field: "time-zone",
                                         message: "unknown time zone '\(jurisdiction.timeZone)'", hint: "use an IANA name such as Europe/Berlin"))
        }
        let controlled = injects.filter { $0.originatorControl != nil }.count
        if controlled > 64, let index = injects.indices.filter({ injects[$0].originatorControl != nil }).dropFirst(64).first {
            problems.append(ModelProblem(element: .inject(index), field: "originator-control",
                                         message: "at most 64 injects may carry originator control (this scenario has \(controlled))"))
        }
        return problems
    }
}

extension Exercise {
    /// "a" or "an" before `word` (by its first letter).
    static func article(_ word: String) -> String {
        guard let first = word.first else { return "a" }
        return "aeiou".contains(first) ? "an" : "a"
    }
}

/// Just the instrument choice of `CompiledPlan`, without building its tables.
private struct CompiledPlanProbe {
    let exercise: Exercise
    init(_ exercise: Exercise) { self.exercise = exercise }

    func bestInstrument(from: Int, to: Int, kind: RequestKind) -> Int? {
        exercise.instruments.indices.first { exercise.instruments[$0].applies(from: from, to: to, kind: kind) }
    }
}

extension WorkingCalendar {
    /// True when Foundation knows the IANA time zone `name`.
    static func isKnownTimeZone(_ name: String) -> Bool { TimeZone(identifier: name) != nil }
}
