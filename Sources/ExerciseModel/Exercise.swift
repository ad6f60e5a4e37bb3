public import Stochastics

/// A compiled exercise: every reference resolved to a dense integer index, every distribution
/// checked. This is what the simulator runs; the scenario file's names survive only as labels.
///
/// Times and durations are in seconds of simulation time, counted from the exercise start.
public struct Exercise: Sendable {
    public var name: String
    public var description: String
    /// ISO-8601 text of the exercise start, as written in the scenario (a label for reports).
    public var start: String
    /// Nothing happens after this many seconds; milestones not reached by then are missed.
    public var horizon: Double
    public var defaultSeed: UInt64
    public var defaultReplications: Int
    /// Capability names; `Agency.workTime` and `PlanTask.capability` index into this.
    public var capabilities: [String]
    public var agencies: [Agency]
    public var channels: [Channel]
    public var injects: [Inject]
    public var tasks: [PlanTask]
    public var objectives: [Objective]
    public var threat: Threat?
    /// The exercise start as seconds since 1970-01-01T00:00:00Z (anchors local calendars).
    public var startInstant: Double
    /// Jurisdictions; `Agency.jurisdictionIndex` indexes into this. Scenarios without a
    /// `jurisdictions` section get one per label, in UTC, with no languages or law declared.
    public var jurisdictions: [Jurisdiction]
    /// The offence vocabulary (`terrorist-act-financing`, `money-laundering`, …).
    public var offences: [String]
    public var instruments: [Instrument]
    public var reframings: [Reframing]
    /// Willingness and delay per pair of jurisdictions; pairs not listed cooperate fully.
    public var cooperation: [Cooperation]
    public var translation: TranslationModel
    public var subjects: [Subject]
    /// The case's offence (index) where a request task names none.
    public var defaultOffence: Int?
    /// The lead agency (index), which drafts requests unless a task names another requester.
    public var lead: Int?
    /// Joint exercises between agencies and what familiarity does (Mechanisms.swift).
    public var familiarity: Familiarity = .none
    /// Agreements between pairs of jurisdictions (Mechanisms.swift).
    public var agreements: [Agreement] = []

    public init(name: String, description: String = "", start: String, horizon: Double,
                defaultSeed: UInt64 = 1, defaultReplications: Int = 100, capabilities: [String],
                agencies: [Agency], channels: [Channel], injects: [Inject], tasks: [PlanTask],
                objectives: [Objective], threat: Threat? = nil, startInstant: Double = 0,
                jurisdictions: [Jurisdiction]? = nil, offences: [String] = [], instruments: [Instrument] = [],
                reframings: [Reframing] = [], cooperation: [Cooperation] = [], translation: TranslationModel = .none,
                subjects: [Subject] = [], defaultOffence: Int? = nil, lead: Int? = nil) {
        self.name = name
        self.description = description
        self.start = start
        self.horizon = horizon
        self.defaultSeed = defaultSeed
        self.defaultReplications = defaultReplications
        self.capabilities = capabilities
        self.agencies = agencies
        self.channels = channels
        self.injects = injects
        self.tasks = tasks
        self.objectives = objectives
        self.threat = threat
        self.startInstant = startInstant
        self.offences = offences
        self.instruments = instruments
        self.reframings = reframings
        self.cooperation = cooperation
        self.translation = translation
        self.subjects = subjects
        self.defaultOffence = defaultOffence
        self.lead = lead
        if let jurisdictions {
            self.jurisdictions = jurisdictions
        } else {
            // One implicit jurisdiction per label, in order of first appearance.
            var labels: [String] = []
            for agency in agencies where !labels.contains(agency.jurisdiction) { labels.append(agency.jurisdiction) }
            self.jurisdictions = labels.map { Jurisdiction(id: $0, name: $0) }
            for index in self.agencies.indices {
                self.agencies[index].jurisdictionIndex = labels.firstIndex(of: self.agencies[index].jurisdiction) ?? 0
            }
        }
    }
}

