import Foundation
import Stochastics
import Testing

/// One distribution under test, with its mean and variance worked out by hand from the textbook
/// formulas for its parameters (never read from `Distribution.mean` / `.variance`).
struct FamilyCase: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () throws(DistributionError) -> Distribution
    let mean: Double
    let variance: Double
    /// Continuous families get a Kolmogorov–Smirnov test; discrete ones a chi-squared test.
    let isContinuous: Bool

    var testDescription: String { name }

    init(_ name: String, continuous: Bool = true, mean: Double, variance: Double,
         _ make: @escaping @Sendable () throws(DistributionError) -> Distribution) {
        self.name = name
        self.make = make
        self.mean = mean
        self.variance = variance
        self.isContinuous = continuous
    }
}

extension FamilyCase {
    /// Normal(10, 2) truncated below at 13: α = (13 − 10)/2 = 1.5, λ = φ(α)/Q(α);
    /// mean = μ + σλ, variance = σ²(1 + αλ − λ²).
    private static let truncatedLambda = StatisticalChecks.normalDensity(1.5) / StatisticalChecks.normalUpperTail(1.5)

    /// Textbook normal quantiles z_0.90 and z_0.95 (tables), for the (median, p90/p95) lognormals:
    /// μ = ln(median), σ = ln(q/median)/z_p.
    private static let sigmaP90 = log(20.0 / 10.0) / 1.2815515655446004
    private static let sigmaP95 = log(30.0 / 10.0) / 1.6448536269514722

    /// Every family jtx offers, at fixed parameters.
    static let all: [FamilyCase] = [
        // Constant: always 3.5.
        FamilyCase("constant(3.5)", continuous: false, mean: 3.5, variance: 0) { () throws(DistributionError) in
            try .constant(3.5)
        },
        // Exponential(mean θ): mean θ, variance θ².
        FamilyCase("exponential(mean: 2)", mean: 2, variance: 4) { () throws(DistributionError) in
            try .exponential(mean: 2)
        },
        FamilyCase("normal(10, 2)", mean: 10, variance: 4) { () throws(DistributionError) in
            try .normal(mean: 10, sd: 2)
        },
        // Truncated at the mean (half-normal): mean μ + σ√(2/π), variance σ²(1 − 2/π).
        FamilyCase("normal(10, 2) truncated at 10", mean: 10 + 2 * (2 / Double.pi).squareRoot(),
                   variance: 4 * (1 - 2 / Double.pi)) { () throws(DistributionError) in
            try .normal(mean: 10, sd: 2, lowerBound: 10)
        },
        FamilyCase("normal(10, 2) truncated at 13", mean: 10 + 2 * truncatedLambda,
                   variance: 4 * (1 + 1.5 * truncatedLambda - truncatedLambda * truncatedLambda)) { () throws(DistributionError) in
            try .normal(mean: 10, sd: 2, lowerBound: 13)
        },
        // Lognormal(μ, σ): mean e^(μ+σ²/2), variance (e^σ² − 1)·e^(2μ+σ²).
        FamilyCase("lognormal(mu: 1, sigma: 0.5)", mean: exp(1.125),
                   variance: (exp(0.25) - 1) * exp(2.25)) { () throws(DistributionError) in
            try .lognormal(mu: 1, sigma: 0.5)
        },
        // With median m: e^μ = m, so mean m·e^(σ²/2), variance (e^σ² − 1)·m²·e^σ².
        FamilyCase("lognormal(median: 10, p90: 20)", mean: 10 * exp(sigmaP90 * sigmaP90 / 2),
                   variance: (exp(sigmaP90 * sigmaP90) - 1) * 100 * exp(sigmaP90 * sigmaP90)) { () throws(DistributionError) in
            try .lognormal(median: 10, p90: 20)
        },
        FamilyCase("lognormal(median: 10, p95: 30)", mean: 10 * exp(sigmaP95 * sigmaP95 / 2),
                   variance: (exp(sigmaP95 * sigmaP95) - 1) * 100 * exp(sigmaP95 * sigmaP95)) { () throws(DistributionError) in
            try .lognormal(median: 10, p95: 30)
        },
        // Gamma(k, θ): mean kθ = 3.75, variance kθ² = 5.625.
        FamilyCase("gamma(shape: 2.5, scale: 1.5)", mean: 3.75, variance: 5.625) { () throws(DistributionError) in
            try .gamma(shape: 2.5, scale: 1.5)
        },
        // Erlang(k, mean m): sum of k exponentials of mean m/k: mean m, variance m²/k = 12.
        FamilyCase("erlang(k: 3, mean: 6)", mean: 6, variance: 12) { () throws(DistributionError) in
            try .erlang(k: 3, mean: 6)
        },
        // Weibull shape 2 (Rayleigh), scale λ: mean λ√π/2, variance λ²(1 − π/4).
        FamilyCase("weibull(shape: 2, scale: 3)", mean: 3 * Double.pi.squareRoot() / 2,
                   variance: 9 * (1 - Double.pi / 4)) { () throws(DistributionError) in
            try .weibull(shape: 2, scale: 3)
        },
        // Uniform(a, b): mean (a + b)/2, variance (b − a)²/12.
        FamilyCase("uniform(2, 5)", mean: 3.5, variance: 0.75) { () throws(DistributionError) in
            try .uniform(min: 2, max: 5)
        },
        // Triangular(a, c, b): mean (a + b + c)/3 = 3, variance (a² + b² + c² − ab − ac − bc)/18 = 21/18.
        FamilyCase("triangular(1, 2, 6)", mean: 3, variance: 21.0 / 18) { () throws(DistributionError) in
            try .triangular(min: 1, mode: 2, max: 6)
        },
        // PERT(0, 2, 10): α = 1.8, β = 4.2; mean (a + 4c + b)/6 = 3,
        // variance (b − a)²αβ/((α + β)²(α + β + 1)) = 100·7.56/(36·7) = 3.
        FamilyCase("pert(0, 2, 10)", mean: 3, variance: 3) { () throws(DistributionError) in
            try .pert(min: 0, mode: 2, max: 10)
        },
        // P = (1/4, 1/2, 1/4) on (1, 2, 5): mean 2.5, E[X²] = 8.5, variance 2.25.
        FamilyCase("empirical(values: [1, 2, 5], weights: [1, 2, 1])", continuous: false,
                   mean: 2.5, variance: 2.25) { () throws(DistributionError) in
            try .empirical(values: [1, 2, 5], weights: [1, 2, 1])
        },
        // Sorted sample 1, 2, 4, 7, 11: equal mixture of U[1,2], U[2,4], U[4,7], U[7,11];
        // mean = mean of midpoints = 19/4, E[X²] = mean of (a² + ab + b²)/3 = 125/4, variance 8.6875.
        FamilyCase("empirical(sample: [7, 1, 11, 4, 2])", mean: 4.75, variance: 8.6875) { () throws(DistributionError) in
            try .empirical(sample: [7, 1, 11, 4, 2])
        },
        // Bernoulli(p): mean p, variance p(1 − p).
        FamilyCase("bernoulli(0.3)", continuous: false, mean: 0.3, variance: 0.21) { () throws(DistributionError) in
            try .bernoulli(p: 0.3)
        },
        // Poisson(λ): mean = variance = λ.
        FamilyCase("poisson(4.5)", continuous: false, mean: 4.5, variance: 4.5) { () throws(DistributionError) in
            try .poisson(mean: 4.5)
        },
    ]

    /// The continuous families (Kolmogorov–Smirnov).
    static var continuous: [FamilyCase] { all.filter(\.isContinuous) }
}
