internal import Stochastics

/// The look-up tables a replication needs, computed once per exercise and shared read-only by
/// every replication: who depends on whom, which injects follow which, where each case's tasks
/// sit in an instance block, and which channel carries what between whom.
public struct CompiledPlan: Sendable {
    public let exercise: Exercise
    public let cases: CasePlan
    public let routing: ChannelRouting
    /// Tasks that list each task as a prerequisite.
    let dependents: FlatLists
    /// Tasks each inject triggers.
    let triggeredTasks: FlatLists
    /// The tasks of each case (`cases.tasksOfCase`), in block order.
    let caseTasks: FlatLists
    /// Each inject's receiver and classification, and for repeating injects the interval and
    /// the number of occurrences (−1: the inject does not repeat; `Int.max`: until the
    /// horizon), read every time a background case starts.
    let injectReceiver: [Int32]
    let injectClassification: [Classification]
    let repeatInterval: [Distribution]
    let repeatCount: [Int]
    /// Injects timed relative to each inject (`after:`).
    let followers: [[Int32]]
    /// Inputs each task waits for: its triggers plus its prerequisites.
    let inputCount: [Int32]
    /// Work time of each (agency, capability), flattened: agency · capabilityCount + capability;
    /// `Distribution.zero` where the agency lacks the capability (no work, no draw).
    let workTime: [Distribution]
    /// For legal requests and subject-bound tasks, the agency that collects the inputs and
    /// dispatches the case (the requester, else the lead); nil: the performer itself.
    let holder: [Int?]
    /// Each channel's latency and handling time, drawn for every message sent.
    let channelLatency: [Distribution]
    let channelHandling: [Distribution]
    /// Working hours of each agency and channel.
    let agencyCalendars: [WorkingCalendar]
    let channelCalendars: [WorkingCalendar]
    /// Willingness and delay multiplier per ordered jurisdiction pair at the start.
    let initialWillingness: [Double]
    let initialDelayMultiplier: [Double]
    /// Injects under originator control (bit k of a mark is `markedInjects[k]`), and each inject's mark.
    let markedInjects: [Int]
    let markOfInject: [UInt64]
    /// Tasks whose performer follows each subject.
    let tasksBoundTo: [[Int]]
    /// Agencies of each (jurisdiction, kind), in declaration order.
    let agenciesByPlace: [[Int]]
    /// The opt-in cooperation mechanisms' tables (CompiledPlan+Mechanisms.swift).
    let mechanisms: MechanismPlan
    /// Translation time per ordered jurisdiction pair (a · count + b), see `translationTime`;
    /// looked up for every message, so computed once here.
    let translationTimes: [Distribution?]
    /// The purposes of each replication's random streams (ExerciseRunner.swift).
    let streamPurposes: StreamPurposes
    /// `bestInstrument(from:to:kind:)` for every (from, to, kind), −1 for none, at
    /// `(from · places + to) · kinds + kind`: looked up for every legal request. Empty above
    /// `bestInstrumentTableLimit` jurisdictions, where the search runs each time.
    private let bestInstruments: [Int32]
    private static let bestInstrumentTableLimit = 128

