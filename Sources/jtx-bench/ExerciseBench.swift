import ArgumentParser
import ExerciseModel
import Experiments
import Foundation
import ScenarioFormat

/// `jtx-bench exercise SCENARIO`: the whole exercise model, timed in-process.
///
/// Loads and compiles the scenario, then runs replications 0..<N on `--jobs` threads through the
/// same `ParallelReplications` that `jtx run` uses (records handed over in order), without
/// writing files. Prints one JSON line: the load time, the simulation time, replications and
/// kernel events per second, and nanoseconds per event (wall time over events, all jobs together).
struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Run a scenario's replications in-process and report replications/s, events/s and ns/event.")

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .shortAndLong, help: "Number of replications.")
    var replications: Int = 1_000

    @Option(name: .shortAndLong, help: "Master seed (default: the scenario's exercise.seed).")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "Replications run in parallel.")
    var jobs: Int = 1

    @Flag(help: "Count heap allocations during replications after the first (needs the malloc interposer preloaded with LD_PRELOAD; use --jobs 1).")
    var countAllocations = false

    func validate() throws {
        if replications < 2 { throw ValidationError("--replications must be at least 2") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let loaded = try ScenarioLoader.load(path: scenario)
        let runner = ExerciseRunner(loaded.exercise)
        let masterSeed = seed ?? loaded.exercise.defaultSeed
        let loadedAt = clock.now
        // The first replication alone: the time to a first result (after loading).
        let parallel = ParallelReplications(runner: runner, seed: masterSeed, jobs: jobs)
        var events = 0
        try parallel.run(0..<1) { events += $0.events }
        let firstAt = clock.now
        if countAllocations { try AllocationCounter.start() }
        let eventsAfterFirst = events
        try parallel.run(1..<replications) { events += $0.events }
        let allocations = countAllocations ? AllocationCounter.stop() : 0
        let finished = clock.now
        let simulate = seconds(finished - loadedAt)
        var fields: [(String, String)] = [
            ("model", "\"exercise\""),
            ("impl", "\"jtx\""),
            ("scenario", "\"\(scenario)\""),
            ("jobs", "\(jobs)"),
            ("replications", "\(replications)"),
            ("events", "\(events)"),
            ("load_seconds", format(seconds(loadedAt - started))),
            ("first_result_seconds", format(seconds(firstAt - started))),
            ("seconds", format(simulate)),
            ("replications_per_second", format(Double(replications) / simulate)),
            ("events_per_second", format(Double(events) / simulate)),
            ("ns_per_event", format(simulate * 1e9 / Double(events))),
        ]
        if countAllocations {
            fields.append(("allocations_measured", "\(allocations)"))
            fields.append(("events_measured", "\(events - eventsAfterFirst)"))
            fields.append(("replications_measured", "\(replications - 1)"))
        }
        print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    private func format(_ value: Double) -> String { String(format: "%.6g", value) }
}
