internal import Foundation
internal import Stochastics

/// The result of one two-sided hypothesis test.
public struct TestResult: Sendable, Equatable {
    /// The test statistic (t, D or z; for Fisher's exact test the baseline's success count).
    public var statistic: Double
    /// The two-sided p-value, in [0, 1].
    public var p: Double

    public init(statistic: Double, p: Double) {
        self.statistic = statistic
        self.p = min(1, max(0, p))
    }
}

/// Welch's unequal-variances t-test of equal means: t = (x̄₂ − x̄₁) / √(s₁²/n₁ + s₂²/n₂), with
/// Welch–Satterthwaite degrees of freedom and the p-value from GSL's t distribution
/// (`gsl_cdf_tdist_Q`). The same as `scipy.stats.ttest_ind(a, b, equal_var=False)` up to the
/// statistic's sign (here candidate minus baseline).
public enum WelchTest {
    /// Nil when either sample has fewer than 2 values. When both samples are constant the
    /// p-value is 1 if their values are equal and 0 if not (a certain difference).
    public static func test(_ baseline: [Double], _ candidate: [Double]) -> TestResult? {
        guard baseline.count >= 2, candidate.count >= 2 else { return nil }
        let a = Descriptive(baseline), b = Descriptive(candidate)
        let va = a.variance / Double(a.count), vb = b.variance / Double(b.count)
        let se2 = va + vb
        let difference = b.mean - a.mean
        guard se2 > 0 else { return TestResult(statistic: difference == 0 ? 0 : .infinity, p: difference == 0 ? 1 : 0) }
        let t = difference / se2.squareRoot()
        let df = se2 * se2 / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        guard let tail = try? GSLMath.studentTUpperTail(abs(t), degreesOfFreedom: df) else { return nil }
        return TestResult(statistic: t, p: 2 * tail)
    }
}

/// The two-sample Kolmogorov–Smirnov test: D = supₓ |F₁(x) − F₂(x)| between the empirical
/// distribution functions (ties handled by stepping over equal values together).
///
/// The p-value P(D ≥ d) is exact for m·n ≤ `exactLimit`: the fraction of the C(m+n, m) equally
/// likely merge orders whose lattice path leaves the band |i/m − j/n| < d (Hodges 1958), counted
/// by dynamic programming in probabilities so nothing overflows; the same as
/// `scipy.stats.ks_2samp(a, b, method="exact")`. Larger samples use the limiting Kolmogorov
/// distribution with Stephens's correction, Q_KS((√nₑ + 0.12 + 0.11/√nₑ)·d), nₑ = mn/(m+n).
/// With ties (discrete metrics) both are conservative: the true p-value is smaller.
public enum KolmogorovSmirnovTest {
    public static let exactLimit = 1_000_000

    /// Nil when either sample is empty.
    public static func test(_ baseline: [Double], _ candidate: [Double]) -> TestResult? {
        let m = baseline.count, n = candidate.count
        guard m > 0, n > 0 else { return nil }
        let gap = maximumGap(baseline.sorted(), candidate.sorted())
        let d = Double(gap) / (Double(m) * Double(n))
        if m * n <= exactLimit { return TestResult(statistic: d, p: exactUpperTail(m: m, n: n, gap: gap)) }
        let ne = Double(m) * Double(n) / Double(m + n)
        let lambda = (ne.squareRoot() + 0.12 + 0.11 / ne.squareRoot()) * d
        return TestResult(statistic: d, p: KolmogorovDistribution.upperTail(lambda))
    }

    /// max |i·n − j·m| over the distinct values, where i and j count the values ≤ x in each
    /// sample: D·m·n as an integer, so the exact p-value compares integers.
    static func maximumGap(_ a: [Double], _ b: [Double]) -> Int {
        let m = a.count, n = b.count
        var i = 0, j = 0, gap = 0
        while i < m || j < n {
            let x = min(i < m ? a[i] : .infinity, j < n ? b[j] : .infinity)
            while i < m && a[i] == x { i += 1 }
            while j < n && b[j] == x { j += 1 }
            gap = max(gap, abs(i * n - j * m))
        }
        return gap
    }

    /// P(D ≥ gap/(mn)) under the null hypothesis, for samples without ties.
    static func exactUpperTail(m: Int, n: Int, gap: Int) -> Double {
        guard gap > 0 else { return 1 }
        // inside[j] after row i: the probability that a uniformly random path to (i, j) stayed
        // strictly inside the band |i·n − j·m| < gap. A path to (i, j) comes from (i−1, j) with
        // probability i/(i+j) and from (i, j−1) with j/(i+j).
        var inside = [Double](repeating: 0, count: n + 1)
        inside[0] = 1
        for j in 1...n { inside[j] = abs(j * m) < gap ? inside[j - 1] : 0 }
        if m >= 1 {
            for i in 1...m {
                inside[0] = abs(i * n) < gap ? inside[0] : 0
                for j in 1...n {
                    if abs(i * n - j * m) >= gap {
                        inside[j] = 0
                    } else {
                        let total = Double(i + j)
                        inside[j] = inside[j] * (Double(i) / total) + inside[j - 1] * (Double(j) / total)
                    }
                }
            }
        }
        return 1 - inside[n]
    }
}