    public init(_ exercise: Exercise) {
        self.exercise = exercise
        cases = CasePlan(exercise)
        routing = ChannelRouting(exercise)
        var dependents = [[Int32]](repeating: [], count: exercise.tasks.count)
        var triggered = [[Int32]](repeating: [], count: exercise.injects.count)
        for (index, task) in exercise.tasks.enumerated() {
            for prerequisite in task.prerequisites { dependents[prerequisite].append(Int32(index)) }
            for trigger in task.triggers { triggered[trigger].append(Int32(index)) }
        }
        var followers = [[Int32]](repeating: [], count: exercise.injects.count)
        for (index, inject) in exercise.injects.enumerated() {
            if case .after(let previous, _) = inject.timing { followers[previous].append(Int32(index)) }
        }
        self.dependents = FlatLists(dependents)
        triggeredTasks = FlatLists(triggered)
        caseTasks = FlatLists(cases.tasksOfCase.map { $0.map(Int32.init) })
        injectReceiver = exercise.injects.map { Int32($0.receiver) }
        injectClassification = exercise.injects.map(\.classification)
        repeatInterval = exercise.injects.map { $0.repetition?.interval ?? .zero }
        repeatCount = exercise.injects.map { inject in inject.repetition.map { $0.count ?? .max } ?? -1 }
        self.followers = followers
        inputCount = exercise.tasks.map { Int32($0.triggers.count + $0.prerequisites.count) }
        let capabilityCount = exercise.capabilities.count
        var work = [Distribution](repeating: .zero, count: exercise.agencies.count * capabilityCount)
        for (agency, entry) in exercise.agencies.enumerated() {
            for (capability, distribution) in entry.workTime.enumerated() where capability < capabilityCount {
                if let distribution { work[agency * capabilityCount + capability] = distribution }
            }
        }
        workTime = work
        holder = exercise.tasks.map { Exercise.holder(of: $0, lead: exercise.lead) }
        channelLatency = exercise.channels.map(\.latency)
        channelHandling = exercise.channels.map(\.handling)
        let horizon = exercise.horizon
        func calendar(_ hours: WeeklyHours?, _ zone: String, _ holidays: Set<LocalDate>) -> WorkingCalendar {
            guard let hours else { return .alwaysOpen }
            // Unknown zones are rejected by validation; fall back to always open if one gets here.
            return (try? WorkingCalendar(startInstant: exercise.startInstant, timeZoneIdentifier: zone, hours: hours,
                                         holidays: holidays, horizon: horizon)) ?? .alwaysOpen
        }
        agencyCalendars = exercise.agencies.map { agency in
            let place = exercise.jurisdictions.indices.contains(agency.jurisdictionIndex) ? exercise.jurisdictions[agency.jurisdictionIndex] : nil
            return calendar(agency.hours, place?.timeZone ?? "UTC", place?.holidays ?? [])
        }
        channelCalendars = exercise.channels.map { calendar($0.hours, $0.timeZone, []) }
        let count = exercise.jurisdictions.count
        var willingness = [Double](repeating: 1, count: count * count)
        var multiplier = [Double](repeating: 1, count: count * count)
        for entry in exercise.cooperation {
            for (a, b) in [(entry.between.0, entry.between.1), (entry.between.1, entry.between.0)] {
                willingness[a * count + b] = entry.willingness
                multiplier[a * count + b] = entry.delayMultiplier
            }
        }
        Exercise.applyAgreements(exercise.agreements, places: count, willingness: &willingness, multiplier: &multiplier)
        initialWillingness = willingness
        initialDelayMultiplier = multiplier
        mechanisms = MechanismPlan(exercise)
        let marked = exercise.injects.indices.filter { exercise.injects[$0].originatorControl != nil }.prefix(64)
        markedInjects = Array(marked)
        markOfInject = exercise.injects.indices.map { inject in
            marked.firstIndex(of: inject).map { UInt64(1) << UInt64($0 - marked.startIndex) } ?? 0
        }
        var bound = [[Int]](repeating: [], count: exercise.subjects.count)
        for (index, task) in exercise.tasks.enumerated() {
            if case .subjectLocation(let subject, _) = task.performer { bound[subject].append(index) }
        }
        tasksBoundTo = bound
        var places = [[Int]](repeating: [], count: count * AgencyKind.allCases.count)
        for (index, agency) in exercise.agencies.enumerated() where exercise.jurisdictions.indices.contains(agency.jurisdictionIndex) {
            let kind = AgencyKind.allCases.firstIndex(of: agency.kind) ?? 0
            places[agency.jurisdictionIndex * AgencyKind.allCases.count + kind].append(index)
        }
        agenciesByPlace = places
        streamPurposes = StreamPurposes(exercise)
        translationTimes = (0..<count * count).map { pair in
            Self.translationTime(exercise, pair / count, pair % count)
        }
        bestInstruments = count <= Self.bestInstrumentTableLimit ? Self.bestInstrumentTable(exercise, places: count) : []
    }

