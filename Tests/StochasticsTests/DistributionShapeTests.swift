import Foundation
import Stochastics
import Testing

/// A discrete distribution with the support points of its chi-squared cells (last cell: the tail).
struct DiscreteCase: Sendable, CustomTestStringConvertible {
    let name: String
    let support: [Double]
    let make: @Sendable () throws(DistributionError) -> Distribution
    var testDescription: String { name }

    static let all: [DiscreteCase] = [
        DiscreteCase(name: "bernoulli(0.3)", support: [0, 1]) { () throws(DistributionError) in try .bernoulli(p: 0.3) },
        DiscreteCase(name: "poisson(4.5)", support: (0...30).map(Double.init)) { () throws(DistributionError) in
            try .poisson(mean: 4.5)
        },
        DiscreteCase(name: "empirical(values: [1, 2, 5], weights: [1, 2, 1])", support: [1, 2, 5]) { () throws(DistributionError) in
            try .empirical(values: [1, 2, 5], weights: [1, 2, 1])
        },
    ]
}

/// A lognormal given by its median and one upper quantile.
struct QuantileCase: Sendable, CustomTestStringConvertible {
    let median: Double
    let quantile: Double
    let probability: Double
    let make: @Sendable () throws(DistributionError) -> Distribution
    var testDescription: String { "lognormal(median: \(median), p\(Int(probability * 100)): \(quantile))" }

    static let all: [QuantileCase] = [
        QuantileCase(median: 10, quantile: 20, probability: 0.90) { () throws(DistributionError) in try .lognormal(median: 10, p90: 20) },
        QuantileCase(median: 10, quantile: 30, probability: 0.95) { () throws(DistributionError) in try .lognormal(median: 10, p95: 30) },
        QuantileCase(median: 0.25, quantile: 4, probability: 0.95) { () throws(DistributionError) in try .lognormal(median: 0.25, p95: 4) },
    ]
}

@Suite("Distribution shapes")
struct DistributionShapeTests {
    /// One-sample Kolmogorov–Smirnov test of 200,000 fixed-seed draws against Distribution.cdf:
    /// √n·D stays below the asymptotic critical value √(−ln(α/2)/2) = 1.9495 at α = 0.001.
    @Test(arguments: FamilyCase.continuous)
    func kolmogorovSmirnovAgainstCDF(_ family: FamilyCase) throws {
        let distribution = try family.make()
        let sorted = StatisticalChecks.draws(distribution, purpose: "ks.\(family.name)").sorted()
        let d = StatisticalChecks.kolmogorovSmirnov(sorted: sorted, against: distribution)
        let scaled = d * Double(sorted.count).squareRoot()
        #expect(scaled < StatisticalChecks.kolmogorovCritical, "√n·D = \(scaled), critical \(StatisticalChecks.kolmogorovCritical)")
    }

