internal import ExerciseModel
internal import Stochastics
internal import Yams

/// The jurisdictional sections: offences, jurisdictions, instruments, re-framing, cooperation
/// and translation (subjects are in `ScenarioReader+Subjects`).
extension ScenarioReader {
    static let jurisdictionKeys = ["id", "name", "time-zone", "languages", "holidays", "criminalises", "member-of"]
    static let instrumentKeys = ["id", "name", "kind", "parties", "serves", "dual-criminality", "waived-for", "draft",
                                 "transmission", "review", "reviewer", "refusal", "fallback", "listing"]
    static let cooperationKeys = ["between", "willingness", "delay-multiplier"]

    static let instrumentKinds = InstrumentKind.allCases.map { ($0.rawValue, $0) }
    static let requestKinds = RequestKind.allCases.map { ($0.rawValue, $0) }
    static let reviewerKinds: [(String, AgencyKind?)] = AgencyKind.allCases.map { ($0.rawValue, $0) } + [("none", nil)]
    static let dualCriminality = [("required", true), ("not-required", false)]

    func readHandoffSections(_ fields: Fields, into draft: inout ScenarioDraft) {
        if let node = fields["offences"] { draft.offences = reader.ids(node, key: "offences") ?? [] }
        if let node = fields["jurisdictions"], let items = reader.sequence(node, key: "jurisdictions") {
            draft.jurisdictions = items.enumerated().compactMap { readJurisdiction($0.element, index: $0.offset) }
        }
        if let node = fields["instruments"], let items = reader.sequence(node, key: "instruments") {
            draft.instruments = items.enumerated().compactMap { readInstrument($0.element, index: $0.offset) }
        }
        if let node = fields["reframing"], let items = reader.sequence(node, key: "reframing") {
            draft.reframings = items.compactMap(readReframing)
        }
        if let node = fields["cooperation"], let items = reader.sequence(node, key: "cooperation") {
            draft.cooperation = items.compactMap(readCooperation)
        }
        if let node = fields["translation"], !reader.isNull(node) { draft.translation = readTranslation(node) }
        if let node = fields["subjects"], let items = reader.sequence(node, key: "subjects") {
            draft.subjects = items.enumerated().compactMap { readSubject($0.element, index: $0.offset) }
        }
    }

    private func readJurisdiction(_ node: Node, index: Int) -> JurisdictionDraft? {
        let what = reader.elementName("jurisdiction", node, index: index)
        guard let fields = reader.fields(node, key: "jurisdictions", what: what, allowed: Self.jurisdictionKeys, required: ["id"]) else {
            return nil
        }
        var jurisdiction = JurisdictionDraft(source: fields.source)
        jurisdiction.id = fields["id"].flatMap { reader.id($0, key: "id") }
        jurisdiction.name = fields["name"].flatMap { reader.string($0, key: "name") }
        if let node = fields["time-zone"] { jurisdiction.timeZone = reader.timeZone(node, key: "time-zone") }
        if let node = fields["languages"] { jurisdiction.languages = reader.labels(node, key: "languages") ?? [] }
        if let node = fields["holidays"] { jurisdiction.holidays = reader.holidays(node, key: "holidays") ?? [] }
        if let node = fields["criminalises"] { jurisdiction.criminalises = reader.references(node, key: "criminalises") ?? [] }
        if let node = fields["member-of"] { jurisdiction.memberships = reader.labels(node, key: "member-of") ?? [] }
        return jurisdiction
    }

    private func readInstrument(_ node: Node, index: Int) -> InstrumentDraft? {
        let what = reader.elementName("instrument", node, index: index)
        guard let fields = reader.fields(node, key: "instruments", what: what, allowed: Self.instrumentKeys,
                                         required: ["id", "kind", "parties", "serves"]) else { return nil }
        var instrument = InstrumentDraft(source: fields.source)
        instrument.id = fields["id"].flatMap { reader.id($0, key: "id") }
        instrument.name = fields["name"].flatMap { reader.string($0, key: "name") }
        instrument.kind = fields["kind"].flatMap { reader.choice($0, key: "kind", what: "instrument kind", Self.instrumentKinds) }
        instrument.parties = fields["parties"].flatMap(readParties)
        instrument.serves = fields["serves"].flatMap(readServes)
        if let node = fields["dual-criminality"] {
            instrument.requiresDualCriminality = reader.choice(node, key: "dual-criminality", what: "'dual-criminality' value",
                                                               Self.dualCriminality)
        }
        if let node = fields["waived-for"] { instrument.waivedFor = reader.references(node, key: "waived-for") ?? [] }
        if let node = fields["draft"] { instrument.draft = reader.distribution(node, key: "draft") }
        if let node = fields["transmission"] { instrument.transmission = reader.distribution(node, key: "transmission") }
        if let node = fields["review"] { instrument.review = reader.distribution(node, key: "review") }
        if let node = fields["reviewer"] {
            instrument.reviewer = reader.choice(node, key: "reviewer", what: "reviewer kind", Self.reviewerKinds)
        }
        if let node = fields["refusal"] { instrument.refusal = reader.probability(node, key: "refusal") }
        instrument.fallback = fields["fallback"].flatMap { reader.locatedString($0, key: "fallback") }
        if let node = fields["listing"] { instrument.listing = .some(readListing(node)) }
        return instrument
    }