/// What kind of organisation an agency is.
public enum AgencyKind: String, CaseIterable, Sendable, Codable {
    case police, intelligence, fiu, prosecutor
    case centralAuthority = "central-authority"
    case military, border, bank, telecom, igo, other
}

/// Security classification of information, in increasing order of protection.
public enum Classification: Int, CaseIterable, Comparable, Sendable {
    case unclassified, restricted, confidential, secret, topSecret

    /// The spelling used in scenario files.
    public var name: String {
        switch self {
        case .unclassified: return "unclassified"
        case .restricted: return "restricted"
        case .confidential: return "confidential"
        case .secret: return "secret"
        case .topSecret: return "top-secret"
        }
    }

    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    public static func < (lhs: Classification, rhs: Classification) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// An organisation that performs tasks with its staff.
public struct Agency: Sendable {
    public var id: String
    public var name: String
    /// The jurisdiction's label (a state or an organisation's legal space).
    public var jurisdiction: String
    public var kind: AgencyKind
    /// Parallel servers: how many tasks the agency works on at once.
    public var staff: Int
    /// Work time per capability index; nil where the agency lacks the capability.
    public var workTime: [Distribution?]
    /// Index of its jurisdiction in `Exercise.jurisdictions`.
    public var jurisdictionIndex: Int
    /// Weekly working hours in the jurisdiction's local time, minus its holidays; nil: 24/7.
    public var hours: WeeklyHours?
    /// Duties of a private agency per capability (deadlines, voluntary disclosure).
    public var obligations: [Obligation] = []

    public init(id: String, name: String, jurisdiction: String, kind: AgencyKind, staff: Int, workTime: [Distribution?],
                jurisdictionIndex: Int = 0, hours: WeeklyHours? = nil) {
        self.id = id
        self.name = name
        self.jurisdiction = jurisdiction
        self.kind = kind
        self.staff = staff
        self.workTime = workTime
        self.jurisdictionIndex = jurisdictionIndex
        self.hours = hours
    }

    /// True when the agency can perform tasks needing `capability`.
    public func has(capability: Int) -> Bool { capability < workTime.count && workTime[capability] != nil }
}

/// The kind of an information channel (a label used in reports and by `connects` rules).
public enum ChannelKind: String, CaseIterable, Sendable {
    case siena, i247 = "i24-7", egmont, sirene, budapest247 = "budapest-24-7", liaison, jit, diplomatic, direct, other
}

/// A way to pass information between agencies.
public struct Channel: Sendable {
    public var id: String
    public var name: String
    public var kind: ChannelKind
    /// Agency indices this channel connects (any two of them can exchange over it), sorted.
    public var members: [Int]
    /// Transfer time of one attempt.
    public var latency: Distribution
    /// Registry or triage time at the receiver once a message has arrived.
    public var handling: Distribution
    /// Probability that one attempt fails.
    public var failureProbability: Double
    /// Time from a failed attempt's sending until it is sent again.
    public var retryDelay: Distribution
    /// Attempts before the message is given up as lost (≥ 1).
    public var maxAttempts: Int
    /// The highest classification the channel may carry.
    public var maxClassification: Classification
    /// When the channel transmits and its receiving desk handles, in `timeZone`; nil: 24/7.
    public var hours: WeeklyHours?
    /// IANA time zone of `hours`.
    public var timeZone: String
    /// Messages pass through this hub agency (nil: direct).
    public var hub: ChannelHub?
    /// The channel is closed until this task (index) of the main case completes (a JIT's exchange).
    public var openedBy: Int?
    /// Once open, a request between two members goes over it as a message, without an instrument.
    public var carriesRequests = false
    /// False: the channel is never open (a sweep's `in-service` factor).
    public var inService = true

