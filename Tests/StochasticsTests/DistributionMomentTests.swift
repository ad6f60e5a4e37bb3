import Foundation
import Stochastics
import Testing

@Suite("Distribution moments")
struct DistributionMomentTests {
    /// Distribution.mean and .variance equal the hand-derived textbook values to 1e-9 relative
    /// (both are closed forms evaluated in double precision, so they differ by rounding only).
    @Test(arguments: FamilyCase.all)
    func analyticMomentsMatchTextbook(_ family: FamilyCase) throws {
        let distribution = try family.make()
        #expect(StatisticalChecks.agreesRelatively(distribution.mean, family.mean),
                "mean \(distribution.mean), textbook \(family.mean)")
        #expect(StatisticalChecks.agreesRelatively(distribution.variance, family.variance),
                "variance \(distribution.variance), textbook \(family.variance)")
    }

    /// Over n = 200,000 fixed-seed draws the sample mean lies within z·σ/√n of the textbook mean
    /// (z = 3.2905, two-sided 99.9 %, σ² the textbook variance), and s² lies within
    /// z·√((m4 − s⁴)/n) of the textbook variance (the large-sample standard error of s²).
    @Test(arguments: FamilyCase.all)
    func sampleMomentsLieInConfidenceIntervals(_ family: FamilyCase) throws {
        let distribution = try family.make()
        let draws = StatisticalChecks.draws(distribution, purpose: "moments.\(family.name)")
        let n = Double(draws.count)
        let sample = StatisticalChecks.moments(draws)

        let meanHalfWidth = StatisticalChecks.z * (family.variance / n).squareRoot()
        #expect(abs(sample.mean - family.mean) <= meanHalfWidth,
                "sample mean \(sample.mean), textbook \(family.mean), 99.9 % half-width \(meanHalfWidth)")

        let varianceStandardError = ((sample.fourthCentral - sample.variance * sample.variance) / n).squareRoot()
        let varianceHalfWidth = StatisticalChecks.z * varianceStandardError
        #expect(abs(sample.variance - family.variance) <= varianceHalfWidth,
                "sample variance \(sample.variance), textbook \(family.variance), 99.9 % half-width \(varianceHalfWidth)")
    }

    /// The constant distribution returns exactly its value on every one of 10,000 draws.
    @Test(arguments: [3.5, -0.0, 0, -1e300, 42])
    func constantAlwaysReturnsItsValue(_ value: Double) throws {
        let distribution = try Distribution.constant(value)
        let stream = RandomStream(master: StatisticalChecks.masterSeed, replication: 0, purpose: StreamPurpose("constant"))
        var mismatches = 0
        for _ in 0..<10_000 where distribution.sample(stream) != value { mismatches += 1 }
        #expect(mismatches == 0)
        #expect(distribution.mean == value)
        #expect(distribution.variance == 0)
        #expect(distribution.cdf(value) == 1)
        #expect(distribution.cdf(value.nextDown) == 0)
    }
}
