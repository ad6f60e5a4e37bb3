public import ExerciseModel
public import Stochastics

/// A design that cannot be built (a range factor in a full factorial, too many Sobol factors…).
public struct SweepDesignError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

/// The design points of a sweep: one row of factor values per point, in factor order.
///
/// - Full factorial: the cartesian product of the factors' `levels`, the last factor varying
///   fastest (like nested loops, or R's `expand.grid` with the factors reversed).
/// - Latin hypercube of n points: each factor's range is cut into n equal strata; each point
///   takes, for every factor, one stratum (a random permutation per factor, so each stratum is
///   used exactly once) at a uniform position within it. All randomness comes from the stream
///   derived from (seed, purpose `sweep.design`): for each factor in order, a Fisher–Yates
///   shuffle of the n strata, then n uniform offsets.
/// - Sobol of n points: the first n points of GSL's Sobol sequence in as many dimensions as
///   there are factors (at most 40). GSL does not emit the origin, so no point is skipped.
///
/// A unit coordinate u ∈ [0, 1) becomes a factor value by `value(_:in:integer:)`.
public struct SweepDesign: Sendable, Equatable {
    public let kind: SweepDesignKind
    public let points: [[Double]]

    /// The purpose of the stream that draws Latin hypercube permutations and offsets.
    public static let purpose = StreamPurpose("sweep.design")

    public init(kind: SweepDesignKind, points: [[Double]]) {
        self.kind = kind
        self.points = points
    }

    /// The design of `specification` (its seed drives the Latin hypercube).
    public init(_ specification: SweepSpecification) throws(SweepDesignError) {
        try self.init(kind: specification.design, domains: specification.factors.map(\.domain),
                      integer: specification.factors.map(\.factor.isInteger), seed: specification.seed)
    }

    public init(kind: SweepDesignKind, domains: [FactorDomain], integer: [Bool], seed: UInt64) throws(SweepDesignError) {
        guard domains.count == integer.count else { throw SweepDesignError("\(integer.count) integer flags for \(domains.count) factors") }
        self.kind = kind
        let unit: [[Double]]
        switch kind {
        case .fullFactorial:
            var levels: [[Double]] = []
            for (index, domain) in domains.enumerated() {
                guard case .levels(let values) = domain, !values.isEmpty else {
                    throw SweepDesignError("a full-factorial design needs levels for every factor (factor \(index + 1) has a range)")
                }
                levels.append(values)
            }
            points = Self.fullFactorial(levels)
            return
        case .latinHypercube(let count):
            guard count >= 1 else { throw SweepDesignError("a Latin hypercube needs at least 1 point") }
            let stream = RandomStream(master: seed, replication: 0, purpose: Self.purpose)
            unit = Self.latinHypercube(points: count, dimensions: domains.count, stream: stream)
        case .sobol(let count):
            guard count >= 1 else { throw SweepDesignError("a Sobol design needs at least 1 point") }
            do {
                unit = try Self.sobol(points: count, dimensions: domains.count)
            } catch {
                throw SweepDesignError("the Sobol sequence failed: \(error.description)")
            }
        }
        points = unit.map { row in row.indices.map { Self.value(row[$0], in: domains[$0], integer: integer[$0]) } }
    }

    /// Every combination of `levels`, the last factor fastest.
    ///
    /// - Complexity: O(d · ∏ levels) for d factors.
    public static func fullFactorial(_ levels: [[Double]]) -> [[Double]] {
        var rows: [[Double]] = [[]]
        for factorLevels in levels {
            rows = rows.flatMap { row in factorLevels.map { row + [$0] } }
        }
        return rows
    }

    /// `points` points of a Latin hypercube in the unit cube of `dimensions` dimensions: for
    /// every dimension, point i lies in stratum π(i) of n, at a uniform position within it.
    public static func latinHypercube(points n: Int, dimensions: Int, stream: RandomStream) -> [[Double]] {
        var rows = [[Double]](repeating: [Double](repeating: 0, count: dimensions), count: n)
        for dimension in 0..<dimensions {
            var strata = Array(0..<n)
            if n > 1 {
                for index in stride(from: n - 1, to: 0, by: -1) {
                    strata.swapAt(index, stream.uniformIndex(below: index + 1))
                }
            }
            for point in 0..<n {
                rows[point][dimension] = (Double(strata[point]) + stream.uniform()) / Double(n)
            }
        }
        return rows
    }

    /// The first `points` points of GSL's Sobol sequence in `dimensions` dimensions (≤ 40).
    public static func sobol(points: Int, dimensions: Int) throws(GSLError) -> [[Double]] {
        guard dimensions > 0 else { return [[Double]](repeating: [], count: points) }
        let sequence = try QuasiRandomSequence(sobolDimension: dimensions)
        return try sequence.next(points)
    }

    /// The factor value at unit coordinate `u` ∈ [0, 1): for a range, lower + u·(upper − lower);
    /// for an integer range, the ⌊u·m⌋-th of its m whole numbers (lower, lower + 1, …, upper),
    /// so each whole number gets an equal share of the strata; for levels, the ⌊u·m⌋-th of
    /// the m levels.
    public static func value(_ u: Double, in domain: FactorDomain, integer: Bool) -> Double {
        let clamped = min(max(u, 0), 1)
        switch domain {
        case .range(let lower, let upper):
            guard integer else { return lower + clamped * (upper - lower) }
            let low = lower.rounded(.up), high = upper.rounded(.down)
            let count = Int(high - low) + 1
            guard count > 1 else { return low }
            return low + Double(min(Int(clamped * Double(count)), count - 1))
        case .levels(let levels):
            guard !levels.isEmpty else { return 0 }
            return levels[min(Int(clamped * Double(levels.count)), levels.count - 1)]
        }
    }
}
