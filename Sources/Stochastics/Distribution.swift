internal import CGSL
internal import Foundation

/// Why a distribution's parameters were rejected: which parameter, and what is wrong with it.
public struct DistributionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The distribution's name as written in scenarios (`lognormal`, `pert`, …).
    public let distribution: String
    /// The offending parameter (`mean`, `sd`, `p95`, …).
    public let parameter: String
    /// What is wrong, in words a planner understands.
    public let reason: String

    public init(distribution: String, parameter: String, reason: String) {
        self.distribution = distribution
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String { "\(distribution): parameter '\(parameter)' \(reason)" }
}

/// A probability distribution of a real quantity, valid by construction.
///
/// Build one with the throwing factories (`exponential(mean:)`, `lognormal(median:p95:)`, …):
/// they check every parameter and say which one is wrong. Sampling (`sample(_:)`) then cannot
/// fail. Every draw is made by GSL from a `RandomStream`.
public struct Distribution: Sendable, Equatable {
    /// The families jtx knows, with their checked parameters.
    public enum Family: Sendable, Equatable {
        case constant(Double)
        case exponential(mean: Double)
        /// Normal, optionally truncated below at `lowerBound` (drawn from the conditional tail).
        case normal(mean: Double, sd: Double, lowerBound: Double?)
        /// Lognormal: ln X is normal with mean `mu` and standard deviation `sigma`.
        case lognormal(mu: Double, sigma: Double)
        case gamma(shape: Double, scale: Double)
        /// Erlang: the sum of `k` exponentials, with the given overall mean.
        case erlang(k: Int, mean: Double)
        case weibull(shape: Double, scale: Double)
        case uniform(min: Double, max: Double)
        case triangular(min: Double, mode: Double, max: Double)
        /// PERT: `min + (max − min)·Beta(α, β)` with α = 1 + 4(mode − min)/(max − min),
        /// β = 1 + 4(max − mode)/(max − min), so the mean is (min + 4·mode + max)/6.
        case pert(min: Double, mode: Double, max: Double)
        /// Discrete values with weights (normalised by GSL); drawn with `gsl_ran_discrete`.
        case empiricalDiscrete(values: [Double], weights: [Double])
        /// Continuous empirical: linear interpolation of the sorted sample's quantiles.
        case empiricalContinuous(sortedSample: [Double])
        /// 1 with probability p, else 0.
        case bernoulli(p: Double)
        case poisson(mean: Double)
    }

    /// The family and its parameters.
    public let family: Family
    /// GSL's look-up table for `empiricalDiscrete`, built once; nil for other families.
    let discreteTable: DiscreteTable?

    /// What `sample` does, decided once from `family`, with its parameters in `parameters`:
    /// switching over `family` on every draw copied its payload (arrays, for the empirical
    /// families) and retained it. The parameters are computed here with the same expressions
    /// the draw used before, so the draws are unchanged.
    enum Sampler: UInt8, Sendable {
        case constant, exponential, normal, normalTail, lognormal, gamma, weibull, uniform, triangular, pert
        case empiricalDiscrete, empiricalContinuous, bernoulli, poisson
    }

    let sampler: Sampler
    let parameters: SIMD4<Double>

    private init(_ family: Family, table: DiscreteTable? = nil) {
        self.family = family
        self.discreteTable = table
        switch family {
        case .constant(let value): (sampler, parameters) = (.constant, [value, 0, 0, 0])
        case .exponential(let mean): (sampler, parameters) = (.exponential, [mean, 0, 0, 0])
        case .normal(let mean, let sd, nil): (sampler, parameters) = (.normal, [mean, sd, 0, 0])
        case .normal(let mean, let sd, let lowerBound?): (sampler, parameters) = (.normalTail, [mean, sd, lowerBound - mean, 0])
        case .lognormal(let mu, let sigma): (sampler, parameters) = (.lognormal, [mu, sigma, 0, 0])
        case .gamma(let shape, let scale): (sampler, parameters) = (.gamma, [shape, scale, 0, 0])
        case .erlang(let k, let mean): (sampler, parameters) = (.gamma, [Double(k), mean / Double(k), 0, 0])
        case .weibull(let shape, let scale): (sampler, parameters) = (.weibull, [shape, scale, 0, 0])
        case .uniform(let min, let max): (sampler, parameters) = (.uniform, [min, max, 0, 0])
        case .triangular(let min, let mode, let max): (sampler, parameters) = (.triangular, [min, mode, max, 0])
        case .pert(let min, let mode, let max):
            let (alpha, beta) = Self.pertShape(min: min, mode: mode, max: max)
            (sampler, parameters) = (.pert, [min, max, alpha, beta])
        case .empiricalDiscrete: (sampler, parameters) = (.empiricalDiscrete, [0, 0, 0, 0])
        case .empiricalContinuous: (sampler, parameters) = (.empiricalContinuous, [0, 0, 0, 0])
        case .bernoulli(let p): (sampler, parameters) = (.bernoulli, [p, 0, 0, 0])
        case .poisson(let mean): (sampler, parameters) = (.poisson, [mean, 0, 0, 0])
        }
    }