    /// Chi-squared goodness of fit of 200,000 fixed-seed draws to the cell probabilities from
    /// Distribution.cdf (cells merged to expect ≥ 5 draws): p-value > α = 0.001, and no draw off the support.
    @Test(arguments: DiscreteCase.all)
    func chiSquaredAgainstCDF(_ family: DiscreteCase) throws {
        let distribution = try family.make()
        let draws = StatisticalChecks.draws(distribution, purpose: "chi2.\(family.name)")
        let result = try StatisticalChecks.chiSquared(draws, support: family.support, against: distribution)
        #expect(result.offSupport == 0)
        #expect(result.degreesOfFreedom >= 1)
        #expect(result.pValue > StatisticalChecks.alpha,
                "χ² = \(result.statistic) on \(result.degreesOfFreedom) df, p = \(result.pValue)")
    }

    /// The discrete CDFs equal their textbook sums: Poisson Σ_{j≤k} e^−λ λ^j/j! (recursive pmf),
    /// Bernoulli (0, 1 − p, 1), empirical the cumulative normalised weights; to 1e-12 relative
    /// (a few dozen roundings of order 1e-16 each).
    @Test func discreteCDFsMatchTextbookSums() throws {
        let poisson = try Distribution.poisson(mean: 4.5)
        var pmf = exp(-4.5), cumulative = 0.0
        for k in 0...25 {
            if k > 0 { pmf *= 4.5 / Double(k) }
            cumulative += pmf
            #expect(StatisticalChecks.agreesRelatively(poisson.cdf(Double(k)), cumulative, tolerance: 1e-12), "k = \(k)")
            #expect(poisson.cdf(Double(k) + 0.5) == poisson.cdf(Double(k)))
        }
        #expect(poisson.cdf(-0.5) == 0)

        let bernoulli = try Distribution.bernoulli(p: 0.3)
        #expect(bernoulli.cdf(-0.1) == 0)
        #expect(abs(bernoulli.cdf(0) - 0.7) <= 1e-12)
        #expect(abs(bernoulli.cdf(0.5) - 0.7) <= 1e-12)
        #expect(bernoulli.cdf(1) == 1)

        let empirical = try Distribution.empirical(values: [1, 2, 5], weights: [1, 2, 1])
        let expected: [(x: Double, cdf: Double)] = [(0.5, 0), (1, 0.25), (1.5, 0.25), (2, 0.75), (4.9, 0.75), (5, 1), (9, 1)]
        for point in expected {
            #expect(abs(empirical.cdf(point.x) - point.cdf) <= 1e-12, "x = \(point.x)")
        }
    }

    /// The (median, p90/p95) lognormals reproduce their quantiles: cdf(median) = 0.5 and
    /// cdf(q) = p to 1e-12 (σ = ln(q/m)/z_p is inverted exactly up to rounding), and in 200,000
    /// draws the order statistics at ranks n·p ∓ 3.29·√(n·p·(1 − p)) bracket the median and q.
    @Test(arguments: QuantileCase.all)
    func lognormalReproducesQuantiles(_ quantileCase: QuantileCase) throws {
        let distribution = try quantileCase.make()
        #expect(abs(distribution.cdf(quantileCase.median) - 0.5) <= 1e-12)
        #expect(abs(distribution.cdf(quantileCase.quantile) - quantileCase.probability) <= 1e-12)

        let sorted = StatisticalChecks.draws(distribution, purpose: "quantiles.\(quantileCase.testDescription)").sorted()
        for (value, p) in [(quantileCase.median, 0.5), (quantileCase.quantile, quantileCase.probability)] {
            let ranks = StatisticalChecks.quantileRanks(probability: p, count: sorted.count)
            let low = StatisticalChecks.orderStatistic(sorted, rank: ranks.lower)
            let high = StatisticalChecks.orderStatistic(sorted, rank: ranks.upper)
            #expect(low <= value && value <= high, "p = \(p): \(value) outside [\(low), \(high)] (ranks \(ranks.lower)…\(ranks.upper))")
        }
    }

    /// Truncated-normal cdf(x) = 1 − Q(z_x)/Q(α) (Q via erfc), to 1e-9 absolute — far below the
    /// 1/n = 5e-6 resolution of the KS tests — for truncation points α = (lowerBound − μ)/σ ≤ 3.
    @Test(arguments: [-1.0, 0, 1.5, 3])
    func truncatedNormalCDFMatchesClosedForm(_ alpha: Double) throws {
        try checkTruncatedNormalCDF(alpha: alpha)
    }

    /// The same closed form for deep truncation (α = 6 … 29; the factory accepts α < 30). This
    /// caught a cancellation bug: (P(x) − P(a))/Q(a) lost all precision beyond α ≈ 8; the CDF now
    /// uses upper tails, (Q(a) − Q(x))/Q(a).
    @Test(arguments: [6.0, 8, 10, 20, 29])
    func deepTruncatedNormalCDFMatchesClosedForm(_ alpha: Double) throws {
        try checkTruncatedNormalCDF(alpha: alpha)
    }

    /// Draws of Normal(0, 1) truncated at 10 pass a KS test against the closed-form CDF
    /// 1 − Q(x)/Q(10) (critical value 1.9495 at α = 0.001), and their mean lies within
    /// z·σ/√n of λ = φ(10)/Q(10): the sampler is right even where Distribution.cdf is not.
    @Test func deepTruncatedNormalSamplerFollowsClosedForm() throws {
        let distribution = try Distribution.normal(mean: 0, sd: 1, lowerBound: 10)
        let tail = StatisticalChecks.normalUpperTail(10)
        let lambda = StatisticalChecks.normalDensity(10) / tail
        let sorted = StatisticalChecks.draws(distribution, purpose: "deep-tail").sorted()
        let n = Double(sorted.count)
        var d = 0.0
        for index in sorted.indices {
            let f = 1 - StatisticalChecks.normalUpperTail(sorted[index]) / tail
            d = max(d, Double(index + 1) / n - f, f - Double(index) / n)
        }
        #expect(d * n.squareRoot() < StatisticalChecks.kolmogorovCritical)
        let variance = 1 + 10 * lambda - lambda * lambda
        let sample = StatisticalChecks.moments(sorted)
        #expect(abs(sample.mean - lambda) <= StatisticalChecks.z * (variance / n).squareRoot())
        #expect(StatisticalChecks.agreesRelatively(distribution.mean, lambda))
    }

    private func checkTruncatedNormalCDF(alpha: Double) throws {
        let distribution = try Distribution.normal(mean: 5, sd: 2, lowerBound: 5 + 2 * alpha)
        let tail = StatisticalChecks.normalUpperTail(alpha)
        #expect(distribution.cdf(5 + 2 * alpha) == 0)
        for step in [0.01, 0.05, 0.1, 0.3, 1, 2] {
            let z = alpha + step
            let expected = 1 - StatisticalChecks.normalUpperTail(z) / tail
            let actual = distribution.cdf(5 + 2 * z)
            #expect(abs(actual - expected) <= 1e-9, "α = \(alpha), z = \(z): cdf \(actual), closed form \(expected)")
        }
    }
}