/// The limiting distribution of √n·D (Kolmogorov 1933).
///
/// GSL has no Kolmogorov distribution (its `gsl_cdf_*` families are the classical ones), so its
/// upper tail is written here from the two standard series, each used where it converges fast:
/// Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} e^{−2k²λ²} for λ ≥ 1, and
/// Q(λ) = 1 − (√(2π)/λ) Σ_{k≥1} e^{−(2k−1)²π²/(8λ²)} below. The same as
/// `scipy.stats.kstwobign.sf`.
public enum KolmogorovDistribution {
    public static func upperTail(_ lambda: Double) -> Double {
        guard lambda > 0 else { return 1 }
        if lambda < 1 {
            let factor = -Double.pi * Double.pi / (8 * lambda * lambda)
            var sum = 0.0
            for k in 1...20 {
                let odd = Double(2 * k - 1)
                let term = exp(odd * odd * factor)
                sum += term
                if term < 1e-17 * sum { break }
            }
            return min(1, max(0, 1 - (2 * Double.pi).squareRoot() / lambda * sum))
        }
        var sum = 0.0
        for k in 1...100 {
            let kk = Double(k)
            let term = exp(-2 * kk * kk * lambda * lambda)
            sum += k % 2 == 1 ? term : -term
            if term < 1e-17 { break }
        }
        return min(1, max(0, 2 * sum))
    }
}

/// A test of equal proportions between two independent binomial samples: x₁ of n₁ and x₂ of n₂.
///
/// The pooled two-proportion z-test, z = (p̂₂ − p̂₁)/√(p̂(1 − p̂)(1/n₁ + 1/n₂)), two-sided p from
/// GSL's normal upper tail. The normal approximation overstates significance when counts are
/// small, so when any expected cell count nᵢ·p̂ or nᵢ·(1 − p̂) is below 5 Fisher's exact test
/// (two-sided, summing the tables no more probable than the observed one, as R and SciPy do) is
/// used instead.
public enum TwoProportionTest {
    public enum Method: String, Sendable { case z = "two-proportion z", fisher = "Fisher exact" }

    /// Nil when either sample is empty.
    public static func test(successes x1: Int, trials n1: Int, successes x2: Int, trials n2: Int) -> (result: TestResult, method: Method)? {
        guard n1 > 0, n2 > 0, x1 >= 0, x2 >= 0, x1 <= n1, x2 <= n2 else { return nil }
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        let expected = [Double(n1) * pooled, Double(n1) * (1 - pooled), Double(n2) * pooled, Double(n2) * (1 - pooled)]
        if expected.contains(where: { $0 < 5 }) {
            guard let p = fisherExact(x1: x1, n1: n1, x2: x2, n2: n2) else { return nil }
            return (TestResult(statistic: Double(x1), p: p), .fisher)
        }
        return (zTest(x1: x1, n1: n1, x2: x2, n2: n2), .z)
    }

    /// The pooled z-test alone (p = 1 when both samples are all successes or all failures).
    public static func zTest(x1: Int, n1: Int, x2: Int, n2: Int) -> TestResult {
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2)
        let pooled = Double(x1 + x2) / Double(n1 + n2)
        let se = (pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))).squareRoot()
        guard se > 0 else { return TestResult(statistic: 0, p: 1) }
        let z = (p2 - p1) / se
        let tail = (try? GSLMath.normalUpperTail(abs(z))) ?? 0
        return TestResult(statistic: z, p: 2 * tail)
    }

    /// Fisher's exact test on the 2×2 table [[x1, n1 − x1], [x2, n2 − x2]], two-sided.
    public static func fisherExact(x1: Int, n1: Int, x2: Int, n2: Int) -> Double? {
        let total = n1 + n2, successes = x1 + x2
        // P(X = k): k successes among the n1 baseline trials, given the margins.
        func logProbability(_ k: Int) -> Double? {
            guard let a = try? GSLMath.logChoose(successes, k), let b = try? GSLMath.logChoose(total - successes, n1 - k),
                  let c = try? GSLMath.logChoose(total, n1) else { return nil }
            return a + b - c
        }
        let low = max(0, n1 - (total - successes)), high = min(n1, successes)
        guard let observed = logProbability(x1) else { return nil }
        var p = 0.0
        for k in low...high {
            guard let value = logProbability(k) else { return nil }
            // The relative tolerance R and SciPy use, so that tables as probable as the observed
            // one are not dropped by rounding.
            if value <= observed + 1e-7 { p += exp(value) }
        }
        return min(1, p)
    }
}

/// Holm's step-down adjustment (Holm 1979): with p-values sorted p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted
/// p₍ᵢ₎ is max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎). Rejecting every hypothesis whose adjusted
/// p-value is ≤ α keeps the family-wise error rate at α under any dependence between the tests.
/// The same as `statsmodels.stats.multitest.multipletests(p, method="holm")`.
public enum Holm {
    /// The adjusted p-values, in the order given.
    public static func adjust(_ p: [Double]) -> [Double] {
        let m = p.count
        let order = p.indices.sorted { (p[$0], $0) < (p[$1], $1) }
        var adjusted = [Double](repeating: 1, count: m)
        var running = 0.0
        for (rank, index) in order.enumerated() {
            running = max(running, min(1, Double(m - rank) * p[index]))
            adjusted[index] = running
        }
        return adjusted
    }
}

/// Mean, sample variance and median of a sample (two-pass, so accurate for large means).
public struct Descriptive: Sendable, Equatable {
    public var count: Int
    public var mean: Double
    /// Sample variance (n − 1 in the denominator); 0 for fewer than 2 values.
    public var variance: Double
    public var median: Double

    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            mean = .nan
            variance = 0
            median = .nan
            return
        }
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        variance = values.count < 2 ? 0 : values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        let sorted = values.sorted()
        let middle = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    public var standardDeviation: Double { variance.squareRoot() }
}
