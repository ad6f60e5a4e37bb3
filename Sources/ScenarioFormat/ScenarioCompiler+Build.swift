internal import ExerciseModel
internal import Stochastics

extension ScenarioCompiler {
    /// Resolves every reference, builds the exercise and runs `Exercise.problems()` (only when
    /// nothing else was wrong). Nil when any error was reported.
    func compile() -> Exercise? {
        if let lead = draft.exercise.lead { _ = agency(lead) }
        var defaultOffence: Int?? = .some(nil)
        if let reference = draft.exercise.offence { defaultOffence = offence(reference).map { .some($0) } }
        let builtJurisdictions = draft.jurisdictions.map { $0.map(jurisdiction(from:)) }
        let builtInstruments = draft.instruments.map(instrument(from:))
        let builtReframings = draft.reframings.map(reframing(from:))
        let builtCooperation = cooperationEntries()
        let builtSubjects = draft.subjects.map(subject(from:))
        let builtAgencies = draft.agencies.map(agency(from:))
        let builtChannels = draft.channels.map(channel(from:))
        var extraTriggers = [[Int]](repeating: [], count: draft.tasks.count)
        let builtInjects = draft.injects.enumerated().map { position, inject in
            let tasks = resolve(inject.triggers) { task($0, listedIn: "triggers") } ?? []
            for task in tasks { extraTriggers[task].append(position) }
            return self.inject(from: inject)
        }
        let builtTasks = draft.tasks.enumerated().map { task(from: $0.element, extraTriggers: extraTriggers[$0.offset]) }
        let builtObjectives = draft.objectives.map(objective(from:))
        let builtThreat = draft.threat.map(threat(from:))
        let builtAgreements = agreementEntries()
        let builtFamiliarity = familiarityModel()
        let exercise = draft.exercise
        let threatBuilt = draft.threat == nil || (builtThreat ?? nil) != nil
        let jurisdictionsBuilt = builtJurisdictions.map { complete($0) != nil } ?? true
        guard !sink.hasErrors else { return nil }
        guard let name = exercise.name, let start = exercise.start, let startInstant = exercise.startInstant, let horizon = exercise.horizon,
              let agencies = complete(builtAgencies), let channels = complete(builtChannels), let injects = complete(builtInjects),
              let tasks = complete(builtTasks), let objectives = complete(builtObjectives), threatBuilt, jurisdictionsBuilt,
              let instruments = complete(builtInstruments), let reframings = complete(builtReframings),
              let cooperation = complete(builtCooperation), let subjects = complete(builtSubjects), let defaultOffence,
              let agreements = complete(builtAgreements), let familiarity = builtFamiliarity else {
            sink.error("internal error: the scenario passed its checks but could not be compiled; please report it",
                       at: SourceLocation(path: sink.firstPath, line: 1, column: 1))
            return nil
        }
        let translation = draft.translation.map { TranslationModel(defaultTime: $0.defaultTime, pairs: $0.pairs) } ?? .none
        var compiled = Exercise(name: name, description: exercise.description, start: start, horizon: horizon,
                                defaultSeed: exercise.seed, defaultReplications: exercise.replications, capabilities: capabilities,
                                agencies: agencies, channels: channels, injects: injects, tasks: tasks, objectives: objectives,
                                threat: builtThreat ?? nil, startInstant: startInstant, jurisdictions: builtJurisdictions.flatMap(complete),
                                offences: offences.ids, instruments: instruments, reframings: reframings, cooperation: cooperation,
                                translation: translation, subjects: subjects, defaultOffence: defaultOffence,
                                lead: exercise.lead.flatMap { self.agencies[$0.value] })
        compiled.agreements = agreements
        compiled.familiarity = familiarity
        for problem in compiled.problems() {
            sink.error(problem.message, at: location(of: problem), hint: problem.hint)
        }
        return sink.hasErrors ? nil : compiled
    }

    private func complete<T>(_ items: [T?]) -> [T]? {
        let present = items.compactMap { $0 }
        return present.count == items.count ? present : nil
    }

    /// The position of a model problem: its element's field, or a related field (a request's
    /// `requester` and `offence` default to its `request`), or the element itself.
    func location(of problem: ModelProblem) -> SourceLocation {
        let source: ElementSource?
        switch problem.element {
        case .agency(let index): source = draft.agencies[safe: index]?.source
        case .channel(let index): source = draft.channels[safe: index]?.source
        case .inject(let index): source = draft.injects[safe: index]?.source
        case .task(let index): source = draft.tasks[safe: index]?.source
        case .objective(let index): source = draft.objectives[safe: index]?.source
        case .threat: source = draft.threat?.source
        case .jurisdiction(let index):
            guard let declared = draft.jurisdictions else {
                // An implicit jurisdiction: the first agency naming it.
                let label = jurisdictions[safe: index]
                let agency = draft.agencies.first { $0.jurisdiction?.value == label }
                return agency?.source.location(of: "jurisdiction") ?? SourceLocation(path: sink.firstPath, line: 1, column: 1)
            }
            source = declared[safe: index]?.source
        case .instrument(let index): source = draft.instruments[safe: index]?.source
        case .subject(let index): source = draft.subjects[safe: index]?.source
        }
        let related = ["requester": "request", "offence": "request"]
        let field = source?.fields[problem.field] == nil ? related[problem.field] ?? problem.field : problem.field
        return source?.location(of: field) ?? SourceLocation(path: sink.firstPath, line: 1, column: 1)
    }

    // MARK: Elements

