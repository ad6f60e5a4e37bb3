internal import ExerciseModel

/// Why a factor path does not name a parameter of the scenario; `offset` is where in the path
/// (in Unicode scalars) the wrong part starts.
struct FactorPathError: Error, Equatable {
    var message: String
    var hint: String?
    var offset: Int
}

/// Resolves a sweep factor's path (`agencies.CAL-MOJ.staff`) into a `SweepFactor` against a
/// compiled exercise. Ids may contain dots, so an id is matched as the longest declared id that
/// the rest of the path starts with (followed by a dot).
enum SweepPaths {
    /// The first part of every path.
    static let sections = ["agencies", "channels", "cooperation", "instruments", "injects", "threat"] + mechanismSections
    static let agencyFields = ["staff", "work"]
    static let channelFields = ["latency", "handling", "retry-after", "failure-probability", "in-service", "hub-work"]
    static let instrumentFields = ["draft", "transmission", "review", "refusal"]
    static let injectFields = ["time", "originator-control"]
    static let cooperationFields = ["willingness", "delay-multiplier"]

    static func resolve(_ path: String, in exercise: Exercise) -> Result<SweepFactor, FactorPathError> {
        let section = path.prefix { $0 != "." }
        let name = String(section)
        guard sections.contains(name) else {
            return .failure(FactorPathError(message: "unknown factor path section '\(name)'",
                                            hint: Suggestions.hint(for: name, in: sections,
                                                                   fallback: "factor paths start with " + list(sections, last: "or")),
                                            offset: 0))
        }
        let restOffset = name.unicodeScalars.count + 1
        let rest = section.endIndex < path.endIndex ? String(path[path.index(after: section.endIndex)...]) : ""
        switch name {
        case "threat":
            guard rest == "time" else {
                return .failure(FactorPathError(message: rest.isEmpty ? "incomplete factor path 'threat'" : "unknown threat factor '\(rest)'",
                                                hint: "the threat's factor is threat.time", offset: rest.isEmpty ? 0 : restOffset))
            }
            guard exercise.threat != nil else {
                return .failure(FactorPathError(message: "the scenario has no threat whose time could be scaled", hint: nil, offset: 0))
            }
            return .success(.threatTime)
        case "cooperation":
            return cooperation(rest, offset: restOffset, exercise)
        case _ where mechanismSections.contains(name):
            return mechanism(name, rest, offset: restOffset, exercise)
        default:
            return element(name, rest, offset: restOffset, exercise)
        }
    }

    private static func element(_ section: String, _ rest: String, offset: Int, _ exercise: Exercise) -> Result<SweepFactor, FactorPathError> {
        let (what, ids, fields): (String, [String], [String])
        switch section {
        case "agencies": (what, ids, fields) = ("agency", exercise.agencies.map(\.id), agencyFields)
        case "channels": (what, ids, fields) = ("channel", exercise.channels.map(\.id), channelFields)
        case "instruments": (what, ids, fields) = ("instrument", exercise.instruments.map(\.id), instrumentFields)
        default: (what, ids, fields) = ("inject", exercise.injects.map(\.id), injectFields)
        }
        let fieldList = section == "agencies" ? "staff, work, work.<capability> and deadline.<capability>" : list(fields, last: "and")
        guard let (index, field) = matchID(rest, ids) else {
            let typed = String(rest.prefix { $0 != "." })
            return .failure(FactorPathError(message: typed.isEmpty ? "incomplete factor path: name a \(what) after '\(section).'" : "unknown \(what) '\(typed)'",
                                            hint: Suggestions.hint(for: typed, in: ids, fallback: Suggestions.list("\(what) ids", ids)),
                                            offset: offset))
        }
        let id = ids[index]
        let fieldOffset = offset + id.unicodeScalars.count + 1
        guard let field else {
            return .failure(FactorPathError(message: "incomplete factor path: name a factor of \(what) '\(id)'",
                                            hint: "\(what) factors are \(fieldList)", offset: offset))
        }
        if let result = mechanismField(section, index: index, field: field, offset: fieldOffset, exercise) { return result }
        switch (section, field) {
        case ("agencies", "staff"): return .success(.agencyStaff(agency: index))
        case ("agencies", "work"):
            guard exercise.agencies[index].workTime.contains(where: { $0 != nil }) else {
                return .failure(FactorPathError(message: "agency '\(id)' has no capabilities whose work time could be scaled", hint: nil, offset: fieldOffset))
            }
            return .success(.agencyWork(agency: index, capability: nil))
        case ("agencies", _) where field.hasPrefix("work."):
            let name = String(field.dropFirst("work.".count))
            let agency = exercise.agencies[index]
            if let capability = exercise.capabilities.firstIndex(of: name), agency.has(capability: capability) {
                return .success(.agencyWork(agency: index, capability: capability))
            }
            let own = exercise.capabilities.indices.filter { agency.has(capability: $0) }.map { exercise.capabilities[$0] }
            return .failure(FactorPathError(message: "agency '\(id)' has no capability '\(name)'",
                                            hint: Suggestions.hint(for: name, in: own, fallback: Suggestions.list("its capabilities", own)),
                                            offset: fieldOffset + "work.".count))
        case ("channels", _):
            if field == "failure-probability" { return .success(.channelFailureProbability(channel: index)) }
            if let time = SweepFactor.ChannelTime(rawValue: field) { return .success(.channelTime(channel: index, time)) }
        case ("instruments", _):
            if field == "refusal" { return .success(.instrumentRefusal(instrument: index)) }
            if let time = SweepFactor.InstrumentTime(rawValue: field) { return .success(.instrumentTime(instrument: index, time)) }
        case ("injects", "time"):
            if case .after(let previous, _) = exercise.injects[index].timing {
                let other = exercise.injects.indices.contains(previous) ? exercise.injects[previous].id : "another inject"
                return .failure(FactorPathError(message: "inject '\(id)' is timed after '\(other)'; only fixed or drawn times can be scaled",
                                                hint: "scale '\(other)''s time instead, or give '\(id)' a time of its own", offset: fieldOffset))
            }
            return .success(.injectTime(inject: index))
        default: break
        }
        return .failure(FactorPathError(message: "unknown \(what) factor '\(field)'",
                                        hint: Suggestions.hint(for: field, in: fields, fallback: "\(what) factors are \(fieldList)"),
                                        offset: fieldOffset))
    }

