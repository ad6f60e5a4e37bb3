public import ExerciseModel
internal import Stochastics

/// A factor value that cannot be applied to the exercise: outside what the factor allows, a
/// distribution that cannot be scaled, or an index the exercise does not have.
public struct SweepFactorError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// Applying sweep factors to an exercise: a pure function (exercise, values) → exercise.
///
/// Scale factors multiply distributions exactly (`Distribution.scaled(by:)`): every draw of the
/// scaled distribution is k times the corresponding draw of the original, so with common random
/// numbers a point with k = 2 sees each delay exactly doubled. Several factors on the same
/// distribution (e.g. `agencies.X.work` and `agencies.X.work.c`) multiply.
public enum SweepFactors {
    /// `exercise` with `factors[i]` set to `values[i]`, in order.
    public static func apply(_ factors: [SweepFactor], values: [Double], to exercise: Exercise) throws(SweepFactorError) -> Exercise {
        guard factors.count == values.count else {
            throw SweepFactorError("\(values.count) values for \(factors.count) factors")
        }
        var result = exercise
        for (factor, value) in zip(factors, values) { try factor.apply(value, to: &result) }
        return result
    }
}

extension SweepFactor {
    /// Sets this factor of `exercise` to `value` (a count, a scale factor or a probability, as
    /// `valueKind` says).
    public func apply(_ value: Double, to exercise: inout Exercise) throws(SweepFactorError) {
        guard valueKind.allows(value), !isSwitch || value <= 1 else {
            throw SweepFactorError("value \(value) is not \(isSwitch ? "0 (off) or 1 (on)" : valueKind.description)")
        }
        switch self {
        case .agencyStaff(let agency):
            try check(agency, exercise.agencies.count, "agency")
            exercise.agencies[agency].staff = Int(value)
        case .agencyWork(let agency, let capability):
            try check(agency, exercise.agencies.count, "agency")
            var work = exercise.agencies[agency].workTime
            for index in work.indices where capability == nil || capability == index {
                if let distribution = work[index] { work[index] = try scale(distribution, by: value) }
            }
            exercise.agencies[agency].workTime = work
        case .channelTime(let channel, let time):
            try check(channel, exercise.channels.count, "channel")
            switch time {
            case .latency: exercise.channels[channel].latency = try scale(exercise.channels[channel].latency, by: value)
            case .handling: exercise.channels[channel].handling = try scale(exercise.channels[channel].handling, by: value)
            case .retryAfter: exercise.channels[channel].retryDelay = try scale(exercise.channels[channel].retryDelay, by: value)
            }
        case .channelFailureProbability(let channel):
            try check(channel, exercise.channels.count, "channel")
            exercise.channels[channel].failureProbability = value
        case .cooperationWillingness(let a, let b):
            try setCooperation(a, b, in: &exercise) { $0.willingness = value }
        case .cooperationDelayMultiplier(let a, let b):
            try setCooperation(a, b, in: &exercise) { $0.delayMultiplier = value }
        case .instrumentTime(let instrument, let time):
            try check(instrument, exercise.instruments.count, "instrument")
            switch time {
            case .draft: exercise.instruments[instrument].draft = try scale(exercise.instruments[instrument].draft, by: value)
            case .transmission:
                exercise.instruments[instrument].transmission = try scale(exercise.instruments[instrument].transmission, by: value)
            case .review: exercise.instruments[instrument].review = try scale(exercise.instruments[instrument].review, by: value)
            }
        case .instrumentRefusal(let instrument):
            try check(instrument, exercise.instruments.count, "instrument")
            exercise.instruments[instrument].refusalProbability = value
        case .injectTime(let inject):
            try check(inject, exercise.injects.count, "inject")
            switch exercise.injects[inject].timing {
            case .fixed(let time): exercise.injects[inject].timing = .fixed(time * value)
            case .random(let distribution): exercise.injects[inject].timing = .random(try scale(distribution, by: value))
            case .after:
                throw SweepFactorError("inject '\(exercise.injects[inject].id)' is timed after another inject; only fixed or drawn times can be scaled")
            }
        case .threatTime:
            guard var threat = exercise.threat else { throw SweepFactorError("the exercise has no threat") }
            threat.time = try scale(threat.time, by: value)
            exercise.threat = threat
        default:
            try applyMechanism(value, to: &exercise)
        }
    }

    private func check(_ index: Int, _ count: Int, _ what: String) throws(SweepFactorError) {
        guard index >= 0 && index < count else { throw SweepFactorError("no \(what) #\(index) (the exercise has \(count))") }
    }

    private func scale(_ distribution: Distribution, by k: Double) throws(SweepFactorError) -> Distribution {
        do {
            return try distribution.scaled(by: k)
        } catch {
            throw SweepFactorError(error.description)
        }
    }

    /// Sets every declared entry for the unordered pair (a, b), or adds one (otherwise full
    /// cooperation) when there is none.
    private func setCooperation(_ a: Int, _ b: Int, in exercise: inout Exercise, _ change: (inout Cooperation) -> Void) throws(SweepFactorError) {
        try check(a, exercise.jurisdictions.count, "jurisdiction")
        try check(b, exercise.jurisdictions.count, "jurisdiction")
        guard a != b else { throw SweepFactorError("a jurisdiction cannot cooperate with itself") }
        var found = false
        for index in exercise.cooperation.indices {
            let pair = exercise.cooperation[index].between
            if (pair.0 == a && pair.1 == b) || (pair.0 == b && pair.1 == a) {
                change(&exercise.cooperation[index])
                found = true
            }
        }
        if !found {
            var entry = Cooperation(between: (a, b))
            change(&entry)
            exercise.cooperation.append(entry)
        }
    }
}