    private func agency(from draft: AgencyDraft) -> Agency? {
        let jurisdictionIndex = draft.jurisdiction.flatMap(self.jurisdictionIndex)
        let obligations = self.obligations(of: draft)
        guard let id = draft.id, let jurisdiction = draft.jurisdiction, let jurisdictionIndex, let kind = draft.kind,
              let obligations else { return nil }
        var workTime = [Distribution?](repeating: nil, count: capabilities.count)
        for (name, time) in draft.capabilities {
            guard let time, let index = capabilities.firstIndex(of: name.value) else { return nil }
            workTime[index] = time
        }
        var built = Agency(id: id.value, name: draft.name ?? id.value, jurisdiction: jurisdiction.value, kind: kind,
                           staff: draft.staff, workTime: workTime, jurisdictionIndex: jurisdictionIndex, hours: draft.hours)
        built.obligations = obligations
        return built
    }

    private func channel(from draft: ChannelDraft) -> Channel? {
        let members = members(of: draft)
        let extras: (hub: ChannelHub?, openedBy: Int?, carriesRequests: Bool)? = self.mechanisms(of: draft)
        guard let id = draft.id, let kind = draft.kind, let members, let extras, let latency = draft.latency, let handling = draft.handling,
              let probability = draft.failureProbability, let retry = draft.retryAfter, let attempts = draft.maxAttempts,
              let classification = draft.maxClassification, let timeZone = draft.timeZone else { return nil }
        var built = Channel(id: id.value, name: draft.name ?? id.value, kind: kind, members: members, latency: latency, handling: handling,
                            failureProbability: probability, retryDelay: retry, maxAttempts: attempts, maxClassification: classification,
                            hours: draft.hours, timeZone: timeZone)
        built.hub = extras.hub
        built.openedBy = extras.openedBy
        built.carriesRequests = extras.carriesRequests
        return built
    }

    private func inject(from draft: InjectDraft) -> Inject? {
        let receiver = draft.to.flatMap(agency)
        var timing: InjectTiming?
        switch draft.timing {
        case .fixed(let seconds): timing = .fixed(seconds)
        case .random(let distribution): timing = .random(distribution)
        case .after(let other, let delay): timing = inject(other, listedIn: "time").map { .after(inject: $0, delay: delay) }
        case nil: timing = nil
        }
        var repetition: InjectRepetition?
        switch draft.repeatEvery {
        case .none: repetition = nil
        case .some(.none): return nil
        case .some(.some(let interval)): repetition = InjectRepetition(interval: interval, count: draft.repeatCount)
        }
        let effects = self.effects(of: draft), control = originatorControl(of: draft)
        guard let id = draft.id, let receiver, let timing, let classification = draft.classification, let effects, let control else {
            return nil
        }
        return Inject(id: id.value, description: draft.description, receiver: receiver, timing: timing, repetition: repetition,
                      classification: classification, sender: draft.sender, method: draft.method, expectedAction: draft.expectedAction,
                      effects: effects, originatorControl: control)
    }

    private func task(from draft: TaskDraft, extraTriggers: [Int]) -> PlanTask? {
        if let capability = draft.capability, !offered.contains(capability.value) {
            let id = draft.id.map { " that task '\($0.value)' needs" } ?? ""
            sink.error("no agency has the capability '\(capability.value)'\(id)", at: capability.location,
                       hint: Suggestions.hint(for: capability.value, in: capabilities.filter(offered.contains),
                                              fallback: "add it under an agency's 'capabilities'"))
        }
        let performer = performer(of: draft)
        let prerequisites = resolve(draft.after) { task($0, listedIn: "after") }
        let own = resolve(draft.trigger) { inject($0, listedIn: "trigger") }
        let request = self.request(of: draft)
        let extras: (instrument: Int?, claim: CompetingClaim?)? = self.mechanisms(of: draft, performer: performer)
        guard let id = draft.id, let name = draft.capability?.value, let capability = capabilities.firstIndex(of: name),
              let performer, let prerequisites, let own, let classification = draft.classification, let request, let extras else { return nil }
        let triggers = Array(Set(own + extraTriggers)).sorted()
        var built = PlanTask(id: id.value, description: draft.description, capability: capability, performer: performer,
                             prerequisites: prerequisites, triggers: triggers, priority: draft.priority, classification: classification,
                             request: request.kind, requester: request.requester, offence: request.offence)
        built.instrument = extras.instrument
        built.claim = extras.claim
        return built
    }

    private func objective(from draft: ObjectiveDraft) -> Objective? {
        let milestone = draft.milestone.flatMap { resolve($0) { task($0, listedIn: "milestone") } }
        var trigger: ObjectiveTrigger?
        switch draft.from {
        case .start:
            trigger = .exerciseStart
        case .element(let reference):
            if let index = injects[reference.value] {
                trigger = .inject(index)
            } else if let index = tasks[reference.value] {
                trigger = .task(index)
            } else {
                let names = ["start"] + injects.ids + tasks.ids
                sink.error("unknown inject or task '\(reference.value)'", at: reference.location,
                           hint: Suggestions.hint(for: reference.value, in: names, fallback: "'from' takes start, an inject id or a task id"))
            }
        }
        guard let id = draft.id, let milestone, let trigger, let within = draft.within, let capability = draft.capability,
              let ratings = draft.ratings else { return nil }
        return Objective(id: id.value, description: draft.description, milestone: milestone, trigger: trigger, deadline: within,
                         coreCapability: capability, thresholds: ratings)
    }

    private func threat(from draft: ThreatDraft) -> Threat? {
        let disruptedBy = draft.disruptedBy.flatMap { resolve($0) { task($0, listedIn: "disrupted-by") } }
        guard let time = draft.time, let disruptedBy else { return nil }
        return Threat(description: draft.description, time: time, disruptedBy: disruptedBy)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
