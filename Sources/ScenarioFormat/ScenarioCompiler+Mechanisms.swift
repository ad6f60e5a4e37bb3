internal import ExerciseModel
internal import Stochastics

/// Builds the cooperation mechanisms (docs/mechanisms.md). Each builder reports its own
/// dangling references and returns nil after any error.
extension ScenarioCompiler {
    /// Every agreement; nil entries after errors (reported). Duplicate ids are reported at the second.
    func agreementEntries() -> [Agreement?] {
        var table = IDTable(kind: "agreement")
        for (position, entry) in draft.agreements.enumerated() { table.add(entry.id, position: position, sink: sink) }
        return draft.agreements.map { entry in
            let pair = jurisdictionPair(entry.between)
            let channels = resolve(entry.channels, channel)
            guard let id = entry.id, let pair, let channels, let inForce = entry.inForce, let factor = entry.reviewFactor,
                  let waives = entry.waivesDualCriminality else { return nil }
            var willingness: Double?
            switch entry.willingness {
            case .none: willingness = nil
            case .some(.none): return nil
            case .some(.some(let value)): willingness = value
            }
            return Agreement(id: id.value, between: pair, inForce: inForce, channels: channels, reviewFactor: factor,
                             waivesDualCriminality: waives, willingness: willingness)
        }
    }

    /// The familiarity model; nil after an error (reported).
    func familiarityModel() -> Familiarity? {
        guard let model = draft.familiarity else { return Familiarity.none }
        var table = IDTable(kind: "joint exercise")
        for (position, entry) in model.exercises.enumerated() { table.add(entry.id, position: position, sink: sink) }
        var exercises: [Familiarity.Exercises] = []
        var failed = false
        for entry in model.exercises {
            let members = entry.agencies.flatMap { resolve($0, agency) }
            guard let id = entry.id, let members, let perYear = entry.perYear else {
                failed = true
                continue
            }
            exercises.append(Familiarity.Exercises(id: id.value, agencies: members, perYear: perYear))
        }
        guard !failed, let gain = model.gainPerExercise, let handling = model.handlingCut, let review = model.reviewCut,
              let consent = model.consentCut, let acceptance = model.acceptanceGain else { return nil }
        return Familiarity(gainPerExercise: gain, handlingCut: handling, reviewCut: review, consentCut: consent,
                           acceptanceGain: acceptance, exercises: exercises)
    }

    /// An agency's obligations, each on a capability it has; nil after an error (reported).
    func obligations(of agency: AgencyDraft) -> [Obligation]? {
        var result: [Obligation] = []
        var failed = false
        for entry in agency.obligations {
            guard let name = entry.capability else {
                failed = true
                continue
            }
            let own = agency.capabilities.map(\.name.value)
            guard own.contains(name.value), let capability = capabilities.firstIndex(of: name.value) else {
                sink.error("agency '\(agency.id?.value ?? "")' has no capability '\(name.value)' to be obliged for", at: name.location,
                           hint: Suggestions.hint(for: name.value, in: own, fallback: Suggestions.list("its capabilities", own) ?? "add it under 'capabilities'"))
                failed = true
                continue
            }
            var deadline: Double?
            switch entry.deadline {
            case .none: deadline = nil
            case .some(.none): failed = true
            case .some(.some(let value)): deadline = value
            }
            var voluntary: Distribution?
            switch entry.voluntaryTime {
            case .none: voluntary = nil
            case .some(.none): failed = true
            case .some(.some(let value)): voluntary = value
            }
            guard let compliance = entry.compliance, let probability = entry.voluntaryProbability else {
                failed = true
                continue
            }
            result.append(Obligation(capability: capability, deadline: deadline, compliance: compliance,
                                     voluntaryProbability: probability, voluntaryTime: voluntary))
        }
        return failed ? nil : result
    }

    /// A channel's hub, opening task and request carrying; nil after an error (reported).
    func mechanisms(of channel: ChannelDraft) -> (hub: ChannelHub?, openedBy: Int?, carriesRequests: Bool)? {
        var failed = false
        var hub: ChannelHub?
        switch channel.hub {
        case .none: break
        case .some(.none): failed = true
        case .some(.some(let draft)):
            let agency = draft.agency.flatMap(self.agency)
            if let agency, let work = draft.work, let enrichment = draft.enrichment {
                hub = ChannelHub(agency: agency, work: work, enrichment: enrichment)
            } else {
                failed = true
            }
        }
        var openedBy: Int?
        if let reference = channel.openedBy {
            openedBy = task(reference, listedIn: "opened-by")
            if openedBy == nil { failed = true }
        }
        guard !failed, let carries = channel.carriesRequests else { return nil }
        return (hub, openedBy, carries)
    }

    /// An instrument's listing; `.some(nil)`: not a listing; nil after an error (reported).
    func listing(of instrument: InstrumentDraft) -> Listing?? {
        switch instrument.listing {
        case .none: return .some(nil)
        case .some(.none): return nil
        case .some(.some(let delisting)): return .some(Listing(delisting: delisting))
        }
    }

    /// A task's forced instrument and competing claim; nil after an error (reported).
    func mechanisms(of task: TaskDraft, performer: PerformerRule?) -> (instrument: Int?, claim: CompetingClaim?)? {
        var failed = false
        var forced: Int?
        if let reference = task.instrument {
            forced = instrument(reference)
            if forced == nil { failed = true }
            if task.request == nil && task.requestLocation == nil {
                sink.error("'instrument' applies only to a request task", at: reference.location,
                           hint: "add 'request: <kind>', or remove 'instrument'")
                failed = true
            } else if let forced, let kind = task.request?.value, let served = draft.instruments[safe: forced]?.serves, !served.contains(kind) {
                sink.error("instrument '\(reference.value)' does not serve '\(kind.rawValue)' requests", at: reference.location,
                           hint: "add '\(kind.rawValue)' to its 'serves', or name another instrument")
                failed = true
            }
        }
        var claim: CompetingClaim?
        switch task.claim {
        case .none: break
        case .some(.none): failed = true
        case .some(.some(let draft)):
            let places = draft.by.flatMap { resolve($0, jurisdictionIndex) }
            let subject = draft.subject.flatMap(self.subject)
            if case .agency = performer {
                sink.error("a claim needs a performer rule such as {kind: prosecutor}: the claim decides the jurisdiction",
                           at: draft.location, hint: "write performer: {kind: <agency kind>}")
                failed = true
            }
            var rule: CompetingClaim.Rule?
            switch draft.rule {
            case "order": rule = .order
            case "lot": rule = .lot
            case "custody": rule = subject.map { .custody(subject: $0) }
            default: rule = nil
            }
            if let places, let rule, let delay = draft.delay, draft.subject == nil || subject != nil {
                claim = CompetingClaim(jurisdictions: places, rule: rule, delay: delay)
            } else {
                failed = true
            }
        }
        return failed ? nil : (forced, claim)
    }
}
