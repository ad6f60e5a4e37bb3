internal import Foundation

extension Distribution {
    /// The distribution of k·X, where X follows this distribution: every duration stretched by
    /// the factor `k` (> 0). Exact for every family of durations, so `scaled(by: k).mean` is
    /// `k × mean` (up to rounding) and every quantile scales by k:
    ///
    /// - constant, exponential, uniform, triangular, PERT, both empiricals: every value × k;
    /// - normal: mean, sd and the lower bound × k (the truncation point keeps its z-score);
    /// - lognormal: mu + ln k (sigma unchanged);
    /// - gamma and Weibull: scale × k (shape unchanged); Erlang: mean × k (k phases unchanged).
    ///
    /// Bernoulli and Poisson count events rather than measure time, so scaling them is an error,
    /// as is a factor that is not a finite number > 0.
    public func scaled(by k: Double) throws(DistributionError) -> Distribution {
        guard k.isFinite && k > 0 else {
            throw DistributionError(distribution: familyName, parameter: "scale factor", reason: "must be a finite number > 0 (got \(k))")
        }
        switch family {
        case .constant(let value): return try .constant(value * k)
        case .exponential(let mean): return try .exponential(mean: mean * k)
        case .normal(let mean, let sd, let lowerBound): return try .normal(mean: mean * k, sd: sd * k, lowerBound: lowerBound.map { $0 * k })
        case .lognormal(let mu, let sigma): return try .lognormal(mu: mu + log(k), sigma: sigma)
        case .gamma(let shape, let scale): return try .gamma(shape: shape, scale: scale * k)
        case .erlang(let phases, let mean): return try .erlang(k: phases, mean: mean * k)
        case .weibull(let shape, let scale): return try .weibull(shape: shape, scale: scale * k)
        case .uniform(let min, let max): return try .uniform(min: min * k, max: max * k)
        case .triangular(let min, let mode, let max): return try .triangular(min: min * k, mode: mode * k, max: max * k)
        case .pert(let min, let mode, let max): return try .pert(min: min * k, mode: mode * k, max: max * k)
        case .empiricalDiscrete(let values, let weights): return try .empirical(values: values.map { $0 * k }, weights: weights)
        case .empiricalContinuous(let sorted): return try .empirical(sample: sorted.map { $0 * k })
        case .bernoulli, .poisson:
            throw DistributionError(distribution: familyName, parameter: "scale factor",
                                    reason: "cannot be applied: \(familyName) counts events, it is not a distribution of durations")
        }
    }

    /// The family's name as written in scenarios.
    public var familyName: String {
        switch family {
        case .constant: return "constant"
        case .exponential: return "exponential"
        case .normal: return "normal"
        case .lognormal: return "lognormal"
        case .gamma: return "gamma"
        case .erlang: return "erlang"
        case .weibull: return "weibull"
        case .uniform: return "uniform"
        case .triangular: return "triangular"
        case .pert: return "pert"
        case .empiricalDiscrete, .empiricalContinuous: return "empirical"
        case .bernoulli: return "bernoulli"
        case .poisson: return "poisson"
        }
    }
}