    /// The table behind `bestInstruments`: every instrument offered to each cell it applies to,
    /// in declaration order, kept only if strictly faster (so ties go to the first declared).
    private static func bestInstrumentTable(_ exercise: Exercise, places: Int) -> [Int32] {
        let kinds = RequestKind.allCases
        var table = [Int32](repeating: -1, count: places * places * kinds.count)
        var fastest = [Double](repeating: .infinity, count: table.count)
        for (index, instrument) in exercise.instruments.enumerated() {
            let expected = instrument.draft.mean + instrument.transmission.mean + instrument.review.mean
            let parties = Set(instrument.parties).filter { (0..<places).contains($0) }.sorted()
            for from in parties {
                for to in parties {
                    for (k, kind) in kinds.enumerated() where instrument.applies(from: from, to: to, kind: kind) {
                        let cell = (from * places + to) * kinds.count + k
                        if expected < fastest[cell] {
                            fastest[cell] = expected
                            table[cell] = Int32(index)
                        }
                    }
                }
            }
        }
        return table
    }

    /// Agencies of `kind` in jurisdiction `place`.
    func agencies(in place: Int, kind: AgencyKind) -> [Int] {
        agenciesByPlace[place * AgencyKind.allCases.count + (AgencyKind.allCases.firstIndex(of: kind) ?? 0)]
    }

    /// The instrument for a request of `kind` from jurisdiction `from` to `to`: among those that
    /// apply, the lowest expected draft + transmission + review; ties to the first declared.
    public func bestInstrument(from: Int, to: Int, kind: RequestKind) -> Int? {
        let places = exercise.jurisdictions.count
        if !bestInstruments.isEmpty && (0..<places).contains(from) && (0..<places).contains(to) {
            let kinds = RequestKind.allCases
            let best = bestInstruments[(from * places + to) * kinds.count + (kinds.firstIndex(of: kind) ?? 0)]
            return best >= 0 ? Int(best) : nil
        }
        return searchBestInstrument(from: from, to: to, kind: kind)
    }

    /// `bestInstrument(from:to:kind:)` by looking at every instrument.
    func searchBestInstrument(from: Int, to: Int, kind: RequestKind) -> Int? {
        var best: Int?
        var bestTime = Double.infinity
        for (index, instrument) in exercise.instruments.enumerated() where instrument.applies(from: from, to: to, kind: kind) {
            let expected = instrument.draft.mean + instrument.transmission.mean + instrument.review.mean
            if expected < bestTime {
                best = index
                bestTime = expected
            }
        }
        return best
    }

    /// The instrument a request task uses: its own `instrument` when that applies, else the best.
    func instrument(for task: PlanTask, from: Int, to: Int, kind: RequestKind) -> Int? {
        if let forced = task.instrument, exercise.instruments.indices.contains(forced),
           exercise.instruments[forced].applies(from: from, to: to, kind: kind) { return forced }
        return bestInstrument(from: from, to: to, kind: kind)
    }

    /// The declared re-framing of a refused offence, if any (the first declared).
    func reframing(from offence: Int) -> Reframing? {
        exercise.reframings.first { $0.from == offence }
    }

    /// Translation time between two jurisdictions, or nil when they share a language (or either
    /// declares none, or the scenario gives no translation time).
    func translationTime(_ a: Int, _ b: Int) -> Distribution? {
        translationTimes[a * exercise.jurisdictions.count + b]
    }

    private static func translationTime(_ exercise: Exercise, _ a: Int, _ b: Int) -> Distribution? {
        guard a != b else { return nil }
        let first = exercise.jurisdictions[a].languages, second = exercise.jurisdictions[b].languages
        guard !first.isEmpty, !second.isEmpty, Set(first).isDisjoint(with: second) else { return nil }
        for pair in exercise.translation.pairs {
            if first.contains(where: pair.languages.contains) && second.contains(where: pair.languages.contains) { return pair.time }
        }
        return exercise.translation.defaultTime
    }

    /// Number of tasks in case `caseIndex` (the size of one instance block).
    func blockSize(_ caseIndex: Int) -> Int { cases.tasksOfCase[caseIndex].count }
}
