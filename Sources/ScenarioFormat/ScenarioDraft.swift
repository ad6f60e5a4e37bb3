internal import ExerciseModel
internal import Stochastics

/// The scenario as read from its files: names not yet resolved, each with its location.
///
/// Reading fills what it can and leaves nil where a value was missing or wrong (that error is
/// already reported), so resolution can still check the rest without cascading errors.
struct ScenarioDraft {
    var exercise = ExerciseDraft()
    var agencies: [AgencyDraft] = []
    var channels: [ChannelDraft] = []
    var injects: [InjectDraft] = []
    var msel: [Located<String>] = []
    var tasks: [TaskDraft] = []
    var objectives: [ObjectiveDraft] = []
    var threat: ThreatDraft?
    /// The offence vocabulary (`offences`), in order.
    var offences: [Located<String>] = []
    /// nil: no `jurisdictions` section (one implicit jurisdiction per agency label).
    var jurisdictions: [JurisdictionDraft]?
    var instruments: [InstrumentDraft] = []
    var reframings: [ReframingDraft] = []
    var cooperation: [CooperationDraft] = []
    var translation: TranslationDraft?
    var subjects: [SubjectDraft] = []
    var agreements: [AgreementDraft] = []
    var familiarity: FamiliarityDraft?
}

/// Where an element is written and where each of its fields' values is, for pointing
/// `ModelProblem`s (element + field) back into the file.
struct ElementSource {
    var location: SourceLocation
    var fields: [String: SourceLocation] = [:]

    func location(of field: String) -> SourceLocation { fields[field] ?? location }
}

struct ExerciseDraft {
    var name: String?
    var description = ""
    var start: String?
    var horizon: Double?
    var seed: UInt64 = 1
    var replications = 100
    var lead: Located<String>?
    /// Seconds since 1970-01-01T00:00:00Z of `start`.
    var startInstant: Double?
    /// The case's default offence.
    var offence: Located<String>?
}

struct AgencyDraft {
    var id: Located<String>?
    var name: String?
    var jurisdiction: Located<String>?
    var kind: AgencyKind?
    var staff = 1
    var capabilities: [(name: Located<String>, workTime: Distribution?)] = []
    /// nil: 24/7 (or a wrong value, reported).
    var hours: WeeklyHours?
    var obligations: [ObligationDraft] = []
    var source: ElementSource
}

enum ConnectsDraft {
    case agencies([Located<String>])
    case selector(kinds: [AgencyKind], jurisdictions: [Located<String>], location: SourceLocation)
    case all
}

struct ChannelDraft {
    var id: Located<String>?
    var name: String?
    var kind: ChannelKind? = .other
    var connects: ConnectsDraft?
    var latency: Distribution?
    var handling: Distribution?
    var failureProbability: Double? = 0
    var retryAfter: Distribution?
    var maxAttempts: Int? = 3
    var maxClassification: Classification? = .unclassified
    /// nil: 24/7 (or a wrong value, reported).
    var hours: WeeklyHours?
    var timeZone: String? = "UTC"
    /// `.some(nil)`: a wrong `hub` (reported); nil: none.
    var hub: HubDraft??
    var openedBy: Located<String>?
    var carriesRequests: Bool? = false
    var source: ElementSource
}

enum TimingDraft {
    case fixed(Double)
    case random(Distribution)
    case after(Located<String>, delay: Distribution)
}

struct InjectDraft {
    var id: Located<String>?
    var timing: TimingDraft?
    var to: Located<String>?
    var sender = ""
    var method = ""
    var description = ""
    var expectedAction = ""
    var classification: Classification? = .unclassified
    var triggers: [Located<String>] = []
    /// nil: no repetition; `.some(nil)`: `repeat` given but its `every` is wrong (reported).
    var repeatEvery: Distribution??
    var repeatCount: Int?
    var originatorControl: OriginatorControlDraft?
    var effects: [EffectDraft] = []
    var source: ElementSource
}

enum PerformerDraft {
    case agency(Located<String>)
    case lead(SourceLocation)
    case selector(kind: AgencyKind, jurisdiction: Located<String>?, location: SourceLocation)
    /// `{kind: police, where: S1}`: the agencies of that kind where the subject is.
    case subject(kind: AgencyKind, subject: Located<String>, location: SourceLocation)
}

struct TaskDraft {
    var id: Located<String>?
    var description = ""
    var capability: Located<String>?
    var performer: PerformerDraft?
    var after: [Located<String>] = []
    var trigger: [Located<String>] = []
    var priority = 0
    var classification: Classification? = .unclassified
    /// The request kind, at the `request` value (nil when absent or wrong).
    var request: Located<RequestKind>?
    /// Where `request` is written, also when its value is wrong.
    var requestLocation: SourceLocation?
    var requester: Located<String>?
    var offence: Located<String>?
    var instrument: Located<String>?
    /// `.some(nil)`: a wrong `claim` (reported); nil: none.
    var claim: ClaimDraft??
    var source: ElementSource
}

enum ClockStartDraft {
    case start
    case element(Located<String>)
}

struct ObjectiveDraft {
    var id: Located<String>?
    var description = ""
    var milestone: [Located<String>]?
    var from: ClockStartDraft = .start
    var within: Double?
    var capability: CoreCapability?
    var ratings: RatingThresholds? = .standard
    var source: ElementSource
}

struct ThreatDraft {
    var description = ""
    var time: Distribution?
    var disruptedBy: [Located<String>]?
    var source: ElementSource
}
