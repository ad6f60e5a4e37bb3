import ExerciseModel
import Experiments
import Foundation
import ScenarioFormat
import Stochastics
import Testing

/// Factor paths resolve to the right parameters, and applying values is a pure function that
/// changes exactly those parameters.
@Suite("Sweep factors")
struct SweepFactorsTests {
    static let paths: [(String, SweepFactor)] = [
        ("agencies.A-POL.staff", .agencyStaff(agency: 0)),
        ("agencies.A-POL.work", .agencyWork(agency: 0, capability: nil)),
        ("agencies.A-POL.work.other", .agencyWork(agency: 0, capability: 1)),
        ("channels.net.latency", .channelTime(channel: 0, .latency)),
        ("channels.net.handling", .channelTime(channel: 0, .handling)),
        ("channels.net.retry-after", .channelTime(channel: 0, .retryAfter)),
        ("channels.net.failure-probability", .channelFailureProbability(channel: 0)),
        ("cooperation.ARC.CAL.willingness", .cooperationWillingness(0, 1)),
        ("cooperation.DEL.ARC.delay-multiplier", .cooperationDelayMultiplier(2, 0)),
        ("instruments.mla.draft", .instrumentTime(instrument: 0, .draft)),
        ("instruments.mla.transmission", .instrumentTime(instrument: 0, .transmission)),
        ("instruments.mla.review", .instrumentTime(instrument: 0, .review)),
        ("instruments.mla.refusal", .instrumentRefusal(instrument: 0)),
        ("injects.START.time", .injectTime(inject: 0)),
        ("injects.LATER.time", .injectTime(inject: 1)),
        ("threat.time", .threatTime),
    ]

    @Test("every kind of path resolves to its parameter")
    func paths() throws {
        let folder = try SweepSupport.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let factors = Self.paths.map { path, factor in
            let range = factor.valueKind == .integer(minimum: 1) ? "[1, 3]" : (factor.valueKind == .probability ? "[0.1, 0.9]" : "[0.5, 2]")
            return "  - {path: \(path), range: \(range)}"
        }.joined(separator: "\n")
        let file = folder.appendingPathComponent("sweep.yaml")
        try SweepSupport.sweep(factors: factors, extra: "metrics: [asked]").write(to: file, atomically: true, encoding: .utf8)
        let loaded = try SweepLoader.load(path: file.path)
        #expect(loaded.specification.factors.map(\.factor) == Self.paths.map(\.1))
        #expect(loaded.specification.factors.map(\.path) == Self.paths.map(\.0))
        #expect(loaded.specification.replications == 5 && loaded.specification.seed == 3 && loaded.specification.confidence == 0.95)
        #expect(loaded.specification.keyObjectives == [0])
        #expect(loaded.specification.design == .latinHypercube(points: 4))
    }

    @Test("applying values changes exactly the named parameters, and only in the copy")
    func apply() throws {
        let base = try SweepSupport.exercise()
        let factors = Self.paths.map(\.1)
        let values: [Double] = [3, 2, 0.5, 2, 3, 4, 0.25, 0.4, 1.5, 2, 0.5, 3, 0.2, 2, 0.5, 1.25]
        let changed = try SweepFactors.apply(factors, values: values, to: base)
        let agency = changed.agencies[0], original = base.agencies[0]
        #expect(agency.staff == 3)
        #expect(agency.workTime[0]?.mean == 2 * (original.workTime[0]?.mean ?? 0))
        #expect(agency.workTime[1]?.mean == 2 * 0.5 * (original.workTime[1]?.mean ?? 0))
        #expect(changed.channels[0].latency.mean == 2 * base.channels[0].latency.mean)
        #expect(changed.channels[0].handling.mean == 3 * base.channels[0].handling.mean)
        #expect(changed.channels[0].retryDelay.mean == 4 * base.channels[0].retryDelay.mean)
        #expect(changed.channels[0].failureProbability == 0.25)
        #expect(changed.cooperation.count == 2)
        #expect(changed.cooperation[0].between == (0, 1) && changed.cooperation[0].willingness == 0.4)
        #expect(changed.cooperation[1].between == (2, 0) && changed.cooperation[1].delayMultiplier == 1.5)
        #expect(changed.cooperation[1].willingness == 1)
        #expect(changed.instruments[0].draft.mean == 2 * base.instruments[0].draft.mean)
        #expect(changed.instruments[0].transmission.mean == 0.5 * base.instruments[0].transmission.mean)
        let review = changed.instruments[0].review.mean, baseReview = base.instruments[0].review.mean
        #expect(abs(review - 3 * baseReview) <= 1e-9 * review)
        #expect(changed.instruments[0].refusalProbability == 0.2)
        guard case .fixed(let start) = changed.injects[0].timing, case .random(let later) = changed.injects[1].timing,
              case .random(let baseLater) = base.injects[1].timing else {
            Issue.record("inject timings changed kind")
            return
        }
        #expect(start == 2 * 7200)
        #expect(later.mean == 0.5 * baseLater.mean)
        #expect(changed.threat?.time.mean == 1.25 * 20 * 86_400)
        // The base is untouched.
        #expect(base.agencies[0].staff == 2 && base.cooperation.count == 1 && base.channels[0].failureProbability == 0.1)
    }

    @Test("values outside a factor's kind, relative inject times and missing elements are refused")
    func refusals() throws {
        let base = try SweepSupport.exercise()
        #expect(throws: SweepFactorError("value 1.5 is not an integer ≥ 1")) {
            try SweepFactors.apply([.agencyStaff(agency: 0)], values: [1.5], to: base)
        }
        #expect(throws: SweepFactorError("value 0.0 is not a scale factor > 0")) {
            try SweepFactors.apply([.threatTime], values: [0], to: base)
        }
        #expect(throws: SweepFactorError("value 1.2 is not a probability in [0, 1]")) {
            try SweepFactors.apply([.cooperationWillingness(0, 1)], values: [1.2], to: base)
        }
        #expect(throws: SweepFactorError("inject 'AFTER' is timed after another inject; only fixed or drawn times can be scaled")) {
            try SweepFactors.apply([.injectTime(inject: 2)], values: [2], to: base)
        }
        #expect(throws: SweepFactorError("no channel #4 (the exercise has 1)")) {
            try SweepFactors.apply([.channelTime(channel: 4, .latency)], values: [2], to: base)
        }
        #expect(throws: SweepFactorError("a jurisdiction cannot cooperate with itself")) {
            try SweepFactors.apply([.cooperationWillingness(1, 1)], values: [0.5], to: base)
        }
        #expect(throws: SweepFactorError("2 values for 1 factors")) {
            try SweepFactors.apply([.threatTime], values: [1, 2], to: base)
        }
    }
}
