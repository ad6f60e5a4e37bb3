import Foundation
import Stochastics
import Testing
@testable import ScenarioFormat

/// Distributions of durations: every family and form, values in seconds, and exact errors.
@Suite struct DistributionSyntaxTests {
    static let valid: [(String, Distribution.Family)] = [
        ("4h", .constant(14_400)),
        ("constant(4h)", .constant(14_400)),
        ("constant(value: 90s)", .constant(90)),
        ("exponential(mean: 30m)", .exponential(mean: 1800)),
        ("exponential(30m)", .exponential(mean: 1800)),
        ("exponential(mean:30m)", .exponential(mean: 1800)),
        ("normal(mean: 2h, sd: 30m)", .normal(mean: 7200, sd: 1800, lowerBound: 0)),
        ("normal(2h, 30m)", .normal(mean: 7200, sd: 1800, lowerBound: 0)),
        ("normal(mean: 2h, sd: 30m, min: 1h)", .normal(mean: 7200, sd: 1800, lowerBound: 3600)),
        ("lognormal(mu: 0, sigma: 0.5, unit: s)", .lognormal(mu: 0, sigma: 0.5)),
        ("gamma(shape: 2, scale: 1h)", .gamma(shape: 2, scale: 3600)),
        ("gamma(2, 1h)", .gamma(shape: 2, scale: 3600)),
        ("erlang(k: 3, mean: 2h)", .erlang(k: 3, mean: 7200)),
        ("weibull(shape: 1.5, scale: 4h)", .weibull(shape: 1.5, scale: 14_400)),
        ("uniform(1h, 3h)", .uniform(min: 3600, max: 10_800)),
        ("uniform(min: 1h, max: 3h)", .uniform(min: 3600, max: 10_800)),
        ("triangular(1h, 3h, 12h)", .triangular(min: 3600, mode: 10_800, max: 43_200)),
        ("triangular(min: 1h, mode: 3h, max: 12h)", .triangular(min: 3600, mode: 10_800, max: 43_200)),
        ("pert(1h, 3h, 12h)", .pert(min: 3600, mode: 10_800, max: 43_200)),
        ("pert(max: 12h, mode: 3h, min: 1h)", .pert(min: 3600, mode: 10_800, max: 43_200)),
        ("empirical(values: [1h, 2h, 4h], weights: [0.2, 0.5, 0.3])",
         .empiricalDiscrete(values: [3600, 7200, 14_400], weights: [0.2, 0.5, 0.3])),
        ("empirical(sample: [4h, 1h, 2h, 2.5h])", .empiricalContinuous(sortedSample: [3600, 7200, 9000, 14_400])),
        ("  triangular( 1h ,3h,  12h )  ", .triangular(min: 3600, mode: 10_800, max: 43_200)),
    ]

    @Test(arguments: valid)
    func parses(_ text: String, _ family: Distribution.Family) throws {
        #expect(try DistributionSyntax.parse(text).family == family)
    }

    /// Lognormals from quantiles or from mu/sigma in hours (the default unit) or another unit.
    @Test func lognormalForms() throws {
        let z95 = 1.6448536269514722, z90 = 1.2815515655446004
        let cases: [(String, Double, Double)] = [
            ("lognormal(median: 2h, p95: 8h)", log(7200), log(4) / z95),
            ("lognormal(median: 2h, p90: 5h)", log(7200), log(2.5) / z90),
            ("lognormal(mu: 0.5, sigma: 0.5)", 0.5 + log(3600), 0.5),
            ("lognormal(mu: 0.5, sigma: 0.5, unit: m)", 0.5 + log(60), 0.5),
            ("lognormal(mu: -1, sigma: 2, unit: d)", -1 + log(86_400), 2),
        ]
        for (text, mu, sigma) in cases {
            guard case .lognormal(let actualMu, let actualSigma) = try DistributionSyntax.parse(text).family else {
                Issue.record("\(text) is not a lognormal")
                continue
            }
            #expect(abs(actualMu - mu) < 1e-9, "\(text)")
            #expect(abs(actualSigma - sigma) < 1e-9, "\(text)")
        }
    }

