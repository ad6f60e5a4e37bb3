import ExerciseModel
import Foundation
import ScenarioFormat
import Testing

/// For every shipped scenario, on every replication, the time attribution of every objective
/// reached sums to its elapsed time (trigger to milestone), with no negative category. The
/// tolerance is floating-point rounding only: 1e-9 of the elapsed time, plus 1e-6 s.
@Suite struct ShippedAttributionTests {
    static var scenarios: [String] {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0).path }
    }

    @Test func thereAreShippedScenarios() {
        #expect(Self.scenarios.count >= 5)
    }

    @Test(arguments: scenarios)
    func categoriesSumToElapsedOnEveryReplication(path: String) throws {
        let exercise = try ScenarioLoader.load(path: path).exercise
        let runner = ExerciseRunner(exercise)
        var checked = 0
        for replication in 0..<exercise.defaultReplications {
            let outcome = try runner.run(replication: replication, seed: exercise.defaultSeed)
            for (index, objective) in outcome.objectives.enumerated() {
                guard let elapsed = objective.elapsed else {
                    #expect(objective.attribution == nil)
                    continue
                }
                let attribution = try #require(objective.attribution, "objective \(exercise.objectives[index].id) has no attribution")
                #expect(attribution.seconds.allSatisfy { $0 >= 0 })
                #expect(abs(attribution.total - elapsed) <= 1e-9 * elapsed + 1e-6,
                        "\(exercise.objectives[index].id), replication \(replication): \(attribution.total) s attributed of \(elapsed) s")
                checked += 1
            }
        }
        if !exercise.objectives.isEmpty { #expect(checked > 0) }
    }
}
