internal import CGSL
internal import Foundation

extension Distribution {
    /// The analytic mean. For truncated normals, the mean of the truncated distribution.
    public var mean: Double {
        switch family {
        case .constant(let value): return value
        case .exponential(let mean): return mean
        case .normal(let mean, let sd, let lowerBound):
            guard let lowerBound else { return mean }
            return mean + sd * Self.inverseMillsRatio((lowerBound - mean) / sd)
        case .lognormal(let mu, let sigma): return exp(mu + sigma * sigma / 2)
        case .gamma(let shape, let scale): return shape * scale
        case .erlang(_, let mean): return mean
        case .weibull(let shape, let scale): return scale * tgamma(1 + 1 / shape)
        case .uniform(let min, let max): return (min + max) / 2
        case .triangular(let min, let mode, let max): return (min + mode + max) / 3
        case .pert(let min, let mode, let max): return (min + 4 * mode + max) / 6
        case .empiricalDiscrete(let values, let weights):
            let total = weights.reduce(0, +)
            return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / total
        case .empiricalContinuous(let sorted):
            // Mean of the piecewise-uniform mixture: the average of segment midpoints.
            var sum = 0.0
            for index in 0..<(sorted.count - 1) { sum += (sorted[index] + sorted[index + 1]) / 2 }
            return sum / Double(sorted.count - 1)
        case .bernoulli(let p): return p
        case .poisson(let mean): return mean
        }
    }

    /// The analytic variance.
    public var variance: Double {
        switch family {
        case .constant: return 0
        case .exponential(let mean): return mean * mean
        case .normal(_, let sd, let lowerBound):
            guard let lowerBound, case .normal(let mean, _, _) = family else { return sd * sd }
            let alpha = (lowerBound - mean) / sd
            let lambda = Self.inverseMillsRatio(alpha)
            return sd * sd * (1 + alpha * lambda - lambda * lambda)
        case .lognormal(let mu, let sigma):
            return (exp(sigma * sigma) - 1) * exp(2 * mu + sigma * sigma)
        case .gamma(let shape, let scale): return shape * scale * scale
        case .erlang(let k, let mean): return mean * mean / Double(k)
        case .weibull(let shape, let scale):
            let g1 = tgamma(1 + 1 / shape)
            return scale * scale * (tgamma(1 + 2 / shape) - g1 * g1)
        case .uniform(let min, let max): return (max - min) * (max - min) / 12
        case .triangular(let a, let c, let b):
            return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .pert(let min, let mode, let max):
            let (alpha, beta) = Self.pertShape(min: min, mode: mode, max: max)
            let width = max - min
            return width * width * alpha * beta / ((alpha + beta) * (alpha + beta) * (alpha + beta + 1))
        case .empiricalDiscrete(let values, let weights):
            let total = weights.reduce(0, +)
            let m = mean
            return zip(values, weights).reduce(0) { $0 + $1.1 * ($1.0 - m) * ($1.0 - m) } / total
        case .empiricalContinuous(let sorted):
            // Equal-weight mixture of uniforms on [x_i, x_{i+1}].
            let segments = Double(sorted.count - 1)
            var secondMoment = 0.0
            for index in 0..<(sorted.count - 1) {
                let a = sorted[index], b = sorted[index + 1]
                secondMoment += (a * a + a * b + b * b) / 3
            }
            let m = mean
            return secondMoment / segments - m * m
        case .bernoulli(let p): return p * (1 - p)
        case .poisson(let mean): return mean
        }
    }

    /// P(X ≤ x), evaluated with GSL's CDFs where GSL has one.
    public func cdf(_ x: Double) -> Double {
        GSLRuntime.prepare()
        switch family {
        case .constant(let value): return x >= value ? 1 : 0
        case .exponential(let mean): return gsl_cdf_exponential_P(x, mean)
        case .normal(let mean, let sd, let lowerBound):
            guard let lowerBound else { return gsl_cdf_gaussian_P(x - mean, sd) }
            guard x > lowerBound else { return 0 }
            // Upper tails, not P(x) − P(a): the difference of two numbers near 1 loses all
            // precision when the bound lies several standard deviations above the mean.
            let tail = gsl_cdf_gaussian_Q(lowerBound - mean, sd)
            return (tail - gsl_cdf_gaussian_Q(x - mean, sd)) / tail
        case .lognormal(let mu, let sigma): return gsl_cdf_lognormal_P(x, mu, sigma)
        case .gamma(let shape, let scale): return gsl_cdf_gamma_P(x, shape, scale)
        case .erlang(let k, let mean): return gsl_cdf_gamma_P(x, Double(k), mean / Double(k))
        case .weibull(let shape, let scale): return gsl_cdf_weibull_P(x, scale, shape)
        case .uniform(let min, let max): return gsl_cdf_flat_P(x, min, max)
        case .triangular(let a, let c, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .pert(let min, let mode, let max):
            let (alpha, beta) = Self.pertShape(min: min, mode: mode, max: max)
            return gsl_cdf_beta_P((x - min) / (max - min), alpha, beta)
        case .empiricalDiscrete(let values, let weights):
            let total = weights.reduce(0, +)
            return zip(values, weights).reduce(0) { $1.0 <= x ? $0 + $1.1 : $0 } / total
        case .empiricalContinuous(let sorted):
            guard let first = sorted.first, let last = sorted.last else { return 0 }
            if x <= first { return 0 }
            if x >= last { return 1 }
            // Index of the segment [sorted[i], sorted[i+1]] holding x (binary search).
            var low = 0, high = sorted.count - 1
            while high - low > 1 {
                let middle = (low + high) / 2
                if sorted[middle] <= x { low = middle } else { high = middle }
            }
            let fraction = sorted[high] > sorted[low] ? (x - sorted[low]) / (sorted[high] - sorted[low]) : 1
            return (Double(low) + fraction) / Double(sorted.count - 1)
        case .bernoulli(let p): return x < 0 ? 0 : (x < 1 ? 1 - p : 1)
        case .poisson(let mean):
            guard !x.isNaN else { return .nan }
            return x < 0 ? 0 : gsl_cdf_poisson_P(UInt32(min(x, Double(UInt32.max))), mean)
        }
    }

    /// φ(α)/(1 − Φ(α)), the mean shift of a standard normal truncated below at α.
    static func inverseMillsRatio(_ alpha: Double) -> Double {
        gsl_ran_ugaussian_pdf(alpha) / gsl_cdf_ugaussian_Q(alpha)
    }
}
