/// A parameter of an exercise that a sweep varies, resolved to indices.
///
/// This vocabulary lives in the model module because two modules that do not depend on each
/// other share it: the scenario format resolves a sweep file's textual paths
/// (`agencies.CAL-MOJ.staff`) into these cases, and the experiments module applies them to an
/// `Exercise`. Nothing here knows of YAML or files.
public enum SweepFactor: Sendable, Equatable {
    /// An agency's staff (an integer ≥ 1).
    case agencyStaff(agency: Int)
    /// A scale factor on an agency's work time for one capability (index), or for all of them (nil).
    case agencyWork(agency: Int, capability: Int?)
    /// A scale factor on one of a channel's time distributions.
    case channelTime(channel: Int, ChannelTime)
    /// A channel's failure probability per attempt.
    case channelFailureProbability(channel: Int)
    /// The willingness (probability of acceptance) between two jurisdictions (indices).
    case cooperationWillingness(Int, Int)
    /// The delay multiplier on review times between two jurisdictions (indices).
    case cooperationDelayMultiplier(Int, Int)
    /// A scale factor on one of an instrument's time distributions.
    case instrumentTime(instrument: Int, InstrumentTime)
    /// An instrument's refusal probability.
    case instrumentRefusal(instrument: Int)
    /// A scale factor on an inject's time (fixed or drawn).
    case injectTime(inject: Int)
    /// A scale factor on the threat's attack time.
    case threatTime
    /// An agreement (index) in force (1) or not (0).
    case agreementInForce(agreement: Int)
    /// Joint exercises a year of a `familiarity.joint-exercises` entry (index).
    case jointExercises(entry: Int)
    /// Whether a jurisdiction criminalises an offence (1) or not (0): a definitional gap.
    case criminalises(jurisdiction: Int, offence: Int)
    /// The deadline (hours) of an agency's obligation for a capability.
    case obligationDeadline(agency: Int, capability: Int)
    /// A channel in service (1) or never open (0).
    case channelInService(channel: Int)
    /// A scale factor on the work of a channel's hub.
    case channelHubWork(channel: Int)
    /// An inject's originator control kept (1) or removed (0).
    case injectOriginatorControl(inject: Int)

    public enum ChannelTime: String, Sendable, CaseIterable {
        case latency, handling
        case retryAfter = "retry-after"
    }

    public enum InstrumentTime: String, Sendable, CaseIterable {
        case draft, transmission, review
    }

    /// What values the factor takes.
    public enum ValueKind: Sendable, Equatable {
        /// A whole number ≥ `minimum`.
        case integer(minimum: Int)
        /// A factor > 0 multiplying a distribution (every draw scales by it).
        case scale
        /// A probability in [0, 1].
        case probability
        /// A number > 0 (a multiplier that is a parameter itself, not a scale on a distribution).
        case positive

        /// The values allowed, in words ("an integer ≥ 1", "a probability in [0, 1]", …).
        public var description: String {
            switch self {
            case .integer(let minimum): return "an integer ≥ \(minimum)"
            case .scale: return "a scale factor > 0"
            case .probability: return "a probability in [0, 1]"
            case .positive: return "a number > 0"
            }
        }

        /// True when `value` is allowed.
        public func allows(_ value: Double) -> Bool {
            switch self {
            case .integer(let minimum): return value.isFinite && value == value.rounded() && value >= Double(minimum)
            case .scale, .positive: return value.isFinite && value > 0
            case .probability: return value >= 0 && value <= 1
            }
        }
    }

    public var valueKind: ValueKind {
        switch self {
        case .agencyStaff: return .integer(minimum: 1)
        case .agencyWork, .channelTime, .instrumentTime, .injectTime, .threatTime, .channelHubWork: return .scale
        case .channelFailureProbability, .cooperationWillingness, .instrumentRefusal: return .probability
        case .cooperationDelayMultiplier, .obligationDeadline: return .positive
        case .agreementInForce, .jointExercises, .criminalises, .channelInService, .injectOriginatorControl: return .integer(minimum: 0)
        }
    }

    /// True for the factors that switch something off (0) or on (1).
    public var isSwitch: Bool {
        switch self {
        case .agreementInForce, .criminalises, .channelInService, .injectOriginatorControl: return true
        default: return false
        }
    }

    public var isInteger: Bool {
        if case .integer = valueKind { return true }
        return false
    }
}

/// The values a sweep factor may take: a continuous (or, for integers, whole-number) range, or
/// an explicit list of levels.
public enum FactorDomain: Sendable, Equatable {
    case range(lower: Double, upper: Double)
    case levels([Double])

    /// The smallest and largest value (for normalising to [−1, 1]).
    public var bounds: (lower: Double, upper: Double) {
        switch self {
        case .range(let lower, let upper): return (lower, upper)
        case .levels(let levels): return (levels.min() ?? 0, levels.max() ?? 0)
        }
    }
}

/// One factor of a sweep: its path as written, what it changes, and its values.
public struct FactorSpecification: Sendable, Equatable {
    /// The path as written in the sweep file (`agencies.CAL-MOJ.staff`): the factor's column name.
    public var path: String
    public var factor: SweepFactor
    public var domain: FactorDomain

    public init(path: String, factor: SweepFactor, domain: FactorDomain) {
        self.path = path
        self.factor = factor
        self.domain = domain
    }
}

/// How the design points are chosen.
public enum SweepDesignKind: Sendable, Equatable {
    /// Every combination of the factors' levels (the last factor varies fastest).
    case fullFactorial
    /// A Latin hypercube of `points` points (one point per stratum of every factor).
    case latinHypercube(points: Int)
    /// The first `points` points of GSL's Sobol sequence.
    case sobol(points: Int)

    /// The spelling in sweep files.
    public var name: String {
        switch self {
        case .fullFactorial: return "full-factorial"
        case .latinHypercube: return "latin-hypercube"
        case .sobol: return "sobol"
        }
    }
}

/// A checked sweep: which scenario, which factors over which values, which design, and how
/// each design point is run (replications, seed, confidence level).
public struct SweepSpecification: Sendable {
    public var name: String
    /// The scenario path as written in the sweep file (relative to the sweep file).
    public var scenario: String
    /// Replications per design point.
    public var replications: Int
    /// The master seed of every design point (common random numbers across points).
    public var seed: UInt64
    /// Confidence level of every interval.
    public var confidence: Double
    public var design: SweepDesignKind
    public var factors: [FactorSpecification]
    /// Objectives (indices) whose probability met and mean elapsed time enter the main effects.
    public var keyObjectives: [Int]

    public init(name: String, scenario: String, replications: Int, seed: UInt64, confidence: Double,
                design: SweepDesignKind, factors: [FactorSpecification], keyObjectives: [Int]) {
        self.name = name
        self.scenario = scenario
        self.replications = replications
        self.seed = seed
        self.confidence = confidence
        self.design = design
        self.factors = factors
        self.keyObjectives = keyObjectives
    }
}
