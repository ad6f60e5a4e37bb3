internal import CGSL

/// A failure reported by GSL through its status codes, or a NaN where a number was due.
public struct GSLError: Error, Equatable, Sendable, CustomStringConvertible {
    /// GSL's status code (`GSL_EDOM`, `GSL_ERANGE`, …); see `gsl_errno.h`.
    public let status: Int32
    /// Which call failed, with its arguments.
    public let operation: String
    /// GSL's own wording of the status.
    public let reason: String

    init(status: Int32, operation: String) {
        self.status = status
        self.operation = operation
        if let text = gsl_strerror(status) {
            self.reason = String(cString: text)
        } else {
            self.reason = "unknown GSL status \(status)"
        }
    }

    public var description: String { "\(operation) failed: \(reason) (GSL status \(status))" }
}

/// Process-wide GSL set-up, done once before any call into GSL.
///
/// GSL's default error handler aborts the process on a domain error. jtx turns it off, so every
/// failure comes back as a status (or NULL, or NaN) that the Swift wrapper checks and throws.
enum GSLRuntime {
    /// Evaluated once, thread-safely, by Swift's lazy global initialisation.
    private static let handlerDisabled: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Makes sure GSL will not abort; call before any GSL function (cheap after the first time).
    @inline(__always)
    static func prepare() {
        _ = handlerDisabled
    }

    /// Throws a `GSLError` unless `status` is `GSL_SUCCESS`.
    static func check(_ status: Int32, _ operation: @autoclosure () -> String) throws(GSLError) {
        if status != Int32(GSL_SUCCESS) {
            throw GSLError(status: status, operation: operation())
        }
    }
}

/// Special functions and quantiles that later modules need (confidence intervals, tests), each
/// evaluated by GSL with its status checked.
public enum GSLMath {
    /// ln Γ(x), for x that is not a non-positive integer.
    public static func logGamma(_ x: Double) throws(GSLError) -> Double {
        GSLRuntime.prepare()
        var result = gsl_sf_result()
        try GSLRuntime.check(gsl_sf_lngamma_e(x, &result), "lngamma(\(x))")
        return result.val
    }

    /// Quantile of the standard normal distribution, for 0 < p < 1.
    public static func normalQuantile(_ p: Double) throws(GSLError) -> Double {
        try checkedQuantile(gsl_cdf_ugaussian_Pinv(p), "normal quantile(\(p))", valid: p > 0 && p < 1)
    }

    /// Quantile of Student's t distribution with `degreesOfFreedom` > 0, for 0 < p < 1.
    public static func studentTQuantile(_ p: Double, degreesOfFreedom: Double) throws(GSLError) -> Double {
        try checkedQuantile(
            gsl_cdf_tdist_Pinv(p, degreesOfFreedom), "t quantile(\(p), df \(degreesOfFreedom))",
            valid: p > 0 && p < 1 && degreesOfFreedom > 0)
    }

    /// Upper tail Q(x) = P(X > x) of the chi-squared distribution with `degreesOfFreedom` > 0.
    public static func chiSquaredUpperTail(_ x: Double, degreesOfFreedom: Double) throws(GSLError) -> Double {
        try checkedQuantile(
            gsl_cdf_chisq_Q(x, degreesOfFreedom), "chi-squared Q(\(x), df \(degreesOfFreedom))",
            valid: degreesOfFreedom > 0 && !x.isNaN)
    }

    /// Upper tail Q(t) = P(T > t) of Student's t distribution with `degreesOfFreedom` > 0
    /// (`gsl_cdf_tdist_Q`, accurate far into the tail, unlike 1 − P).
    public static func studentTUpperTail(_ t: Double, degreesOfFreedom: Double) throws(GSLError) -> Double {
        try checkedQuantile(
            gsl_cdf_tdist_Q(t, degreesOfFreedom), "t Q(\(t), df \(degreesOfFreedom))",
            valid: degreesOfFreedom > 0 && !t.isNaN)
    }

    /// Upper tail Q(z) = P(Z > z) of the standard normal distribution (`gsl_cdf_ugaussian_Q`).
    public static func normalUpperTail(_ z: Double) throws(GSLError) -> Double {
        try checkedQuantile(gsl_cdf_ugaussian_Q(z), "normal Q(\(z))", valid: !z.isNaN)
    }

    /// ln C(n, k), the log of the binomial coefficient, for 0 ≤ k ≤ n.
    public static func logChoose(_ n: Int, _ k: Int) throws(GSLError) -> Double {
        GSLRuntime.prepare()
        guard n >= 0, k >= 0, k <= n else { throw GSLError(status: Int32(GSL_EDOM), operation: "lnchoose(\(n), \(k))") }
        var result = gsl_sf_result()
        try GSLRuntime.check(gsl_sf_lnchoose_e(UInt32(n), UInt32(k), &result), "lnchoose(\(n), \(k))")
        return result.val
    }

    /// GSL's quantile functions return NaN (and no status) outside their domain.
    private static func checkedQuantile(_ value: Double, _ operation: String, valid: Bool) throws(GSLError) -> Double {
        GSLRuntime.prepare()
        guard valid, !value.isNaN else { throw GSLError(status: Int32(GSL_EDOM), operation: operation) }
        return value
    }
}
