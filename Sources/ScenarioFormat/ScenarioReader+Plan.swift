internal import ExerciseModel
internal import Stochastics
internal import Yams

extension ScenarioReader {
    static let injectKeys = ["id", "time", "to", "from", "method", "description", "expected-action", "classification", "triggers", "repeat",
                             "originator-control", "effects"]
    static let taskKeys = ["id", "description", "capability", "performer", "after", "trigger", "priority", "classification",
                           "request", "requester", "offence", "instrument", "claim"]
    static let objectiveKeys = ["id", "description", "milestone", "from", "within", "capability", "ratings"]
    static let threatKeys = ["description", "time", "disrupted-by"]

    func readInject(_ node: Node, index: Int) -> InjectDraft? {
        let what = reader.elementName("inject", node, index: index)
        guard let fields = reader.fields(node, key: "injects", what: what, allowed: Self.injectKeys, required: ["id", "time", "to"]) else {
            return nil
        }
        var inject = InjectDraft(source: fields.source)
        inject.id = fields["id"].flatMap { reader.id($0, key: "id") }
        inject.timing = fields["time"].flatMap(readTiming)
        inject.to = fields["to"].flatMap { reader.locatedString($0, key: "to") }
        inject.sender = text(fields, "from")
        inject.method = text(fields, "method")
        inject.description = text(fields, "description")
        inject.expectedAction = text(fields, "expected-action")
        if let node = fields["classification"] {
            inject.classification = reader.choice(node, key: "classification", what: "classification", Self.classifications)
        }
        if let node = fields["triggers"] { inject.triggers = reader.references(node, key: "triggers") ?? [] }
        if let node = fields["repeat"],
           let repetition = reader.fields(node, key: "repeat", what: "'repeat'", allowed: ["every", "count"], required: ["every"]) {
            inject.repeatEvery = .some(repetition["every"].flatMap { reader.distribution($0, key: "every") })
            if let node = repetition["count"] {
                inject.repeatCount = reader.integer(node, key: "count", minimum: 1)
                if inject.repeatCount == nil { inject.repeatEvery = .some(nil) }
            }
        }
        inject.originatorControl = fields["originator-control"].flatMap(readOriginatorControl)
        if let node = fields["effects"] {
            inject.effects = readEffects(node)
            for (index, effect) in inject.effects.enumerated() { inject.source.fields["effects[\(index)]"] = effect.location }
        }
        return inject
    }

    /// `2h` (fixed), a distribution (random), or `{after: OTHER, delay: distribution}`.
    private func readTiming(_ node: Node) -> TimingDraft? {
        if case .mapping = node {
            guard let fields = reader.fields(node, key: "time", what: "'time'", allowed: ["after", "delay"], required: ["after"]),
                  let after = fields["after"].flatMap({ reader.locatedString($0, key: "after") }) else { return nil }
            guard let delay = fields["delay"].map({ reader.distribution($0, key: "delay") }) ?? DistributionSyntax.zero else { return nil }
            return .after(after, delay: delay)
        }
        guard let distribution = reader.distribution(node, key: "time") else { return nil }
        if case .constant(let seconds) = distribution.family { return .fixed(seconds) }
        return .random(distribution)
    }

    func readTask(_ node: Node, index: Int) -> TaskDraft? {
        let what = reader.elementName("task", node, index: index)
        guard let fields = reader.fields(node, key: "plan", what: what, allowed: Self.taskKeys,
                                         required: ["id", "capability", "performer"]) else { return nil }
        var task = TaskDraft(source: fields.source)
        task.id = fields["id"].flatMap { reader.id($0, key: "id") }
        task.description = text(fields, "description")
        task.capability = fields["capability"].flatMap { reader.locatedString($0, key: "capability") }
        task.performer = fields["performer"].flatMap(readPerformer)
        if let node = fields["after"] { task.after = reader.references(node, key: "after") ?? [] }
        if let node = fields["trigger"] { task.trigger = reader.references(node, key: "trigger") ?? [] }
        if let node = fields["priority"] { task.priority = reader.integer(node, key: "priority", minimum: Int.min) ?? 0 }
        if let node = fields["classification"] {
            task.classification = reader.choice(node, key: "classification", what: "classification", Self.classifications)
        }
        if let node = fields["request"], let name = reader.locatedString(node, key: "request") {
            task.requestLocation = name.location
            task.request = requestKind(name).map { Located($0, name.location) }
        }
        task.requester = fields["requester"].flatMap { reader.locatedString($0, key: "requester") }
        task.offence = fields["offence"].flatMap { reader.locatedString($0, key: "offence") }
        task.instrument = fields["instrument"].flatMap { reader.locatedString($0, key: "instrument") }
        if let node = fields["claim"] { task.claim = .some(readClaim(node)) }
        return task
    }