    public init(id: String, name: String, kind: ChannelKind, members: [Int], latency: Distribution,
                handling: Distribution, failureProbability: Double, retryDelay: Distribution,
                maxAttempts: Int, maxClassification: Classification, hours: WeeklyHours? = nil, timeZone: String = "UTC") {
        self.id = id
        self.name = name
        self.kind = kind
        self.members = members.sorted()
        self.latency = latency
        self.handling = handling
        self.failureProbability = failureProbability
        self.retryDelay = retryDelay
        self.maxAttempts = maxAttempts
        self.maxClassification = maxClassification
        self.hours = hours
        self.timeZone = timeZone
    }

    /// True when agencies `a` and `b` (distinct) are both members.
    public func connects(_ a: Int, _ b: Int) -> Bool { members.contains(a) && members.contains(b) }

    /// Mean time of one successful delivery, latency plus handling (twice, plus the hub's work,
    /// through a hub): the channel-selection key.
    public var expectedDelay: Double {
        guard let hub else { return latency.mean + handling.mean }
        return 2 * (latency.mean + handling.mean) + hub.work.mean
    }
}

/// When an inject fires.
public enum InjectTiming: Sendable {
    /// At a fixed time (seconds from the exercise start).
    case fixed(Double)
    /// At a time drawn from a distribution (seconds from the exercise start).
    case random(Distribution)
    /// A delay after another inject (by index) fires.
    case after(inject: Int, delay: Distribution)
}

/// Repetition of an inject: a stream of occurrences, each starting an independent case.
public struct InjectRepetition: Sendable {
    /// Time between consecutive occurrences.
    public var interval: Distribution
    /// Maximum number of occurrences, the first included; nil for "until the horizon".
    public var count: Int?

    public init(interval: Distribution, count: Int?) {
        self.interval = interval
        self.count = count
    }
}

/// One entry of the MSEL: information that reaches an agency at a time.
public struct Inject: Sendable {
    public var id: String
    public var description: String
    /// Receiving agency index.
    public var receiver: Int
    public var timing: InjectTiming
    /// Background workload: occurrences after the first start cases of their own.
    public var repetition: InjectRepetition?
    /// Classification of the information the inject delivers.
    public var classification: Classification
    /// MSEL columns kept for reports: sender, delivery method, expected action.
    public var sender: String
    public var method: String
    public var expectedAction: String
    /// What else the inject changes (cooperation, outages, staffing, a subject's location).
    public var effects: [InjectEffect]
    /// The information may not be passed on without the originator's consent.
    public var originatorControl: OriginatorControl?

    public init(id: String, description: String, receiver: Int, timing: InjectTiming, repetition: InjectRepetition? = nil,
                classification: Classification = .unclassified, sender: String = "", method: String = "", expectedAction: String = "",
                effects: [InjectEffect] = [], originatorControl: OriginatorControl? = nil) {
        self.id = id
        self.description = description
        self.receiver = receiver
        self.timing = timing
        self.repetition = repetition
        self.classification = classification
        self.sender = sender
        self.method = method
        self.expectedAction = expectedAction
        self.effects = effects
        self.originatorControl = originatorControl
    }
}

/// Who performs a task.
public enum PerformerRule: Sendable, Equatable {
    /// A named agency (also what "the lead agency" compiles to).
    case agency(Int)
    /// Whichever candidate is least loaded when the task becomes ready: fewest tasks in work
    /// or waiting per staff member, ties to the earlier declared agency.
    case leastLoaded(candidates: [Int])
    /// The least loaded of the candidates in the jurisdiction where `subject` is when the task
    /// first needs a performer; if none is there, the task waits until the subject moves within reach.
    case subjectLocation(subject: Int, candidates: [Int])

