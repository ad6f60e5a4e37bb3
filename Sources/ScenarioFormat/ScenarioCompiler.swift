internal import ExerciseModel
internal import Stochastics

/// The ids of one kind of element, in declaration order, with where each was declared.
struct IDTable {
    let kind: String
    private(set) var index: [String: Int] = [:]
    private(set) var locations: [String: SourceLocation] = [:]
    private(set) var ids: [String] = []

    init(kind: String) { self.kind = kind }

    /// Adds `id` as element `position`; reports a duplicate at the second, naming the first's line.
    mutating func add(_ id: Located<String>?, position: Int, sink: DiagnosticSink) {
        guard let id else { return }
        if let first = locations[id.value] {
            sink.error("duplicate \(kind) id '\(id.value)' (first declared at \(first.describe(from: id.location)))", at: id.location)
            return
        }
        index[id.value] = position
        locations[id.value] = id.location
        ids.append(id.value)
    }

    subscript(id: String) -> Int? { index[id] }
}

extension SourceLocation {
    /// "line 12", or "msel.csv:3" when `other` is in another file.
    func describe(from other: SourceLocation) -> String {
        path == other.path ? "line \(line)" : "\(path):\(line)"
    }
}

/// Resolves a `ScenarioDraft`'s names to indices, reporting every dangling or ambiguous
/// reference; then builds the `Exercise` and maps its `problems()` back to the file.
struct ScenarioCompiler {
    let draft: ScenarioDraft
    let sink: DiagnosticSink

    var agencies = IDTable(kind: "agency")
    var channels = IDTable(kind: "channel")
    var injects = IDTable(kind: "inject")
    var tasks = IDTable(kind: "task")
    var objectives = IDTable(kind: "objective")
    var offences = IDTable(kind: "offence")
    /// The declared jurisdictions or, without a `jurisdictions` section, the agencies' labels
    /// in order of first appearance (as `Exercise` numbers its implicit jurisdictions).
    var jurisdictionTable = IDTable(kind: "jurisdiction")
    var instruments = IDTable(kind: "instrument")
    var subjects = IDTable(kind: "subject")
    /// Capability names by first appearance: agencies' capabilities, then the plan's.
    var capabilities: [String] = []
    /// Capabilities at least one agency has.
    var offered: Set<String> = []
    var jurisdictions: [String] { jurisdictionTable.ids }

    init(draft: ScenarioDraft, sink: DiagnosticSink) {
        self.draft = draft
        self.sink = sink
        for (position, offence) in draft.offences.enumerated() { offences.add(offence, position: position, sink: sink) }
        for (position, jurisdiction) in (draft.jurisdictions ?? []).enumerated() {
            jurisdictionTable.add(jurisdiction.id, position: position, sink: sink)
        }
        for (position, agency) in draft.agencies.enumerated() {
            agencies.add(agency.id, position: position, sink: sink)
            if draft.jurisdictions == nil, let label = agency.jurisdiction, jurisdictionTable[label.value] == nil {
                jurisdictionTable.add(label, position: jurisdictionTable.ids.count, sink: sink)
            }
            for capability in agency.capabilities.map(\.name.value) where !offered.contains(capability) {
                offered.insert(capability)
                capabilities.append(capability)
            }
        }
        for (position, channel) in draft.channels.enumerated() { channels.add(channel.id, position: position, sink: sink) }
        for (position, inject) in draft.injects.enumerated() { injects.add(inject.id, position: position, sink: sink) }
        for (position, task) in draft.tasks.enumerated() {
            if let id = task.id, let inject = injects.locations[id.value] {
                sink.error("'\(id.value)' is both an inject id (\(inject.describe(from: id.location))) and a task id", at: id.location,
                           hint: "ids of injects and tasks must be distinct")
            }
            tasks.add(task.id, position: position, sink: sink)
            if let capability = task.capability?.value, !capabilities.contains(capability) { capabilities.append(capability) }
        }
        for (position, objective) in draft.objectives.enumerated() { objectives.add(objective.id, position: position, sink: sink) }
        for (position, instrument) in draft.instruments.enumerated() { instruments.add(instrument.id, position: position, sink: sink) }
        for (position, subject) in draft.subjects.enumerated() { subjects.add(subject.id, position: position, sink: sink) }
    }

    // MARK: References

    func agency(_ reference: Located<String>) -> Int? {
        if let index = agencies[reference.value] { return index }
        sink.error("unknown agency '\(reference.value)'", at: reference.location,
                   hint: Suggestions.hint(for: reference.value, in: agencies.ids, fallback: Suggestions.list("agencies", agencies.ids)))
        return nil
    }

    func task(_ reference: Located<String>, listedIn key: String) -> Int? {
        if let index = tasks[reference.value] { return index }
        if injects[reference.value] != nil {
            sink.error("'\(reference.value)' is an inject, not a task", at: reference.location,
                       hint: key == "after" ? "list injects under 'trigger'" : "'\(key)' takes task ids")
            return nil
        }
        sink.error("unknown task '\(reference.value)'", at: reference.location,
                   hint: Suggestions.hint(for: reference.value, in: tasks.ids, fallback: Suggestions.list("tasks", tasks.ids)))
        return nil
    }

