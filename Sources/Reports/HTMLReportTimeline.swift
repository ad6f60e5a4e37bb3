internal import Experiments
public import ExerciseModel
internal import Foundation

/// The traced events of one representative replication, for the report's timeline.
public struct TimelineInput: Sendable {
    public var exercise: Exercise
    public var replication: Int
    public var events: [TraceEvent]
    /// Why this replication was chosen (shown under the chart's heading).
    public var note: String

    public init(exercise: Exercise, replication: Int, events: [TraceEvent], note: String) {
        self.exercise = exercise
        self.replication = replication
        self.events = events
        self.note = note
    }

    /// The replication whose value of `column` in `rows` is closest to the column's median
    /// (the lower median for an even count; ties to the lowest index); nil when no row has a value.
    public static func medianReplication(_ rows: ReplicationRows, column: String) -> (replication: Int, value: Double)? {
        let indices = rows.cells("replication")
        let pairs: [(Int, Double)] = zip(indices, rows.cells(column)).compactMap { index, cell in
            guard let index, let replication = Int(index), let cell, let value = Double(cell) else { return nil }
            return (replication, value)
        }
        let sorted = pairs.map(\.1).sorted()
        guard !sorted.isEmpty else { return nil }
        let median = sorted[(sorted.count - 1) / 2]
        guard let best = pairs.min(by: { (abs($0.1 - median), $0.0) < (abs($1.1 - median), $1.0) }) else { return nil }
        return (best.0, best.1)
    }
}

/// What the timeline draws, read off the main case's traced events (background cases of
/// repeating injects would bury it). Times in seconds from the exercise start.
struct TimelineData {
    /// A task instance at one agency: ready (queued for staff), started, completed.
    struct Bar { var agency: Int; var task: Int; var instance: Int32; var ready: Double?; var start: Double?; var end: Double? }
    /// A message over a channel, or a legal request (drafting sent to granted), between lanes.
    struct Arrow { var from: Int; var to: Int; var sent: Double; var arrived: Double; var isRequest: Bool; var label: String }
    struct Marker { var agency: Int; var time: Double; var label: String }

    var bars: [Bar] = []
    var arrows: [Arrow] = []
    var injects: [Marker] = []
    var attack: Double?
    /// The last time drawn (at least one second).
    var end = 1.0

