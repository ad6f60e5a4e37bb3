internal import ExerciseModel
internal import Foundation

/// Schema definitions of the jurisdictional parts: jurisdictions, hours, instruments,
/// re-framing, cooperation, translation, subjects, originator control and inject effects.
extension ScenarioSchema {
    static let weekdayPattern = "(mon|tue|wed|thu|fri|sat|sun)"
    static let timeOfDayPattern = "^([01]?[0-9]|2[0-4]):[0-5][0-9]$"
    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

    static func handoffDefinitions() -> [String: Any] {
        let days = "^\(weekdayPattern)(-\(weekdayPattern))?$"
        let probability: [String: Any] = ["type": "number", "minimum": 0, "maximum": 1]
        let factor: [String: Any] = ["type": "number", "exclusiveMinimum": 0, "default": 1]
        return [
            "requestKind": ["enum": RequestKind.allCases.map(\.rawValue)],
            "instrumentKind": ["enum": InstrumentKind.allCases.map(\.rawValue)],
            "timeZone": ["type": "string", "description": "An IANA time zone name, e.g. Europe/Berlin or UTC."],
            "pair": ["type": "array", "items": ["type": "string"], "minItems": 2, "maxItems": 2],
            "hours": anyOf([
                ["enum": ["24/7", "office"], "description": "24/7, or office (mon-fri 09:00-17:00)."],
                object([
                    "days": anyOf([["type": "string", "pattern": days],
                                   ["type": "array", "items": ["type": "string", "pattern": days], "minItems": 1]]),
                    "from": ["type": "string", "pattern": timeOfDayPattern, "description": "Opening time hh:mm (quote it)."],
                    "to": ["type": "string", "pattern": timeOfDayPattern, "description": "Closing time hh:mm, up to 24:00 (quote it)."],
                ], required: ["days", "from", "to"]),
            ]),
            "jurisdiction": object([
                "id": ref("id"),
                "name": string("Display name (default: the id)."),
                "time-zone": described(ref("timeZone"), "Local time of its agencies' hours (default UTC)."),
                "languages": ["type": "array", "items": ["type": "string"], "description": "Working languages."],
                "holidays": ["type": "array", "items": ["type": "string", "pattern": datePattern],
                             "description": "Public holidays, local dates YYYY-MM-DD."],
                "criminalises": described(ref("ids"), "Offences (from 'offences') its law criminalises."),
                "member-of": anyOf([["type": "string"], ["type": "array", "items": ["type": "string"]]]),
            ], required: ["id"]),
            "instrument": object([
                "id": ref("id"),
                "name": string("Display name (default: the id)."),
                "kind": ref("instrumentKind"),
                "parties": anyOf([["type": "array", "items": anyOf([ref("id"), ref("membersOf")])], ref("membersOf")]),
                "serves": anyOf([ref("requestKind"), ["type": "array", "items": ref("requestKind"), "minItems": 1]]),
                "dual-criminality": ["enum": ["required", "not-required"], "default": "required"],
                "waived-for": described(ref("ids"), "Offences for which dual criminality is waived."),
                "draft": described(ref("distribution"), "Drafting time at the requesting agency (default 0s)."),
                "transmission": described(ref("distribution"), "Transmission time (default 0s)."),
                "review": described(ref("distribution"), "Review time on the receiving side (default 0s)."),
                "reviewer": ["enum": AgencyKind.allCases.map(\.rawValue) + ["none"], "default": "central-authority"],
                "refusal": described(probability, "Probability of refusal (default 0)."),
                "fallback": described(ref("id"), "Instrument tried after a refusal."),
            ], required: ["id", "kind", "parties", "serves"]),
            "membersOf": object(["member-of": ["type": "string"]], required: ["member-of"]),
            "reframing": object(["from": ref("id"), "to": ref("id"), "delay": ref("distribution")], required: ["from", "to"]),
            "cooperation": object(["between": ref("pair"), "willingness": probability, "delay-multiplier": factor], required: ["between"]),
            "translation": object([
                "default": described(ref("distribution"), "Translation time for pairs not listed."),
                "pairs": ["type": "array", "items": object(["between": ref("pair"), "time": ref("distribution")],
                                                           required: ["between", "time"])],
            ], required: []),
            "subject": object([
                "id": ref("id"),
                "description": string("Who or what the subject is."),
                "starts-in": described(ref("id"), "Jurisdiction at the start."),
                "itinerary": ["type": "array", "items": object(["at": ref("distribution"), "to": ref("id")], required: ["at", "to"])],
                "moves": object(["every": ref("distribution"), "among": ["type": "array", "items": ref("id")]], required: ["every"]),
            ], required: ["id", "starts-in"]).merging(["not": ["required": ["itinerary", "moves"]]]) { $1 },
            "originatorControl": object([
                "originator": described(ref("id"), "Agency that must consent (default: the inject's receiver)."),
                "decision": described(ref("distribution"), "The originator's decision time."),
                "refusal": described(probability, "Probability that consent is refused (default 0)."),
            ], required: ["decision"]),
            "effect": anyOf([
                object(["cooperation": object(["between": ref("pair"), "willingness": probability, "delay-multiplier": factor],
                                              required: ["between"], minProperties: 2)], required: ["cooperation"]),
                object(["outage": object(["channel": ref("id"), "for": ref("distribution")], required: ["channel", "for"])],
                       required: ["outage"]),
                object(["staffing": object(["agency": ref("id"), "staff": ["type": "integer", "minimum": 0], "for": ref("distribution")],
                                           required: ["agency", "staff"])], required: ["staffing"]),
                object(["subject-moves": object(["subject": ref("id"), "to": ref("id")], required: ["subject", "to"])],
                       required: ["subject-moves"]),
            ]),
        ]
    }
}
