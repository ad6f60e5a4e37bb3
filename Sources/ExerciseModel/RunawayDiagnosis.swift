internal import SimKernel

/// Counts the traced events of a replication by the scenario element they belong to, to name
/// what a runaway replication spent its events on.
struct RunawayTally: TraceRecorder {
    /// Counts per (kind, element index); the element is the subject, task, inject or channel.
    var counts: [TraceKind: [Int32: Int]] = [:]
    /// Jurisdictions each subject moved to (subject index → jurisdiction index → count).
    var destinations: [Int32: [Int32: Int]] = [:]
    var total = 0

    mutating func record(_ event: TraceEvent) {
        total += 1
        let element: Int32
        switch event.kind {
        case .subjectMoved:
            element = event.inject
            destinations[element, default: [:]][event.peer, default: 0] += 1
        case .injectFired:
            element = event.inject
        case .messageSent, .attemptFailed, .messageLost, .messageDelivered:
            element = event.channel
        case .attack:
            element = 0
        default:
            element = event.task
        }
        counts[event.kind, default: [:]][element, default: 0] += 1
    }

    /// The one or two elements with the most events, as a phrase naming them in scenario terms;
    /// nil when nothing was traced.
    func culprit(in exercise: Exercise) -> String? {
        var ranked: [(count: Int, kind: TraceKind, element: Int32)] = []
        for (kind, elements) in counts {
            for (element, count) in elements { ranked.append((count, kind, element)) }
        }
        // Most events first; ties in a fixed order so the message does not vary between runs.
        ranked.sort { ($0.count, $1.kind.rawValue, $1.element) > ($1.count, $0.kind.rawValue, $0.element) }
        let phrases = ranked.prefix(2).compactMap { phrase($0.kind, $0.element, $0.count, exercise) }
        guard !phrases.isEmpty else { return nil }
        return phrases.joined(separator: "; ")
    }

    private func name<Element>(_ items: [Element], _ index: Int32, _ id: (Element) -> String) -> String {
        index >= 0 && Int(index) < items.count ? id(items[Int(index)]) : "#\(index)"
    }

    private func phrase(_ kind: TraceKind, _ element: Int32, _ count: Int, _ exercise: Exercise) -> String? {
        let times = "\(count) times"
        let task = name(exercise.tasks, element) { $0.id }
        switch kind {
        case .subjectMoved:
            let subject = name(exercise.subjects, element) { $0.id }
            let places = (destinations[element] ?? [:]).sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3)
                .map { name(exercise.jurisdictions, $0.key) { $0.id } }
            let between = places.count >= 2 ? " between " + places.joined(separator: " and ") : ""
            return "subject '\(subject)' moved \(times)\(between) (subjects.\(subject).moves; every move hands its cases over)"
        case .handoff:
            return "task '\(task)' was handed to another jurisdiction \(times) (its subject keeps moving)"
        case .injectFired:
            let inject = name(exercise.injects, element) { $0.id }
            return "inject '\(inject)' fired \(times) (injects.\(inject).repeat)"
        case .messageSent, .messageDelivered:
            return "channel '\(name(exercise.channels, element) { $0.id })' carried \(count) messages"
        case .attemptFailed, .messageLost:
            let channel = name(exercise.channels, element) { $0.id }
            return "channel '\(channel)' failed \(times) (channels.\(channel).failure)"
        case .requestSent, .requestRefused, .requestGranted:
            return "request task '\(task)' was sent or answered \(times)"
        case .taskReady, .taskStarted, .taskCompleted:
            return "task '\(task)' was readied, started or completed \(times)"
        case .attack:
            return nil
        }
    }
}

extension ExerciseRunner {
    /// Runs the replication again with a tally of its events and names the scenario elements
    /// that produced the most: the part of the scenario that loops. The replication is a pure
    /// function of (seed, index), so the rerun repeats the runaway exactly.
    func runawayCulprit(replication: Int, seed: UInt64) -> String? {
        let streams = ReplicationStreams(plan.streamPurposes, seed: seed, replication: UInt64(replication))
        var simulation = Simulation(model: ExerciseSimulation(plan: plan, streams: streams, trace: RunawayTally()))
        simulation.model.start(calendar: &simulation.calendar)
        _ = try? simulation.run(until: plan.exercise.horizon, eventCap: eventCap)
        return simulation.model.trace.culprit(in: plan.exercise)
    }
}
