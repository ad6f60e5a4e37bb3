public import Stochastics
internal import Foundation

// The cooperation mechanisms of issue 12 that the base model could not express: hub agencies
// that relay and enrich messages, channels opened by a task (a JIT's direct exchange), bilateral
// agreements, familiarity from joint exercises, competing claims of jurisdiction, UN listings,
// and the obligations of private agencies. Every one is opt-in: an exercise that declares none
// of them runs exactly as before (same draws, same results). See docs/mechanisms.md.

/// A channel whose messages pass through a hub agency (INTERPOL's Counter-Terrorism Fusion
/// Centre, a national screening centre, the General Secretariat reviewing a notice, Europol
/// verifying a data request): sender → hub over the channel, the hub's staff analyse the
/// information (in its hours, queueing), hub → receiver over the channel.
public struct ChannelHub: Sendable {
    /// The hub agency (index).
    public var agency: Int
    /// The hub's work on one piece of information. One piece (the output of one task instance,
    /// or one inject) is analysed once per hub: copies to further recipients wait for that
    /// analysis and are then relayed.
    public var work: Distribution
    /// Factor on the work time of the task that receives an input relayed by the hub (the
    /// enriched product saves the receiver work): 1 = no enrichment.
    public var enrichment: Double

    public init(agency: Int, work: Distribution, enrichment: Double = 1) {
        self.agency = agency
        self.work = work
        self.enrichment = enrichment
    }
}

/// A bilateral (or any two-state) agreement, in force or not (a sweep toggles it).
public struct Agreement: Sendable {
    public var id: String
    public var between: (Int, Int)
    public var inForce: Bool
    /// Channels (indices) that exist only under the agreement: closed when it is not in force.
    public var channels: [Int]
    /// Factor on review times of requests between the two (on top of the pair's delay multiplier).
    public var reviewFactor: Double
    /// Dual criminality is not checked for requests between the two.
    public var waivesDualCriminality: Bool
    /// The pair's willingness is raised to at least this (nil: unchanged).
    public var willingness: Double?

    public init(id: String, between: (Int, Int), inForce: Bool = true, channels: [Int] = [], reviewFactor: Double = 1,
                waivesDualCriminality: Bool = false, willingness: Double? = nil) {
        self.id = id
        self.between = between
        self.inForce = inForce
        self.channels = channels
        self.reviewFactor = reviewFactor
        self.waivesDualCriminality = waivesDualCriminality
        self.willingness = willingness
    }
}

/// Joint training: agencies that exercise together become familiar with each other.
///
/// Familiarity of a pair F = 1 − (1 − gain)^n, n = the joint exercises a year the pair takes part
/// in (summed over entries). It shortens a message's handling by F·`handlingCut`, a request's
/// review by F·`reviewCut` and the originator's consent decision by F·`consentCut` (factors
/// 1 − F·cut), and raises willingness w to w + F·`acceptanceGain`·(1 − w).
public struct Familiarity: Sendable {
    public struct Exercises: Sendable {
        public var id: String
        /// The agencies (indices) taking part: every pair among them.
        public var agencies: [Int]
        public var perYear: Int

        public init(id: String, agencies: [Int], perYear: Int) {
            self.id = id
            self.agencies = agencies
            self.perYear = perYear
        }
    }

    public var gainPerExercise: Double
    public var handlingCut: Double
    public var reviewCut: Double
    public var consentCut: Double
    public var acceptanceGain: Double
    public var exercises: [Exercises]

    public init(gainPerExercise: Double = 0.15, handlingCut: Double = 0.5, reviewCut: Double = 0.3, consentCut: Double = 0.5,
                acceptanceGain: Double = 0.5, exercises: [Exercises] = []) {
        self.gainPerExercise = gainPerExercise
        self.handlingCut = handlingCut
        self.reviewCut = reviewCut
        self.consentCut = consentCut
        self.acceptanceGain = acceptanceGain
        self.exercises = exercises
    }

    public static let none = Familiarity()

    /// Familiarity level per ordered agency pair (flattened a · n + b), or nil when no pair has any.
    func levels(agencyCount n: Int) -> [Double]? {
        var count = [Int](repeating: 0, count: n * n)
        var any = false
        for entry in exercises where entry.perYear > 0 {
            for a in entry.agencies {
                for b in entry.agencies where a != b && a < n && b < n {
                    count[a * n + b] += entry.perYear
                    any = true
                }
            }
        }
        guard any else { return nil }
        return count.map { $0 == 0 ? 0 : 1 - pow(1 - gainPerExercise, Double($0)) }
    }
}

/// Several jurisdictions claim a case (prosecution of a cell active in each): who performs the
/// task is decided by a rule after a consultation delay (Eurojust; Framework Decision
/// 2009/948/JHA on conflicts of jurisdiction).
public struct CompetingClaim: Sendable {
    public enum Rule: Sendable, Equatable {
        /// The first claimant (in the order listed) with an agency able to perform.
        case order
        /// Where the subject is when the claim is decided (custody), else by order.
        case custody(subject: Int)
        /// A uniform draw among the claimants able to perform.
        case lot
    }

    /// Claimant jurisdictions (indices), in priority order.
    public var jurisdictions: [Int]
    public var rule: Rule
    /// Consultation before the decision (calendar time, attributed to legal review).
    public var delay: Distribution

    public init(jurisdictions: [Int], rule: Rule, delay: Distribution) {
        self.jurisdictions = jurisdictions
        self.rule = rule
        self.delay = delay
    }
}

/// A listing-based instrument (UN Security Council sanctions lists, resolutions 1267/1373):
/// the instrument's draft → transmission → review is the designation, done once for every
/// party; while it stands, each party freezes "without delay" (no review: the task goes straight
/// to the performer). The designation lapses after `delisting` (Ombudsperson, committee review);
/// later requests need a new designation.
public struct Listing: Sendable {
    public var delisting: Distribution?

    public init(delisting: Distribution? = nil) { self.delisting = delisting }
}

/// A private agency's duty for one capability (a bank's STR, a provider's production order):
/// with probability `voluntary.probability` it discloses of its own accord in `voluntary.time`;
/// otherwise it works as drawn, but a compliant one (probability `compliance`) by the deadline.
public struct Obligation: Sendable {
    public var capability: Int
    /// Calendar time from taking up the task by which a compliant agency has finished (seconds); nil: none.
    public var deadline: Double?
    public var compliance: Double
    public var voluntaryProbability: Double
    public var voluntaryTime: Distribution?

    public init(capability: Int, deadline: Double? = nil, compliance: Double = 1, voluntaryProbability: Double = 0,
                voluntaryTime: Distribution? = nil) {
        self.capability = capability
        self.deadline = deadline
        self.compliance = compliance
        self.voluntaryProbability = voluntaryProbability
        self.voluntaryTime = voluntaryTime
    }
}