    static let invalid: [(String, SyntaxError)] = [
        ("lognormla(median: 2h, p95: 8h)", SyntaxError("unknown distribution 'lognormla'", hint: "did you mean 'lognormal'?", offset: 0)),
        ("beta(1, 2)", SyntaxError("unknown distribution 'beta'", hint: "distributions are constant, exponential, normal, lognormal, gamma, erlang, weibull, uniform, triangular, pert, empirical", offset: 0)),
        ("poisson(mean: 3)", SyntaxError("'poisson' is not a distribution of durations", hint: "time fields take constant, exponential, normal, lognormal, gamma, erlang, weibull, uniform, triangular, pert, empirical", offset: 0)),
        ("bernoulli(p: 0.5)", SyntaxError("'bernoulli' is not a distribution of durations", hint: "time fields take constant, exponential, normal, lognormal, gamma, erlang, weibull, uniform, triangular, pert, empirical", offset: 0)),
        ("exponential", SyntaxError("'exponential' needs its parameters in parentheses", hint: "e.g. exponential(mean: 30m)", offset: 0)),
        ("soon", SyntaxError("'soon' is neither a duration nor a distribution", hint: "write a duration like 2h or a distribution like exponential(mean: 30m)", offset: 0)),
        ("exponential(mena: 30m)", SyntaxError("unknown parameter 'mena' for exponential", hint: "did you mean 'mean'?", offset: 12)),
        ("gamma(shape: 2, size: 1h)", SyntaxError("unknown parameter 'size' for gamma", hint: "gamma takes shape, scale", offset: 16)),
        ("normal(mean: 2h)", SyntaxError("normal needs the parameter 'sd'", hint: "e.g. normal(mean: 2h, sd: 30m)", offset: 0)),
        ("exponential(mean: 5m, mean: 3m)", SyntaxError("duplicate parameter 'mean' for exponential", offset: 22)),
        ("exponential(30m, mean: 3m)", SyntaxError("duplicate parameter 'mean' for exponential", offset: 17)),
        ("exponential(mean: 30)", SyntaxError("parameter 'mean' of exponential needs a duration, found the number 30", hint: "add a unit, e.g. 30h", offset: 18)),
        ("gamma(shape: 2h, scale: 1h)", SyntaxError("parameter 'shape' of gamma is a plain number, found the duration 2h", hint: "remove the unit", offset: 13)),
        ("erlang(k: 2.5, mean: 1h)", SyntaxError("parameter 'k' of erlang must be a whole number, found 2.5", offset: 10)),
        ("uniform(1h, 3h, 5h)", SyntaxError("uniform takes at most 2 values without names", hint: "e.g. uniform(1h, 3h)", offset: 16)),
        ("uniform(min: 1h, 3h)", SyntaxError("a value without a name cannot follow named parameters", hint: "e.g. uniform(1h, 3h)", offset: 17)),
        ("lognormal(2h, 8h)", SyntaxError("lognormal needs named parameters", hint: "e.g. lognormal(median: 2h, p95: 8h)", offset: 10)),
        ("lognormal(median: 2h)", SyntaxError("lognormal needs 'p95' or 'p90' with the median", hint: "e.g. lognormal(median: 2h, p95: 8h)", offset: 0)),
        ("lognormal(median: 2h, p95: 8h, p90: 5h)", SyntaxError("lognormal takes p95 or p90, not both", offset: 31)),
        ("lognormal(median: 2h, sigma: 1)", SyntaxError("lognormal takes median with p95 or p90, or mu with sigma, not both", offset: 22)),
        ("lognormal(mu: 1, sigma: 1, unit: min)", SyntaxError("unknown unit 'min' for lognormal", hint: "units are s, m, h, d, w (seconds, minutes, hours, days, weeks)", offset: 33)),
        ("lognormal(median: 2h, p95: 1h)", SyntaxError("lognormal: parameter 'p95' must be greater than the median (3600.0 ≤ 7200.0)", hint: "the numbers are in seconds", offset: 22)),
        ("uniform(3h, 1h)", SyntaxError("uniform: parameter 'max' must be greater than min (3600.0 ≤ 10800.0)", hint: "the numbers are in seconds", offset: 12)),
        ("triangular(1h, 5h, 3h)", SyntaxError("triangular: parameter 'mode' must lie between min and max (18000.0 is outside [3600.0, 10800.0])", hint: "the numbers are in seconds", offset: 15)),
        ("gamma(shape: 0, scale: 1h)", SyntaxError("gamma: parameter 'shape' must be a finite number > 0 (got 0.0)", offset: 6)),
        ("empirical(values: [1h, 2h], weights: [0.5, -1])", SyntaxError("empirical: parameter 'weights[1]' must be a finite number ≥ 0 (got -1.0)", offset: 43)),
        ("empirical(sample: [1h])", SyntaxError("empirical: parameter 'sample' needs at least 2 observations (got 1)", offset: 10)),
        ("empirical(values: 1h, weights: [1])", SyntaxError("parameter 'values' of empirical needs a list, e.g. [1h, 2h]", offset: 18)),
        ("empirical(values: [1h, 2h])", SyntaxError("empirical needs the parameter 'weights'", hint: "e.g. empirical(values: [1h, 2h], weights: [0.4, 0.6])", offset: 0)),
        ("exponential(mean: 5m", SyntaxError("missing ')' at the end of 'exponential(mean: 5m'", offset: 20)),
        ("exponential(mean 5m)", SyntaxError("expected ',' or ')', found '5m'", offset: 17)),
        ("exponential(mean: )", SyntaxError("expected a value after 'mean:', found ')'", offset: 18)),
        ("exponential(5m) extra", SyntaxError("unexpected 'extra' after ')'", offset: 16)),
        ("exponential(mean: -5m)", SyntaxError("durations cannot be negative ('-5m')", offset: 18)),
        ("exponential(mean: 5 m)", SyntaxError("expected ',' or ')', found 'm'", offset: 20)),
        ("normal(mean: 2h, sd: 30min)", SyntaxError("unknown unit 'min' in duration '30min'", hint: "write 'm'; units are s, m, h, d, w (seconds, minutes, hours, days, weeks)", offset: 23)),
    ]

    @Test(arguments: invalid)
    func rejects(_ text: String, _ expected: SyntaxError) {
        #expect(throws: expected) { try DistributionSyntax.parse(text) }
    }
}