    /// A list of jurisdiction ids and `{member-of: label}` items, or one such mapping.
    private func readParties(_ node: Node) -> [PartyDraft]? {
        let items: [Node]
        switch node {
        case .mapping: items = [node]
        case .sequence(let sequence): items = Array(sequence)
        default:
            reader.typeError("parties", expected: "a list of jurisdiction ids or {member-of: …}", found: node,
                             hint: "e.g. parties: [ARC, CAL] or parties: {member-of: eu}")
            return nil
        }
        var parties: [PartyDraft] = []
        var failed = false
        for item in items {
            if case .mapping = item {
                guard let fields = reader.fields(item, key: "parties", what: "a 'parties' selector", allowed: ["member-of"],
                                                 required: ["member-of"]),
                      let label = fields["member-of"].flatMap({ reader.locatedString($0, key: "member-of") }) else {
                    failed = true
                    continue
                }
                parties.append(.members(label))
            } else if let id = reader.locatedString(item, key: "parties") {
                parties.append(.jurisdiction(id))
            } else {
                failed = true
            }
        }
        return failed ? nil : parties
    }

    private func readServes(_ node: Node) -> Set<RequestKind>? {
        guard let names = reader.references(node, key: "serves") else { return nil }
        guard !names.isEmpty else {
            sink.error("'serves' needs at least one request kind", at: reader.location(node),
                       hint: "request kinds are " + RequestKind.allCases.map(\.rawValue).joined(separator: ", "))
            return nil
        }
        var kinds: Set<RequestKind> = []
        var failed = false
        for name in names {
            if let kind = requestKind(name) { kinds.insert(kind) } else { failed = true }
        }
        return failed ? nil : kinds
    }

    /// A `RequestKind` by its spelling, or an error with a did-you-mean.
    func requestKind(_ name: Located<String>) -> RequestKind? {
        if let kind = RequestKind(rawValue: name.value) { return kind }
        let all = RequestKind.allCases.map(\.rawValue)
        sink.error("unknown request kind '\(name.value)'", at: name.location,
                   hint: Suggestions.hint(for: name.value, in: all, fallback: "request kinds are " + all.joined(separator: ", ")))
        return nil
    }

    private func readReframing(_ node: Node) -> ReframingDraft? {
        guard let fields = reader.fields(node, key: "reframing", what: "a re-framing", allowed: ["from", "to", "delay"],
                                         required: ["from", "to"]) else { return nil }
        var reframing = ReframingDraft(source: fields.source)
        reframing.from = fields["from"].flatMap { reader.locatedString($0, key: "from") }
        reframing.to = fields["to"].flatMap { reader.locatedString($0, key: "to") }
        if let node = fields["delay"] { reframing.delay = reader.distribution(node, key: "delay") }
        if let from = reframing.from, let to = reframing.to, from.value == to.value {
            sink.error("a re-framing must change the offence, but 'from' and 'to' are both '\(to.value)'", at: to.location)
            reframing.to = nil
        }
        return reframing
    }

    private func readCooperation(_ node: Node) -> CooperationDraft? {
        guard let fields = reader.fields(node, key: "cooperation", what: "a cooperation entry", allowed: Self.cooperationKeys,
                                         required: ["between"]) else { return nil }
        var cooperation = CooperationDraft(source: fields.source)
        cooperation.between = fields["between"].flatMap { reader.pair($0, key: "between", of: "jurisdictions") }
        if let node = fields["willingness"] { cooperation.willingness = reader.probability(node, key: "willingness") }
        if let node = fields["delay-multiplier"] { cooperation.delayMultiplier = reader.positive(node, key: "delay-multiplier") }
        return cooperation
    }

    private func readTranslation(_ node: Node) -> TranslationDraft? {
        guard let fields = reader.fields(node, key: "translation", what: "'translation'", allowed: ["default", "pairs"],
                                         required: []) else { return nil }
        var translation = TranslationDraft()
        translation.defaultTime = fields["default"].flatMap { reader.distribution($0, key: "default") }
        guard let node = fields["pairs"], let items = reader.sequence(node, key: "pairs") else { return translation }
        for item in items {
            guard let pair = reader.fields(item, key: "pairs", what: "a translation pair", allowed: ["between", "time"],
                                           required: ["between", "time"]) else { continue }
            let languages = pair["between"].flatMap { reader.pair($0, key: "between", of: "languages") }
            let time = pair["time"].flatMap { reader.distribution($0, key: "time") }
            if let languages, let time { translation.pairs.append((Set(languages.map(\.value)), time)) }
        }
        return translation
    }
}
