import Foundation
import Stochastics
import Testing

/// A factory call with invalid parameters and the parameter its error must name.
struct InvalidCase: Sendable, CustomTestStringConvertible {
    let call: String
    let distribution: String
    let parameter: String
    let make: @Sendable () throws(DistributionError) -> Distribution
    var testDescription: String { call }

    init(_ call: String, _ distribution: String, _ parameter: String,
         _ make: @escaping @Sendable () throws(DistributionError) -> Distribution) {
        self.call = call
        self.distribution = distribution
        self.parameter = parameter
        self.make = make
    }

    static let all: [InvalidCase] = [
        InvalidCase("constant(.infinity)", "constant", "value") { () throws(DistributionError) in try .constant(.infinity) },
        InvalidCase("exponential(mean: 0)", "exponential", "mean") { () throws(DistributionError) in try .exponential(mean: 0) },
        InvalidCase("exponential(mean: .nan)", "exponential", "mean") { () throws(DistributionError) in try .exponential(mean: .nan) },
        InvalidCase("normal(mean: 0, sd: -1)", "normal", "sd") { () throws(DistributionError) in try .normal(mean: 0, sd: -1) },
        InvalidCase("normal(mean: .nan, sd: 1)", "normal", "mean") { () throws(DistributionError) in try .normal(mean: .nan, sd: 1) },
        InvalidCase("normal(mean: 0, sd: 1, lowerBound: 40)", "normal", "lower bound") { () throws(DistributionError) in
            try .normal(mean: 0, sd: 1, lowerBound: 40)
        },
        InvalidCase("lognormal(mu: 0, sigma: 0)", "lognormal", "sigma") { () throws(DistributionError) in try .lognormal(mu: 0, sigma: 0) },
        InvalidCase("lognormal(median: 2, p95: 1)", "lognormal", "p95") { () throws(DistributionError) in
            try .lognormal(median: 2, p95: 1)
        },
        InvalidCase("lognormal(median: 2, p90: 2)", "lognormal", "p90") { () throws(DistributionError) in
            try .lognormal(median: 2, p90: 2)
        },
        InvalidCase("lognormal(median: 0, p95: 1)", "lognormal", "median") { () throws(DistributionError) in
            try .lognormal(median: 0, p95: 1)
        },
        InvalidCase("gamma(shape: 0, scale: 1)", "gamma", "shape") { () throws(DistributionError) in try .gamma(shape: 0, scale: 1) },
        InvalidCase("gamma(shape: 1, scale: -2)", "gamma", "scale") { () throws(DistributionError) in try .gamma(shape: 1, scale: -2) },
        InvalidCase("erlang(k: 0, mean: 1)", "erlang", "k") { () throws(DistributionError) in try .erlang(k: 0, mean: 1) },
        InvalidCase("erlang(k: 2, mean: 0)", "erlang", "mean") { () throws(DistributionError) in try .erlang(k: 2, mean: 0) },
        InvalidCase("weibull(shape: 1, scale: 0)", "weibull", "scale") { () throws(DistributionError) in try .weibull(shape: 1, scale: 0) },
        InvalidCase("uniform(min: 2, max: 1)", "uniform", "max") { () throws(DistributionError) in try .uniform(min: 2, max: 1) },
        InvalidCase("uniform(min: 1, max: 1)", "uniform", "max") { () throws(DistributionError) in try .uniform(min: 1, max: 1) },
        InvalidCase("triangular(min: 0, mode: 5, max: 3)", "triangular", "mode") { () throws(DistributionError) in
            try .triangular(min: 0, mode: 5, max: 3)
        },
        InvalidCase("triangular(min: 0, mode: -1, max: 3)", "triangular", "mode") { () throws(DistributionError) in
            try .triangular(min: 0, mode: -1, max: 3)
        },
        InvalidCase("pert(min: 1, mode: 1, max: 1)", "pert", "max") { () throws(DistributionError) in try .pert(min: 1, mode: 1, max: 1) },
        InvalidCase("empirical(values: [], weights: [])", "empirical", "values") { () throws(DistributionError) in
            try .empirical(values: [], weights: [])
        },
        InvalidCase("empirical(values: [1, 2], weights: [1])", "empirical", "weights") { () throws(DistributionError) in
            try .empirical(values: [1, 2], weights: [1])
        },
        InvalidCase("empirical(values: [1, 2, 3], weights: [1, -1, 1])", "empirical", "weights[1]") { () throws(DistributionError) in
            try .empirical(values: [1, 2, 3], weights: [1, -1, 1])
        },
        InvalidCase("empirical(values: [1, 2], weights: [1, .nan])", "empirical", "weights[1]") { () throws(DistributionError) in
            try .empirical(values: [1, 2], weights: [1, .nan])
        },
        InvalidCase("empirical(values: [1, 2], weights: [0, 0])", "empirical", "weights") { () throws(DistributionError) in
            try .empirical(values: [1, 2], weights: [0, 0])
        },
        InvalidCase("empirical(values: [1, .infinity], weights: [1, 1])", "empirical", "values[1]") { () throws(DistributionError) in
            try .empirical(values: [1, .infinity], weights: [1, 1])
        },
        InvalidCase("empirical(sample: [3])", "empirical", "sample") { () throws(DistributionError) in try .empirical(sample: [3]) },
        InvalidCase("empirical(sample: [2, 2, 2])", "empirical", "sample") { () throws(DistributionError) in
            try .empirical(sample: [2, 2, 2])
        },
        InvalidCase("bernoulli(p: 1.5)", "bernoulli", "p") { () throws(DistributionError) in try .bernoulli(p: 1.5) },
        InvalidCase("bernoulli(p: .nan)", "bernoulli", "p") { () throws(DistributionError) in try .bernoulli(p: .nan) },
        InvalidCase("poisson(mean: -1)", "poisson", "mean") { () throws(DistributionError) in try .poisson(mean: -1) },
    ]
}

@Suite("Parameter validation")
struct ValidationTests {
    /// Each invalid factory call throws a DistributionError naming the distribution and the offending
    /// parameter, and its description quotes the parameter name.
    @Test(arguments: InvalidCase.all)
    func factoryRejectsInvalidParameter(_ invalid: InvalidCase) {
        do {
            let made = try invalid.make()
            Issue.record("expected a DistributionError, got \(made.family)")
        } catch {
            #expect(error.distribution == invalid.distribution)
            #expect(error.parameter == invalid.parameter)
            #expect(error.description.contains("'\(invalid.parameter)'"), "\(error.description)")
            #expect(!error.reason.isEmpty)
        }
    }

    /// Boundary values that are valid are accepted: mode at min or max, p of 0 and 1, a lower bound
    /// just under 30 sd above the mean, zero weights next to a positive one, two-point samples.
    @Test func boundaryParametersAreAccepted() throws {
        _ = try Distribution.triangular(min: 0, mode: 0, max: 1)
        _ = try Distribution.triangular(min: 0, mode: 1, max: 1)
        _ = try Distribution.pert(min: 0, mode: 1, max: 1)
        _ = try Distribution.bernoulli(p: 0)
        _ = try Distribution.bernoulli(p: 1)
        _ = try Distribution.normal(mean: 0, sd: 1, lowerBound: 29.9)
        _ = try Distribution.empirical(values: [1, 2], weights: [0, 3])
        _ = try Distribution.empirical(sample: [1, 2])
        _ = try Distribution.constant(-0.0)
    }
}