    init(_ input: TimelineInput) {
        let exercise = input.exercise
        let isMain = CasePlan(exercise).caseOfTask.map { $0 == CasePlan.mainCase }
        func mainTask(_ task: Int32) -> Bool { task < 0 || (isMain.indices.contains(Int(task)) && isMain[Int(task)]) }
        var firings: [Int32: Int] = [:]
        for event in input.events where event.kind == .injectFired { firings[event.inject, default: 0] += 1 }
        var barIndex: [String: Int] = [:]
        // Message ids are reused once a message is delivered or lost: an id is open between the two.
        var openMessages: [Int32: (from: Int, to: Int, sent: Double, channel: Int32, task: Int32)] = [:]
        var requests: [Int32: (holder: Int, sent: Double, task: Int32)] = [:]
        var granted: [(instance: Int32, holder: Int, sent: Double, at: Double, task: Int32)] = []
        for event in input.events where mainTask(event.task) {
            if event.kind == .injectFired && firings[event.inject, default: 0] > 1 { continue }
            if event.kind != .subjectMoved { end = max(end, event.time) }
            switch event.kind {
            case .taskReady, .taskStarted, .taskCompleted:
                guard event.agency >= 0, event.task >= 0 else { continue }
                let key = "\(event.instance)/\(event.agency)"
                let index = barIndex[key] ?? bars.count
                if index == bars.count {
                    barIndex[key] = index
                    bars.append(Bar(agency: Int(event.agency), task: Int(event.task), instance: event.instance))
                }
                if event.kind == .taskReady { bars[index].ready = bars[index].ready ?? event.time }
                if event.kind == .taskStarted { bars[index].start = event.time }
                if event.kind == .taskCompleted { bars[index].end = event.time }
            case .messageSent:
                guard event.agency >= 0, event.peer >= 0 else { continue }
                openMessages[event.message] = (Int(event.agency), Int(event.peer), event.time, event.channel, event.task)
            case .messageDelivered:
                guard let message = openMessages.removeValue(forKey: event.message) else { continue }
                let channel = exercise.channels.indices.contains(Int(message.channel)) ? exercise.channels[Int(message.channel)].id : "a channel"
                let task = exercise.tasks.indices.contains(Int(message.task)) ? exercise.tasks[Int(message.task)].id : "a task"
                arrows.append(Arrow(from: message.from, to: message.to, sent: message.sent, arrived: event.time, isRequest: false,
                                    label: "message for \(task) over \(channel)"))
            case .messageLost:
                openMessages[event.message] = nil
            case .requestSent:
                if event.agency >= 0 { requests[event.instance] = (Int(event.agency), event.time, event.task) }
            case .requestGranted:
                if let request = requests.removeValue(forKey: event.instance) {
                    granted.append((event.instance, request.holder, request.sent, event.time, request.task))
                }
            case .injectFired:
                guard event.agency >= 0, event.inject >= 0 else { continue }
                let id = exercise.injects.indices.contains(Int(event.inject)) ? exercise.injects[Int(event.inject)].id : "inject"
                injects.append(Marker(agency: Int(event.agency), time: event.time, label: "inject \(id)"))
            case .attack:
                attack = event.time
            default:
                continue
            }
        }
        // A granted request is ready at its performer at once: that bar's lane is where it went.
        for request in granted {
            guard let bar = bars.first(where: { $0.instance == request.instance && $0.ready == request.at }) else { continue }
            let task = exercise.tasks.indices.contains(Int(request.task)) ? exercise.tasks[Int(request.task)].id : "a task"
            arrows.append(Arrow(from: request.holder, to: bar.agency, sent: request.sent, arrived: request.at, isRequest: true,
                                label: "legal request for \(task), drafted to granted"))
        }
        bars.sort { ($0.ready ?? $0.start ?? 0, $0.task, $0.agency) < ($1.ready ?? $1.start ?? 0, $1.task, $1.agency) }
        arrows.sort { ($0.sent, $0.from, $0.to) < ($1.sent, $1.from, $1.to) }
    }
}

/// The times an agency is closed (outside its working hours, or on a holiday), from the same
/// calendar the simulation uses; empty for an agency working around the clock.
enum OffHours {
    /// Closed intervals within [0, end] seconds, in order.
    static func closed(_ agency: Agency, in exercise: Exercise, until end: Double) -> [(start: Double, end: Double)] {
        guard let hours = agency.hours else { return [] }
        let place = exercise.jurisdictions.indices.contains(agency.jurisdictionIndex) ? exercise.jurisdictions[agency.jurisdictionIndex] : nil
        guard let calendar = try? WorkingCalendar(startInstant: exercise.startInstant, timeZoneIdentifier: place?.timeZone ?? "UTC",
                                                  hours: hours, holidays: place?.holidays ?? [], horizon: max(exercise.horizon, end)) else { return [] }
        return closed(calendar, until: end)
    }

    /// Walks the calendar with its public queries: from a closed instant to the next opening,
    /// from an open instant to the closing (found by doubling, then bisection to a second).
    static func closed(_ calendar: WorkingCalendar, until end: Double) -> [(start: Double, end: Double)] {
        var result: [(start: Double, end: Double)] = []
        var time = 0.0
        func openThroughout(_ from: Double, _ to: Double) -> Bool { calendar.openDuration(from: from, to: to) >= (to - from) - 1e-6 }
        while time < end && result.count < 10_000 {
            if !calendar.isOpen(at: time) {
                let opening = calendar.nextOpening(atOrAfter: time)
                result.append((time, min(opening, end)))
                guard opening.isFinite else { break }
                time = opening
                continue
            }
            var step = 3600.0
            while time + step < end && openThroughout(time, time + step) { step *= 2 }
            guard time + step < end || !openThroughout(time, end) else { break }
            var low = time + step / 2, high = min(time + step, end)
            if !openThroughout(time, low) { low = time }
            while high - low > 1 {
                let middle = (low + high) / 2
                if openThroughout(time, middle) { low = middle } else { high = middle }
            }
            // Within a second after the closing: closed there, so the next turn records it.
            time = high
        }
        return result
    }
}