    /// Always 0: a placeholder in tables where no distribution applies.
    public static let zero = Distribution(.constant(0))

    public static func == (lhs: Distribution, rhs: Distribution) -> Bool { lhs.family == rhs.family }
}

// MARK: - Factories (validation lives here)

extension Distribution {
    /// Always `value` (any finite number).
    public static func constant(_ value: Double) throws(DistributionError) -> Distribution {
        try requireFinite(value, "constant", "value")
        return Distribution(.constant(value))
    }

    /// Exponential with the given mean (> 0).
    public static func exponential(mean: Double) throws(DistributionError) -> Distribution {
        try requirePositive(mean, "exponential", "mean")
        return Distribution(.exponential(mean: mean))
    }

    /// Normal(mean, sd), truncated below at `lowerBound` if given.
    public static func normal(mean: Double, sd: Double, lowerBound: Double? = nil) throws(DistributionError) -> Distribution {
        try requireFinite(mean, "normal", "mean")
        try requirePositive(sd, "normal", "sd")
        if let lowerBound {
            try requireFinite(lowerBound, "normal", "lower bound")
            // Beyond ~37 sd the tail has no double-precision mass; GSL's tail sampler would loop.
            guard (lowerBound - mean) / sd < 30 else {
                throw DistributionError(distribution: "normal", parameter: "lower bound",
                                        reason: "lies more than 30 standard deviations above the mean; the truncated distribution has no mass")
            }
        }
        return Distribution(.normal(mean: mean, sd: sd, lowerBound: lowerBound))
    }

    /// Lognormal with ln X ~ Normal(mu, sigma).
    public static func lognormal(mu: Double, sigma: Double) throws(DistributionError) -> Distribution {
        try requireFinite(mu, "lognormal", "mu")
        try requirePositive(sigma, "lognormal", "sigma")
        return Distribution(.lognormal(mu: mu, sigma: sigma))
    }

    /// Lognormal with the given median and 90th percentile (0 < median < p90).
    public static func lognormal(median: Double, p90: Double) throws(DistributionError) -> Distribution {
        try lognormal(median: median, quantile: p90, probability: 0.90, name: "p90")
    }

    /// Lognormal with the given median and 95th percentile (0 < median < p95).
    public static func lognormal(median: Double, p95: Double) throws(DistributionError) -> Distribution {
        try lognormal(median: median, quantile: p95, probability: 0.95, name: "p95")
    }

    private static func lognormal(median: Double, quantile: Double, probability: Double, name: String) throws(DistributionError) -> Distribution {
        try requirePositive(median, "lognormal", "median")
        try requireFinite(quantile, "lognormal", name)
        guard quantile > median else {
            throw DistributionError(distribution: "lognormal", parameter: name,
                                    reason: "must be greater than the median (\(quantile) ≤ \(median))")
        }
        GSLRuntime.prepare()
        let z = gsl_cdf_ugaussian_Pinv(probability)
        let mu = log(median)
        return Distribution(.lognormal(mu: mu, sigma: (log(quantile) - mu) / z))
    }

    /// Gamma with shape k > 0 and scale θ > 0 (mean kθ).
    public static func gamma(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try requirePositive(shape, "gamma", "shape")
        try requirePositive(scale, "gamma", "scale")
        return Distribution(.gamma(shape: shape, scale: scale))
    }

    /// Erlang with `k` ≥ 1 phases and the given overall mean (> 0).
    public static func erlang(k: Int, mean: Double) throws(DistributionError) -> Distribution {
        guard k >= 1 else {
            throw DistributionError(distribution: "erlang", parameter: "k", reason: "must be a whole number ≥ 1 (got \(k))")
        }
        try requirePositive(mean, "erlang", "mean")
        return Distribution(.erlang(k: k, mean: mean))
    }

    /// Weibull with shape > 0 and scale > 0.
    public static func weibull(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try requirePositive(shape, "weibull", "shape")
        try requirePositive(scale, "weibull", "scale")
        return Distribution(.weibull(shape: shape, scale: scale))
    }

    /// Uniform on [min, max), min < max.
    public static func uniform(min: Double, max: Double) throws(DistributionError) -> Distribution {
        try requireFinite(min, "uniform", "min")
        try requireFinite(max, "uniform", "max")
        guard min < max else {
            throw DistributionError(distribution: "uniform", parameter: "max", reason: "must be greater than min (\(max) ≤ \(min))")
        }
        return Distribution(.uniform(min: min, max: max))
    }

    /// Triangular with min ≤ mode ≤ max and min < max.
    public static func triangular(min: Double, mode: Double, max: Double) throws(DistributionError) -> Distribution {
        try requireOrdered(min: min, mode: mode, max: max, "triangular")
        return Distribution(.triangular(min: min, mode: mode, max: max))
    }

