import Foundation
import Stochastics

/// Shared statistical machinery for the distribution tests: fixed-seed draws, sample moments,
/// the one-sample Kolmogorov–Smirnov statistic and a chi-squared goodness-of-fit test.
enum StatisticalChecks {
    /// Draws per statistical test.
    static let sampleSize = 200_000
    /// Master seed of every statistical test; each test picks its own purpose, so draws are fixed.
    static let masterSeed: UInt64 = 20_250_601
    /// Significance level of every test: a correct implementation fails a given check with
    /// probability 0.001 (for a fixed seed the outcome is deterministic).
    static let alpha = 0.001
    /// Two-sided standard-normal quantile for alpha = 0.001: Φ⁻¹(1 − 0.0005) = 3.2905.
    static let z = 3.2905
    /// Asymptotic Kolmogorov critical value K_α with P(√n·D > K_α) ≈ 2·exp(−2K_α²) = α.
    static let kolmogorovCritical = (-0.5 * log(alpha / 2)).squareRoot()

    /// `count` draws of `distribution` from the fixed stream (master seed, replication 0, `purpose`).
    static func draws(_ distribution: Distribution, purpose: String, count: Int = sampleSize) -> [Double] {
        let stream = RandomStream(master: masterSeed, replication: 0, purpose: StreamPurpose(purpose))
        var values = [Double]()
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(distribution.sample(stream)) }
        return values
    }

    /// Sample mean, unbiased sample variance s², and the 4th central moment m4 (divisor n).
    struct Moments {
        let mean: Double
        let variance: Double
        let fourthCentral: Double
    }

    static func moments(_ values: [Double]) -> Moments {
        let n = Double(values.count)
        var sum = 0.0
        for value in values { sum += value }
        let mean = sum / n
        var squares = 0.0, fourths = 0.0
        for value in values {
            let d2 = (value - mean) * (value - mean)
            squares += d2
            fourths += d2 * d2
        }
        return Moments(mean: mean, variance: squares / (n - 1), fourthCentral: fourths / n)
    }

    /// Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)| of an ascending sample against `distribution.cdf`.
    static func kolmogorovSmirnov(sorted values: [Double], against distribution: Distribution) -> Double {
        let n = Double(values.count)
        var d = 0.0
        for index in values.indices {
            let f = distribution.cdf(values[index])
            d = max(d, Double(index + 1) / n - f, f - Double(index) / n)
        }
        return d
    }

    /// Value of `sorted` (ascending) at 1-based `rank`, clamped to the sample.
    static func orderStatistic(_ sorted: [Double], rank: Int) -> Double {
        sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The ranks bracketing the p-quantile of n draws at 99.9 %: the count of draws below the true
    /// quantile is Binomial(n, p), so its rank lies in n·p ± z·√(n·p·(1 − p)).
    static func quantileRanks(probability p: Double, count n: Int) -> (lower: Int, upper: Int) {
        let center = Double(n) * p
        let halfWidth = z * (Double(n) * p * (1 - p)).squareRoot()
        return (Int((center - halfWidth).rounded(.down)), Int((center + halfWidth).rounded(.up)))
    }

    /// Result of a chi-squared goodness-of-fit test.
    struct ChiSquared {
        let statistic: Double
        let degreesOfFreedom: Int
        let pValue: Double
        /// Draws that are not one of the support points (a discrete sampler must never make one).
        let offSupport: Int
    }

    /// Chi-squared goodness of fit of `draws` to a discrete distribution on the ascending `support`,
    /// whose last cell collects every draw ≥ its point (the tail). Cell probabilities come from
    /// `distribution.cdf`; adjacent cells are merged left to right until each expects ≥ 5 draws,
    /// a short remainder joining the last cell. No parameter is estimated: df = cells − 1.
    static func chiSquared(_ draws: [Double], support: [Double], against distribution: Distribution) throws -> ChiSquared {
        let n = Double(draws.count)
        let last = support.count - 1
        var observed = [Double](repeating: 0, count: support.count)
        var offSupport = 0
        for x in draws {
            // Largest index whose point is ≤ x (binary search).
            guard x >= support[0] else { offSupport += 1; continue }
            var low = 0, high = support.count
            while high - low > 1 {
                let middle = (low + high) / 2
                if support[middle] <= x { low = middle } else { high = middle }
            }
            if x != support[low] && low != last { offSupport += 1 }
            observed[low] += 1
        }
        var probabilities = [Double]()
        for index in support.indices {
            let upper = index == last ? 1 : distribution.cdf(support[index])
            let lower = index == 0 ? 0 : distribution.cdf(support[index - 1])
            probabilities.append(upper - lower)
        }
        var cells: [(observed: Double, expected: Double)] = []
        var pending = (observed: 0.0, expected: 0.0)
        for index in support.indices {
            pending.observed += observed[index]
            pending.expected += n * probabilities[index]
            if pending.expected >= 5 {
                cells.append(pending)
                pending = (0, 0)
            }
        }
        if pending.expected > 0 || pending.observed > 0 {
            if cells.isEmpty { cells.append(pending) } else {
                cells[cells.count - 1].observed += pending.observed
                cells[cells.count - 1].expected += pending.expected
            }
        }
        var statistic = 0.0
        for cell in cells { statistic += (cell.observed - cell.expected) * (cell.observed - cell.expected) / cell.expected }
        let df = cells.count - 1
        let p = try GSLMath.chiSquaredUpperTail(statistic, degreesOfFreedom: Double(df))
        return ChiSquared(statistic: statistic, degreesOfFreedom: df, pValue: p, offSupport: offSupport)
    }

    /// Standard normal density φ(z), from its formula (independent of GSL).
    static func normalDensity(_ z: Double) -> Double { exp(-z * z / 2) / (2 * Double.pi).squareRoot() }

    /// Standard normal upper tail Q(z) = erfc(z/√2)/2, from the C library (independent of GSL).
    static func normalUpperTail(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// |actual − expected| ≤ 1e-9·|expected|.
    static func agreesRelatively(_ actual: Double, _ expected: Double, tolerance: Double = 1e-9) -> Bool {
        abs(actual - expected) <= tolerance * abs(expected)
    }
}
