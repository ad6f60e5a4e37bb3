internal import ExerciseModel

/// Factor paths of the cooperation mechanisms (docs/mechanisms.md):
/// `agreements.<id>.in-force`, `joint-exercises.<id>.per-year`,
/// `jurisdictions.<id>.criminalises.<offence>`, `agencies.<id>.deadline.<capability>`,
/// `channels.<id>.in-service`, `channels.<id>.hub-work`, `injects.<id>.originator-control`.
extension SweepPaths {
    static let mechanismSections = ["agreements", "joint-exercises", "jurisdictions"]

    /// The mechanism field of an element (agency, channel, inject) already matched, or nil when
    /// `field` is not one (the caller reports it).
    static func mechanismField(_ section: String, index: Int, field: String, offset: Int,
                               _ exercise: Exercise) -> Result<SweepFactor, FactorPathError>? {
        switch (section, field) {
        case ("channels", "in-service"):
            return .success(.channelInService(channel: index))
        case ("channels", "hub-work"):
            guard exercise.channels[index].hub != nil else {
                return .failure(FactorPathError(message: "channel '\(exercise.channels[index].id)' has no hub whose work could be scaled",
                                                hint: "give the channel a 'hub'", offset: offset))
            }
            return .success(.channelHubWork(channel: index))
        case ("injects", "originator-control"):
            guard exercise.injects[index].originatorControl != nil else {
                return .failure(FactorPathError(message: "inject '\(exercise.injects[index].id)' has no originator control to switch",
                                                hint: "give the inject 'originator-control'", offset: offset))
            }
            return .success(.injectOriginatorControl(inject: index))
        case ("agencies", _) where field.hasPrefix("deadline."):
            let name = String(field.dropFirst("deadline.".count))
            let agency = exercise.agencies[index]
            let obliged = agency.obligations.filter { $0.deadline != nil }.map { exercise.capabilities[$0.capability] }
            if let capability = exercise.capabilities.firstIndex(of: name), obliged.contains(name) {
                return .success(.obligationDeadline(agency: index, capability: capability))
            }
            return .failure(FactorPathError(message: "agency '\(agency.id)' has no obligation with a deadline for '\(name)'",
                                            hint: Suggestions.hint(for: name, in: obliged, fallback: Suggestions.list("its obliged capabilities", obliged)),
                                            offset: offset + "deadline.".count))
        default:
            return nil
        }
    }

    static func mechanism(_ section: String, _ rest: String, offset: Int, _ exercise: Exercise) -> Result<SweepFactor, FactorPathError> {
        let (what, ids, field): (String, [String], String)
        switch section {
        case "agreements": (what, ids, field) = ("agreement", exercise.agreements.map(\.id), "in-force")
        case "joint-exercises": (what, ids, field) = ("joint-exercises entry", exercise.familiarity.exercises.map(\.id), "per-year")
        default: (what, ids, field) = ("jurisdiction", exercise.jurisdictions.map(\.id), "criminalises.<offence>")
        }
        guard let (index, typed) = matchID(rest, ids) else {
            let name = String(rest.prefix { $0 != "." })
            return .failure(FactorPathError(message: name.isEmpty ? "incomplete factor path: name a \(what) after '\(section).'" : "unknown \(what) '\(name)'",
                                            hint: Suggestions.hint(for: name, in: ids, fallback: Suggestions.list("\(what) ids", ids)),
                                            offset: offset))
        }
        let fieldOffset = offset + ids[index].unicodeScalars.count + 1
        switch (section, typed) {
        case ("agreements", "in-force"): return .success(.agreementInForce(agreement: index))
        case ("joint-exercises", "per-year"): return .success(.jointExercises(entry: index))
        case ("jurisdictions", let typed?) where typed.hasPrefix("criminalises."):
            let name = String(typed.dropFirst("criminalises.".count))
            if let offence = exercise.offences.firstIndex(of: name) { return .success(.criminalises(jurisdiction: index, offence: offence)) }
            return .failure(FactorPathError(message: "unknown offence '\(name)'",
                                            hint: Suggestions.hint(for: name, in: exercise.offences, fallback: Suggestions.list("offences", exercise.offences)),
                                            offset: fieldOffset + "criminalises.".count))
        default:
            return .failure(FactorPathError(message: typed == nil ? "incomplete factor path: name a factor of \(what) '\(ids[index])'"
                                                                  : "unknown \(what) factor '\(typed ?? "")'",
                                            hint: "the \(what) factor is \(field)", offset: typed == nil ? offset : fieldOffset))
        }
    }
}
