/// The ordinary least-squares fit of y on the columns of X plus an intercept.
public struct LeastSquaresFit: Sendable, Equatable {
    /// The intercept, then one coefficient per column of X.
    public var coefficients: [Double]
    /// Standard errors of `coefficients`, from σ̂²·(XᵀX)⁻¹ with σ̂² = RSS / (n − p); nil when
    /// there are no residual degrees of freedom (n = p).
    public var standardErrors: [Double]?
    /// n − p: observations minus coefficients.
    public var residualDegreesOfFreedom: Int
    /// 1 − RSS/TSS; nil when y is constant (to rounding).
    public var rSquared: Double?
}

/// Ordinary least squares by the normal equations (XᵀX)β = Xᵀy, solved by a Cholesky
/// decomposition.
///
/// Why not a library: GSL's `gsl_multifit_linear` is reachable only through the Stochastics
/// module's internal C shim, and wrapping it (with its matrix and workspace handles) would add
/// more code than these few lines. The systems are tiny (at most 41 unknowns: an intercept and
/// 40 factors) and well conditioned, because sweep factors are scaled to [−1, 1] and the designs
/// are nearly orthogonal, so forming XᵀX loses nothing that matters here.
public enum LeastSquares {
    /// The fit of `y` on the rows of `x` (n rows of k regressors) plus an intercept; nil when
    /// n < k + 1 or XᵀX is singular (collinear regressors).
    ///
    /// - Complexity: O(n·p² + p³) for p = k + 1.
    public static func fit(_ x: [[Double]], _ y: [Double]) -> LeastSquaresFit? {
        let n = y.count
        guard n == x.count, n > 0 else { return nil }
        let p = (x.first?.count ?? 0) + 1
        guard n >= p, x.allSatisfy({ $0.count == p - 1 }) else { return nil }
        let rows = x.map { [1.0] + $0 }
        var normal = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var moment = [Double](repeating: 0, count: p)
        for (row, value) in zip(rows, y) {
            for i in 0..<p {
                moment[i] += row[i] * value
                for j in 0...i { normal[i][j] += row[i] * row[j] }
            }
        }
        for i in 0..<p { for j in 0..<i { normal[j][i] = normal[i][j] } }
        guard let lower = cholesky(normal) else { return nil }
        let beta = solve(lower: lower, moment)
        var rss = 0.0
        for (row, value) in zip(rows, y) {
            var fitted = 0.0
            for i in 0..<p { fitted += row[i] * beta[i] }
            rss += (value - fitted) * (value - fitted)
        }
        let mean = y.reduce(0, +) / Double(n)
        let tss = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let freedom = n - p
        var errors: [Double]?
        if freedom > 0 {
            let sigma2 = rss / Double(freedom)
            // Diagonal of (XᵀX)⁻¹: column i of the inverse solves (XᵀX)c = e_i.
            errors = (0..<p).map { i in
                var unit = [Double](repeating: 0, count: p)
                unit[i] = 1
                return (sigma2 * max(0, solve(lower: lower, unit)[i])).squareRoot()
            }
        }
        return LeastSquaresFit(coefficients: beta, standardErrors: errors, residualDegreesOfFreedom: freedom,
                               rSquared: tss > 1e-24 * Double(n) * max(1, mean * mean) ? max(0, 1 - rss / tss) : nil)
    }

    /// The lower-triangular L with LLᵀ = `a` (symmetric); nil when `a` is not positive definite
    /// to working precision (a pivot at most 1e-12 of the largest diagonal entry).
    static func cholesky(_ a: [[Double]]) -> [[Double]]? {
        let p = a.count
        let scale = a.indices.map { a[$0][$0] }.max() ?? 0
        guard scale > 0 else { return nil }
        var lower = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for i in 0..<p {
            for j in 0...i {
                var sum = a[i][j]
                for k in 0..<j { sum -= lower[i][k] * lower[j][k] }
                if i == j {
                    guard sum > 1e-12 * scale else { return nil }
                    lower[i][i] = sum.squareRoot()
                } else {
                    lower[i][j] = sum / lower[j][j]
                }
            }
        }
        return lower
    }

    /// Solves LLᵀx = b by forward then backward substitution.
    static func solve(lower: [[Double]], _ b: [Double]) -> [Double] {
        let p = b.count
        var z = b
        for i in 0..<p {
            for k in 0..<i { z[i] -= lower[i][k] * z[k] }
            z[i] /= lower[i][i]
        }
        for i in stride(from: p - 1, through: 0, by: -1) {
            for k in (i + 1)..<p { z[i] -= lower[k][i] * z[k] }
            z[i] /= lower[i][i]
        }
        return z
    }
}
