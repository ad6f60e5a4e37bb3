/// The look-up tables of the opt-in cooperation mechanisms (Mechanisms.swift), computed once
/// per exercise. Empty or nil when the exercise declares none, so the event loop can skip them.
struct MechanismPlan: Sendable {
    /// Familiarity per ordered agency pair (a · n + b); nil: no joint exercises.
    let familiarity: [Double]?
    let model: Familiarity
    let agencyCount: Int
    /// Channels closed at the start: opened by a task, out of service, or under an agreement not in force.
    let initiallyClosed: [Bool]
    /// Channels each task (index) opens when its main-case instance completes.
    let opensChannels: [Int: [Int]]
    /// Channels that, once open, carry requests between their members without an instrument.
    let requestChannels: [Int]
    /// Dual criminality waived per ordered jurisdiction pair (an agreement); nil: none.
    let dualCriminalityWaived: [Bool]?
    /// Obligation per (agency · capabilityCount + capability); nil: no agency has any.
    let obligations: [Obligation?]?
    let capabilityCount: Int

    init(_ exercise: Exercise) {
        let n = exercise.agencies.count
        agencyCount = n
        model = exercise.familiarity
        familiarity = exercise.familiarity.levels(agencyCount: n)
        var closed = exercise.channels.map { !$0.inService || $0.openedBy != nil }
        var opens: [Int: [Int]] = [:]
        for (index, channel) in exercise.channels.enumerated() {
            if let task = channel.openedBy { opens[task, default: []].append(index) }
        }
        let places = exercise.jurisdictions.count
        var waived: [Bool]?
        for agreement in exercise.agreements {
            if !agreement.inForce {
                for channel in agreement.channels where closed.indices.contains(channel) { closed[channel] = true }
                continue
            }
            if agreement.waivesDualCriminality {
                var table = waived ?? [Bool](repeating: false, count: places * places)
                table[agreement.between.0 * places + agreement.between.1] = true
                table[agreement.between.1 * places + agreement.between.0] = true
                waived = table
            }
        }
        initiallyClosed = closed
        opensChannels = opens
        requestChannels = exercise.channels.indices.filter { exercise.channels[$0].carriesRequests }
        dualCriminalityWaived = waived
        capabilityCount = exercise.capabilities.count
        if exercise.agencies.contains(where: { !$0.obligations.isEmpty }) {
            var table = [Obligation?](repeating: nil, count: n * exercise.capabilities.count)
            for (agency, entry) in exercise.agencies.enumerated() {
                for obligation in entry.obligations where obligation.capability < exercise.capabilities.count {
                    table[agency * exercise.capabilities.count + obligation.capability] = obligation
                }
            }
            obligations = table
        } else {
            obligations = nil
        }
    }

    /// The familiarity of agencies `a` and `b` (0 when unknown or the same).
    func level(_ a: Int, _ b: Int) -> Double {
        guard let familiarity, a >= 0, b >= 0, a < agencyCount, b < agencyCount else { return 0 }
        return familiarity[a * agencyCount + b]
    }

    /// The factor 1 − F·cut on a time between `a` and `b` (exactly 1 without familiarity).
    /// Inlined so that the key path folds into a field read (else it is created and released per call).
    @inline(__always)
    func factor(_ a: Int, _ b: Int, cut: KeyPath<Familiarity, Double>) -> Double {
        guard familiarity != nil else { return 1 }
        return 1 - level(a, b) * model[keyPath: cut]
    }

    /// Willingness `w` raised by the familiarity of `a` and `b`.
    func willingness(_ w: Double, _ a: Int, _ b: Int) -> Double {
        guard familiarity != nil else { return w }
        return w + level(a, b) * model.acceptanceGain * (1 - w)
    }

    func waivesDualCriminality(_ from: Int, _ to: Int, places: Int) -> Bool {
        dualCriminalityWaived?[from * places + to] ?? false
    }

    func obligation(agency: Int, capability: Int) -> Obligation? {
        obligations?[agency * capabilityCount + capability]
    }
}

extension Exercise {
    /// Willingness and delay multiplier per ordered jurisdiction pair after the agreements in force.
    static func applyAgreements(_ agreements: [Agreement], places count: Int, willingness: inout [Double], multiplier: inout [Double]) {
        for agreement in agreements where agreement.inForce {
            for (a, b) in [(agreement.between.0, agreement.between.1), (agreement.between.1, agreement.between.0)] {
                multiplier[a * count + b] *= agreement.reviewFactor
                if let floor = agreement.willingness { willingness[a * count + b] = max(willingness[a * count + b], floor) }
            }
        }
    }
}
