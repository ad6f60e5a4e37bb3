@testable import ExerciseModel
import Stochastics

// Builders shared by the exercise-model tests: exercises are written in code (no YAML), with
// times in seconds.

let minute = 60.0
let hour = 3600.0

/// A constant distribution (the factory only rejects non-finite values).
func constant(_ value: Double) -> Distribution {
    do { return try Distribution.constant(value) } catch { fatalError("\(error)") }
}

/// An exponential distribution with the given mean (> 0).
func exponential(_ mean: Double) -> Distribution {
    do { return try Distribution.exponential(mean: mean) } catch { fatalError("\(error)") }
}

/// An agency with `staff` servers and a work time per capability index (nil: lacks it).
func makeAgency(_ id: String, staff: Int = 1, work: [Distribution?]) -> Agency {
    Agency(id: id, name: "Agency \(id)", jurisdiction: "J-\(id)", kind: .police, staff: staff, workTime: work)
}

/// A channel with constant latency, handling and retry delay.
func makeChannel(_ id: String, _ members: [Int], latency: Double, handling: Double, failure: Double = 0,
                 retry: Double = 0, maxAttempts: Int = 1, max: Classification = .topSecret) -> Channel {
    Channel(id: id, name: "Channel \(id)", kind: .direct, members: members, latency: constant(latency),
            handling: constant(handling), failureProbability: failure, retryDelay: constant(retry),
            maxAttempts: maxAttempts, maxClassification: max)
}

/// An inject at a fixed time.
func makeInject(_ id: String, to receiver: Int, at time: Double, classification: Classification = .unclassified) -> Inject {
    Inject(id: id, description: "inject \(id)", receiver: receiver, timing: .fixed(time), classification: classification)
}

/// A task performed by one named agency.
func makeTask(_ id: String, at agency: Int, capability: Int = 0, after prerequisites: [Int] = [], triggers: [Int] = [],
              priority: Int = 0, classification: Classification = .unclassified) -> PlanTask {
    PlanTask(id: id, capability: capability, performer: .agency(agency), prerequisites: prerequisites,
             triggers: triggers, priority: priority, classification: classification)
}

func makeObjective(_ id: String, _ milestone: [Int], from trigger: ObjectiveTrigger, within deadline: Double,
                   thresholds: RatingThresholds = .standard) -> Objective {
    Objective(id: id, description: "objective \(id)", milestone: milestone, trigger: trigger, deadline: deadline,
              coreCapability: .operationalCoordination, thresholds: thresholds)
}

func makeExercise(horizon: Double, capabilities: [String] = ["work"], agencies: [Agency], channels: [Channel] = [],
                  injects: [Inject] = [], tasks: [PlanTask], objectives: [Objective] = [], threat: Threat? = nil) -> Exercise {
    Exercise(name: "test", start: "2026-01-05T00:00:00Z", horizon: horizon, capabilities: capabilities,
             agencies: agencies, channels: channels, injects: injects, tasks: tasks, objectives: objectives, threat: threat)
}

/// Runs one replication and keeps its trace.
func runTraced(_ exercise: Exercise, replication: Int = 0, seed: UInt64 = 1) throws -> (ReplicationOutcome, [TraceEvent]) {
    var trace = TraceBuffer()
    let outcome = try ExerciseRunner(exercise).run(replication: replication, seed: seed, trace: &trace)
    return (outcome, trace.events)
}

extension [TraceEvent] {
    /// Events of one kind concerning task `task` (any instance).
    func of(_ kind: TraceKind, task: Int) -> [TraceEvent] { filter { $0.kind == kind && $0.task == Int32(task) } }
    func of(_ kind: TraceKind) -> [TraceEvent] { filter { $0.kind == kind } }
}

/// Mean and half-width of the two-sided t confidence interval at `level` of `values`.
func tInterval(_ values: [Double], level: Double) throws -> (mean: Double, halfWidth: Double) {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    let t = try GSLMath.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: n - 1)
    return (mean, t * (variance / n).squareRoot())
}

/// Erlang C waiting probability for c servers and offered load a = λ/μ (< c).
func erlangC(servers c: Int, load a: Double) -> Double {
    var term = 1.0, sum = 0.0
    for k in 0..<c {
        if k > 0 { term *= a / Double(k) }
        sum += term
    }
    let last = term * a / Double(c) * Double(c) / (Double(c) - a)
    return last / (sum + last)
}
