internal import Stochastics

/// A two-sided confidence interval.
public struct ConfidenceInterval: Codable, Sendable, Equatable {
    public var lower: Double
    public var upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// Half the interval's width.
    public var halfWidth: Double { (upper - lower) / 2 }

    /// The t interval for a mean: mean ± t(1 − (1 − level)/2, n − 1) · sd/√n, with the t quantile
    /// from GSL. Nil for fewer than 2 observations.
    public static func mean(_ mean: Double, standardDeviation: Double, count: Int, level: Double) -> ConfidenceInterval? {
        guard count >= 2, level > 0, level < 1,
              let t = try? GSLMath.studentTQuantile(1 - (1 - level) / 2, degreesOfFreedom: Double(count - 1)) else { return nil }
        let half = t * standardDeviation / Double(count).squareRoot()
        return ConfidenceInterval(lower: mean - half, upper: mean + half)
    }

    /// The Wilson score interval for a proportion of `successes` in `trials` (z from GSL's normal
    /// quantile). Well behaved near 0 and 1, unlike the normal approximation. Nil for no trials.
    public static func wilson(successes: Int, trials: Int, level: Double) -> ConfidenceInterval? {
        guard trials > 0, level > 0, level < 1, let z = try? GSLMath.normalQuantile(1 - (1 - level) / 2) else { return nil }
        let n = Double(trials), p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return ConfidenceInterval(lower: max(0, centre - half), upper: min(1, centre + half))
    }
}
