/// What a statistical comparison is asked for.
public struct ComparisonSettings: Sendable, Equatable {
    /// Family-wise significance level (Holm-adjusted p-values are compared with it).
    public var alpha: Double
    /// A significant change is flagged only if the relative change of the mean (of the
    /// probability, for proportions) exceeds this fraction.
    public var tolerance: Double
    /// Only metrics matching one of these (nil: every metric).
    public var metrics: [MetricPattern]?

    public static let defaultAlpha = 0.01
    public static let defaultTolerance = 0.05

    public init(alpha: Double = defaultAlpha, tolerance: Double = defaultTolerance, metrics: [MetricPattern]? = nil) {
        self.alpha = alpha
        self.tolerance = tolerance
        self.metrics = metrics
    }
}

/// One metric compared between the sides.
public struct MetricComparison: Sendable, Equatable {
    public enum Verdict: String, Sendable, Equatable {
        /// No test significant at alpha after Holm's adjustment.
        case ok
        /// Significant, and the relative change exceeds the tolerance: flagged.
        case changed
        /// Significant, but the change is within the tolerance.
        case withinTolerance = "within-tolerance"
        /// Too few values on a side to test (fewer than 2, or none for a proportion).
        case noData = "no-data"
    }

    /// One hypothesis test of the metric.
    public struct Check: Sendable, Equatable {
        /// "welch-t", "kolmogorov-smirnov", "two-proportion-z" or "fisher-exact".
        public var test: String
        public var statistic: Double
        /// Unadjusted two-sided p-value.
        public var p: Double
        /// Holm-adjusted over every check of the comparison.
        public var adjustedP: Double
    }

    public var name: String
    public var kind: MetricKind
    /// Over the values present (for proportions, `mean` is the probability).
    public var baseline: Descriptive
    public var candidate: Descriptive
    public var checks: [Check]
    public var verdict: Verdict

    /// Candidate mean minus baseline mean.
    public var absoluteChange: Double { candidate.mean - baseline.mean }

    /// The change relative to the baseline mean; 0 when both are 0, infinite when only the
    /// baseline is 0; nil without data.
    public var relativeChange: Double? {
        guard baseline.count > 0, candidate.count > 0 else { return nil }
        if absoluteChange == 0 { return 0 }
        if baseline.mean == 0 { return absoluteChange > 0 ? .infinity : -.infinity }
        return absoluteChange / abs(baseline.mean)
    }

    /// The smallest adjusted p-value of the metric's checks (nil when untested).
    public var p: Double? { checks.map(\.adjustedP).min() }

    /// The check with the smallest adjusted p-value.
    public var decisiveCheck: Check? { checks.min { ($0.adjustedP, $0.p) < ($1.adjustedP, $1.p) } }

    public var flagged: Bool { verdict == .changed }
}

/// Every metric compared, in the baseline's order.
public struct StatisticalReport: Sendable, Equatable {
    public var settings: ComparisonSettings
    public var metrics: [MetricComparison]
    /// Size of the Holm family (the number of hypothesis tests).
    public var tests: Int

    public var flagged: [MetricComparison] { metrics.filter(\.flagged) }
}

