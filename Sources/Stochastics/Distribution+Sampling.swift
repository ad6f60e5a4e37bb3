internal import CGSL

extension Distribution {
    /// One draw from `stream`. Every family is sampled by a GSL routine, except triangular
    /// (no GSL sampler: inverse CDF of a GSL uniform) and continuous empirical (interpolated
    /// order statistics at a GSL uniform). A constant touches no stream.
    public func sample(_ stream: RandomStream) -> Double {
        switch sampler {
        case .empiricalDiscrete:
            guard case .empiricalDiscrete(let values, _) = family else { return 0 }
            // The factory always builds the table for this family.
            guard let table = discreteTable else { return values[0] }
            return values[gsl_ran_discrete(stream.generator, table.table)]
        case .empiricalContinuous:
            guard case .empiricalContinuous(let sorted) = family else { return 0 }
            let position = gsl_rng_uniform(stream.generator) * Double(sorted.count - 1)
            let lower = Int(position)
            let fraction = position - Double(lower)
            return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower])
        default:
            return Self.draw(sampler, parameters, stream)
        }
    }

    /// `distribution.pointee.sample(stream)`, for callers that hold distributions in arrays. A
    /// distribution read from an array element is otherwise copied (with its payload), and the
    /// stream retained, around every draw; from the address, the parametric families read
    /// their sampler and parameters in place, and the unmanaged stream (which the caller keeps
    /// alive) is used without retaining it: `_withUnsafeGuaranteedRef` is the standard library's
    /// way of saying so (underscored, but public and meant for exactly this).
    @inline(never)
    public static func sample(_ distribution: UnsafePointer<Distribution>, from stream: Unmanaged<RandomStream>) -> Double {
        let sampler = distribution.pointee.sampler
        if sampler == .empiricalDiscrete || sampler == .empiricalContinuous {
            return stream._withUnsafeGuaranteedRef { distribution.pointee.sample($0) }
        }
        let parameters = distribution.pointee.parameters
        return stream._withUnsafeGuaranteedRef { draw(sampler, parameters, $0) }
    }

    /// A draw of a parametric family (every sampler but the two empirical ones).
    @inline(__always)
    private static func draw(_ sampler: Sampler, _ p: SIMD4<Double>, _ stream: RandomStream) -> Double {
        switch sampler {
        case .constant:
            return p[0]
        case .exponential:
            return gsl_ran_exponential(stream.generator, p[0])
        case .normal:
            return p[0] + gsl_ran_gaussian_ziggurat(stream.generator, p[1])
        case .normalTail:
            return p[0] + gsl_ran_gaussian_tail(stream.generator, p[2], p[1])
        case .lognormal:
            return gsl_ran_lognormal(stream.generator, p[0], p[1])
        case .gamma:
            return gsl_ran_gamma(stream.generator, p[0], p[1])
        case .weibull:
            return gsl_ran_weibull(stream.generator, p[1], p[0])
        case .uniform:
            return gsl_ran_flat(stream.generator, p[0], p[1])
        case .triangular:
            return triangularQuantile(gsl_rng_uniform(stream.generator), min: p[0], mode: p[1], max: p[2])
        case .pert:
            return p[0] + (p[1] - p[0]) * gsl_ran_beta(stream.generator, p[2], p[3])
        case .bernoulli:
            return Double(gsl_ran_bernoulli(stream.generator, p[0]))
        case .poisson:
            return Double(gsl_ran_poisson(stream.generator, p[0]))
        case .empiricalDiscrete, .empiricalContinuous:
            preconditionFailure("empirical distributions are sampled from their data")
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
