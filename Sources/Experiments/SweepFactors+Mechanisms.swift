internal import ExerciseModel
internal import Stochastics

/// Applying the factors of the cooperation mechanisms (docs/mechanisms.md).
extension SweepFactor {
    func applyMechanism(_ value: Double, to exercise: inout Exercise) throws(SweepFactorError) {
        func check(_ index: Int, _ count: Int, _ what: String) throws(SweepFactorError) {
            guard index >= 0 && index < count else { throw SweepFactorError("no \(what) #\(index) (the exercise has \(count))") }
        }
        switch self {
        case .agreementInForce(let agreement):
            try check(agreement, exercise.agreements.count, "agreement")
            exercise.agreements[agreement].inForce = value >= 1
        case .jointExercises(let entry):
            try check(entry, exercise.familiarity.exercises.count, "joint-exercises entry")
            exercise.familiarity.exercises[entry].perYear = Int(value)
        case .criminalises(let jurisdiction, let offence):
            try check(jurisdiction, exercise.jurisdictions.count, "jurisdiction")
            try check(offence, exercise.offences.count, "offence")
            if value >= 1 {
                exercise.jurisdictions[jurisdiction].offences.insert(offence)
            } else {
                exercise.jurisdictions[jurisdiction].offences.remove(offence)
            }
        case .obligationDeadline(let agency, let capability):
            try check(agency, exercise.agencies.count, "agency")
            guard let index = exercise.agencies[agency].obligations.firstIndex(where: { $0.capability == capability }) else {
                throw SweepFactorError("agency '\(exercise.agencies[agency].id)' has no obligation for capability #\(capability)")
            }
            exercise.agencies[agency].obligations[index].deadline = value * 3600
        case .channelInService(let channel):
            try check(channel, exercise.channels.count, "channel")
            exercise.channels[channel].inService = value >= 1
        case .channelHubWork(let channel):
            try check(channel, exercise.channels.count, "channel")
            guard var hub = exercise.channels[channel].hub else {
                throw SweepFactorError("channel '\(exercise.channels[channel].id)' has no hub")
            }
            do {
                hub.work = try hub.work.scaled(by: value)
            } catch {
                throw SweepFactorError(error.description)
            }
            exercise.channels[channel].hub = hub
        case .injectOriginatorControl(let inject):
            try check(inject, exercise.injects.count, "inject")
            if value < 1 { exercise.injects[inject].originatorControl = nil }
        default:
            throw SweepFactorError("not a mechanism factor")
        }
    }
}
