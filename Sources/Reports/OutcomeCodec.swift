public import ExerciseModel
internal import Foundation

/// A `ReplicationOutcome` as one JSON array, field for field, for the checkpoints of a run in
/// progress (`RunCheckpoint`). Decoding gives back an equal record (`==`), so a resumed run folds
/// the same records into its summary as an uninterrupted one; the round trip is tested on every
/// shipped scenario (`DurableFilesTests`), which catches a field added to the record but not here.
///
/// The text is written by hand rather than with `JSONEncoder`: it runs for every replication of
/// every run (on the worker threads), and the encoder cost as much as a third of a replication.
/// Doubles are written in Swift's shortest round-tripping form (`description`), non-finite ones as
/// the strings "nan", "inf", "-inf"; a missing value is `null`; the fingerprint is hex.
///
///     [replication, [taskCompletion…], [injectFired…],
///      [[triggeredAt, reachedAt, elapsed, rating, [attribution…] or null]…],
///      [attackAt, disruptedAt] or null,
///      [[utilisation, meanQueueWait, tasksStarted, tasksCompleted, maxQueueLength]…],
///      [[messages, delivered, failedAttempts, lost, meanLatency]…],
///      events, backgroundCases, endTime, [handoff counters…], "fingerprint",
///      [[[fromTask, toTask, fromAgency, toAgency, isRequest]…]…]]
public enum OutcomeCodec {
    /// The record as one line of JSON (no line break).
    public static func line(_ outcome: ReplicationOutcome) -> String {
        var text = "["
        text.reserveCapacity(256)
        func number(_ value: Double) {
            if value.isNaN { text += "\"nan\"" } else if value.isInfinite { text += value < 0 ? "\"-inf\"" : "\"inf\"" } else { text += value.description }
        }
        func optional(_ value: Double?) {
            if let value { number(value) } else { text += "null" }
        }
        func list<Element>(_ items: [Element], _ each: (Element) -> Void) {
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += "," }
                each(item)
            }
            text += "]"
        }
        text += String(outcome.replication) + ","
        list(outcome.taskCompletion, optional)
        text += ","
        list(outcome.injectFired, optional)
        text += ","
        list(outcome.objectives) { objective in
            text += "["
            optional(objective.triggeredAt); text += ","
            optional(objective.reachedAt); text += ","
            optional(objective.elapsed); text += ","
            text += "\"" + objective.rating.rawValue + "\","
            if let attribution = objective.attribution { list(attribution.seconds, number) } else { text += "null" }
            text += "]"
        }
        text += ","
        if let threat = outcome.threat {
            text += "["; number(threat.attackAt); text += ","; optional(threat.disruptedAt); text += "]"
        } else {
            text += "null"
        }
        text += ","
        list(outcome.agencies) { agency in
            text += "["; number(agency.utilisation); text += ","; number(agency.meanQueueWait)
            text += ",\(agency.tasksStarted),\(agency.tasksCompleted),\(agency.maxQueueLength)]"
        }
        text += ","
        list(outcome.channels) { channel in
            text += "[\(channel.messages),\(channel.delivered),\(channel.failedAttempts),\(channel.lost),"
            number(channel.meanLatency)
            text += "]"
        }
        text += ",\(outcome.events),\(outcome.backgroundCases),"
        number(outcome.endTime)
        text += ","
        list(outcome.handoffs.values) { text += String($0) }
        text += ",\"" + String(outcome.fingerprint, radix: 16) + "\","
        list(outcome.criticalHandoffs) { path in
            list(path) { handoff in
                text += "[\(handoff.fromTask),\(handoff.toTask),\(handoff.fromAgency),\(handoff.toAgency),\(handoff.isRequest)]"
            }
        }
        text += "]"
        return text
    }

    /// `outcomes` as a JSON array of their lines.
    static func encode(_ outcomes: [ReplicationOutcome]) -> Data {
        Data(("[" + outcomes.map(line).joined(separator: ",\n") + "]").utf8)
    }

    static func decode(_ data: Data) throws -> [ReplicationOutcome] {
        try decoder().decode([Line].self, from: data).map(\.outcome)
    }

    /// `JSONDecoder` reads doubles exactly (Foundation's `JSONSerialization` on Linux can be one
    /// unit in the last place off), and "nan", "inf", "-inf" as the non-finite values.
    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    struct CodecError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// One record's line, read back in the order `line` writes it.
    struct Line: Decodable {
        var outcome: ReplicationOutcome

        init(from decoder: any Decoder) throws {
            var fields = try decoder.unkeyedContainer()
            let replication = try fields.decode(Int.self)
            let taskCompletion = try fields.decode([Double?].self)
            let injectFired = try fields.decode([Double?].self)
            let objectives = try fields.decode([ObjectiveLine].self).map(\.objective)
            let threat = try fields.decodeNil() ? nil : try fields.decode(ThreatLine.self).threat
            let agencies = try fields.decode([AgencyLine].self).map(\.agency)
            let channels = try fields.decode([ChannelLine].self).map(\.channel)
            let events = try fields.decode(Int.self)
            let backgroundCases = try fields.decode(Int.self)
            let endTime = try fields.decode(Double.self)
            let counters = try fields.decode([Int].self)
            let hex = try fields.decode(String.self)
            let paths = try fields.decode([[HandoffLine]].self)
            outcome = ReplicationOutcome(replication: replication, taskCompletion: taskCompletion, injectFired: injectFired,
                                         objectives: objectives, threat: threat, agencies: agencies, channels: channels, events: events,
                                         backgroundCases: backgroundCases, endTime: endTime)
            guard counters.count == HandoffCounters.names.count else { throw CodecError("\(counters.count) handoff counters") }
            var handoffs = HandoffCounters()
            handoffs.requests = counters[0]
            handoffs.dualCriminalityRefusals = counters[1]
            handoffs.otherRefusals = counters[2]
            handoffs.reframings = counters[3]
            handoffs.fallbacks = counters[4]
            handoffs.failedRequests = counters[5]
            handoffs.consentRequests = counters[6]
            handoffs.consentRefusals = counters[7]
            handoffs.subjectHandoffs = counters[8]
            handoffs.translations = counters[9]
            outcome.handoffs = handoffs
            guard let fingerprint = UInt64(hex, radix: 16) else { throw CodecError("fingerprint '\(hex)' is not hex") }
            outcome.fingerprint = fingerprint
            outcome.criticalHandoffs = paths.map { $0.map(\.handoff) }
            guard fields.isAtEnd else { throw CodecError("a record has 13 fields") }
        }
    }

    struct ObjectiveLine: Decodable {
        var objective: ObjectiveOutcome

        init(from decoder: any Decoder) throws {
            var fields = try decoder.unkeyedContainer()
            let triggeredAt = try fields.decode(Double?.self)
            let reachedAt = try fields.decode(Double?.self)
            let elapsed = try fields.decode(Double?.self)
            let ratingText = try fields.decode(String.self)
            guard let rating = Rating(rawValue: ratingText) else { throw CodecError("unknown rating '\(ratingText)'") }
            var attribution: TimeAttribution?
            if let seconds = try fields.decode([Double]?.self) {
                var value = TimeAttribution()
                guard seconds.count == value.seconds.count else { throw CodecError("attribution of \(seconds.count) categories") }
                value.seconds = seconds
                attribution = value
            }
            objective = ObjectiveOutcome(triggeredAt: triggeredAt, reachedAt: reachedAt, elapsed: elapsed, rating: rating, attribution: attribution)
        }
    }

    struct ThreatLine: Decodable {
        var threat: ThreatOutcome

        init(from decoder: any Decoder) throws {
            var fields = try decoder.unkeyedContainer()
            threat = ThreatOutcome(attackAt: try fields.decode(Double.self), disruptedAt: try fields.decode(Double?.self))
        }
    }

    struct AgencyLine: Decodable {
        var agency: AgencyOutcome

        init(from decoder: any Decoder) throws {
            var fields = try decoder.unkeyedContainer()
            agency = AgencyOutcome(utilisation: try fields.decode(Double.self), meanQueueWait: try fields.decode(Double.self),
                                   tasksStarted: try fields.decode(Int.self), tasksCompleted: try fields.decode(Int.self),
                                   maxQueueLength: try fields.decode(Int.self))
        }
    }

    struct ChannelLine: Decodable {
        var channel: ChannelOutcome

        init(from decoder: any Decoder) throws {
            var fields = try decoder.unkeyedContainer()
            channel = ChannelOutcome(messages: try fields.decode(Int.self), delivered: try fields.decode(Int.self),
                                     failedAttempts: try fields.decode(Int.self), lost: try fields.decode(Int.self),
                                     meanLatency: try fields.decode(Double.self))
        }
    }

    struct HandoffLine: Decodable {
        var handoff: PathHandoff

        init(from decoder: any Decoder) throws {
            var fields = try decoder.unkeyedContainer()
            handoff = PathHandoff(fromTask: try fields.decode(Int32.self), toTask: try fields.decode(Int32.self),
                                  fromAgency: try fields.decode(Int32.self), toAgency: try fields.decode(Int32.self),
                                  isRequest: try fields.decode(Bool.self))
        }
    }
}
