import Testing
import SimKernel

/// Mean and unbiased variance by the textbook two-pass formula.
func twoPass(_ values: [Double]) -> (mean: Double, variance: Double) {
    let mean = values.reduce(0, +) / Double(values.count)
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (mean, squares / Double(values.count - 1))
}

func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), .leastNormalMagnitude) }

func sample(seed: UInt64, count: Int, offset: Double, scale: Double) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in offset + scale * Double.random(in: -1..<1, using: &generator) }
}

@Suite("WelfordAccumulator")
struct WelfordAccumulatorTests {
    @Test func emptyAndSingleObservation() {
        var accumulator = WelfordAccumulator()
        #expect(accumulator.count == 0 && accumulator.mean == 0 && accumulator.variance == 0)
        #expect(accumulator.standardError == 0)
        accumulator.add(3.5)
        #expect(accumulator.count == 1 && accumulator.mean == 3.5 && accumulator.variance == 0)
        #expect(accumulator.minimum == 3.5 && accumulator.maximum == 3.5)
    }

    @Test func handComputedExample() {
        var accumulator = WelfordAccumulator()
        for value in [2.0, 4, 4, 4, 5, 5, 7, 9] { accumulator.add(value) }
        // Mean 5, sum of squared deviations 32, variance 32/7.
        #expect(accumulator.mean == 5)
        #expect(abs(accumulator.variance - 32.0 / 7) < 1e-14)
        #expect(abs(accumulator.standardDeviation - (32.0 / 7).squareRoot()) < 1e-14)
        #expect(abs(accumulator.standardError - (32.0 / 7 / 8).squareRoot()) < 1e-14)
        #expect(accumulator.minimum == 2 && accumulator.maximum == 9)
    }

    /// Includes large offsets, where the naive Σx² − n·mean² formula loses every digit (its
    /// relative error grows like κ²·ε with κ = |mean| / sd: ~10² at offset 1e9). Welford's error
    /// grows like κ·ε (each update rounds the running mean to the ulp of the offset), so the
    /// variance tolerance is 1e-12 + 10·κ·ε: 2e-6 at offset 1e9, 2e-11 at offset 5 / sd 6e-4.
    @Test(arguments: [(0.0, 1.0), (1e9, 1.0), (-5.0, 1e-3)])
    func matchesTwoPass(offset: Double, scale: Double) {
        let values = sample(seed: 11, count: 10_000, offset: offset, scale: scale)
        var accumulator = WelfordAccumulator()
        for value in values { accumulator.add(value) }
        let reference = twoPass(values)
        let condition = abs(reference.mean) / reference.variance.squareRoot()
        let tolerance = 1e-12 + 10 * condition * Double.ulpOfOne
        #expect(accumulator.count == values.count)
        #expect(relativeError(accumulator.mean, reference.mean) < 1e-12)
        #expect(relativeError(accumulator.variance, reference.variance) < tolerance,
                "variance \(accumulator.variance) vs two-pass \(reference.variance), tolerance \(tolerance)")
        // The naive one-pass formula, for contrast: far off at the large offset.
        let sumOfSquares = values.reduce(0) { $0 + $1 * $1 }
        let naive = (sumOfSquares - Double(values.count) * reference.mean * reference.mean) / Double(values.count - 1)
        if offset == 1e9 { #expect(relativeError(naive, reference.variance) > 1e-3) }
        #expect(accumulator.minimum == values.min() && accumulator.maximum == values.max())
    }

    @Test func mergeEqualsAddingAll() {
        let values = sample(seed: 5, count: 3_001, offset: 1e6, scale: 10)
        var all = WelfordAccumulator()
        for value in values { all.add(value) }
        // Uneven chunks, including an empty one and a single observation.
        let cuts = [0, 0, 1, 700, 2_900, values.count]
        var merged = WelfordAccumulator()
        for (start, end) in zip(cuts, cuts.dropFirst()) {
            var part = WelfordAccumulator()
            for value in values[start..<end] { part.add(value) }
            merged.merge(part)
        }
        #expect(merged.count == all.count)
        #expect(relativeError(merged.mean, all.mean) < 1e-14)
        #expect(relativeError(merged.variance, all.variance) < 1e-9)
        #expect(merged.minimum == all.minimum && merged.maximum == all.maximum)
        // Merging an empty accumulator changes nothing; merging into an empty one copies.
        var copy = all
        copy.merge(WelfordAccumulator())
        #expect(copy == all)
        var empty = WelfordAccumulator()
        empty.merge(all)
        #expect(empty == all)
    }
}

@Suite("TimeWeightedAccumulator")
struct TimeWeightedAccumulatorTests {
    /// Value 2 from t = 1, 5 from 3, 0 from 4, 1 from 8; at t = 10 the area is
    /// 2·2 + 5·1 + 0·4 + 1·2 = 11 over a span of 9.
    @Test func handComputedExample() {
        var accumulator = TimeWeightedAccumulator(initialValue: 2, at: 1)
        #expect(accumulator.mean(at: 1) == 2, "no time has passed: the current value")
        accumulator.update(to: 5, at: 3)
        accumulator.update(to: 0, at: 4)
        #expect(accumulator.mean(at: 4) == 9.0 / 3)
        accumulator.update(to: 1, at: 8)
        #expect(accumulator.mean(at: 10) == 11.0 / 9)
        #expect(accumulator.value == 1 && accumulator.maximum == 5)
        // Several changes at one instant count only the last value.
        accumulator.update(to: 7, at: 10)
        accumulator.update(to: 3, at: 10)
        #expect(accumulator.mean(at: 12) == (11.0 + 6) / 11)
        #expect(accumulator.maximum == 7)
    }

    @Test func resetIntegralKeepsTheValue() {
        var accumulator = TimeWeightedAccumulator()
        accumulator.update(to: 4, at: 2)
        accumulator.update(to: 1, at: 6)
        accumulator.resetIntegral(at: 7)
        #expect(accumulator.value == 1 && accumulator.maximum == 1)
        #expect(accumulator.mean(at: 7) == 1)
        accumulator.update(to: 3, at: 9)
        // [7, 9): 1, [9, 11): 3 → area 8 over 4.
        #expect(accumulator.mean(at: 11) == 2)
        #expect(accumulator.maximum == 3)
    }
}
