internal import CGSL

/// A low-discrepancy (quasi-random) sequence of points in the unit cube [0, 1)^d: GSL's Sobol
/// generator (`gsl_qrng_sobol`, Bratley & Fox's Algorithm 659), owned by this object.
///
/// Unlike a `RandomStream`, the sequence has no seed: the nth point is the same in every run.
/// GSL's Sobol sequence does not emit the origin; its first point is (0.5, …, 0.5), then
/// (0.75, 0.25, …), (0.25, 0.75, …). The generator is created in `init` and freed in `deinit`;
/// nothing else holds the pointer, and every status GSL returns is checked.
public final class QuasiRandomSequence {
    /// The largest dimension GSL's Sobol tables cover.
    public static let maximumDimension = 40

    let generator: UnsafeMutablePointer<gsl_qrng>
    /// Coordinates per point.
    public let dimension: Int
    /// Points drawn so far.
    public private(set) var count = 0

    /// A Sobol sequence of `dimension` coordinates, 1 ≤ dimension ≤ `maximumDimension`.
    ///
    /// The dimension is checked here: `gsl_qrng_alloc` ignores the status of the generator's own
    /// initialisation, so an out-of-range dimension would give a generator with undefined state.
    public init(sobolDimension dimension: Int) throws(GSLError) {
        GSLRuntime.prepare()
        guard dimension >= 1 && dimension <= Self.maximumDimension else {
            throw GSLError(status: Int32(GSL_EINVAL), operation: "gsl_qrng_alloc(sobol, dimension \(dimension)): the dimension must be 1…\(Self.maximumDimension)")
        }
        guard let generator = gsl_qrng_alloc(jtx_qrng_type_sobol(), UInt32(dimension)) else {
            throw GSLError(status: Int32(GSL_ENOMEM), operation: "gsl_qrng_alloc(sobol, dimension \(dimension))")
        }
        self.generator = generator
        self.dimension = dimension
    }

    deinit {
        gsl_qrng_free(generator)
    }

    /// The next point, `dimension` coordinates in [0, 1).
    public func next() throws(GSLError) -> [Double] {
        var point = [Double](repeating: 0, count: dimension)
        let status = point.withUnsafeMutableBufferPointer { gsl_qrng_get(generator, $0.baseAddress) }
        try GSLRuntime.check(status, "gsl_qrng_get(sobol, point \(count))")
        count += 1
        return point
    }

    /// The next `points` points.
    public func next(_ points: Int) throws(GSLError) -> [[Double]] {
        var result: [[Double]] = []
        result.reserveCapacity(max(0, points))
        for _ in 0..<max(0, points) { result.append(try next()) }
        return result
    }
}

@available(*, unavailable, message: "a QuasiRandomSequence owns mutable GSL state; use it on one thread")
extension QuasiRandomSequence: Sendable {}
