internal import ExerciseModel
internal import Foundation

/// The JSON Schema (draft 2020-12) of the scenario format, for editors' YAML language servers
/// (completion, hover, checks) and for external validators.
///
/// The schema checks shape, enums and the syntax of durations; it cannot check references,
/// distribution parameters or the model's own rules: `jtx validate` does all of that.
public enum ScenarioSchema {
    /// `^([0-9]+(\.[0-9]+)?(s|m|h|d|w))+$`: one or more number-and-unit groups.
    public static let durationPattern = "^([0-9]+(\\.[0-9]+)?(s|m|h|d|w))+$"
    /// A loose distribution pattern: a name and parentheses.
    public static let distributionPattern = "^\\s*[a-z]+\\s*\\(.*\\)\\s*$"
    static let idPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$"
    static let dateTimePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:[0-9]{2})$"

    /// The schema as pretty-printed JSON with sorted keys.
    public static func json() throws -> String {
        let data = try JSONSerialization.data(withJSONObject: document(), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    /// The schema as a JSON-compatible dictionary.
    static func document() -> [String: Any] {
        [
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "jtx scenario",
            "description": "A jtx exercise scenario: agencies, channels, injects (the MSEL), the response plan, objectives and the threat.",
            "type": "object",
            "required": ["exercise", "agencies"],
            "additionalProperties": false,
            "properties": [
                "exercise": ref("exercise"),
                "offences": array(ref("id"), "The offence vocabulary: ids of offence categories."),
                "jurisdictions": array(ref("jurisdiction"), "States or legal spaces: time zone, languages, holidays, law, memberships."),
                "agencies": array(ref("agency"), "The agencies taking part (at least one).", minItems: 1),
                "channels": array(ref("channel"), "Ways to pass information between agencies."),
                "instruments": array(ref("instrument"), "Legal instruments: how one jurisdiction gets another to act."),
                "reframing": array(ref("reframing"), "Ways to answer a dual-criminality refusal by re-framing the offence."),
                "cooperation": array(ref("cooperation"), "Political willingness and delay between pairs of jurisdictions."),
                "translation": ref("translation"),
                "subjects": array(ref("subject"), "Tracked persons or assets whose jurisdiction changes."),
                "injects": array(ref("inject"), "The MSEL: information reaching an agency at a time."),
                "msel": described(anyOf([["type": "string"], ["type": "array", "items": ["type": "string"]]]),
                                  "CSV MSEL file(s), relative to the scenario file's folder."),
                "plan": array(ref("task"), "The response plan: tasks with prerequisites."),
                "objectives": array(ref("objective"), "Measured objectives: within (deadline) of (trigger), (milestone)."),
                "threat": ref("threat"),
            ].merging(mechanismSections()) { $1 },
            "$defs": definitions(),
        ]
    }

    private static func definitions() -> [String: Any] {
        addingMechanismFields(to: coreDefinitions().merging(handoffDefinitions()) { $1 }.merging(mechanismDefinitions()) { $1 })
    }

    private static func coreDefinitions() -> [String: Any] {
        [
            "duration": ["type": "string", "pattern": durationPattern,
                         "description": "A duration: number-unit groups, units s, m, h, d, w (e.g. 90s, 1.5h, 1d12h)."],
            "distribution": ["type": "string", "anyOf": [["pattern": durationPattern], ["pattern": distributionPattern]],
                             "description": "A duration (constant) or a distribution of durations, e.g. exponential(mean: 30m), lognormal(median: 2h, p95: 8h)."],
            "id": ["type": "string", "pattern": idPattern],
            "ids": anyOf([ref("id"), ["type": "array", "items": ref("id")]]),
            "classification": ["enum": Classification.allCases.map(\.name)],
            "agencyKind": ["enum": AgencyKind.allCases.map(\.rawValue)],
            "channelKind": ["enum": ChannelKind.allCases.map(\.rawValue)],
            "coreCapability": ["enum": CoreCapability.allCases.map(\.rawValue)],
            "taskSet": anyOf([ref("id"), object(["all": ["type": "array", "items": ref("id"), "minItems": 1]], required: ["all"])]),
            "exercise": object([
                "name": string("The exercise's name."),
                "description": string("Free text."),
                "start": ["type": "string", "pattern": dateTimePattern,
                          "description": "ISO-8601 date-time with a zone, e.g. 2026-03-02T08:00:00Z."],
                "horizon": described(ref("duration"), "Nothing happens after this long."),
                "seed": ["type": "integer", "minimum": 0, "default": 1, "description": "Default master seed."],
                "replications": ["type": "integer", "minimum": 1, "default": 100, "description": "Default number of replications."],
                "lead": described(ref("id"), "The lead agency (for performer: lead; drafts requests without a requester)."),
                "offence": described(ref("id"), "The case's default offence (one of 'offences')."),
            ], required: ["name", "start", "horizon"]),
            "agency": object([
                "id": ref("id"),
                "name": string("Display name (default: the id)."),
                "jurisdiction": string("The jurisdiction's label."),
                "kind": ref("agencyKind"),
                "staff": ["type": "integer", "minimum": 1, "default": 1, "description": "Tasks worked on at once."],
                "capabilities": ["type": "object", "additionalProperties": ref("distribution"),
                                 "description": "Capability name to work-time distribution."],
                "hours": described(ref("hours"), "Working hours in the jurisdiction's local time (default 24/7)."),
            ], required: ["id", "jurisdiction", "kind"]),
            "channel": object([
                "id": ref("id"),
                "name": string("Display name (default: the id)."),
                "kind": ref("channelKind"),
                "connects": anyOf([
                    ["type": "array", "items": ref("id"), "minItems": 2],
                    ["const": "all"],
                    object(["kinds": anyOf([ref("agencyKind"), ["type": "array", "items": ref("agencyKind")]]),
                            "jurisdictions": anyOf([["type": "string"], ["type": "array", "items": ["type": "string"]]])],
                           required: [], minProperties: 1),
                ]),
                "latency": described(ref("distribution"), "Transfer time of one attempt."),
                "handling": described(ref("distribution"), "Handling at the receiver (default 0s)."),
                "failure": object([
                    "probability": ["type": "number", "minimum": 0, "maximum": 1, "default": 0],
                    "retry-after": described(ref("distribution"), "Wait before a retry (default 1h)."),
                    "max-attempts": ["type": "integer", "minimum": 1, "default": 3],
                ], required: []),
                "max-classification": ref("classification"),
                "hours": described(ref("hours"), "When the channel transmits and its desk handles (default 24/7)."),
                "time-zone": described(ref("timeZone"), "Time zone of 'hours' (default UTC)."),
            ], required: ["id", "connects", "latency"]),
            "inject": object([
                "id": ref("id"),
                "time": anyOf([ref("distribution"), object(["after": ref("id"), "delay": ref("distribution")], required: ["after"])]),
                "to": described(ref("id"), "The receiving agency."),
                "from": string("MSEL 'From'."),
                "method": string("MSEL 'Method'."),
                "description": string("What happens."),
                "expected-action": string("MSEL 'Expected Action'."),
                "classification": ref("classification"),
                "triggers": described(ref("ids"), "Tasks this inject triggers."),
                "repeat": object(["every": ref("distribution"), "count": ["type": "integer", "minimum": 1]], required: ["every"]),
                "originator-control": ref("originatorControl"),
                "effects": array(ref("effect"), "What else the inject changes."),
            ], required: ["id", "time", "to"]),
            "task": object([
                "id": ref("id"),
                "description": string("What the task does."),
                "capability": string("The capability the task needs."),
                "performer": anyOf([["type": "string", "description": "An agency id or 'lead'."],
                                    object(["kind": ref("agencyKind"), "jurisdiction": ["type": "string"]], required: ["kind"]),
                                    object(["kind": ref("agencyKind"), "where": described(ref("id"), "A subject.")], required: ["kind", "where"])]),
                "after": described(ref("ids"), "Prerequisite tasks."),
                "trigger": described(ref("ids"), "Injects that must have arrived."),
                "priority": ["type": "integer", "default": 0, "description": "Lower is served first."],
                "classification": ref("classification"),
                "request": described(ref("requestKind"), "Makes the task a cross-border request of this kind."),
                "requester": described(ref("id"), "The agency that drafts the request (default: the lead)."),
                "offence": described(ref("id"), "The offence the request is framed as (default: exercise offence)."),
            ], required: ["id", "capability", "performer"]),
            "objective": object([
                "id": ref("id"),
                "description": string("The objective in words."),
                "milestone": ref("taskSet"),
                "from": ["type": "string", "default": "start", "description": "start, an inject id or a task id."],
                "within": described(ref("duration"), "The deadline."),
                "capability": ref("coreCapability"),
                "ratings": object(["s": ["type": "number", "minimum": 1], "m": ["type": "number", "minimum": 1]], required: []),
            ], required: ["id", "milestone", "within", "capability"]),
            "threat": object([
                "description": string("The threat in words."),
                "time": described(ref("distribution"), "When the attack happens."),
                "disrupted-by": ref("taskSet"),
            ], required: ["time", "disrupted-by"]),
        ]
    }

    static func ref(_ name: String) -> [String: Any] { ["$ref": "#/$defs/\(name)"] }

    static func string(_ description: String) -> [String: Any] { ["type": "string", "description": description] }

    static func anyOf(_ schemas: [[String: Any]]) -> [String: Any] { ["anyOf": schemas] }

    static func described(_ schema: [String: Any], _ description: String) -> [String: Any] {
        schema.merging(["description": description]) { $1 }
    }

    static func array(_ items: [String: Any], _ description: String, minItems: Int? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "array", "items": items, "description": description]
        if let minItems { schema["minItems"] = minItems }
        return schema
    }

    static func object(_ properties: [String: Any], required: [String], minProperties: Int? = nil) -> [String: Any] {
        var schema: [String: Any] = ["type": "object", "properties": properties, "additionalProperties": false]
        if !required.isEmpty { schema["required"] = required }
        if let minProperties { schema["minProperties"] = minProperties }
        return schema
    }
}
