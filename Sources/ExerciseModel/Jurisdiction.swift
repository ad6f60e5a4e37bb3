public import Stochastics

/// A state, or an organisation's legal space, with its law, calendar and languages.
public struct Jurisdiction: Sendable {
    public var id: String
    public var name: String
    /// IANA time zone name (`Europe/Berlin`); working hours are local to it.
    public var timeZone: String
    /// Working languages (any labels, e.g. ISO 639 codes); a message between jurisdictions with
    /// none in common needs translation.
    public var languages: [String]
    /// Public holidays, local dates on which office-hours agencies do not work.
    public var holidays: Set<LocalDate>
    /// Offence categories (indices into `Exercise.offences`) this jurisdiction's law criminalises.
    public var offences: Set<Int>
    /// Labels of the organisations, treaties and networks it belongs to (`eu`, `schengen`,
    /// `budapest`, `egmont`…); instruments may name their parties by these.
    public var memberships: Set<String>

    public init(id: String, name: String, timeZone: String = "UTC", languages: [String] = [], holidays: Set<LocalDate> = [],
                offences: Set<Int> = [], memberships: Set<String> = []) {
        self.id = id
        self.name = name
        self.timeZone = timeZone
        self.languages = languages
        self.holidays = holidays
        self.offences = offences
        self.memberships = memberships
    }
}

/// What a cross-border request asks the other jurisdiction to do.
public enum RequestKind: String, CaseIterable, Sendable {
    case evidence, arrest, surrender
    case financialInformation = "financial-information"
    case preservation, freeze
    case jointInvestigation = "joint-investigation"
    case information
}

/// The legal instrument families of international cooperation.
public enum InstrumentKind: String, CaseIterable, Sendable {
    case mla, eio, eaw, extradition, preservation
    case fiuExchange = "fiu-exchange"
    case assetFreeze = "asset-freeze"
    case jit
    case policeExchange = "police-exchange"
    case diplomaticNote = "diplomatic-note"
    case other
}

/// A jurisdictional handoff: what one jurisdiction must use to get another to act.
///
/// The request runs as a small process: draft (at the requesting agency, its staff and hours) →
/// translation (when the two jurisdictions share no language) → transmission → review by the
/// receiving side (dual criminality unless waived; refusal; the pair's willingness) → the
/// requested task itself at the receiving agency.
public struct Instrument: Sendable {
    public var id: String
    public var name: String
    public var kind: InstrumentKind
    /// Jurisdictions (indices) that are party: a request may go from any party to any other.
    public var parties: [Int]
    /// Request kinds the instrument serves.
    public var serves: Set<RequestKind>
    /// Whether the receiving side checks dual criminality.
    public var requiresDualCriminality: Bool
    /// Offence categories (indices) for which dual criminality is waived (e.g. the EAW's listed offences).
    public var waivedOffences: Set<Int>
    /// Drafting time at the requesting agency (work of its staff).
    public var draft: Distribution
    /// Transmission time (central authority to central authority, or over a network).
    public var transmission: Distribution
    /// Review time at the receiving side (scaled by the pair's delay multiplier).
    public var review: Distribution
    /// Agency kind that reviews in the receiving jurisdiction (its staff and hours are used);
    /// nil, or no such agency there: the review is a pure delay.
    public var reviewer: AgencyKind?
    /// Probability that the receiving side refuses for reasons of its own (on top of willingness).
    public var refusalProbability: Double
    /// Instrument (index) tried when this one is refused for a reason other than dual criminality.
    public var fallback: Int?
    /// A listing-based instrument: one designation serves every party (Mechanisms.swift).
    public var listing: Listing?

    public init(id: String, name: String, kind: InstrumentKind, parties: [Int], serves: Set<RequestKind>,
                requiresDualCriminality: Bool, waivedOffences: Set<Int> = [], draft: Distribution, transmission: Distribution,
                review: Distribution, reviewer: AgencyKind? = .centralAuthority, refusalProbability: Double = 0, fallback: Int? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parties = parties
        self.serves = serves
        self.requiresDualCriminality = requiresDualCriminality
        self.waivedOffences = waivedOffences
        self.draft = draft
        self.transmission = transmission
        self.review = review
        self.reviewer = reviewer
        self.refusalProbability = refusalProbability
        self.fallback = fallback
    }

