public import ExerciseModel
internal import Foundation

/// Writes traced events as JSON Lines: one object per event with the replication, the time in
/// hours and seconds, the kind, and the names (ids) of what it involves; absent ids are omitted.
public struct TraceWriter {
    public let exercise: Exercise

    public init(exercise: Exercise) { self.exercise = exercise }

    /// The JSON Lines text of `events` of replication `replication`.
    public func lines(_ events: [TraceEvent], replication: Int) -> String {
        var text = ""
        for event in events {
            var fields: [(String, String)] = [
                ("replication", String(replication)),
                ("time_s", NumberFormat.cell(event.time)),
                ("time_h", NumberFormat.cell(event.time / 3600)),
                ("kind", quoted(event.kind.rawValue)),
            ]
            if event.kind == .subjectMoved {
                // For a subject's move, `inject` holds the subject and `peer` the jurisdiction.
                if exercise.subjects.indices.contains(Int(event.inject)) { fields.append(("subject", quoted(exercise.subjects[Int(event.inject)].id))) }
                if exercise.jurisdictions.indices.contains(Int(event.peer)) { fields.append(("to", quoted(exercise.jurisdictions[Int(event.peer)].id))) }
                text += "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
                continue
            }
            if event.agency >= 0 { fields.append(("agency", quoted(exercise.agencies[Int(event.agency)].id))) }
            if event.peer >= 0 { fields.append(("to", quoted(exercise.agencies[Int(event.peer)].id))) }
            if event.task >= 0 { fields.append(("task", quoted(exercise.tasks[Int(event.task)].id))) }
            if event.instance >= 0 { fields.append(("instance", String(event.instance))) }
            if event.channel >= 0 { fields.append(("channel", quoted(exercise.channels[Int(event.channel)].id))) }
            if event.message >= 0 { fields.append(("message", String(event.message))) }
            if event.inject >= 0 { fields.append(("inject", quoted(exercise.injects[Int(event.inject)].id))) }
            text += "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}\n"
        }
        return text
    }

    /// A JSON string literal (escaping quotes, backslashes and control characters).
    func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }
}
