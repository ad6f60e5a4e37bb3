// Allocation budgets of jtx's hot paths: the kernel's event loop and one replication of the
// reference exercise. The metrics are deterministic (malloc calls and bytes), so the thresholds
// in Thresholds/ hold on any machine; wall time is not measured here (see `make bench`). This machine kind
// has no hardware performance counters, so `instructions` is not measured (see README).

import Benchmark
import ExerciseModel
import Foundation
import ScenarioFormat
import SimKernel
import Stochastics

/// The jtx repository root: this file is Benchmarks/Benchmarks/JTXBenchmarks/JTXBenchmarks.swift.
let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// M/M/4 at ρ = 0.9 (the `mmc` model of shared/performance.md), on SimKernel.
struct QueueModel: SimulationModel {
    enum Event {
        case arrival(customer: Int32)
        case departure
    }

    let customers: Int
    let arrivals: RandomStream
    let services: RandomStream
    var desk = ServerPool(capacity: 4)
    var waitSum = 0.0

    init(customers: Int, seed: UInt64) {
        self.customers = customers
        arrivals = RandomStream(master: seed, replication: 0, purpose: StreamPurpose("mmc.arrivals"))
        services = RandomStream(master: seed, replication: 0, purpose: StreamPurpose("mmc.services"))
    }

    mutating func handle(_ event: Event, calendar: inout EventCalendar<Event>) {
        let now = calendar.now
        switch event {
        case .arrival(let customer):
            let next = Int(customer) + 1
            if next < customers {
                calendar.schedule(.arrival(customer: Int32(next)), after: arrivals.exponential(mean: 1 / 3.6))
            }
            if desk.request(Int(customer), at: now) {
                calendar.schedule(.departure, after: services.exponential(mean: 1))
            }
        case .departure:
            if let (_, waited) = desk.release(at: now) {
                waitSum += waited
                calendar.schedule(.departure, after: services.exponential(mean: 1))
            }
        }
    }
}

/// Deterministic metrics only: wall time would fail on a busy machine.
let checked: [BenchmarkMetric] = [.mallocCountTotal, .mallocBytesCount]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration.maxDuration = .seconds(3)
    Benchmark.defaultConfiguration.maxIterations = 5
    Benchmark.defaultConfiguration.warmupIterations = 1

    // The event loop in steady state: 200,000 customers, of which the middle 100,000 arrivals
    // (about 200,000 events) are measured, after the calendar and the queue have grown.
    // (Names without spaces: `thresholds check` looks the files up by the unescaped name.)
    Benchmark(
        "KernelEventLoop",
        configuration: .init(
            metrics: checked,
            thresholds: [
                .mallocCountTotal: .init(absolute: [.p90: 2]),
                .mallocBytesCount: .init(absolute: [.p90: 4_096]),
            ]
        )
    ) { benchmark in
        let customers = 200_000
        var simulation = Simulation(model: QueueModel(customers: customers, seed: 1))
        simulation.calendar.schedule(.arrival(customer: 0), at: 0)
        _ = try simulation.run(until: Double(customers) / 4 / 3.6)
        benchmark.startMeasurement()
        _ = try simulation.run(until: Double(customers) * 3 / 4 / 3.6)
        benchmark.stopMeasurement()
        blackHole(simulation.model.waitSum)
    }

    // One replication of the reference exercise, scenario loaded and compiled beforehand, in a
    // workspace that has run a replication before (as on every thread of `jtx run` after its
    // first replication): its random streams' generators are reused.
    Benchmark(
        "GreyHeronReplication",
        configuration: .init(
            metrics: checked,
            thresholds: [
                .mallocCountTotal: .init(absolute: [.p90: 20]),
                .mallocBytesCount: .init(absolute: [.p90: 16_384]),
            ],
            setup: { try? prepareReferenceExercise() }
        )
    ) { benchmark in
        guard let runner = referenceRunner else {
            benchmark.error("cannot load scenarios/grey-heron.yaml")
            return
        }
        let outcome = try runner.run(replication: 7, seed: 1, workspace: referenceWorkspace)
        blackHole(outcome.events)
    }
}

nonisolated(unsafe) var referenceRunner: ExerciseRunner?
nonisolated(unsafe) var referenceWorkspace = ReplicationWorkspace()

func prepareReferenceExercise() throws {
    guard referenceRunner == nil else { return }
    let path = repositoryRoot.appendingPathComponent("scenarios/grey-heron.yaml").path
    let runner = ExerciseRunner(try ScenarioLoader.load(path: path).exercise)
    _ = try runner.run(replication: 6, seed: 1, workspace: referenceWorkspace)
    referenceRunner = runner
}
