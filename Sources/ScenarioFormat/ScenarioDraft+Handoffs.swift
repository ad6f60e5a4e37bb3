internal import ExerciseModel
internal import Stochastics

// Drafts of the jurisdictional parts of a scenario: jurisdictions, legal instruments,
// re-framings, cooperation, translation, subjects, and the injects' effects and originator
// control. As elsewhere, a nil field was missing or wrong (and is reported).

struct JurisdictionDraft {
    var id: Located<String>?
    var name: String?
    var timeZone: String? = "UTC"
    var languages: [String] = []
    var holidays: Set<LocalDate> = []
    var criminalises: [Located<String>] = []
    var memberships: [String] = []
    var source: ElementSource
}

/// One entry of an instrument's `parties`.
enum PartyDraft {
    case jurisdiction(Located<String>)
    /// `{member-of: eu}`: every jurisdiction listing that membership.
    case members(Located<String>)
}

struct InstrumentDraft {
    var id: Located<String>?
    var name: String?
    var kind: InstrumentKind?
    var parties: [PartyDraft]?
    var serves: Set<RequestKind>?
    var requiresDualCriminality: Bool? = true
    var waivedFor: [Located<String>] = []
    var draft = DistributionSyntax.zero
    var transmission = DistributionSyntax.zero
    var review = DistributionSyntax.zero
    /// `.some(nil)`: `reviewer: none`; nil: a wrong value (reported).
    var reviewer: AgencyKind?? = .some(.centralAuthority)
    var refusal: Double? = 0
    var fallback: Located<String>?
    /// nil: not a listing; `.some(.some(nil))`: a listing without delisting; `.some(nil)`: wrong (reported).
    var listing: Distribution???
    var source: ElementSource
}

struct ReframingDraft {
    var from: Located<String>?
    var to: Located<String>?
    var delay = DistributionSyntax.zero
    var source: ElementSource
}

struct CooperationDraft {
    /// Two distinct jurisdiction ids (checked when read).
    var between: [Located<String>]?
    var willingness: Double? = 1
    var delayMultiplier: Double? = 1
    var source: ElementSource
}

struct TranslationDraft {
    var defaultTime: Distribution?
    var pairs: [(languages: Set<String>, time: Distribution)] = []
}

enum MovementDraft {
    case itinerary([(time: Distribution?, to: Located<String>?)])
    /// `among` nil: every jurisdiction.
    case random(interval: Distribution?, among: [Located<String>]?)
}

struct SubjectDraft {
    var id: Located<String>?
    var description = ""
    var startsIn: Located<String>?
    var movement: MovementDraft?
    /// False when `itinerary` or `moves` was wrong (reported).
    var movementValid = true
    var source: ElementSource
}

struct OriginatorControlDraft {
    /// nil: the inject's receiver.
    var originator: Located<String>?
    var decision: Distribution?
    var refusal: Double? = 0
    var location: SourceLocation
}

struct EffectDraft {
    enum Kind {
        case cooperation(between: [Located<String>]?, willingness: Double?, delayMultiplier: Double?)
        case outage(channel: Located<String>?, duration: Distribution?)
        /// `duration` nil: for good.
        case staffing(agency: Located<String>?, staff: Int?, duration: Distribution?)
        case subjectMoves(subject: Located<String>?, to: Located<String>?)
    }

    /// nil: the effect was malformed (reported).
    var kind: Kind?
    var location: SourceLocation
}
