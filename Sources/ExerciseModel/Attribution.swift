/// Where time goes: the categories the critical path's elapsed time is split into.
public enum TimeCategory: Int, CaseIterable, Sendable {
    /// Waiting for a free staff member (queueing at an agency).
    case staffWait
    /// Staff working on a task.
    case work
    /// Waiting for an agency's or a channel's working hours (nights, weekends, holidays).
    case officeHours
    /// A message or request in transit.
    case transferLatency
    /// Registry and triage at the receiver of a message.
    case handling
    /// Translating a message or request between languages.
    case translation
    /// Drafting a legal request and its review by the receiving side.
    case legalReview
    /// Asking the originator's consent to pass on controlled information.
    case consent
    /// Waiting after failed transmission attempts.
    case retries
    /// Re-framing a request after a dual-criminality refusal.
    case reframing
    /// Waiting for a subject to be where an agency can act on them.
    case subjectUnreachable
    /// Waiting for a channel outage to end.
    case outage
    /// Waiting for an inject (information arriving from outside the response).
    case injects

    /// The column and key name used in result files.
    public var name: String {
        switch self {
        case .staffWait: return "staff_wait"
        case .work: return "work"
        case .officeHours: return "office_hours"
        case .transferLatency: return "transfer_latency"
        case .handling: return "handling"
        case .translation: return "translation"
        case .legalReview: return "legal_review"
        case .consent: return "consent"
        case .retries: return "retries"
        case .reframing: return "reframing"
        case .subjectUnreachable: return "subject_unreachable"
        case .outage: return "outage"
        case .injects: return "injects"
        }
    }
}

/// Whose working hours a segment elapsed under: its time outside them is office-hours waiting.
enum HoursOf: Equatable, Sendable {
    case none
    case agency(Int32)
    case channel(Int32)
}

/// A stretch of time on a path, in one category.
struct Segment: Sendable {
    var category: TimeCategory
    var start: Double
    var end: Double
    var hours: HoursOf
}

/// A chronological, gap-free record of what something (a task instance, a message) was doing:
/// one phase is open at a time; opening the next closes it at the same instant, so the
/// segments always tile the time from the first phase to the last.
struct PhaseLog: Sendable {
    private(set) var segments: [Segment] = []
    private var open: Segment?

    /// Starts `category` at `time`, closing the phase before it there.
    mutating func begin(_ category: TimeCategory, at time: Double, hours: HoursOf = .none) {
        close(at: time)
        open = Segment(category: category, start: time, end: time, hours: hours)
    }

    /// Closes the open phase at `time` (empty phases are dropped).
    mutating func close(at time: Double) {
        guard var phase = open else { return }
        open = nil
        phase.end = time
        if phase.end > phase.start { segments.append(phase) }
    }

    /// Appends closed segments that happened before this log's first phase (an input's journey).
    mutating func prepend(_ earlier: [Segment]) {
        segments.insert(contentsOf: earlier, at: 0)
    }

    mutating func reset() {
        segments.removeAll(keepingCapacity: true)
        open = nil
    }
}

/// Seconds per category, for one objective in one replication.
public struct TimeAttribution: Sendable, Equatable {
    /// Indexed by `TimeCategory.rawValue`.
    public var seconds: [Double]

    public init() { seconds = Array(repeating: 0, count: TimeCategory.allCases.count) }

    public subscript(category: TimeCategory) -> Double {
        get { seconds[category.rawValue] }
        set { seconds[category.rawValue] = newValue }
    }

    /// The sum over categories: equals the objective's elapsed time.
    public var total: Double { seconds.reduce(0, +) }
}
