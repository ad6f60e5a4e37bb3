import ExerciseModel
import Experiments
import Stochastics
import Testing

/// Main effects by ordinary least squares on factors scaled to [−1, 1].
@Suite("Least squares and main effects")
struct LeastSquaresTests {
    /// A noiseless response linear in the normalised factors: the fit recovers the intercept and
    /// every coefficient, with zero residual and R² = 1.
    @Test("a synthetic linear response is recovered exactly")
    func exactRecovery() throws {
        let domains = [FactorDomain.range(lower: 1, upper: 4), .range(lower: 0.5, upper: 2), .levels([0.2, 0.4, 0.9])]
        let design = try SweepDesign(kind: .latinHypercube(points: 20), domains: domains, integer: [true, false, false], seed: 3)
        let truth = [5.0, 2, -1, 0.5]
        let values: [Double?] = design.points.map { point in
            truth[0] + zip(truth.dropFirst(), zip(point, domains)).reduce(0) { $0 + $1.0 * MainEffects.normalise($1.1.0, $1.1.1) }
        }
        let effects = MainEffects.fit(metric: "m", paths: ["a", "b", "c"], domains: domains, points: design.points, values: values)
        #expect(effects.observations == 20)
        #expect(abs((effects.intercept ?? .nan) - 5) < 1e-10)
        for (effect, expected) in zip(effects.effects, truth.dropFirst()) {
            #expect(abs((effect.coefficient ?? .nan) - expected) < 1e-10, "\(effect.factor)")
            #expect((effect.standardError ?? .nan) < 1e-7)
        }
        #expect(abs((effects.rSquared ?? 0) - 1) < 1e-12)
        #expect(effects.note == nil)
    }

    /// On the 2³ factorial (replicated twice, n = 16, p = 4) XᵀX = nI, so each standard error is
    /// σ̂/√n with σ̂² = RSS/(n − p). Over 400 seeded noisy experiments the 95 % t intervals must
    /// cover the true coefficient in 380 ± 3·√(400·0.95·0.05) ≈ 380 ± 13 of them.
    @Test("standard errors: the orthogonal-design formula and the t intervals' coverage")
    func coverage() throws {
        let corners = SweepDesign.fullFactorial([[-1, 1], [-1, 1], [-1, 1]])
        let x = corners + corners
        let truth = [1.0, 0.3, -0.7, 0]
        let noise = try Distribution.normal(mean: 0, sd: 0.5)
        let t = try GSLMath.studentTQuantile(0.975, degreesOfFreedom: 12)
        var covered = 0
        for trial in 0..<400 {
            let stream = RandomStream(master: 11, replication: UInt64(trial), purpose: StreamPurpose("ols.noise"))
            let y = x.map { row in truth[0] + zip(truth.dropFirst(), row).reduce(0) { $0 + $1.0 * $1.1 } + noise.sample(stream) }
            let fit = try #require(LeastSquares.fit(x, y))
            let errors = try #require(fit.standardErrors)
            #expect(fit.residualDegreesOfFreedom == 12)
            var rss = 0.0
            for (row, value) in zip(x, y) {
                let fitted = fit.coefficients[0] + zip(fit.coefficients.dropFirst(), row).reduce(0) { $0 + $1.0 * $1.1 }
                rss += (value - fitted) * (value - fitted)
            }
            for error in errors { #expect(abs(error - (rss / 12).squareRoot() / 4) < 1e-12) }
            if abs(fit.coefficients[1] - truth[1]) <= t * errors[1] { covered += 1 }
        }
        #expect((367...393).contains(covered), "covered \(covered) of 400")
    }

    @Test("too few points, collinear factors and constant factors")
    func degenerate() {
        #expect(LeastSquares.fit([[1], [2]], [1, 2])?.standardErrors == nil)
        #expect(LeastSquares.fit([[1, 2]], [1]) == nil)
        #expect(LeastSquares.fit([[1, 2], [2, 4], [3, 6], [4, 8]], [1, 2, 3, 4]) == nil)
        let few = MainEffects.fit(metric: "m", paths: ["a", "b"], domains: [.range(lower: 0, upper: 1), .range(lower: 0, upper: 1)],
                                  points: [[0, 0], [1, 1]], values: [1, 2])
        #expect(few.intercept == nil && few.note == "2 points with a value for 3 coefficients")
        // A factor with one level does not vary: no coefficient, and the fit proceeds without it.
        let constant = MainEffects.fit(metric: "m", paths: ["a", "b"], domains: [.range(lower: 0, upper: 2), .levels([3])],
                                       points: [[0, 3], [1, 3], [2, 3]], values: [1, 2, nil])
        #expect(constant.observations == 2)
        #expect(constant.effects[1].coefficient == nil)
        #expect(abs((constant.effects[0].coefficient ?? .nan) - 1) < 1e-12)
    }
}
