import ExerciseModel
import Foundation
import Stochastics
import Testing
@testable import ScenarioFormat

/// Valid fixtures compile into the expected `Exercise`: ids, indices, capability table,
/// performer rules, merged triggers, objective triggers and distributions in seconds.
@Suite struct ValidScenarioTests {
    @Test func minimalScenarioTakesTheDefaults() throws {
        let exercise = try Fixtures.load(valid: "minimal.yaml").exercise
        #expect(exercise.name == "Minimal")
        #expect(exercise.description == "")
        #expect(exercise.start == "2026-03-02T08:00:00Z")
        #expect(exercise.horizon == 86_400)
        #expect(exercise.defaultSeed == 1)
        #expect(exercise.defaultReplications == 100)
        #expect(exercise.capabilities == ["work"])
        let agency = try #require(exercise.agencies.first)
        #expect(agency.name == "A")
        #expect(agency.staff == 1)
        #expect(agency.workTime.map { $0?.family } == [.constant(7200)])
        let task = try #require(exercise.tasks.first)
        #expect(task.performer == .agency(0))
        #expect(task.prerequisites.isEmpty && task.triggers.isEmpty)
        #expect(task.priority == 0 && task.classification == .unclassified)
        #expect(exercise.channels.isEmpty && exercise.injects.isEmpty && exercise.objectives.isEmpty)
        #expect(exercise.threat == nil)
    }

    @Test func fullScenarioHeader() throws {
        let loaded = try Fixtures.load(valid: "full.yaml")
        let exercise = loaded.exercise
        #expect(loaded.text.hasPrefix("# Every feature"))
        #expect(exercise.name == "GREY HERON (mini)")
        #expect(exercise.start == "2026-03-02T08:00:00+01:00")
        #expect(exercise.horizon == 30 * 86_400)
        #expect(exercise.defaultSeed == 7 && exercise.defaultReplications == 50)
        // Capabilities by first appearance over the agencies, then the plan.
        #expect(exercise.capabilities == ["assess-tip", "arrest", "analyse-str", "freeze", "file-str", "screen"])
    }

    @Test func fullScenarioAgencies() throws {
        let exercise = try Fixtures.load(valid: "full.yaml").exercise
        #expect(exercise.agencies.map(\.id) == ["ARC-CT", "ARC-FIU", "BOR-FIU", "BOR-BANK"])
        #expect(exercise.agencies.map(\.name) == ["Arcadia CT police", "ARC-FIU", "BOR-FIU", "BOR-BANK"])
        #expect(exercise.agencies.map(\.kind) == [.police, .fiu, .fiu, .bank])
        #expect(exercise.agencies.map(\.jurisdiction) == ["ARC", "ARC", "BOR", "BOR"])
        #expect(exercise.agencies.map(\.staff) == [4, 1, 2, 1])
        let police = exercise.agencies[0].workTime.map { $0?.family }
        #expect(police[0] == .triangular(min: 3600, mode: 7200, max: 21_600))
        try expectLognormal(police[1], mu: log(7200), sigma: log(4) / 1.6448536269514722)
        #expect(police[2...].allSatisfy { $0 == nil })
        #expect(exercise.agencies[1].workTime[2]?.family == .normal(mean: 7200, sd: 1800, lowerBound: 0))
        #expect(exercise.agencies[2].workTime[2]?.family == .erlang(k: 3, mean: 7200))
        #expect(exercise.agencies[2].workTime[3]?.family == .pert(min: 3600, mode: 10_800, max: 43_200))
        // lognormal(mu: 0.5, sigma: 0.5) is in hours: mu in seconds is 0.5 + ln 3600.
        try expectLognormal(exercise.agencies[3].workTime[4]?.family, mu: 0.5 + log(3600), sigma: 0.5)
        #expect(exercise.agencies[3].workTime[5]?.family == .exponential(mean: 600))
    }

    @Test func fullScenarioChannels() throws {
        let exercise = try Fixtures.load(valid: "full.yaml").exercise
        #expect(exercise.channels.map(\.id) == ["siena", "egmont", "phone", "note"])
        #expect(exercise.channels.map(\.kind) == [.siena, .egmont, .direct, .diplomatic])
        #expect(exercise.channels.map(\.members) == [[0, 1, 2], [1, 2], [2, 3], [0, 1, 2, 3]])
        #expect(exercise.channels.map(\.maxClassification) == [.restricted, .confidential, .unclassified, .secret])
        let siena = exercise.channels[0]
        #expect(siena.name == "Europol SIENA")
        #expect(siena.latency.family == .exponential(mean: 300))
        try expectLognormal(siena.handling.family, mu: log(7200), sigma: log(5.0 / 2.0) / 1.2815515655446004)
        #expect(siena.failureProbability == 0.05 && siena.maxAttempts == 4)
        #expect(siena.retryDelay.family == .constant(1800))
        let egmont = exercise.channels[1]
        #expect(egmont.handling.family == .empiricalDiscrete(values: [3600, 7200, 14_400], weights: [0.2, 0.5, 0.3]))
        // Defaults: handling 0s, no failures, retry after 1h, 3 attempts.
        let phone = exercise.channels[2]
        #expect(phone.latency.family == .uniform(min: 60, max: 300))
        #expect(phone.handling.family == .constant(0) && phone.failureProbability == 0)
        #expect(phone.retryDelay.family == .constant(3600) && phone.maxAttempts == 3)
        #expect(exercise.channels[3].latency.family == .weibull(shape: 1.5, scale: 14_400))
        #expect(exercise.channels[3].handling.family == .gamma(shape: 2, scale: 3600))
    }

