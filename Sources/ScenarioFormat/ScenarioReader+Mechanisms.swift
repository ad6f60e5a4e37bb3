internal import ExerciseModel
internal import Stochastics
internal import Yams

/// The cooperation mechanisms (docs/mechanisms.md): the `agreements` and `familiarity` sections,
/// and the mechanism fields of agencies (`obligations`), channels (`hub`, `opened-by`,
/// `carries-requests`), instruments (`listing`) and tasks (`instrument`, `claim`).
extension ScenarioReader {
    static let agreementKeys = ["id", "between", "in-force", "channels", "review-factor", "waives-dual-criminality", "willingness"]
    static let familiarityKeys = ["gain-per-exercise", "handling-cut", "review-cut", "consent-cut", "acceptance-gain", "joint-exercises"]
    static let jointExerciseKeys = ["id", "agencies", "per-year"]
    static let obligationKeys = ["capability", "deadline", "compliance", "voluntary-disclosure"]
    static let hubKeys = ["agency", "work", "enrichment"]
    static let claimKeys = ["by", "rule", "subject", "delay"]
    static let claimRules = [("order", "order"), ("custody", "custody"), ("lot", "lot")]

    func readMechanismSections(_ fields: Fields, into draft: inout ScenarioDraft) {
        if let node = fields["agreements"], let items = reader.sequence(node, key: "agreements") {
            draft.agreements = items.enumerated().compactMap { readAgreement($0.element, index: $0.offset) }
        }
        if let node = fields["familiarity"], !reader.isNull(node) { draft.familiarity = readFamiliarity(node) }
    }

    /// A YAML boolean (`true`/`false`).
    func boolean(_ node: Node, key: String) -> Bool? {
        guard case .scalar(let scalar) = node, reader.describe(node) == "a boolean" else {
            reader.typeError(key, expected: "true or false", found: node)
            return nil
        }
        return ["true", "True", "TRUE", "yes", "Yes", "on", "On"].contains(scalar.string)
    }

    private func readAgreement(_ node: Node, index: Int) -> AgreementDraft? {
        let what = reader.elementName("agreement", node, index: index)
        guard let fields = reader.fields(node, key: "agreements", what: what, allowed: Self.agreementKeys,
                                         required: ["id", "between"]) else { return nil }
        var agreement = AgreementDraft(source: fields.source)
        agreement.id = fields["id"].flatMap { reader.id($0, key: "id") }
        agreement.between = fields["between"].flatMap { reader.pair($0, key: "between", of: "jurisdictions") }
        if let node = fields["in-force"] { agreement.inForce = boolean(node, key: "in-force") }
        if let node = fields["channels"] { agreement.channels = reader.references(node, key: "channels") ?? [] }
        if let node = fields["review-factor"] { agreement.reviewFactor = reader.positive(node, key: "review-factor") }
        if let node = fields["waives-dual-criminality"] {
            agreement.waivesDualCriminality = boolean(node, key: "waives-dual-criminality")
        }
        if let node = fields["willingness"] { agreement.willingness = .some(reader.probability(node, key: "willingness")) }
        return agreement
    }

    private func readFamiliarity(_ node: Node) -> FamiliarityDraft? {
        guard let fields = reader.fields(node, key: "familiarity", what: "'familiarity'", allowed: Self.familiarityKeys,
                                         required: []) else { return nil }
        var familiarity = FamiliarityDraft()
        if let node = fields["gain-per-exercise"] { familiarity.gainPerExercise = reader.probability(node, key: "gain-per-exercise") }
        if let node = fields["handling-cut"] { familiarity.handlingCut = reader.probability(node, key: "handling-cut") }
        if let node = fields["review-cut"] { familiarity.reviewCut = reader.probability(node, key: "review-cut") }
        if let node = fields["consent-cut"] { familiarity.consentCut = reader.probability(node, key: "consent-cut") }
        if let node = fields["acceptance-gain"] { familiarity.acceptanceGain = reader.probability(node, key: "acceptance-gain") }
        if let node = fields["joint-exercises"], let items = reader.sequence(node, key: "joint-exercises") {
            for (index, item) in items.enumerated() {
                let what = reader.elementName("joint exercise", item, index: index)
                guard let entry = reader.fields(item, key: "joint-exercises", what: what, allowed: Self.jointExerciseKeys,
                                                required: ["id", "agencies", "per-year"]) else { continue }
                var exercises = JointExercisesDraft(source: entry.source)
                exercises.id = entry["id"].flatMap { reader.id($0, key: "id") }
                exercises.agencies = entry["agencies"].flatMap { reader.references($0, key: "agencies") }
                if let agencies = exercises.agencies, agencies.count < 2, let node = entry["agencies"] {
                    sink.error("'agencies' needs at least 2 agencies, found \(agencies.count)", at: reader.location(node),
                               hint: "a joint exercise brings two or more agencies together")
                    exercises.agencies = nil
                }
                exercises.perYear = entry["per-year"].flatMap { reader.integer($0, key: "per-year", minimum: 0) }
                familiarity.exercises.append(exercises)
            }
        }
        return familiarity
    }

