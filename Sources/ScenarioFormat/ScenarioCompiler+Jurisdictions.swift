internal import ExerciseModel
internal import Stochastics

/// Builds the jurisdictional parts of the exercise: jurisdictions, instruments, re-framings,
/// cooperation, translation and subjects. Each builder reports its own dangling references and
/// returns nil after any error.
extension ScenarioCompiler {
    func jurisdiction(from draft: JurisdictionDraft) -> Jurisdiction? {
        let offences = offenceSet(draft.criminalises)
        guard let id = draft.id, let timeZone = draft.timeZone, let offences else { return nil }
        return Jurisdiction(id: id.value, name: draft.name ?? id.value, timeZone: timeZone, languages: draft.languages,
                            holidays: draft.holidays, offences: offences, memberships: Set(draft.memberships))
    }

    func instrument(from draft: InstrumentDraft) -> Instrument? {
        let parties = self.parties(of: draft)
        let waived = offenceSet(draft.waivedFor)
        var fallback: Int?? = .some(nil)
        if let reference = draft.fallback {
            if reference.value == draft.id?.value {
                sink.error("instrument '\(reference.value)' cannot be its own fallback", at: reference.location,
                           hint: "name another instrument, e.g. a diplomatic note, or remove 'fallback'")
                fallback = nil
            } else {
                fallback = instrument(reference).map { .some($0) }
            }
        }
        guard let id = draft.id, let kind = draft.kind, let parties, let serves = draft.serves,
              let dualCriminality = draft.requiresDualCriminality, let waived, let drafting = draft.draft,
              let transmission = draft.transmission, let review = draft.review, let reviewer = draft.reviewer,
              let refusal = draft.refusal, let fallback, let listing = self.listing(of: draft) else { return nil }
        var built = Instrument(id: id.value, name: draft.name ?? id.value, kind: kind, parties: parties, serves: serves,
                               requiresDualCriminality: dualCriminality, waivedOffences: waived, draft: drafting,
                               transmission: transmission, review: review, reviewer: reviewer, refusalProbability: refusal,
                               fallback: fallback)
        built.listing = listing
        return built
    }

    /// The parties' jurisdiction indices, without duplicates, in order; at least two.
    private func parties(of instrument: InstrumentDraft) -> [Int]? {
        guard let parties = instrument.parties else { return nil }
        var result: [Int] = []
        var failed = false
        for party in parties {
            switch party {
            case .jurisdiction(let reference):
                guard let index = jurisdictionIndex(reference) else {
                    failed = true
                    continue
                }
                if !result.contains(index) { result.append(index) }
            case .members(let label):
                let members = (draft.jurisdictions ?? []).indices.filter { draft.jurisdictions?[$0].memberships.contains(label.value) == true }
                guard !members.isEmpty else {
                    var all: [String] = []
                    for jurisdiction in draft.jurisdictions ?? [] { all += jurisdiction.memberships.filter { !all.contains($0) } }
                    sink.error("no jurisdiction is a member of '\(label.value)'", at: label.location,
                               hint: Suggestions.hint(for: label.value, in: all,
                                                      fallback: Suggestions.list("memberships", all) ?? "list memberships under a jurisdiction's 'member-of'"))
                    failed = true
                    continue
                }
                for index in members where !result.contains(index) { result.append(index) }
            }
        }
        guard !failed else { return nil }
        guard result.count >= 2 else {
            let names = result.map { "'\(jurisdictions[safe: $0] ?? "")'" }.joined(separator: ", ")
            sink.error("'parties' needs at least 2 jurisdictions, found \(result.count)\(names.isEmpty ? "" : " (\(names))")",
                       at: instrument.source.location(of: "parties"), hint: "a request goes from one party to another")
            return nil
        }
        return result
    }

    func reframing(from draft: ReframingDraft) -> Reframing? {
        let from = draft.from.flatMap(offence), to = draft.to.flatMap(offence)
        guard let from, let to, let delay = draft.delay else { return nil }
        return Reframing(from: from, to: to, delay: delay)
    }

    /// Every cooperation entry; a pair declared twice is reported at the second.
    func cooperationEntries() -> [Cooperation?] {
        var seen: [Set<Int>: SourceLocation] = [:]
        return draft.cooperation.map { entry in
            guard let pair = jurisdictionPair(entry.between), let willingness = entry.willingness,
                  let multiplier = entry.delayMultiplier else { return nil }
            let at = entry.source.location(of: "between")
            if let first = seen[[pair.0, pair.1]] {
                sink.error("cooperation between '\(jurisdictions[pair.0])' and '\(jurisdictions[pair.1])' is declared twice (first at \(first.describe(from: at)))",
                           at: at)
                return nil
            }
            seen[[pair.0, pair.1]] = at
            return Cooperation(between: pair, willingness: willingness, delayMultiplier: multiplier)
        }
    }

    func subject(from draft: SubjectDraft) -> Subject? {
        let startsIn = draft.startsIn.flatMap(jurisdictionIndex)
        var movement: Subject.Movement?? = .some(nil)
        switch draft.movement {
        case nil:
            break
        case .itinerary(let stops):
            var resolved: [(time: Distribution, to: Int)] = []
            for stop in stops {
                let to = stop.to.flatMap(jurisdictionIndex)
                if let time = stop.time, let to { resolved.append((time, to)) } else { movement = nil }
            }
            if movement != nil { movement = .some(.itinerary(resolved)) }
        case .random(let interval, let among):
            let candidates = among.map { resolve($0, jurisdictionIndex) } ?? Array(jurisdictions.indices)
            if let candidates, candidates.count < 2 {
                sink.error("'among' needs at least 2 jurisdictions, found \(candidates.count)",
                           at: among?.first?.location ?? draft.source.location(of: "moves"),
                           hint: "a subject moves from one of them to another")
                movement = nil
            } else if let interval, let candidates {
                movement = .some(.random(interval: interval, among: candidates))
            } else {
                movement = nil
            }
        }
        guard draft.movementValid, let id = draft.id, let startsIn, let movement else { return nil }
        return Subject(id: id.value, description: draft.description, startsIn: startsIn, movement: movement)
    }
}
