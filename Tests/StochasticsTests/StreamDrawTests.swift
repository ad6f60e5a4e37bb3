import Stochastics
import Testing

@Suite("Random stream draws")
struct StreamDrawTests {
    private static let n = StatisticalChecks.sampleSize

    private func stream(_ purpose: String) -> RandomStream {
        RandomStream(master: StatisticalChecks.masterSeed, replication: 0, purpose: StreamPurpose(purpose))
    }

    /// 200,000 uniform() draws lie in [0, 1) and pass a KS test against F(x) = x (√n·D < 1.9495 at α = 0.001).
    @Test func uniformIsUniformOnUnitInterval() {
        let source = stream("uniform")
        var draws = [Double]()
        draws.reserveCapacity(Self.n)
        for _ in 0..<Self.n { draws.append(source.uniform()) }
        #expect(draws.allSatisfy { $0 >= 0 && $0 < 1 })
        draws.sort()
        let count = Double(draws.count)
        var d = 0.0
        for index in draws.indices { d = max(d, Double(index + 1) / count - draws[index], draws[index] - Double(index) / count) }
        #expect(d * count.squareRoot() < StatisticalChecks.kolmogorovCritical)
    }

    /// uniformPositive() never returns 0 or 1 in 200,000 draws.
    @Test func uniformPositiveExcludesZero() {
        let source = stream("uniformPositive")
        var outside = 0
        for _ in 0..<Self.n {
            let u = source.uniformPositive()
            if !(u > 0 && u < 1) { outside += 1 }
        }
        #expect(outside == 0)
    }

    /// uniformIndex(below: 7) stays in 0..<7 and fits the uniform law on 7 cells (χ², 6 df, p > 0.001).
    @Test func uniformIndexIsUniform() throws {
        let source = stream("uniformIndex")
        var draws = [Double]()
        draws.reserveCapacity(Self.n)
        for _ in 0..<Self.n { draws.append(Double(source.uniformIndex(below: 7))) }
        let uniform = try Distribution.empirical(values: (0..<7).map(Double.init), weights: Array(repeating: 1, count: 7))
        let result = try StatisticalChecks.chiSquared(draws, support: (0..<7).map(Double.init), against: uniform)
        #expect(result.offSupport == 0)
        #expect(result.degreesOfFreedom == 6)
        #expect(result.pValue > StatisticalChecks.alpha, "χ² = \(result.statistic), p = \(result.pValue)")
    }

    /// uniformIndex(below:) with a count of 2³² or more (a positive count, so allowed by its contract)
    /// still spreads its draws: in 1,000 draws the largest exceeds 2³¹ (fails with probability ≈ 2⁻¹⁰⁰⁰).
    /// (This caught a bug: gsl_rng_uniform_int rejects n > 2³² − 1, and with the error handler off
    /// returned 0 for every draw; larger counts now combine two 32-bit outputs.)
    @Test(arguments: [1 << 32, 5_000_000_000])
    func uniformIndexBeyond32BitsSpreads(_ count: Int) {
        let source = stream("uniformIndex.wide")
        var largest = 0
        for _ in 0..<1_000 { largest = max(largest, source.uniformIndex(below: count)) }
        #expect(largest > 1 << 31, "largest of 1,000 draws below \(count): \(largest)")
    }

    /// bernoulli(0.3) is true in a fraction within z·√(p(1 − p)/n) of 0.3 (z = 3.2905, 99.9 %),
    /// and p outside [0, 1] is clamped: bernoulli(−1) never, bernoulli(2) always true.
    @Test func bernoulliFrequencyAndClamping() {
        let source = stream("bernoulli")
        var successes = 0, clampedLow = 0, clampedHigh = 0
        for _ in 0..<Self.n where source.bernoulli(0.3) { successes += 1 }
        for _ in 0..<1_000 {
            if source.bernoulli(-1) { clampedLow += 1 }
            if source.bernoulli(2) { clampedHigh += 1 }
        }
        let frequency = Double(successes) / Double(Self.n)
        #expect(abs(frequency - 0.3) <= StatisticalChecks.z * (0.3 * 0.7 / Double(Self.n)).squareRoot())
        #expect(clampedLow == 0)
        #expect(clampedHigh == 1_000)
    }

    /// exponential(mean: 2) draws are ≥ 0, their mean lies within z·2/√n of 2 (σ = mean = 2) and s²
    /// within z·√((m4 − s⁴)/n) of 4.
    @Test func exponentialMean() {
        let source = stream("exponential")
        var draws = [Double]()
        draws.reserveCapacity(Self.n)
        for _ in 0..<Self.n { draws.append(source.exponential(mean: 2)) }
        #expect(draws.allSatisfy { $0 >= 0 })
        let sample = StatisticalChecks.moments(draws)
        #expect(abs(sample.mean - 2) <= StatisticalChecks.z * 2 / Double(Self.n).squareRoot())
        let varianceError = ((sample.fourthCentral - sample.variance * sample.variance) / Double(Self.n)).squareRoot()
        #expect(abs(sample.variance - 4) <= StatisticalChecks.z * varianceError)
    }
}