    @Test func fullScenarioInjectsIncludingTheMSEL() throws {
        let exercise = try Fixtures.load(valid: "full.yaml").exercise
        #expect(exercise.injects.map(\.id) == ["STR-1", "TIP", "NOISE", "MSEL-1", "WIRE-2"])
        #expect(exercise.injects.map(\.receiver) == [3, 0, 3, 2, 3])
        #expect(exercise.injects.map(\.classification) == [.restricted, .unclassified, .unclassified, .confidential, .unclassified])
        let str = exercise.injects[0]
        #expect(str.sender == "Borealis bank compliance" && str.method == "phone")
        #expect(str.description == "the bank spots the wires" && str.expectedAction == "file an STR")
        guard case .fixed(0) = str.timing else { Issue.record("STR-1 timing \(str.timing)"); return }
        guard case .after(0, let delay) = exercise.injects[1].timing else { Issue.record("TIP timing"); return }
        #expect(delay.family == .empiricalContinuous(sortedSample: [86_400, 172_800, 216_000, 345_600]))
        guard case .fixed(3600) = exercise.injects[2].timing else { Issue.record("NOISE timing"); return }
        #expect(exercise.injects[2].repetition?.interval.family == .exponential(mean: 600))
        #expect(exercise.injects[2].repetition?.count == 5000)
        let msel = exercise.injects[3]
        #expect(msel.description == "Request: please check the account")
        #expect(msel.sender == "Partner FIU" && msel.method == "Egmont" && msel.expectedAction == "analyse")
        guard case .after(1, let mselDelay) = msel.timing else { Issue.record("MSEL-1 timing"); return }
        #expect(mselDelay.family == .constant(3600))
        guard case .random(let wire) = exercise.injects[4].timing else { Issue.record("WIRE-2 timing"); return }
        #expect(wire.family == .uniform(min: 7 * 86_400, max: 9 * 86_400))
        #expect(exercise.injects[4].description == "Second wire")
    }

    @Test func fullScenarioPlan() throws {
        let exercise = try Fixtures.load(valid: "full.yaml").exercise
        let tasks = exercise.tasks
        #expect(tasks.map(\.id) == ["file-str", "screen", "analyse-str", "assess", "freeze", "arrest"])
        #expect(tasks.map(\.capability) == [4, 5, 2, 0, 3, 1])
        // `{kind: fiu}`: the FIUs with the capability; `lead`: the lead agency.
        let performers: [PerformerRule] = [.agency(3), .agency(3), .leastLoaded(candidates: [1, 2]), .agency(0),
                                           .leastLoaded(candidates: [2]), .agency(0)]
        #expect(tasks.map(\.performer) == performers)
        #expect(tasks.map(\.prerequisites) == [[], [], [0], [], [2], [3, 4]])
        // Own `trigger` merged with injects' `triggers`, in inject order.
        #expect(tasks.map(\.triggers) == [[0], [2], [0, 3], [1], [], []])
        #expect(tasks[3].priority == -1 && tasks[2].classification == .restricted)
        #expect(tasks[2].description == "trace the wires")
    }

    @Test func fullScenarioObjectivesAndThreat() throws {
        let exercise = try Fixtures.load(valid: "full.yaml").exercise
        let objectives = exercise.objectives
        #expect(objectives.map(\.id) == ["freeze-funds", "arrest-fast", "after-assess"])
        #expect(objectives.map(\.milestone) == [[4], [3, 5], [5]])
        #expect(objectives.map(\.trigger) == [.inject(0), .exerciseStart, .task(3)])
        let day = 86_400.0
        #expect(objectives.map(\.deadline) == [8 * day, 30 * day, 7 * day])
        let capabilities: [CoreCapability] = [.interdictionAndDisruption, .operationalCoordination, .intelligenceAndInformationSharing]
        #expect(objectives.map(\.coreCapability) == capabilities)
        #expect(objectives.map(\.thresholds) == [RatingThresholds(s: 1.5, m: 3), .standard, .standard])
        #expect(objectives[0].description == "Funds frozen before the second wire")
        let threat = try #require(exercise.threat)
        #expect(threat.description == "attack on the transport hub")
        #expect(threat.disruptedBy == [5])
        try expectLognormal(threat.time.family, mu: log(21 * 86_400), sigma: log(28.0 / 21.0) / 1.6448536269514722)
    }

    /// The complete example of docs/scenario-format.md is this fixture, verbatim, and it loads.
    @Test func documentationExampleLoads() throws {
        let fixture = try String(contentsOf: Fixtures.valid.appendingPathComponent("docs-example.yaml"), encoding: .utf8)
        let documentation = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("docs/scenario-format.md"), encoding: .utf8)
        #expect(documentation.contains("```yaml\n" + fixture + "```"))
        let exercise = try Fixtures.load(valid: "docs-example.yaml").exercise
        #expect(exercise.tasks.map(\.performer) == [.agency(2), .leastLoaded(candidates: [1]), .agency(1), .agency(0), .agency(0)])
    }

    private func expectLognormal(_ family: Distribution.Family?, mu: Double, sigma: Double,
                                 sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        guard case .lognormal(let actualMu, let actualSigma) = family else {
            Issue.record("expected a lognormal, found \(String(describing: family))", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(actualMu - mu) < 1e-9, sourceLocation: sourceLocation)
        #expect(abs(actualSigma - sigma) < 1e-9, sourceLocation: sourceLocation)
    }
}
