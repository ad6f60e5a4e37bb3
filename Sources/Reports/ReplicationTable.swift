internal import CSV
public import ExerciseModel
internal import Foundation

/// `replications.csv`: one row per replication, one column per measure, tidy (one header row,
/// units in the column names, no units in cells, empty cells for "did not happen").
///
/// Columns, in order: `replication`, `end_hours`, `events`, `messages`, `failed_attempts`,
/// `lost_messages`, `background_cases`, the handoff counts (`requests`, `dual_criminality_refusals`,
/// `other_refusals`, `reframings`, `fallbacks`, `failed_requests`, `consent_requests`,
/// `consent_refusals`, `subject_handoffs`, `translations`); for each objective
/// `objective.<id>.elapsed_hours`, `objective.<id>.rating` (P, S, M, U or N/A),
/// `objective.<id>.met` (1/0) and `objective.<id>.time.<category>_hours` for each time category
/// (where the time went; empty when the milestone was not reached); with a threat
/// `threat.attack_hours`, `threat.disrupted_hours`, `threat.disrupted` (1/0); for each task of the
/// main case `task.<id>.done_hours`; for each inject `inject.<id>.fired_hours`; for each agency
/// `agency.<id>.utilisation`, `agency.<id>.queue_wait_hours`, `agency.<id>.tasks_completed`; for
/// each channel `channel.<id>.messages`, `channel.<id>.latency_hours` (empty when none was
/// delivered); last `fingerprint`, the replication's fingerprint as 16 hex digits.
public struct ReplicationTable: Sendable {
    public let exercise: Exercise
    /// Whether each task belongs to the main case (only those have completion columns).
    let isMainTask: [Bool]

    public init(exercise: Exercise) {
        self.exercise = exercise
        let cases = CasePlan(exercise)
        isMainTask = cases.caseOfTask.map { $0 == CasePlan.mainCase }
    }

    public var header: [String] {
        var columns = ["replication", "end_hours", "events", "messages", "failed_attempts", "lost_messages", "background_cases"]
        columns += HandoffCounters.names
        for objective in exercise.objectives {
            columns += ["objective.\(objective.id).elapsed_hours", "objective.\(objective.id).rating", "objective.\(objective.id).met"]
            columns += TimeCategory.allCases.map { "objective.\(objective.id).time.\($0.name)_hours" }
        }
        if exercise.threat != nil { columns += ["threat.attack_hours", "threat.disrupted_hours", "threat.disrupted"] }
        for (index, task) in exercise.tasks.enumerated() where isMainTask[index] {
            columns.append("task.\(task.id).done_hours")
        }
        for inject in exercise.injects { columns.append("inject.\(inject.id).fired_hours") }
        for agency in exercise.agencies {
            columns += ["agency.\(agency.id).utilisation", "agency.\(agency.id).queue_wait_hours", "agency.\(agency.id).tasks_completed"]
        }
        for channel in exercise.channels { columns += ["channel.\(channel.id).messages", "channel.\(channel.id).latency_hours"] }
        columns.append("fingerprint")
        return columns
    }

    public func row(_ outcome: ReplicationOutcome) -> [String] {
        var cells = [String(outcome.replication), NumberFormat.hours(outcome.endTime), String(outcome.events),
                     String(outcome.messages), String(outcome.failedAttempts), String(outcome.lostMessages), String(outcome.backgroundCases)]
        cells += outcome.handoffs.values.map(String.init)
        for objective in outcome.objectives {
            cells += [NumberFormat.hours(objective.elapsed), objective.rating.rawValue, objective.met ? "1" : "0"]
            cells += TimeCategory.allCases.map { category in NumberFormat.hours(objective.attribution.map { $0[category] }) }
        }
        if let threat = outcome.threat {
            cells += [NumberFormat.hours(threat.attackAt), NumberFormat.hours(threat.disruptedAt), threat.disrupted ? "1" : "0"]
        }
        for (index, done) in outcome.taskCompletion.enumerated() where isMainTask[index] {
            cells.append(NumberFormat.hours(done))
        }
        for fired in outcome.injectFired { cells.append(NumberFormat.hours(fired)) }
        for agency in outcome.agencies {
            cells += [NumberFormat.cell(agency.utilisation), NumberFormat.hours(agency.meanQueueWait), String(agency.tasksCompleted)]
        }
        for channel in outcome.channels {
            cells += [String(channel.messages), NumberFormat.hours(channel.delivered > 0 ? channel.meanLatency : nil)]
        }
        cells.append(Fingerprint.hex(outcome.fingerprint))
        return cells
    }

    /// The whole CSV text for `outcomes`, ending with a newline.
    public func csv(_ outcomes: [ReplicationOutcome]) throws -> String {
        var text = try CSVLine.encode(header)
        for outcome in outcomes { text += try CSVLine.encode(row(outcome)) }
        return text
    }
}

/// One CSV record as text, quoted and escaped by the CSV.swift library, ending with a newline.
/// Rows are encoded one at a time so that large files can be streamed to disk as they grow.
public enum CSVLine {
    public static func encode(_ fields: [String]) throws -> String {
        // Most rows are numbers and ids: when no field needs quoting, joining them is the CSV
        // record already, and skips the library's per-character writer on the hot path.
        if !fields.contains(where: needsQuoting) { return fields.joined(separator: ",") + "\n" }
        let stream = OutputStream.toMemory()
        stream.open()
        let writer = try CSVWriter(stream: stream)
        try writer.write(row: fields)
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return "\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

extension CSVLine {
    /// True when a field holds a delimiter, a quote or a line break (RFC 4180 quoting).
    static func needsQuoting(_ field: String) -> Bool {
        field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
    }
}
