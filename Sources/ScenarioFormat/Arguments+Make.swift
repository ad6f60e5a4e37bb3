internal import Foundation
internal import Stochastics

extension Arguments {
    /// Builds the distribution with Stochastics' factories, all values in seconds.
    ///
    /// `normal` without `min` is truncated at 0 s (a duration cannot be negative);
    /// `lognormal(mu:, sigma:)` takes mu and sigma of ln(duration in `unit`, default hours),
    /// so mu in seconds is mu + ln(seconds per unit).
    func make() throws(SyntaxError) -> Distribution {
        switch spec.name {
        case "constant":
            let value = try require(duration("value"), "value")
            return try factory { () throws(DistributionError) in try .constant(value) }
        case "exponential":
            let mean = try require(duration("mean"), "mean")
            return try factory { () throws(DistributionError) in try .exponential(mean: mean) }
        case "normal":
            let mean = try require(duration("mean"), "mean")
            let sd = try require(duration("sd"), "sd")
            let lowerBound = try duration("min") ?? 0
            return try factory { () throws(DistributionError) in try .normal(mean: mean, sd: sd, lowerBound: lowerBound) }
        case "lognormal":
            return try lognormal()
        case "gamma", "weibull":
            let shape = try require(number("shape"), "shape")
            let scale = try require(duration("scale"), "scale")
            if spec.name == "gamma" { return try factory { () throws(DistributionError) in try .gamma(shape: shape, scale: scale) } }
            return try factory { () throws(DistributionError) in try .weibull(shape: shape, scale: scale) }
        case "erlang":
            let k = try require(integer("k"), "k")
            let mean = try require(duration("mean"), "mean")
            return try factory { () throws(DistributionError) in try .erlang(k: k, mean: mean) }
        case "uniform":
            let min = try require(duration("min"), "min")
            let max = try require(duration("max"), "max")
            return try factory { () throws(DistributionError) in try .uniform(min: min, max: max) }
        case "triangular", "pert":
            let min = try require(duration("min"), "min")
            let mode = try require(duration("mode"), "mode")
            let max = try require(duration("max"), "max")
            if spec.name == "pert" { return try factory { () throws(DistributionError) in try .pert(min: min, mode: mode, max: max) } }
            return try factory { () throws(DistributionError) in try .triangular(min: min, mode: mode, max: max) }
        default:
            return try empirical()
        }
    }

    private func require<T>(_ value: T?, _ name: String) throws(SyntaxError) -> T {
        guard let value else { throw missing(name) }
        return value
    }

    /// Runs a factory, pointing its `DistributionError` at the parameter it names.
    private func factory(_ make: () throws(DistributionError) -> Distribution) throws(SyntaxError) -> Distribution {
        do {
            return try make()
        } catch {
            throw located(error)
        }
    }

    private func error(_ message: String, at parameter: String?, hint: String? = nil) -> SyntaxError {
        SyntaxError(message, hint: hint, offset: parameter.flatMap(offset(of:)) ?? call.name.offset)
    }

    private func lognormal() throws(SyntaxError) -> Distribution {
        let quantileForm = ["median", "p95", "p90"].filter(has)
        let shapeForm = ["mu", "sigma", "unit"].filter(has)
        if !quantileForm.isEmpty && !shapeForm.isEmpty {
            let later = (quantileForm + shapeForm).max { (offset(of: $0) ?? 0) < (offset(of: $1) ?? 0) }
            throw error("lognormal takes median with p95 or p90, or mu with sigma, not both", at: later)
        }
        if !shapeForm.isEmpty {
            let mu = try require(number("mu"), "mu")
            let sigma = try require(number("sigma"), "sigma")
            let shift = log(try unit("unit") ?? 3600)
            return try factory { () throws(DistributionError) in try .lognormal(mu: mu + shift, sigma: sigma) }
        }
        if quantileForm.isEmpty {
            throw error("lognormal needs median and p95 (or p90), or mu and sigma", at: nil, hint: "e.g. \(spec.example)")
        }
        let median = try require(duration("median"), "median")
        if has("p95") && has("p90") {
            throw error("lognormal takes p95 or p90, not both", at: (offset(of: "p95") ?? 0) > (offset(of: "p90") ?? 0) ? "p95" : "p90")
        }
        if let p90 = try duration("p90") {
            return try factory { () throws(DistributionError) in try .lognormal(median: median, p90: p90) }
        }
        guard let p95 = try duration("p95") else {
            throw error("lognormal needs 'p95' or 'p90' with the median", at: nil, hint: "e.g. \(spec.example)")
        }
        return try factory { () throws(DistributionError) in try .lognormal(median: median, p95: p95) }
    }

    private func empirical() throws(SyntaxError) -> Distribution {
        let weighted = ["values", "weights"].filter(has)
        if has("sample") {
            if let other = weighted.first { throw error("empirical takes values with weights, or sample, not both", at: other) }
            let sample = try require(durations("sample"), "sample")
            return try factory { () throws(DistributionError) in try .empirical(sample: sample) }
        }
        if weighted.isEmpty {
            throw error("empirical needs values and weights, or sample", at: nil, hint: "e.g. \(spec.example)")
        }
        let values = try require(durations("values"), "values")
        let weights = try require(numbers("weights"), "weights")
        return try factory { () throws(DistributionError) in try .empirical(values: values, weights: weights) }
    }
}