    /// PERT (scaled beta) with min ≤ mode ≤ max and min < max.
    public static func pert(min: Double, mode: Double, max: Double) throws(DistributionError) -> Distribution {
        try requireOrdered(min: min, mode: mode, max: max, "pert")
        return Distribution(.pert(min: min, mode: mode, max: max))
    }

    /// Discrete `values` drawn with the given non-negative `weights` (not all zero).
    public static func empirical(values: [Double], weights: [Double]) throws(DistributionError) -> Distribution {
        guard !values.isEmpty else {
            throw DistributionError(distribution: "empirical", parameter: "values", reason: "must not be empty")
        }
        guard values.count == weights.count else {
            throw DistributionError(distribution: "empirical", parameter: "weights",
                                    reason: "must have one weight per value (\(weights.count) weights for \(values.count) values)")
        }
        for (index, value) in values.enumerated() { try requireFinite(value, "empirical", "values[\(index)]") }
        for (index, weight) in weights.enumerated() where !(weight >= 0 && weight.isFinite) {
            throw DistributionError(distribution: "empirical", parameter: "weights[\(index)]", reason: "must be a finite number ≥ 0 (got \(weight))")
        }
        guard weights.contains(where: { $0 > 0 }) else {
            throw DistributionError(distribution: "empirical", parameter: "weights", reason: "must not all be zero")
        }
        let table: DiscreteTable
        do {
            table = try DiscreteTable(weights: weights)
        } catch {
            throw DistributionError(distribution: "empirical", parameter: "weights", reason: "were rejected by GSL: \(error.reason)")
        }
        return Distribution(.empiricalDiscrete(values: values, weights: weights), table: table)
    }

    /// Continuous empirical distribution of an observed `sample` (at least 2 finite values, not
    /// all equal): draws interpolate linearly between consecutive order statistics.
    public static func empirical(sample: [Double]) throws(DistributionError) -> Distribution {
        guard sample.count >= 2 else {
            throw DistributionError(distribution: "empirical", parameter: "sample", reason: "needs at least 2 observations (got \(sample.count))")
        }
        for (index, value) in sample.enumerated() { try requireFinite(value, "empirical", "sample[\(index)]") }
        let sorted = sample.sorted()
        guard let first = sorted.first, let last = sorted.last, first < last else {
            throw DistributionError(distribution: "empirical", parameter: "sample", reason: "must not have all observations equal (use constant)")
        }
        return Distribution(.empiricalContinuous(sortedSample: sorted))
    }

    /// 1 with probability `p` in [0, 1], else 0.
    public static func bernoulli(p: Double) throws(DistributionError) -> Distribution {
        guard p >= 0 && p <= 1 else {
            throw DistributionError(distribution: "bernoulli", parameter: "p", reason: "must be a probability in [0, 1] (got \(p))")
        }
        return Distribution(.bernoulli(p: p))
    }

    /// Poisson with the given mean (> 0).
    public static func poisson(mean: Double) throws(DistributionError) -> Distribution {
        try requirePositive(mean, "poisson", "mean")
        return Distribution(.poisson(mean: mean))
    }

    // MARK: Parameter checks

    private static func requireFinite(_ value: Double, _ name: String, _ parameter: String) throws(DistributionError) {
        guard value.isFinite else {
            throw DistributionError(distribution: name, parameter: parameter, reason: "must be a finite number (got \(value))")
        }
    }

    private static func requirePositive(_ value: Double, _ name: String, _ parameter: String) throws(DistributionError) {
        guard value.isFinite && value > 0 else {
            throw DistributionError(distribution: name, parameter: parameter, reason: "must be a finite number > 0 (got \(value))")
        }
    }

    private static func requireOrdered(min: Double, mode: Double, max: Double, _ name: String) throws(DistributionError) {
        try requireFinite(min, name, "min")
        try requireFinite(mode, name, "mode")
        try requireFinite(max, name, "max")
        guard min < max else {
            throw DistributionError(distribution: name, parameter: "max", reason: "must be greater than min (\(max) ≤ \(min))")
        }
        guard mode >= min && mode <= max else {
            throw DistributionError(distribution: name, parameter: "mode", reason: "must lie between min and max (\(mode) is outside [\(min), \(max)])")
        }
    }
}

/// GSL's preprocessed table for discrete sampling, with one owner that frees it.
final class DiscreteTable: @unchecked Sendable {
    // Sendable: the table is written once by gsl_ran_discrete_preproc and only read afterwards.
    let table: UnsafeMutablePointer<gsl_ran_discrete_t>

    init(weights: [Double]) throws(GSLError) {
        GSLRuntime.prepare()
        let made = weights.withUnsafeBufferPointer { gsl_ran_discrete_preproc($0.count, $0.baseAddress) }
        guard let made else { throw GSLError(status: Int32(GSL_EINVAL), operation: "gsl_ran_discrete_preproc") }
        table = made
    }

    deinit { gsl_ran_discrete_free(table) }
}
