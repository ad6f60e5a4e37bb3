internal import ExerciseModel
internal import Stochastics
internal import Yams

/// Subjects, and what injects carry besides information: originator control and effects.
extension ScenarioReader {
    static let subjectKeys = ["id", "description", "starts-in", "itinerary", "moves"]
    static let effectKinds = ["cooperation", "outage", "staffing", "subject-moves"]

    func readSubject(_ node: Node, index: Int) -> SubjectDraft? {
        let what = reader.elementName("subject", node, index: index)
        guard let fields = reader.fields(node, key: "subjects", what: what, allowed: Self.subjectKeys, required: ["id", "starts-in"]) else {
            return nil
        }
        var subject = SubjectDraft(source: fields.source)
        subject.id = fields["id"].flatMap { reader.id($0, key: "id") }
        subject.description = text(fields, "description")
        subject.startsIn = fields["starts-in"].flatMap { reader.locatedString($0, key: "starts-in") }
        if fields["itinerary"] != nil && fields["moves"] != nil {
            sink.error("\(what) has both 'itinerary' and 'moves'", at: fields.source.location(of: "moves"),
                       hint: "give either a fixed itinerary or random moves")
            subject.movementValid = false
        } else if let node = fields["itinerary"], let items = reader.sequence(node, key: "itinerary") {
            var stops: [(time: Distribution?, to: Located<String>?)] = []
            for item in items {
                guard let stop = reader.fields(item, key: "itinerary", what: "an itinerary stop", allowed: ["at", "to"],
                                               required: ["at", "to"]) else {
                    subject.movementValid = false
                    continue
                }
                stops.append((stop["at"].flatMap { reader.distribution($0, key: "at") },
                              stop["to"].flatMap { reader.locatedString($0, key: "to") }))
            }
            subject.movement = .itinerary(stops)
        } else if let node = fields["moves"] {
            guard let moves = reader.fields(node, key: "moves", what: "'moves'", allowed: ["every", "among"], required: ["every"]) else {
                subject.movementValid = false
                return subject
            }
            let among = moves["among"].flatMap { reader.references($0, key: "among") }
            if moves["among"] != nil && among == nil { subject.movementValid = false }
            subject.movement = .random(interval: moves["every"].flatMap { reader.distribution($0, key: "every") }, among: among)
        } else if fields["itinerary"] != nil {
            subject.movementValid = false
        }
        return subject
    }

    /// `{originator: AGENCY, decision: distribution, refusal: probability}`.
    func readOriginatorControl(_ node: Node) -> OriginatorControlDraft? {
        guard let fields = reader.fields(node, key: "originator-control", what: "'originator-control'",
                                         allowed: ["originator", "decision", "refusal"], required: ["decision"]) else { return nil }
        var control = OriginatorControlDraft(location: fields.location)
        control.originator = fields["originator"].flatMap { reader.locatedString($0, key: "originator") }
        control.decision = fields["decision"].flatMap { reader.distribution($0, key: "decision") }
        if let node = fields["refusal"] { control.refusal = reader.probability(node, key: "refusal") }
        return control
    }

    /// A list of effects, each a mapping with one key: `cooperation`, `outage`, `staffing` or `subject-moves`.
    func readEffects(_ node: Node) -> [EffectDraft] {
        guard let items = reader.sequence(node, key: "effects") else { return [] }
        return items.map { item in
            var effect = EffectDraft(location: reader.location(item))
            guard let fields = reader.fields(item, key: "effects", what: "an effect", allowed: Self.effectKinds, required: []) else {
                return effect
            }
            guard fields.values.count == 1, let only = fields.values.first else {
                let given = Self.effectKinds.filter { fields[$0] != nil }
                if given.count > 1 || (given.isEmpty && fields.node.isEmptyMapping) {
                    sink.error("an effect has exactly one of \(Self.effectKinds.joined(separator: ", ")), found \(given.count)",
                               at: fields.location, hint: given.count > 1 ? "write each effect as its own list item" : nil)
                }
                return effect
            }
            effect.kind = readEffect(only.key, only.value)
            return effect
        }
    }

    private func readEffect(_ name: String, _ node: Node) -> EffectDraft.Kind? {
        switch name {
        case "cooperation":
            guard let fields = reader.fields(node, key: name, what: "a cooperation effect", allowed: Self.cooperationKeys,
                                             required: ["between"]) else { return nil }
            guard fields["willingness"] != nil || fields["delay-multiplier"] != nil else {
                sink.error("a cooperation effect needs 'willingness' or 'delay-multiplier'", at: fields.location)
                return nil
            }
            return .cooperation(between: fields["between"].flatMap { reader.pair($0, key: "between", of: "jurisdictions") },
                                willingness: fields["willingness"].flatMap { reader.probability($0, key: "willingness") },
                                delayMultiplier: fields["delay-multiplier"].flatMap { reader.positive($0, key: "delay-multiplier") })
        case "outage":
            guard let fields = reader.fields(node, key: name, what: "an outage", allowed: ["channel", "for"],
                                             required: ["channel", "for"]) else { return nil }
            return .outage(channel: fields["channel"].flatMap { reader.locatedString($0, key: "channel") },
                           duration: fields["for"].flatMap { reader.distribution($0, key: "for") })
        case "staffing":
            guard let fields = reader.fields(node, key: name, what: "a staffing change", allowed: ["agency", "staff", "for"],
                                             required: ["agency", "staff"]) else { return nil }
            return .staffing(agency: fields["agency"].flatMap { reader.locatedString($0, key: "agency") },
                             staff: fields["staff"].flatMap { reader.integer($0, key: "staff", minimum: 0) },
                             duration: fields["for"].flatMap { reader.distribution($0, key: "for") })
        default:
            guard let fields = reader.fields(node, key: name, what: "a subject move", allowed: ["subject", "to"],
                                             required: ["subject", "to"]) else { return nil }
            return .subjectMoves(subject: fields["subject"].flatMap { reader.locatedString($0, key: "subject") },
                                 to: fields["to"].flatMap { reader.locatedString($0, key: "to") })
        }
    }
}

extension Node {
    /// True for `{}`; false for a mapping whose keys were all rejected (already reported).
    var isEmptyMapping: Bool {
        if case .mapping(let mapping) = self { return mapping.count == 0 }
        return false
    }
}
