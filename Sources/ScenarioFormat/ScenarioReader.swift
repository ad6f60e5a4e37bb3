internal import ExerciseModel
internal import Stochastics
internal import Yams

/// Walks the composed YAML tree of a scenario into a `ScenarioDraft`, reporting every error
/// of shape, type and value (not yet of references) in one pass.
struct ScenarioReader {
    let reader: NodeReader
    var sink: DiagnosticSink { reader.sink }

    static let rootKeys = ["exercise", "offences", "jurisdictions", "agencies", "channels", "instruments", "reframing", "cooperation",
                           "translation", "subjects", "injects", "msel", "plan", "objectives", "threat", "agreements",
                           "familiarity"]
    static let exerciseKeys = ["name", "description", "start", "horizon", "seed", "replications", "lead", "offence"]
    static let agencyKeys = ["id", "name", "jurisdiction", "kind", "staff", "capabilities", "hours", "obligations"]
    static let channelKeys = ["id", "name", "kind", "connects", "latency", "handling", "failure", "max-classification", "hours", "time-zone",
                              "hub", "opened-by", "carries-requests"]

    static let agencyKinds = AgencyKind.allCases.map { ($0.rawValue, $0) }
    static let channelKinds = ChannelKind.allCases.map { ($0.rawValue, $0) }
    static let classifications = Classification.allCases.map { ($0.name, $0) }
    static let coreCapabilities = CoreCapability.allCases.map { ($0.rawValue, $0) }

    func read(_ root: Node?) -> ScenarioDraft {
        var draft = ScenarioDraft()
        let start = SourceLocation(path: reader.path, line: 1, column: 1)
        guard let root, !reader.isNull(root) else {
            sink.error("the scenario is empty", at: start, hint: "a scenario needs at least 'exercise' and 'agencies'")
            return draft
        }
        guard case .mapping = root else {
            sink.error("a scenario must be a mapping with keys such as 'exercise' and 'agencies', found \(reader.describe(root))",
                       at: reader.location(root))
            return draft
        }
        guard let fields = reader.fields(root, key: "scenario", what: "the scenario", allowed: Self.rootKeys,
                                         required: ["exercise", "agencies"]) else { return draft }
        if let node = fields["exercise"] { draft.exercise = readExercise(node) }
        if let node = fields["agencies"], let items = reader.sequence(node, key: "agencies") {
            if items.isEmpty { sink.error("'agencies' needs at least one agency", at: reader.location(node)) }
            draft.agencies = items.enumerated().compactMap { readAgency($0.element, index: $0.offset) }
        }
        if let node = fields["channels"], let items = reader.sequence(node, key: "channels") {
            draft.channels = items.enumerated().compactMap { readChannel($0.element, index: $0.offset) }
        }
        if let node = fields["injects"], let items = reader.sequence(node, key: "injects") {
            draft.injects = items.enumerated().compactMap { readInject($0.element, index: $0.offset) }
        }
        if let node = fields["msel"], !reader.isNull(node) {
            draft.msel = reader.references(node, key: "msel") ?? []
        }
        if let node = fields["plan"], let items = reader.sequence(node, key: "plan") {
            draft.tasks = items.enumerated().compactMap { readTask($0.element, index: $0.offset) }
        }
        if let node = fields["objectives"], let items = reader.sequence(node, key: "objectives") {
            draft.objectives = items.enumerated().compactMap { readObjective($0.element, index: $0.offset) }
        }
        if let node = fields["threat"], !reader.isNull(node) { draft.threat = readThreat(node) }
        readHandoffSections(fields, into: &draft)
        readMechanismSections(fields, into: &draft)
        return draft
    }

    private func readExercise(_ node: Node) -> ExerciseDraft {
        var exercise = ExerciseDraft()
        guard let fields = reader.fields(node, key: "exercise", what: "exercise", allowed: Self.exerciseKeys,
                                         required: ["name", "start", "horizon"]) else { return exercise }
        exercise.name = fields["name"].flatMap { reader.string($0, key: "name") }
        exercise.description = text(fields, "description")
        if let node = fields["start"], let text = reader.string(node, key: "start") {
            do {
                exercise.startInstant = try DateTimeSyntax.check(text)
                exercise.start = text
            } catch {
                sink.error(error.message, at: reader.location(node, offset: error.offset), hint: error.hint)
            }
        }
        if let node = fields["horizon"], let horizon = reader.duration(node, key: "horizon") {
            if horizon > 0 { exercise.horizon = horizon } else { sink.error("'horizon' must be longer than 0s", at: reader.location(node)) }
        }
        if let node = fields["seed"], let seed = reader.unsigned(node, key: "seed") { exercise.seed = seed }
        if let node = fields["replications"], let count = reader.integer(node, key: "replications", minimum: 1) {
            exercise.replications = count
        }
        exercise.lead = fields["lead"].flatMap { reader.id($0, key: "lead") }
        exercise.offence = fields["offence"].flatMap { reader.locatedString($0, key: "offence") }
        return exercise
    }