    private static func cooperation(_ rest: String, offset: Int, _ exercise: Exercise) -> Result<SweepFactor, FactorPathError> {
        let ids = exercise.jurisdictions.map(\.id)
        let shape = "cooperation.<jurisdiction>.<jurisdiction>.willingness (or .delay-multiplier)"
        func unknown(_ text: String, at position: Int) -> FactorPathError {
            let typed = String(text.prefix { $0 != "." })
            return FactorPathError(message: typed.isEmpty ? "incomplete factor path: cooperation factors are \(shape)" : "unknown jurisdiction '\(typed)'",
                                   hint: Suggestions.hint(for: typed, in: ids, fallback: Suggestions.list("jurisdictions", ids)), offset: position)
        }
        guard let (first, afterFirst) = matchID(rest, ids) else { return .failure(unknown(rest, at: offset)) }
        let secondOffset = offset + ids[first].unicodeScalars.count + 1
        guard let afterFirst, let (second, field) = matchID(afterFirst, ids) else {
            return .failure(unknown(afterFirst ?? "", at: afterFirst == nil ? offset : secondOffset))
        }
        guard first != second else {
            return .failure(FactorPathError(message: "a jurisdiction cannot cooperate with itself ('\(ids[first])')",
                                            hint: "name two different jurisdictions", offset: secondOffset))
        }
        let fieldOffset = secondOffset + ids[second].unicodeScalars.count + 1
        switch field {
        case "willingness": return .success(.cooperationWillingness(first, second))
        case "delay-multiplier": return .success(.cooperationDelayMultiplier(first, second))
        case nil:
            return .failure(FactorPathError(message: "incomplete factor path: name willingness or delay-multiplier",
                                            hint: "cooperation factors are \(shape)", offset: secondOffset))
        case let field?:
            return .failure(FactorPathError(message: "unknown cooperation factor '\(field)'",
                                            hint: Suggestions.hint(for: field, in: cooperationFields, fallback: "cooperation factors are willingness and delay-multiplier"),
                                            offset: fieldOffset))
        }
    }

    /// The longest id in `ids` that `text` equals or starts with followed by a dot, and the rest
    /// after that dot (nil when `text` is the id itself).
    static func matchID(_ text: String, _ ids: [String]) -> (index: Int, rest: String?)? {
        var best: (index: Int, rest: String?)?
        var bestLength = -1
        for (index, id) in ids.enumerated() where id.count > bestLength {
            if text == id {
                best = (index, nil)
                bestLength = id.count
            } else if text.hasPrefix(id + ".") {
                best = (index, String(text.dropFirst(id.count + 1)))
                bestLength = id.count
            }
        }
        return best
    }

    /// "a, b, c or d".
    static func list(_ items: [String], last: String) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " \(last) " + (items.last ?? "")
    }
}
