internal import ExerciseModel
internal import Stochastics

// Drafts of the cooperation mechanisms (docs/mechanisms.md): agreements, familiarity from joint
// exercises, private agencies' obligations, hub channels, channels opened by a task, listings,
// forced instruments and competing claims. As elsewhere, a nil field was missing or wrong.

struct AgreementDraft {
    var id: Located<String>?
    var between: [Located<String>]?
    var inForce: Bool? = true
    var channels: [Located<String>] = []
    var reviewFactor: Double? = 1
    var waivesDualCriminality: Bool? = false
    var willingness: Double??
    var source: ElementSource
}

struct JointExercisesDraft {
    var id: Located<String>?
    var agencies: [Located<String>]?
    var perYear: Int?
    var source: ElementSource
}

struct FamiliarityDraft {
    var gainPerExercise: Double? = Familiarity.none.gainPerExercise
    var handlingCut: Double? = Familiarity.none.handlingCut
    var reviewCut: Double? = Familiarity.none.reviewCut
    var consentCut: Double? = Familiarity.none.consentCut
    var acceptanceGain: Double? = Familiarity.none.acceptanceGain
    var exercises: [JointExercisesDraft] = []
}

struct ObligationDraft {
    var capability: Located<String>?
    var deadline: Double??
    var compliance: Double? = 1
    var voluntaryProbability: Double? = 0
    var voluntaryTime: Distribution??
    var location: SourceLocation
}

struct HubDraft {
    var agency: Located<String>?
    var work: Distribution?
    var enrichment: Double? = 1
}

struct ClaimDraft {
    var by: [Located<String>]?
    /// "order", "custody" or "lot" (nil: wrong, reported).
    var rule: String? = "order"
    var subject: Located<String>?
    var delay: Distribution? = DistributionSyntax.zero
    var location: SourceLocation
}