    private func readAgency(_ node: Node, index: Int) -> AgencyDraft? {
        let what = reader.elementName("agency", node, index: index)
        guard let fields = reader.fields(node, key: "agencies", what: what, allowed: Self.agencyKeys,
                                         required: ["id", "jurisdiction", "kind"]) else { return nil }
        var agency = AgencyDraft(source: fields.source)
        agency.id = fields["id"].flatMap { reader.id($0, key: "id") }
        agency.name = fields["name"].flatMap { reader.string($0, key: "name") }
        agency.jurisdiction = fields["jurisdiction"].flatMap { reader.locatedString($0, key: "jurisdiction") }
        agency.kind = fields["kind"].flatMap { reader.choice($0, key: "kind", what: "agency kind", Self.agencyKinds) }
        if let node = fields["staff"] { agency.staff = reader.integer(node, key: "staff", minimum: 1) ?? 1 }
        if let node = fields["capabilities"], !reader.isNull(node) {
            if case .mapping(let mapping) = node {
                for (key, value) in mapping {
                    guard let name = reader.locatedString(key, key: "capabilities"), !reader.placeholders.contains(name.value) else { continue }
                    agency.capabilities.append((name, reader.distribution(value, key: name.value)))
                }
            } else {
                reader.typeError("capabilities", expected: "a mapping of capability names to work times", found: node,
                                 hint: "e.g. capabilities: {assess-tip: triangular(1h, 2h, 6h)}")
            }
        }
        agency.hours = fields["hours"].flatMap { reader.hours($0, key: "hours") }
        if let node = fields["obligations"] { agency.obligations = readObligations(node) }
        return agency
    }

    private func readChannel(_ node: Node, index: Int) -> ChannelDraft? {
        let what = reader.elementName("channel", node, index: index)
        guard let fields = reader.fields(node, key: "channels", what: what, allowed: Self.channelKeys,
                                         required: ["id", "connects", "latency"]) else { return nil }
        var channel = ChannelDraft(source: fields.source)
        channel.id = fields["id"].flatMap { reader.id($0, key: "id") }
        channel.name = fields["name"].flatMap { reader.string($0, key: "name") }
        if let node = fields["kind"] { channel.kind = reader.choice(node, key: "kind", what: "channel kind", Self.channelKinds) }
        channel.connects = fields["connects"].flatMap(readConnects)
        channel.latency = fields["latency"].flatMap { reader.distribution($0, key: "latency") }
        channel.handling = fields["handling"].map { reader.distribution($0, key: "handling") } ?? DistributionSyntax.zero
        if let node = fields["max-classification"] {
            channel.maxClassification = reader.choice(node, key: "max-classification", what: "classification", Self.classifications)
        }
        channel.hours = fields["hours"].flatMap { reader.hours($0, key: "hours") }
        if let node = fields["time-zone"] { channel.timeZone = reader.timeZone(node, key: "time-zone") }
        channel.retryAfter = DistributionSyntax.hour
        if let node = fields["failure"],
           let failure = reader.fields(node, key: "failure", what: "'failure'", allowed: ["probability", "retry-after", "max-attempts"], required: []) {
            if let node = failure["probability"] {
                channel.failureProbability = reader.number(node, key: "probability")
                if let p = channel.failureProbability, !(0...1).contains(p) {
                    sink.error("'probability' must be between 0 and 1, found \(NodeReader.format(p))", at: reader.location(node))
                    channel.failureProbability = nil
                }
            }
            if let node = failure["retry-after"] { channel.retryAfter = reader.distribution(node, key: "retry-after") }
            if let node = failure["max-attempts"] { channel.maxAttempts = reader.integer(node, key: "max-attempts", minimum: 1) }
            for field in ["probability", "retry-after", "max-attempts"] {
                if let location = failure.source.fields[field] { channel.source.fields[field] = location }
            }
        }
        readChannelMechanisms(fields, into: &channel)
        return channel
    }

    /// `[A, B]`, `{kinds: [...], jurisdictions: [...]}` or `all`.
    private func readConnects(_ node: Node) -> ConnectsDraft? {
        let expected = "a list of agency ids, a selector such as {kinds: [police]}, or all"
        switch node {
        case .scalar(let scalar) where scalar.string == "all":
            return .all
        case .sequence:
            guard let ids = reader.references(node, key: "connects") else { return nil }
            if ids.count < 2 {
                sink.error("'connects' needs at least 2 agencies, found \(ids.count)", at: reader.location(node))
                return nil
            }
            return .agencies(ids)
        case .mapping:
            guard let fields = reader.fields(node, key: "connects", what: "the 'connects' selector", allowed: ["kinds", "jurisdictions"],
                                             required: []) else { return nil }
            if fields.values.isEmpty {
                sink.error("a 'connects' selector needs 'kinds' or 'jurisdictions'", at: fields.location)
                return nil
            }
            var kinds: [AgencyKind] = []
            var failed = false
            if let node = fields["kinds"], let names = reader.references(node, key: "kinds") {
                for name in names {
                    if let kind = AgencyKind(rawValue: name.value) {
                        kinds.append(kind)
                    } else {
                        failed = true
                        let all = AgencyKind.allCases.map(\.rawValue)
                        sink.error("unknown agency kind '\(name.value)'", at: name.location,
                                   hint: Suggestions.hint(for: name.value, in: all, fallback: "agency kinds are " + all.joined(separator: ", ")))
                    }
                }
            }
            let jurisdictions = fields["jurisdictions"].flatMap { reader.references($0, key: "jurisdictions") } ?? []
            return failed ? nil : .selector(kinds: kinds, jurisdictions: jurisdictions, location: fields.location)
        default:
            reader.typeError("connects", expected: expected, found: node)
            return nil
        }
    }
}
