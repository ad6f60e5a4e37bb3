internal import CGSL

extension Distribution {
    /// One draw from `stream`. Every family is sampled by a GSL routine, except triangular
    /// (no GSL sampler: inverse CDF of a GSL uniform) and continuous empirical (interpolated
    /// order statistics at a GSL uniform).
    public func sample(_ stream: RandomStream) -> Double {
        let r = stream.generator
        switch family {
        case .constant(let value):
            return value
        case .exponential(let mean):
            return gsl_ran_exponential(r, mean)
        case .normal(let mean, let sd, let lowerBound):
            guard let lowerBound else { return mean + gsl_ran_gaussian_ziggurat(r, sd) }
            return mean + gsl_ran_gaussian_tail(r, lowerBound - mean, sd)
        case .lognormal(let mu, let sigma):
            return gsl_ran_lognormal(r, mu, sigma)
        case .gamma(let shape, let scale):
            return gsl_ran_gamma(r, shape, scale)
        case .erlang(let k, let mean):
            return gsl_ran_gamma(r, Double(k), mean / Double(k))
        case .weibull(let shape, let scale):
            return gsl_ran_weibull(r, scale, shape)
        case .uniform(let min, let max):
            return gsl_ran_flat(r, min, max)
        case .triangular(let min, let mode, let max):
            return Self.triangularQuantile(gsl_rng_uniform(r), min: min, mode: mode, max: max)
        case .pert(let min, let mode, let max):
            let (alpha, beta) = Self.pertShape(min: min, mode: mode, max: max)
            return min + (max - min) * gsl_ran_beta(r, alpha, beta)
        case .empiricalDiscrete(let values, _):
            // The factory always builds the table for this family.
            guard let table = discreteTable else { return values[0] }
            return values[gsl_ran_discrete(r, table.table)]
        case .empiricalContinuous(let sorted):
            let position = gsl_rng_uniform(r) * Double(sorted.count - 1)
            let lower = Int(position)
            let fraction = position - Double(lower)
            return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower])
        case .bernoulli(let p):
            return Double(gsl_ran_bernoulli(r, p))
        case .poisson(let mean):
            return Double(gsl_ran_poisson(r, mean))
        }
    }

    static func triangularQuantile(_ u: Double, min: Double, mode: Double, max: Double) -> Double {
        let width = max - min
        let split = (mode - min) / width
        if u < split {
            return min + (u * width * (mode - min)).squareRoot()
        }
        return max - ((1 - u) * width * (max - mode)).squareRoot()
    }

    static func pertShape(min: Double, mode: Double, max: Double) -> (alpha: Double, beta: Double) {
        let width = max - min
        return (1 + 4 * (mode - min) / width, 1 + 4 * (max - mode) / width)
    }
}
