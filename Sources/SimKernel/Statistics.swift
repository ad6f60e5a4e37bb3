/// Running mean and variance of a stream of observations (Welford's algorithm), with min and max.
///
/// Numerically stable for long runs; O(1) memory. Two accumulators can be merged exactly
/// (Chan et al.), which is how per-replication figures combine.
public struct WelfordAccumulator: Sendable, Equatable {
    public var count: Int { _count }
    @usableFromInline var _count: Int = 0
    public var mean: Double { _mean }
    @usableFromInline var _mean: Double = 0
    @usableFromInline var sumOfSquaredDeviations: Double = 0
    public var minimum: Double { _minimum }
    @usableFromInline var _minimum: Double = .infinity
    public var maximum: Double { _maximum }
    @usableFromInline var _maximum: Double = -.infinity

    public init() {}

    /// Adds one observation.
    @inlinable
    public mutating func add(_ value: Double) {
        _count += 1
        let delta = value - _mean
        _mean += delta / Double(_count)
        sumOfSquaredDeviations += delta * (value - _mean)
        if value < _minimum { _minimum = value }
        if value > _maximum { _maximum = value }
    }

    /// Unbiased sample variance (n − 1 in the denominator); 0 with fewer than 2 observations.
    public var variance: Double { count > 1 ? sumOfSquaredDeviations / Double(count - 1) : 0 }

    /// Sample standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    /// Standard error of the mean.
    public var standardError: Double { count > 0 ? (variance / Double(count)).squareRoot() : 0 }

    /// Folds `other` into this accumulator, as if its observations had been added here.
    public mutating func merge(_ other: WelfordAccumulator) {
        guard other.count > 0 else { return }
        guard count > 0 else { self = other; return }
        let total = count + other.count
        let delta = other.mean - mean
        _mean += delta * Double(other.count) / Double(total)
        sumOfSquaredDeviations += other.sumOfSquaredDeviations + delta * delta * Double(count) * Double(other.count) / Double(total)
        _count = total
        _minimum = Swift.min(minimum, other.minimum)
        _maximum = Swift.max(maximum, other.maximum)
    }
}

/// The time-weighted mean of a piecewise-constant quantity (queue length, busy servers).
///
/// Record every change with `update(to:at:)`; `mean(at:)` integrates the current value up to
/// the given time. `resetIntegral(at:)` starts a new observation window (e.g. after a warm-up)
/// without changing the current value.
public struct TimeWeightedAccumulator: Sendable, Equatable {
    public var value: Double { _value }
    @usableFromInline var _value: Double
    @usableFromInline var lastChange: Double
    @usableFromInline var windowStart: Double
    @usableFromInline var area: Double = 0
    public var maximum: Double { _maximum }
    @usableFromInline var _maximum: Double

    public init(initialValue: Double = 0, at time: Double = 0) {
        _value = initialValue
        lastChange = time
        windowStart = time
        _maximum = initialValue
    }

    /// The quantity changed to `newValue` at `time` (not earlier than the last change).
    @inlinable
    public mutating func update(to newValue: Double, at time: Double) {
        area += _value * (time - lastChange)
        lastChange = time
        _value = newValue
        if newValue > _maximum { _maximum = newValue }
    }

    /// The time-weighted mean over [window start, `time`]; the current value if no time has passed.
    public func mean(at time: Double) -> Double {
        let span = time - windowStart
        guard span > 0 else { return value }
        return (area + value * (time - lastChange)) / span
    }

    /// Restarts the observation window at `time`.
    public mutating func resetIntegral(at time: Double) {
        area = 0
        lastChange = time
        windowStart = time
        _maximum = _value
    }
}
