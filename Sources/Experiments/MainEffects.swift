public import ExerciseModel

/// The main effects of a sweep's factors on one metric: the least-squares fit of the metric's
/// per-point values on the factors scaled to [−1, 1] (lower end −1, upper end +1), with an
/// intercept.
///
/// A coefficient is half the change of the metric when its factor moves from the lower to the
/// upper end of its range, the others held at their centre: moving across the whole range
/// changes the metric by twice the coefficient. Points where the metric is undefined (no
/// replication reached the milestone) are left out.
public struct MainEffects: Codable, Sendable, Equatable {
    public struct Effect: Codable, Sendable, Equatable {
        /// The factor's path.
        public var factor: String
        /// Nil when the factor does not vary (one level) or the fit failed.
        public var coefficient: Double?
        public var standardError: Double?
    }

    /// The metric's column name in `points.csv` (`objective.<id>.probability_met`, …).
    public var metric: String
    /// Design points with a value for the metric.
    public var observations: Int
    public var intercept: Double?
    public var interceptStandardError: Double?
    public var rSquared: Double?
    public var effects: [Effect]
    /// Why there are no coefficients or standard errors, when that is the case.
    public var note: String?

    /// The fit of `values` (one per design point, nil where undefined) on `points`.
    /// `paths` and `domains` describe the factors, in the order of each point's values.
    public static func fit(metric: String, paths: [String], domains: [FactorDomain], points: [[Double]], values: [Double?]) -> MainEffects {
        let varying = domains.indices.filter { domains[$0].bounds.lower < domains[$0].bounds.upper }
        var x: [[Double]] = [], y: [Double] = []
        for (point, value) in zip(points, values) {
            guard let value, value.isFinite else { continue }
            x.append(varying.map { normalise(point[$0], domains[$0]) })
            y.append(value)
        }
        var result = MainEffects(metric: metric, observations: y.count, intercept: nil, interceptStandardError: nil, rSquared: nil,
                                 effects: paths.map { Effect(factor: $0, coefficient: nil, standardError: nil) }, note: nil)
        guard y.count >= varying.count + 1 else {
            result.note = "\(y.count) points with a value for \(varying.count + 1) coefficients"
            return result
        }
        guard let fit = LeastSquares.fit(x, y) else {
            result.note = "the factors are collinear at these points"
            return result
        }
        result.intercept = fit.coefficients[0]
        result.interceptStandardError = fit.standardErrors?[0]
        result.rSquared = fit.rSquared
        for (column, factor) in varying.enumerated() {
            result.effects[factor].coefficient = fit.coefficients[column + 1]
            result.effects[factor].standardError = fit.standardErrors?[column + 1]
        }
        if fit.standardErrors == nil { result.note = "no residual degrees of freedom: standard errors need more points" }
        return result
    }

    /// `value` mapped linearly from the domain's [lower, upper] to [−1, 1].
    public static func normalise(_ value: Double, _ domain: FactorDomain) -> Double {
        let (lower, upper) = domain.bounds
        guard upper > lower else { return 0 }
        return 2 * (value - lower) / (upper - lower) - 1
    }
}
