internal import ExerciseModel

/// Schema of the cooperation mechanisms (docs/mechanisms.md): the `agreements` and `familiarity`
/// sections, and the mechanism fields of agencies, channels, instruments and tasks.
extension ScenarioSchema {
    static func mechanismSections() -> [String: Any] {
        [
            "agreements": array(ref("agreement"), "Agreements between two states: a channel, faster review, waived dual criminality, a willingness floor."),
            "familiarity": ref("familiarity"),
        ]
    }

    static func mechanismDefinitions() -> [String: Any] {
        let probability: [String: Any] = ["type": "number", "minimum": 0, "maximum": 1]
        return [
            "agreement": object([
                "id": ref("id"),
                "between": ref("pair"),
                "in-force": ["type": "boolean", "default": true],
                "channels": described(ref("ids"), "Channels that exist only under the agreement."),
                "review-factor": ["type": "number", "exclusiveMinimum": 0, "default": 1, "description": "Factor on review times between the two."],
                "waives-dual-criminality": ["type": "boolean", "default": false],
                "willingness": described(probability, "The pair's willingness is raised to at least this."),
            ], required: ["id", "between"]),
            "familiarity": object([
                "gain-per-exercise": described(probability, "Familiarity gained per joint exercise a year (default 0.15)."),
                "handling-cut": described(probability, "Largest cut of message handling (default 0.5)."),
                "review-cut": described(probability, "Largest cut of review times (default 0.3)."),
                "consent-cut": described(probability, "Largest cut of the originator's consent decision (default 0.5)."),
                "acceptance-gain": described(probability, "Share of the gap to full willingness closed at full familiarity (default 0.5)."),
                "joint-exercises": ["type": "array", "items": object([
                    "id": ref("id"),
                    "agencies": ["type": "array", "items": ref("id"), "minItems": 2],
                    "per-year": ["type": "integer", "minimum": 0],
                ], required: ["id", "agencies", "per-year"])],
            ], required: []),
            "obligation": object([
                "capability": string("The capability the duty applies to."),
                "deadline": described(ref("duration"), "Calendar time from taking up the task by which a compliant agency has finished."),
                "compliance": described(probability, "Probability of meeting the deadline (default 1)."),
                "voluntary-disclosure": object(["probability": probability, "time": ref("distribution")], required: ["probability", "time"]),
            ], required: ["capability"]),
            "hub": object([
                "agency": described(ref("id"), "The hub agency that relays and analyses."),
                "work": described(ref("distribution"), "The hub's work on one piece of information."),
                "enrichment": ["type": "number", "exclusiveMinimum": 0, "default": 1, "description": "Factor on the receiving task's work."],
            ], required: ["agency", "work"]),
            "claim": object([
                "by": ["type": "array", "items": ref("id"), "minItems": 2],
                "rule": ["enum": ["order", "custody", "lot"], "default": "order"],
                "subject": described(ref("id"), "The subject whose location decides (rule custody)."),
                "delay": described(ref("distribution"), "Consultation before the decision (default 0s)."),
            ], required: ["by"]),
            "listing": object(["delisting": described(ref("distribution"), "Time until the listing is lifted.")], required: []),
        ]
    }

    /// The mechanism fields added to the core definitions' properties.
    static func addingMechanismFields(to definitions: [String: Any]) -> [String: Any] {
        var result = definitions
        let fields: [String: [String: Any]] = [
            "agency": ["obligations": array(ref("obligation"), "Duties of a private agency per capability.")],
            "channel": ["hub": ref("hub"),
                        "opened-by": described(ref("id"), "The channel is closed until this task completes."),
                        "carries-requests": ["type": "boolean", "default": false,
                                             "description": "Once open, requests between members go over it without an instrument."]],
            "instrument": ["listing": anyOf([ref("listing"), ["type": "null"]])],
            "task": ["instrument": described(ref("id"), "The instrument the request uses when it applies."),
                     "claim": ref("claim")],
        ]
        for (name, extra) in fields {
            guard var definition = result[name] as? [String: Any], var properties = definition["properties"] as? [String: Any] else { continue }
            properties.merge(extra) { $1 }
            definition["properties"] = properties
            result[name] = definition
        }
        return result
    }
}
