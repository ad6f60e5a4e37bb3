/// Sample quantile by linear interpolation between order statistics (Hyndman & Fan type 7,
/// the default of R and NumPy): for sorted x₁…xₙ, position h = (n − 1)·p, interpolate between
/// x⌊h⌋ and x⌈h⌉. Returns nil for an empty sample.
public func quantile(sorted values: [Double], _ p: Double) -> Double? {
    guard let first = values.first else { return nil }
    guard values.count > 1 else { return first }
    let position = Double(values.count - 1) * min(max(p, 0), 1)
    let lower = Int(position)
    let upper = min(lower + 1, values.count - 1)
    let fraction = position - Double(lower)
    return values[lower] + fraction * (values[upper] - values[lower])
}

/// p50, p90 and p95 of a sample, with its mean and size: how planners read a time.
public struct Spread: Codable, Sendable, Equatable {
    public var count: Int
    public var mean: Double?
    public var p50: Double?
    public var p90: Double?
    public var p95: Double?

    /// The spread of `values` (any order), each divided by `unit` (e.g. 3600 for hours).
    public init(_ values: [Double], unit: Double = 1) {
        let sorted = values.map { $0 / unit }.sorted()
        count = sorted.count
        mean = sorted.isEmpty ? nil : sorted.reduce(0, +) / Double(sorted.count)
        p50 = quantile(sorted: sorted, 0.50)
        p90 = quantile(sorted: sorted, 0.90)
        p95 = quantile(sorted: sorted, 0.95)
    }
}
