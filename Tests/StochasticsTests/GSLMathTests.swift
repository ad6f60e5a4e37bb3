import Foundation
import Stochastics
import Testing

@Suite("GSL special functions and errors")
struct GSLMathTests {
    /// GSL's status codes from gsl_errno.h.
    private static let edom: Int32 = 1

    /// ln Γ at its poles (0 and the negative integers) throws a GSLError with GSL's status GSL_EDOM
    /// (gsl_sf_lngamma_e reports a domain error there), and the process does not abort.
    @Test(arguments: [-1.0, 0, -2, -10])
    func logGammaPoleThrowsDomainError(_ x: Double) {
        #expect {
            _ = try GSLMath.logGamma(x)
        } throws: { error in
            guard let gsl = error as? GSLError else { return false }
            return gsl.status == Self.edom && gsl.operation.contains("lngamma") && gsl.description.contains("GSL status 1")
        }
    }

    /// Quantile and tail functions outside their domain throw GSL_EDOM instead of returning NaN.
    @Test func outOfDomainArgumentsThrow() {
        let calls: [(String, () throws(GSLError) -> Double)] = [
            ("normalQuantile(1.5)", { () throws(GSLError) in try GSLMath.normalQuantile(1.5) }),
            ("normalQuantile(0)", { () throws(GSLError) in try GSLMath.normalQuantile(0) }),
            ("normalQuantile(1)", { () throws(GSLError) in try GSLMath.normalQuantile(1) }),
            ("normalQuantile(.nan)", { () throws(GSLError) in try GSLMath.normalQuantile(.nan) }),
            ("studentTQuantile(0.975, df: 0)", { () throws(GSLError) in try GSLMath.studentTQuantile(0.975, degreesOfFreedom: 0) }),
            ("studentTQuantile(-0.1, df: 5)", { () throws(GSLError) in try GSLMath.studentTQuantile(-0.1, degreesOfFreedom: 5) }),
            ("chiSquaredUpperTail(1, df: 0)", { () throws(GSLError) in try GSLMath.chiSquaredUpperTail(1, degreesOfFreedom: 0) }),
            ("chiSquaredUpperTail(.nan, df: 3)", { () throws(GSLError) in try GSLMath.chiSquaredUpperTail(.nan, degreesOfFreedom: 3) }),
        ]
        for (label, call) in calls {
            do {
                let value = try call()
                Issue.record("\(label) returned \(value) instead of throwing")
            } catch {
                #expect(error.status == Self.edom, "\(label): status \(error.status)")
            }
        }
    }

    /// Valid calls return the tabulated values: z_0.975 = 1.959963984540054 and t_0.975,10 =
    /// 2.228138851986274 to 1e-12 (GSL's quantiles are accurate to a few ulp), ln Γ(5) = ln 24 and
    /// ln Γ(0.5) = ln √π to 1e-14 relative.
    @Test func validCallsReturnTabulatedValues() throws {
        #expect(abs(try GSLMath.normalQuantile(0.975) - 1.959963984540054) <= 1e-12)
        #expect(abs(try GSLMath.normalQuantile(0.5)) <= 1e-15)
        #expect(abs(try GSLMath.normalQuantile(1 - 0.0005) - StatisticalChecks.z) <= 5e-5)  // the tests' z, 4 decimals
        #expect(abs(try GSLMath.studentTQuantile(0.975, degreesOfFreedom: 10) - 2.228138851986274) <= 1e-12)
        #expect(StatisticalChecks.agreesRelatively(try GSLMath.logGamma(5), log(24.0), tolerance: 1e-14))
        #expect(StatisticalChecks.agreesRelatively(try GSLMath.logGamma(0.5), log(Double.pi.squareRoot()), tolerance: 1e-14))
    }

    /// The chi-squared upper tail used by the goodness-of-fit tests: with 2 df it is exactly
    /// e^(−x/2), and Q(3.841458820694124; 1) = 0.05 (tabulated); both to 1e-12 relative.
    @Test func chiSquaredUpperTailMatchesClosedForms() throws {
        for x in [0.1, 1, 5, 20, 60] {
            let tail = try GSLMath.chiSquaredUpperTail(x, degreesOfFreedom: 2)
            #expect(StatisticalChecks.agreesRelatively(tail, exp(-x / 2), tolerance: 1e-12), "x = \(x)")
        }
        let critical = try GSLMath.chiSquaredUpperTail(3.841458820694124, degreesOfFreedom: 1)
        #expect(StatisticalChecks.agreesRelatively(critical, 0.05, tolerance: 1e-12))
        #expect(try GSLMath.chiSquaredUpperTail(0, degreesOfFreedom: 4) == 1)
    }
}