    /// True when a request of `kind` from `from` to `to` (jurisdictions) may use this instrument.
    public func applies(from: Int, to: Int, kind request: RequestKind) -> Bool {
        from != to && serves.contains(request) && parties.contains(from) && parties.contains(to)
    }
}

/// A way to answer a dual-criminality refusal: re-frame the case as another offence, at a cost.
public struct Reframing: Sendable {
    /// Offence (index) refused.
    public var from: Int
    /// Offence (index) tried next.
    public var to: Int
    /// Re-drafting delay before the request is sent again.
    public var delay: Distribution

    public init(from: Int, to: Int, delay: Distribution) {
        self.from = from
        self.to = to
        self.delay = delay
    }
}

/// Political willingness between two jurisdictions (symmetric).
public struct Cooperation: Sendable {
    public var between: (Int, Int)
    /// Probability that the receiving side accepts a request (1: always).
    public var willingness: Double
    /// Factor on review times (1: as declared).
    public var delayMultiplier: Double

    public init(between: (Int, Int), willingness: Double = 1, delayMultiplier: Double = 1) {
        self.between = between
        self.willingness = willingness
        self.delayMultiplier = delayMultiplier
    }
}

/// Translation times between languages.
public struct TranslationModel: Sendable {
    /// Time when no pair-specific figure is given; nil means translation takes no time.
    public var defaultTime: Distribution?
    /// Per unordered language pair.
    public var pairs: [(languages: Set<String>, time: Distribution)]

    public init(defaultTime: Distribution? = nil, pairs: [(languages: Set<String>, time: Distribution)] = []) {
        self.defaultTime = defaultTime
        self.pairs = pairs
    }

    public static let none = TranslationModel()
}

/// A tracked person or asset whose jurisdiction changes over time.
public struct Subject: Sendable {
    public enum Movement: Sendable {
        /// Moves at the given times (from the exercise start) to the given jurisdictions.
        case itinerary([(time: Distribution, to: Int)])
        /// Moves after each interval to a uniformly drawn other jurisdiction among `among`.
        case random(interval: Distribution, among: [Int])
    }

    public var id: String
    public var description: String
    /// Jurisdiction (index) where the subject is at the start.
    public var startsIn: Int
    public var movement: Movement?

    public init(id: String, description: String = "", startsIn: Int, movement: Movement? = nil) {
        self.id = id
        self.description = description
        self.startsIn = startsIn
        self.movement = movement
    }
}

/// Originator control ("no onward sharing without consent", Europol handling codes H2/H3, TLP):
/// before information carrying the marking reaches an agency other than the originator and its
/// first recipient, the holder asks the originator and waits for the answer.
public struct OriginatorControl: Sendable {
    /// The originator (agency index) who must consent.
    public var originator: Int
    /// The originator's decision time once the request has arrived.
    public var decision: Distribution
    /// Probability that consent is refused (the information is then not passed on).
    public var refusalProbability: Double

    public init(originator: Int, decision: Distribution, refusalProbability: Double = 0) {
        self.originator = originator
        self.decision = decision
        self.refusalProbability = refusalProbability
    }
}

/// What an inject changes besides delivering information.
public enum InjectEffect: Sendable {
    /// The pair's willingness and/or delay multiplier change from the inject's time on.
    case cooperation(between: (Int, Int), willingness: Double?, delayMultiplier: Double?)
    /// A channel (index) is down for a time; messages wait or take another channel.
    case channelOutage(channel: Int, duration: Distribution)
    /// An agency (index) works with `staff` members for a time (nil: for good).
    case staffing(agency: Int, staff: Int, duration: Distribution?)
    /// A subject (index) moves to a jurisdiction (index).
    case subjectMoves(subject: Int, to: Int)
}