    /// Every agency that may perform the task.
    public var candidates: [Int] {
        switch self {
        case .agency(let index): return [index]
        case .leastLoaded(let candidates), .subjectLocation(_, let candidates): return candidates
        }
    }
}

/// One step of the response plan.
public struct PlanTask: Sendable {
    public var id: String
    public var description: String
    public var capability: Int
    public var performer: PerformerRule
    /// Tasks (by index) that must be complete, and their output delivered, before this starts.
    public var prerequisites: [Int]
    /// Injects (by index) whose information must have reached the performer before this starts.
    public var triggers: [Int]
    /// Queue priority at the performer: lower values are served first.
    public var priority: Int
    /// Classification of what the task produces (what its output messages carry).
    public var classification: Classification
    /// Set for a task another jurisdiction performs at the request of `requester`: its inputs go
    /// to the requester, who sends the request through a legal instrument.
    public var request: RequestKind?
    /// The agency (index) that drafts and sends the request; nil: the exercise's lead agency.
    public var requester: Int?
    /// The offence (index) the request is framed as; nil: the exercise's default offence.
    public var offence: Int?
    /// The instrument (index) the request must use when it applies; nil: the best one.
    public var instrument: Int?
    /// Competing claims of jurisdiction over the task, decided before it is dispatched.
    public var claim: CompetingClaim?

    public init(id: String, description: String = "", capability: Int, performer: PerformerRule, prerequisites: [Int] = [],
                triggers: [Int] = [], priority: Int = 0, classification: Classification = .unclassified,
                request: RequestKind? = nil, requester: Int? = nil, offence: Int? = nil) {
        self.id = id
        self.description = description
        self.capability = capability
        self.performer = performer
        self.prerequisites = prerequisites
        self.triggers = triggers
        self.priority = priority
        self.classification = classification
        self.request = request
        self.requester = requester
        self.offence = offence
    }
}

/// FEMA core capabilities an objective can test (HSEEP).
public enum CoreCapability: String, CaseIterable, Sendable {
    case intelligenceAndInformationSharing = "intelligence-and-information-sharing"
    case interdictionAndDisruption = "interdiction-and-disruption"
    case screeningSearchAndDetection = "screening-search-and-detection"
    case forensicsAndAttribution = "forensics-and-attribution"
    case operationalCoordination = "operational-coordination"
    case planning
    case publicInformationAndWarning = "public-information-and-warning"
    case other
}

/// Where an objective's clock starts.
public enum ObjectiveTrigger: Sendable, Equatable {
    case exerciseStart
    /// The (first) firing of an inject.
    case inject(Int)
    /// The completion of a task.
    case task(Int)
}

/// P/S/M/U rating thresholds as multiples of the deadline: P within the deadline, S within
/// `s`×, M within `m`×, U beyond (or never).
public struct RatingThresholds: Sendable, Equatable {
    public var s: Double
    public var m: Double

    public static let standard = RatingThresholds(s: 1.5, m: 2.0)

    public init(s: Double, m: Double) {
        self.s = s
        self.m = m
    }
}

/// A measurable exercise objective: "within (deadline) of (trigger), (milestone)".
public struct Objective: Sendable {
    public var id: String
    public var description: String
    /// The milestone is reached when all of these tasks are complete.
    public var milestone: [Int]
    public var trigger: ObjectiveTrigger
    /// Seconds allowed from the trigger to the milestone.
    public var deadline: Double
    public var coreCapability: CoreCapability
    public var thresholds: RatingThresholds

    public init(id: String, description: String, milestone: [Int], trigger: ObjectiveTrigger, deadline: Double,
                coreCapability: CoreCapability, thresholds: RatingThresholds = .standard) {
        self.id = id
        self.description = description
        self.milestone = milestone
        self.trigger = trigger
        self.deadline = deadline
        self.coreCapability = coreCapability
        self.thresholds = thresholds
    }
}

/// The threat clock: the response succeeds if the disrupting milestone comes before the attack.
public struct Threat: Sendable {
    public var description: String
    /// Attack time, seconds from the exercise start.
    public var time: Distribution
    /// The attack is disrupted when all of these tasks are complete.
    public var disruptedBy: [Int]

    public init(description: String, time: Distribution, disruptedBy: [Int]) {
        self.description = description
        self.time = time
        self.disruptedBy = disruptedBy
    }
}
