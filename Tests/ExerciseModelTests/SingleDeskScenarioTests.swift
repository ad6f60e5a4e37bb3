import ExerciseModel
import Foundation
import ScenarioFormat
import Stochastics
import Testing

/// The shipped `scenarios/single-desk.yaml` is an M/M/4 queue at ρ = 0.8 written as an exercise.
/// Erlang C gives the mean wait for an officer: with a = λ/μ = 3.2, C(4, 3.2) = 0.596432 and
/// Wq = C/(cμ − λ) = 0.745541 h. Over the scenario's 30 replications (10,000 h each, about 32,000
/// requests), the analytic value must lie inside the 99.9 % t confidence interval of the
/// replication means of the desk's mean queue wait (tolerance = that half-width, not tuned).
@Suite struct SingleDeskScenarioTests {
    @Test func meanQueueWaitMatchesErlangC() throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios/single-desk.yaml").path
        let exercise = try ScenarioLoader.load(path: path).exercise
        let lambda = 3.2, mu = 1.0, servers = 4
        let a = lambda / mu
        var term = 1.0, sum = 0.0
        for k in 0..<servers {
            if k > 0 { term *= a / Double(k) }
            sum += term
        }
        let top = term * a / Double(servers) * Double(servers) / (Double(servers) - a)
        let erlangC = top / (sum + top)
        let wqHours = erlangC / (Double(servers) * mu - lambda)
        #expect(abs(wqHours - 0.745541) < 1e-6)

        let runner = ExerciseRunner(exercise)
        var waits: [Double] = []
        for replication in 0..<exercise.defaultReplications {
            let outcome = try runner.run(replication: replication, seed: exercise.defaultSeed)
            waits.append(outcome.agencies[0].meanQueueWait / 3600)
        }
        let n = Double(waits.count)
        let mean = waits.reduce(0, +) / n
        let variance = waits.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        let halfWidth = try GSLMath.studentTQuantile(0.9995, degreesOfFreedom: n - 1) * (variance / n).squareRoot()
        #expect(waits.count == 30)
        #expect(abs(mean - wqHours) <= halfWidth, "mean wait \(mean) h, Erlang C \(wqHours) h, 99.9 % half-width \(halfWidth) h")
    }
}