    /// `obligations: [{capability, deadline, compliance, voluntary-disclosure: {probability, time}}]`.
    func readObligations(_ node: Node) -> [ObligationDraft] {
        guard let items = reader.sequence(node, key: "obligations") else { return [] }
        var result: [ObligationDraft] = []
        for item in items {
            guard let fields = reader.fields(item, key: "obligations", what: "an obligation", allowed: Self.obligationKeys,
                                             required: ["capability"]) else { continue }
            var obligation = ObligationDraft(location: fields.location)
            obligation.capability = fields["capability"].flatMap { reader.locatedString($0, key: "capability") }
            if let node = fields["deadline"] { obligation.deadline = .some(reader.duration(node, key: "deadline")) }
            if let node = fields["compliance"] { obligation.compliance = reader.probability(node, key: "compliance") }
            if let node = fields["voluntary-disclosure"],
               let voluntary = reader.fields(node, key: "voluntary-disclosure", what: "'voluntary-disclosure'",
                                             allowed: ["probability", "time"], required: ["probability", "time"]) {
                obligation.voluntaryProbability = voluntary["probability"].flatMap { reader.probability($0, key: "probability") }
                obligation.voluntaryTime = .some(voluntary["time"].flatMap { reader.distribution($0, key: "time") })
            }
            if fields["deadline"] == nil && fields["voluntary-disclosure"] == nil {
                sink.error("an obligation needs a 'deadline' or a 'voluntary-disclosure'", at: fields.location,
                           hint: "e.g. {capability: file-str, deadline: 30d, compliance: 0.9}")
                continue
            }
            result.append(obligation)
        }
        return result
    }

    /// The mechanism fields of a channel.
    func readChannelMechanisms(_ fields: Fields, into channel: inout ChannelDraft) {
        if let node = fields["hub"] {
            if let hub = reader.fields(node, key: "hub", what: "'hub'", allowed: Self.hubKeys, required: ["agency", "work"]) {
                var draft = HubDraft()
                draft.agency = hub["agency"].flatMap { reader.locatedString($0, key: "agency") }
                draft.work = hub["work"].flatMap { reader.distribution($0, key: "work") }
                if let node = hub["enrichment"] { draft.enrichment = reader.positive(node, key: "enrichment") }
                channel.hub = .some(draft)
            } else {
                channel.hub = .some(nil)
            }
        }
        channel.openedBy = fields["opened-by"].flatMap { reader.locatedString($0, key: "opened-by") }
        if let node = fields["carries-requests"] { channel.carriesRequests = boolean(node, key: "carries-requests") }
    }

    /// `listing: {delisting: distribution}` (`listing: {}` for a listing that is never lifted).
    func readListing(_ node: Node) -> Distribution?? {
        if reader.isNull(node) { return .some(nil) }
        guard let fields = reader.fields(node, key: "listing", what: "'listing'", allowed: ["delisting"], required: []) else { return nil }
        guard let delisting = fields["delisting"] else { return .some(nil) }
        return reader.distribution(delisting, key: "delisting").map { .some($0) }
    }

    /// `claim: {by: [J1, J2], rule: order | custody | lot, subject: S, delay: distribution}`.
    func readClaim(_ node: Node) -> ClaimDraft? {
        guard let fields = reader.fields(node, key: "claim", what: "'claim'", allowed: Self.claimKeys, required: ["by"]) else { return nil }
        var claim = ClaimDraft(location: fields.location)
        claim.by = fields["by"].flatMap { reader.references($0, key: "by") }
        if let by = claim.by, by.count < 2, let node = fields["by"] {
            sink.error("'by' needs at least 2 jurisdictions, found \(by.count)", at: reader.location(node),
                       hint: "a competing claim is made by two or more jurisdictions")
            claim.by = nil
        }
        if let node = fields["rule"] { claim.rule = reader.choice(node, key: "rule", what: "claim rule", Self.claimRules) }
        claim.subject = fields["subject"].flatMap { reader.locatedString($0, key: "subject") }
        if claim.rule == "custody" && fields["subject"] == nil {
            sink.error("rule 'custody' needs a 'subject': the claim goes to where the subject is", at: fields.source.location(of: "rule"),
                       hint: "add subject: <subject id>")
            claim.rule = nil
        }
        if let node = fields["delay"] { claim.delay = reader.distribution(node, key: "delay") }
        return claim
    }
}