/// Compares the distributions of two sides' metrics.
///
/// For each continuous metric, Welch's t-test on the means and the two-sample
/// Kolmogorov–Smirnov test on the distributions; for each proportion, the two-proportion test.
/// All p-values of the comparison form one family, adjusted with Holm's method, so the chance
/// that a comparison of two samples of one distribution flags anything is at most alpha. A
/// metric is flagged when one of its adjusted p-values is ≤ alpha and its relative change
/// exceeds the tolerance: significant *and* large enough to matter.
public enum StatisticalComparison {
    public static func compare(_ baseline: RegressionSide, _ candidate: RegressionSide,
                               settings: ComparisonSettings) throws(NotComparable) -> StatisticalReport {
        let pairs = try matchedMetrics(baseline, candidate, patterns: settings.metrics)
        // Run the tests, then adjust all p-values together.
        var raw: [[(String, TestResult)]] = []
        for (b, c) in pairs {
            var checks: [(String, TestResult)] = []
            let x = b.present, y = c.present
            switch b.kind {
            case .continuous:
                if let welch = WelchTest.test(x, y) { checks.append(("welch-t", welch)) }
                if x.count >= 2, y.count >= 2, let ks = KolmogorovSmirnovTest.test(x, y) { checks.append(("kolmogorov-smirnov", ks)) }
            case .proportion:
                let s1 = x.filter { $0 != 0 }.count, s2 = y.filter { $0 != 0 }.count
                if let (result, method) = TwoProportionTest.test(successes: s1, trials: x.count, successes: s2, trials: y.count) {
                    checks.append((method == .z ? "two-proportion-z" : "fisher-exact", result))
                }
            }
            raw.append(checks)
        }
        let adjusted = Holm.adjust(raw.flatMap { $0.map(\.1.p) })
        var cursor = 0
        var metrics: [MetricComparison] = []
        for ((b, c), tests) in zip(pairs, raw) {
            let checks = tests.map { test -> MetricComparison.Check in
                defer { cursor += 1 }
                return MetricComparison.Check(test: test.0, statistic: test.1.statistic, p: test.1.p, adjustedP: adjusted[cursor])
            }
            var comparison = MetricComparison(name: b.name, kind: b.kind, baseline: Descriptive(b.present), candidate: Descriptive(c.present),
                                              checks: checks, verdict: .ok)
            if checks.isEmpty {
                comparison.verdict = .noData
            } else if let p = comparison.p, p <= settings.alpha {
                let change = abs(comparison.relativeChange ?? 0)
                comparison.verdict = change > settings.tolerance ? .changed : .withinTolerance
            }
            metrics.append(comparison)
        }
        return StatisticalReport(settings: settings, metrics: metrics, tests: adjusted.count)
    }

    /// The metrics to compare, paired by name; throws when the sides' metrics differ.
    static func matchedMetrics(_ baseline: RegressionSide, _ candidate: RegressionSide,
                               patterns: [MetricPattern]?) throws(NotComparable) -> [(MetricSample, MetricSample)] {
        func selected(_ side: RegressionSide) -> [MetricSample] {
            guard let patterns else { return side.metrics }
            return side.metrics.filter { metric in patterns.contains { $0.matches(metric.name) } }
        }
        let b = selected(baseline), c = selected(candidate)
        var reasons: [String] = []
        if let patterns {
            let unmatched = patterns.filter { pattern in !(baseline.metrics + candidate.metrics).contains { pattern.matches($0.name) } }
            if !unmatched.isEmpty {
                reasons.append("--metrics \(unmatched.map { "'\($0)'" }.joined(separator: ", ")) matches no metric of either side")
            }
        }
        let bNames = Set(b.map(\.name)), cNames = Set(c.map(\.name))
        let onlyBaseline = b.map(\.name).filter { !cNames.contains($0) }
        let onlyCandidate = c.map(\.name).filter { !bNames.contains($0) }
        if !onlyBaseline.isEmpty {
            reasons.append("the candidate (\(candidate.source)) lacks \(onlyBaseline.count) metric(s) of the baseline: \(listed(onlyBaseline))")
        }
        if !onlyCandidate.isEmpty {
            reasons.append("the candidate has \(onlyCandidate.count) metric(s) the baseline (\(baseline.source)) lacks: \(listed(onlyCandidate))")
        }
        var pairs: [(MetricSample, MetricSample)] = []
        for metric in b {
            guard let other = c.first(where: { $0.name == metric.name }) else { continue }
            if other.kind != metric.kind {
                reasons.append("\(metric.name) is a \(metric.kind.rawValue) metric in the baseline but a \(other.kind.rawValue) one in the candidate")
            }
            pairs.append((metric, other))
        }
        if pairs.isEmpty && reasons.isEmpty { reasons.append("there are no metrics to compare") }
        if !reasons.isEmpty {
            if onlyBaseline.count + onlyCandidate.count > 0 {
                reasons.append("the scenarios differ in structure (agencies, channels, objectives or the threat); "
                               + "compare runs of one scenario, or restrict the comparison with --metrics")
            }
            throw NotComparable(reasons)
        }
        return pairs
    }
}