    func inject(_ reference: Located<String>, listedIn key: String) -> Int? {
        if let index = injects[reference.value] { return index }
        if tasks[reference.value] != nil {
            sink.error("'\(reference.value)' is a task, not an inject", at: reference.location,
                       hint: key == "trigger" ? "list prerequisite tasks under 'after'" : "'\(key)' takes inject ids")
            return nil
        }
        sink.error("unknown inject '\(reference.value)'", at: reference.location,
                   hint: Suggestions.hint(for: reference.value, in: injects.ids, fallback: Suggestions.list("injects", injects.ids)))
        return nil
    }

    func jurisdiction(_ reference: Located<String>) -> Bool { jurisdictionIndex(reference) != nil }

    func jurisdictionIndex(_ reference: Located<String>) -> Int? {
        if let index = jurisdictionTable[reference.value] { return index }
        let fallback = Suggestions.list("jurisdictions", jurisdictions) ?? (draft.jurisdictions == nil ? nil : "declare it under 'jurisdictions'")
        sink.error("unknown jurisdiction '\(reference.value)'", at: reference.location,
                   hint: Suggestions.hint(for: reference.value, in: jurisdictions, fallback: fallback))
        return nil
    }

    /// Resolves every reference of a list; nil if any is dangling (each reported).
    func resolve(_ references: [Located<String>], _ one: (Located<String>) -> Int?) -> [Int]? {
        var result: [Int] = []
        var failed = false
        for reference in references {
            if let index = one(reference) {
                if !result.contains(index) { result.append(index) }
            } else {
                failed = true
            }
        }
        return failed ? nil : result
    }

    // MARK: Members and performers

    /// The agencies a channel connects, sorted; nil after an error (reported).
    func members(of channel: ChannelDraft) -> [Int]? {
        guard let connects = channel.connects else { return nil }
        let members: [Int]
        let location: SourceLocation
        switch connects {
        case .all:
            members = Array(draft.agencies.indices)
            location = channel.source.location(of: "connects")
        case .agencies(let ids):
            var seen: [String: SourceLocation] = [:]
            for id in ids {
                if let first = seen[id.value] {
                    sink.error("agency '\(id.value)' is listed twice in 'connects' (first at \(first.describe(from: id.location)))",
                               at: id.location)
                }
                seen[id.value] = seen[id.value] ?? id.location
            }
            return resolve(ids, agency).map { $0.sorted() }
        case .selector(let kinds, let wanted, let at):
            guard wanted.map(jurisdiction).allSatisfy({ $0 }) else { return nil }
            members = draft.agencies.indices.filter { index in
                let agency = draft.agencies[index]
                return (kinds.isEmpty || agency.kind.map(kinds.contains) == true)
                    && (wanted.isEmpty || wanted.contains { $0.value == agency.jurisdiction?.value })
            }
            location = at
        }
        guard members.count >= 2 else {
            let names = members.compactMap { draft.agencies[$0].id?.value }
            let matched = names.isEmpty ? "no agency" : "only " + names.map { "'\($0)'" }.joined(separator: ", ")
            sink.error("'connects' matches \(matched); a channel needs at least 2 agencies", at: location)
            return nil
        }
        return members
    }

    func performer(of task: TaskDraft) -> PerformerRule? {
        guard let performer = task.performer else { return nil }
        switch performer {
        case .agency(let id):
            return agency(id).map { .agency($0) }
        case .lead(let location):
            guard let lead = draft.exercise.lead else {
                sink.error("performer 'lead' needs a lead agency", at: location, hint: "name it under exercise: lead: <agency id>")
                return nil
            }
            return agencies[lead.value].map { .agency($0) }  // an unknown lead is reported once, at exercise.lead
        case .selector(let kind, let wanted, let location):
            if let wanted, !jurisdiction(wanted) { return nil }
            return candidates(of: kind, in: wanted, for: task, at: location).map { .leastLoaded(candidates: $0) }
        case .subject(let kind, let reference, let location):
            let subject = self.subject(reference)
            guard let able = candidates(of: kind, in: nil, for: task, at: location), let subject else { return nil }
            return .subjectLocation(subject: subject, candidates: able)
        }
    }

    /// The agencies of `kind` (in jurisdiction `wanted`, if given) having the task's capability,
    /// in declaration order; nil when there are none (reported) or the capability is unknown.
    private func candidates(of kind: AgencyKind, in wanted: Located<String>?, for task: TaskDraft, at location: SourceLocation) -> [Int]? {
        let place = wanted.map { " in jurisdiction '\($0.value)'" } ?? ""
        let ofKind = draft.agencies.indices.filter { index in
            draft.agencies[index].kind == kind && (wanted == nil || draft.agencies[index].jurisdiction?.value == wanted?.value)
        }
        guard !ofKind.isEmpty else {
            sink.error("no agency of kind '\(kind.rawValue)'\(place)", at: location)
            return nil
        }
        guard let capability = task.capability?.value, offered.contains(capability) else { return nil }
        let able = ofKind.filter { draft.agencies[$0].capabilities.contains { $0.name.value == capability } }
        guard !able.isEmpty else {
            let names = ofKind.compactMap { draft.agencies[$0].id?.value }.joined(separator: ", ")
            sink.error("no agency of kind '\(kind.rawValue)'\(place) has the capability '\(capability)'", at: location,
                       hint: "agencies of that kind: \(names); add '\(capability)' to the capabilities of one of them")
            return nil
        }
        return able
    }
}