    /// An agency id, `lead`, `{kind: fiu, jurisdiction: BOR}` or `{kind: police, where: S1}`.
    private func readPerformer(_ node: Node) -> PerformerDraft? {
        if case .mapping = node {
            guard let fields = reader.fields(node, key: "performer", what: "'performer'", allowed: ["kind", "jurisdiction", "where"],
                                             required: ["kind"]),
                  let kind = fields["kind"].flatMap({ reader.choice($0, key: "kind", what: "agency kind", Self.agencyKinds) }) else { return nil }
            if let node = fields["where"] {
                guard fields["jurisdiction"] == nil else {
                    sink.error("a performer rule takes 'jurisdiction' or 'where', not both", at: reader.location(node),
                               hint: "'where: <subject>' picks the jurisdiction where the subject is")
                    return nil
                }
                return reader.locatedString(node, key: "where").map { .subject(kind: kind, subject: $0, location: fields.location) }
            }
            let jurisdiction = fields["jurisdiction"].flatMap { reader.locatedString($0, key: "jurisdiction") }
            if fields["jurisdiction"] != nil && jurisdiction == nil { return nil }
            return .selector(kind: kind, jurisdiction: jurisdiction, location: fields.location)
        }
        guard case .scalar = node else {
            reader.typeError("performer", expected: "an agency id, lead, or {kind: …, jurisdiction: …} or {kind: …, where: …}", found: node)
            return nil
        }
        guard let name = reader.locatedString(node, key: "performer") else { return nil }
        return name.value == "lead" ? .lead(name.location) : .agency(name)
    }

    func readObjective(_ node: Node, index: Int) -> ObjectiveDraft? {
        let what = reader.elementName("objective", node, index: index)
        guard let fields = reader.fields(node, key: "objectives", what: what, allowed: Self.objectiveKeys,
                                         required: ["id", "milestone", "within", "capability"]) else { return nil }
        var objective = ObjectiveDraft(source: fields.source)
        objective.id = fields["id"].flatMap { reader.id($0, key: "id") }
        objective.description = text(fields, "description")
        objective.milestone = fields["milestone"].flatMap { readTaskSet($0, key: "milestone") }
        if let node = fields["from"], let from = reader.locatedString(node, key: "from") {
            objective.from = from.value == "start" ? .start : .element(from)
        }
        objective.within = fields["within"].flatMap { reader.duration($0, key: "within") }
        objective.capability = fields["capability"].flatMap {
            reader.choice($0, key: "capability", what: "core capability", Self.coreCapabilities)
        }
        if let node = fields["ratings"] { objective.ratings = readRatings(node) }
        return objective
    }

    /// P/S/M/U thresholds `{s: 1.5, m: 2.0}` with 1 ≤ s ≤ m.
    private func readRatings(_ node: Node) -> RatingThresholds? {
        guard let fields = reader.fields(node, key: "ratings", what: "'ratings'", allowed: ["s", "m"], required: []) else { return nil }
        let standard = RatingThresholds.standard
        guard let s = fields["s"].map({ reader.number($0, key: "s") }) ?? standard.s,
              let m = fields["m"].map({ reader.number($0, key: "m") }) ?? standard.m else { return nil }
        if s < 1 {
            sink.error("'s' must be at least 1 (a multiple of the deadline), found \(NodeReader.format(s))", at: fields.source.location(of: "s"))
            return nil
        }
        if m < s {
            sink.error("'m' must be at least 's' (\(NodeReader.format(s))), found \(NodeReader.format(m))", at: fields.source.location(of: fields["m"] == nil ? "s" : "m"))
            return nil
        }
        return RatingThresholds(s: s, m: m)
    }

    func readThreat(_ node: Node) -> ThreatDraft? {
        guard let fields = reader.fields(node, key: "threat", what: "threat", allowed: Self.threatKeys, required: ["time", "disrupted-by"]) else {
            return nil
        }
        var threat = ThreatDraft(source: fields.source)
        threat.description = text(fields, "description")
        threat.time = fields["time"].flatMap { reader.distribution($0, key: "time") }
        threat.disruptedBy = fields["disrupted-by"].flatMap { readTaskSet($0, key: "disrupted-by") }
        return threat
    }

    /// A task id, or `{all: [t1, t2]}`.
    private func readTaskSet(_ node: Node, key: String) -> [Located<String>]? {
        if case .mapping = node {
            guard let fields = reader.fields(node, key: key, what: "'\(key)'", allowed: ["all"], required: ["all"]),
                  let all = fields["all"], let ids = reader.references(all, key: "all") else { return nil }
            if ids.isEmpty {
                sink.error("'all' needs at least one task id", at: reader.location(all))
                return nil
            }
            return ids
        }
        guard case .scalar = node else {
            reader.typeError(key, expected: "a task id or {all: [task ids]}", found: node)
            return nil
        }
        return reader.locatedString(node, key: key).map { [$0] }
    }

    /// An optional free-text field ("" when absent or empty).
    func text(_ fields: Fields, _ key: String) -> String {
        guard let node = fields[key], !reader.isNull(node) else { return "" }
        return reader.string(node, key: key) ?? ""
    }
}
