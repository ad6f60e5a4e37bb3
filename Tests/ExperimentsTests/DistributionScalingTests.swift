import Foundation
import Stochastics
import Testing

/// `Distribution.scaled(by:)`: k·X for every family of durations, exactly: the mean scales by
/// k, and P(kX ≤ k·x) = P(X ≤ x) at every x (so every quantile scales by k too).
@Suite("Distribution.scaled(by:)")
struct DistributionScalingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let make: @Sendable () throws(DistributionError) -> Distribution
        var testDescription: String { name }
    }

    static let families: [Case] = [
        Case(name: "constant") { () throws(DistributionError) in try .constant(3600) },
        Case(name: "exponential") { () throws(DistributionError) in try .exponential(mean: 1800) },
        Case(name: "normal") { () throws(DistributionError) in try .normal(mean: 7200, sd: 1800) },
        Case(name: "truncated normal") { () throws(DistributionError) in try .normal(mean: 7200, sd: 1800, lowerBound: 9000) },
        Case(name: "lognormal") { () throws(DistributionError) in try .lognormal(median: 7200, p95: 28_800) },
        Case(name: "gamma") { () throws(DistributionError) in try .gamma(shape: 2.5, scale: 3600) },
        Case(name: "erlang") { () throws(DistributionError) in try .erlang(k: 3, mean: 7200) },
        Case(name: "weibull") { () throws(DistributionError) in try .weibull(shape: 1.5, scale: 14_400) },
        Case(name: "uniform") { () throws(DistributionError) in try .uniform(min: 3600, max: 10_800) },
        Case(name: "triangular") { () throws(DistributionError) in try .triangular(min: 3600, mode: 7200, max: 43_200) },
        Case(name: "pert") { () throws(DistributionError) in try .pert(min: 3600, mode: 7200, max: 43_200) },
        Case(name: "empirical values") { () throws(DistributionError) in try .empirical(values: [3600, 7200, 14_400], weights: [0.2, 0.5, 0.3]) },
        Case(name: "empirical sample") { () throws(DistributionError) in try .empirical(sample: [3600, 7200, 9000, 14_400]) },
    ]

    static let factors: [Double] = [0.25, 0.5, 1, 1.7, 3]

    @Test("the mean scales by k", arguments: families, factors)
    func meanScales(family: Case, k: Double) throws {
        let original = try family.make()
        let scaled = try original.scaled(by: k)
        #expect(abs(scaled.mean - k * original.mean) <= 1e-12 * k * original.mean)
        #expect(scaled.familyName == original.familyName)
    }

    @Test("the variance scales by k² and the distribution function is stretched", arguments: families)
    func shapeIsKept(family: Case) throws {
        let original = try family.make()
        let k = 2.5
        let scaled = try original.scaled(by: k)
        #expect(abs(scaled.variance - k * k * original.variance) <= 1e-9 * max(1, k * k * original.variance))
        for x in stride(from: 1800.0, through: 50_000, by: 1700) {
            #expect(abs(scaled.cdf(k * x) - original.cdf(x)) <= 1e-12, "at \(x)")
        }
    }

    /// With one stream state, every draw of the scaled distribution is k times the original's
    /// (common random numbers keep their meaning across design points).
    @Test("draws from the same stream are k times the original's", arguments: families)
    func drawsScale(family: Case) throws {
        let original = try family.make()
        let scaled = try original.scaled(by: 0.5)
        let first = RandomStream(seed: 42), second = RandomStream(seed: 42)
        for _ in 0..<200 {
            let a = original.sample(first), b = scaled.sample(second)
            #expect(abs(b - 0.5 * a) <= 1e-9 * max(1, a))
        }
    }

    @Test("lognormal: mu + ln k, sigma unchanged; gamma and weibull: scale × k; erlang: mean × k")
    func parameters() throws {
        let lognormal = try Distribution.lognormal(mu: 1, sigma: 0.5).scaled(by: 4)
        #expect(lognormal.family == .lognormal(mu: 1 + log(4), sigma: 0.5))
        #expect(try Distribution.gamma(shape: 2, scale: 3).scaled(by: 2).family == .gamma(shape: 2, scale: 6))
        #expect(try Distribution.weibull(shape: 1.5, scale: 3).scaled(by: 2).family == .weibull(shape: 1.5, scale: 6))
        #expect(try Distribution.erlang(k: 3, mean: 3).scaled(by: 2).family == .erlang(k: 3, mean: 6))
        #expect(try Distribution.normal(mean: 5, sd: 1, lowerBound: 0).scaled(by: 2).family == .normal(mean: 10, sd: 2, lowerBound: 0))
    }

    @Test("counts and bad factors are refused")
    func refusals() throws {
        #expect(throws: DistributionError(distribution: "bernoulli", parameter: "scale factor",
                                          reason: "cannot be applied: bernoulli counts events, it is not a distribution of durations")) {
            try Distribution.bernoulli(p: 0.3).scaled(by: 2)
        }
        #expect(throws: DistributionError.self) { try Distribution.poisson(mean: 3).scaled(by: 2) }
        for k in [0, -1, Double.infinity, Double.nan] {
            #expect(throws: DistributionError.self) { try Distribution.exponential(mean: 1).scaled(by: k) }
        }
    }
}
