import Foundation
import Testing
@testable import Regression

/// The comparison's statistics against values computed with SciPy 1.17.1 (Python 3.11), each
/// call written next to the value; Holm's adjustment against a hand computation (the same as
/// R's `p.adjust(p, "holm")`).
@Suite struct HypothesisTestValues {
    static let a = [12.1, 14.3, 11.8, 15.2, 13.9, 12.7, 16.1, 13.3, 14.8, 12.2]
    static let b = [15.4, 17.2, 14.9, 18.3, 16.6, 15.1, 17.9, 16.2, 14.4, 19.0, 16.8, 15.7]

    /// Deterministic samples without ties: fractional parts of multiples of irrational-ish
    /// constants (the same IEEE operations as Python's `math.fmod(i * c, 1.0) * 10`).
    static func spread(_ count: Int, _ constant: Double, shift: Double) -> [Double] {
        (1...count).map { (Double($0) * constant).truncatingRemainder(dividingBy: 1) * 10 + shift }
    }

    func close(_ actual: Double?, _ expected: Double, relative: Double = 1e-9) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= relative * max(abs(expected), 1e-300)
    }

    @Test func welchMatchesSciPy() throws {
        // stats.ttest_ind(b, a, equal_var=False) -> statistic 4.534294305651887, pvalue 0.00022133775233678437 (df 19.2059)
        let result = try #require(WelchTest.test(Self.a, Self.b))
        #expect(close(result.statistic, 4.534294305651887))
        #expect(close(result.p, 0.00022133775233678437, relative: 1e-7))
        // stats.ttest_ind([1,2,3,4,5], [1.5,...,6.5], equal_var=False) -> -0.9607689228305228, 0.3617968162297748 (sign: b − a here)
        let second = try #require(WelchTest.test([1.5, 2.5, 3.5, 4.5, 5.5, 6.5], [1, 2, 3, 4, 5]))
        #expect(close(second.statistic, -0.9607689228305228))
        #expect(close(second.p, 0.3617968162297748, relative: 1e-7))
        // stats.ttest_ind(b, a, equal_var=False) on the 100/120 spreads -> 2.070183101698419, 0.03965429209116646
        let third = try #require(WelchTest.test(Self.spread(100, 0.6180339887, shift: 0), Self.spread(120, 0.4142135623, shift: 0.8)))
        #expect(close(third.statistic, 2.070183101698419))
        #expect(close(third.p, 0.03965429209116646, relative: 1e-7))
    }

    @Test func welchDegenerateCases() {
        #expect(WelchTest.test([1], [1, 2]) == nil)
        #expect(WelchTest.test([3, 3, 3], [3, 3])?.p == 1)
        #expect(WelchTest.test([3, 3, 3], [4, 4])?.p == 0)
    }

    @Test func kolmogorovSmirnovMatchesSciPyExact() throws {
        // stats.ks_2samp(a, b, method="exact") -> statistic 0.7166666666666667, pvalue 0.003918681937257788
        let small = try #require(KolmogorovSmirnovTest.test(Self.a, Self.b))
        #expect(close(small.statistic, 0.7166666666666667))
        #expect(close(small.p, 0.003918681937257788, relative: 1e-8))
        let x = [0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64, 0.05, -0.06, 0.64, -0.82, 0.37, 1.77, 1.09, -1.28, 2.36,
                 1.31, 1.05, -0.32, -0.4, 1.06, -2.47]
        let y = [2.2, 1.66, 1.38, 0.2, 0.36, 0, 0.96, 1.56, 0.44, 1.5, -0.3, 0.66, 2.31, 3.29, -0.27, -0.37, 0.38, 0.7, 0.52, -0.71]
        // stats.ks_2samp(x, y, method="exact") -> 0.23, 0.5286364448145011
        let medium = try #require(KolmogorovSmirnovTest.test(x, y))
        #expect(close(medium.statistic, 0.23))
        #expect(close(medium.p, 0.5286364448145011, relative: 1e-8))
        // 100 vs 120 values -> 0.09833333333333333, 0.6297162797270464
        let large = try #require(KolmogorovSmirnovTest.test(Self.spread(100, 0.6180339887, shift: 0), Self.spread(120, 0.4142135623, shift: 0.8)))
        #expect(close(large.statistic, 0.09833333333333333))
        #expect(close(large.p, 0.6297162797270464, relative: 1e-8))
        // 300 vs 250 values, shift 1.5 -> 0.15666666666666668, 0.002184718902250317
        let larger = try #require(KolmogorovSmirnovTest.test(Self.spread(300, 0.6180339887, shift: 0), Self.spread(250, 0.4142135623, shift: 1.5)))
        #expect(close(larger.statistic, 0.15666666666666668))
        #expect(close(larger.p, 0.002184718902250317, relative: 1e-7))
    }

    @Test func kolmogorovSmirnovIdenticalSamplesHavePOne() throws {
        let sample = Self.spread(80, 0.6180339887, shift: 0)
        let result = try #require(KolmogorovSmirnovTest.test(sample, sample.reversed()))
        #expect(result.statistic == 0)
        #expect(result.p == 1)
    }

    @Test func kolmogorovDistributionMatchesSciPy() {
        // stats.kstwobign.sf(lambda)
        let cases: [(Double, Double)] = [(0.3, 0.9999906941986655), (0.5, 0.9639452436648751), (0.8, 0.5441424115741981),
                                         (1.0, 0.26999967167735456), (1.2, 0.11224966667072497), (1.36, 0.049485876755377876),
                                         (1.63, 0.009846364888486529), (2.0, 0.0006709252557796953), (3.0, 3.045995948942526e-08)]
        for (lambda, expected) in cases {
            #expect(close(KolmogorovDistribution.upperTail(lambda), expected, relative: 1e-10), "Q_KS(\(lambda))")
        }
        #expect(KolmogorovDistribution.upperTail(0) == 1)
    }

    @Test func twoProportionZMatchesTheFormula() throws {
        // z = (p2 − p1)/√(p(1−p)(1/n1 + 1/n2)), p = 2·stats.norm.sf(|z|):
        // 85/100 vs 70/100 -> z −2.5400025400038104, p 0.011085166380602684
        let (first, method) = try #require(TwoProportionTest.test(successes: 85, trials: 100, successes: 70, trials: 100))
        #expect(method == .z)
        #expect(close(first.statistic, -2.5400025400038104))
        #expect(close(first.p, 0.011085166380602684, relative: 1e-9))
        // 45/200 vs 60/180 -> z 2.35800194235992, p 0.018373596820027472
        let second = TwoProportionTest.zTest(x1: 45, n1: 200, x2: 60, n2: 180)
        #expect(close(second.statistic, 2.35800194235992))
        #expect(close(second.p, 0.018373596820027472, relative: 1e-9))
        #expect(TwoProportionTest.zTest(x1: 50, n1: 50, x2: 30, n2: 30).p == 1)
    }

    @Test func fisherExactMatchesSciPyForSmallCounts() throws {
        // stats.fisher_exact([[1, 99], [6, 94]]).pvalue -> 0.11840538106385107 (expected successes 3.5 < 5: Fisher, not z)
        let (first, method) = try #require(TwoProportionTest.test(successes: 1, trials: 100, successes: 6, trials: 100))
        #expect(method == .fisher)
        #expect(close(first.p, 0.11840538106385107, relative: 1e-8))
        // stats.fisher_exact([[3, 97], [10, 90]]).pvalue -> 0.08179405296897922
        #expect(close(TwoProportionTest.fisherExact(x1: 3, n1: 100, x2: 10, n2: 100), 0.08179405296897922, relative: 1e-8))
        // stats.fisher_exact([[1, 9], [11, 3]]).pvalue -> 0.0027594561852200836
        #expect(close(TwoProportionTest.fisherExact(x1: 1, n1: 10, x2: 11, n2: 14), 0.0027594561852200836, relative: 1e-8))
        // stats.fisher_exact([[98, 2], [100, 0]]).pvalue -> 0.49748743718592964
        #expect(close(TwoProportionTest.fisherExact(x1: 98, n1: 100, x2: 100, n2: 100), 0.49748743718592964, relative: 1e-8))
    }

    @Test func holmMatchesAHandComputation() {
        // Sorted 0.005, 0.01, 0.03, 0.04, 0.2 times 5, 4, 3, 2, 1 = 0.025, 0.04, 0.09, 0.08 -> 0.09 (monotone), 0.2;
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2), "holm") = 0.040 0.090 0.090 0.025 0.200
        let adjusted = Holm.adjust([0.01, 0.04, 0.03, 0.005, 0.2])
        let expected = [0.04, 0.09, 0.09, 0.025, 0.2]
        for (value, target) in zip(adjusted, expected) { #expect(close(value, target, relative: 1e-12)) }
        #expect(Holm.adjust([0.5, 0.6]) == [1, 1])
        #expect(Holm.adjust([]) == [])
    }

    @Test func metricPatternsMatchWithStars() {
        #expect(MetricPattern("objective.*").matches("objective.case-opened.met"))
        #expect(MetricPattern("agency.*.utilisation").matches("agency.ARC-CT.utilisation"))
        #expect(!MetricPattern("agency.*.utilisation").matches("agency.ARC-CT.queue_wait_hours"))
        #expect(MetricPattern("events").matches("events"))
        #expect(!MetricPattern("events").matches("events2"))
        #expect(MetricPattern.list(" a , b,,").map(\.text) == ["a", "b"])
    }
}
