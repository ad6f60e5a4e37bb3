import ExerciseModel
import Experiments
import Stochastics
import Testing

/// The designs: Latin hypercube strata, Sobol points against GSL's sequence, full-factorial
/// order, and the mapping from unit coordinates to factor values.
@Suite("Sweep designs")
struct SweepDesignTests {
    @Test("Latin hypercube: every factor uses each of its n strata exactly once", arguments: [(1, 3), (7, 1), (16, 5), (50, 8), (101, 3)])
    func latinStrata(points: Int, dimensions: Int) throws {
        for seed: UInt64 in [1, 7, 2026] {
            let stream = RandomStream(master: seed, replication: 0, purpose: SweepDesign.purpose)
            let rows = SweepDesign.latinHypercube(points: points, dimensions: dimensions, stream: stream)
            #expect(rows.count == points)
            for dimension in 0..<dimensions {
                let strata = rows.map { Int($0[dimension] * Double(points)) }
                #expect(strata.sorted() == Array(0..<points))
                #expect(rows.allSatisfy { $0[dimension] >= 0 && $0[dimension] < 1 })
            }
        }
    }

    @Test("Latin hypercube: a function of the seed alone")
    func latinReproducible() throws {
        let domains = [FactorDomain.range(lower: 1, upper: 4), .range(lower: 0.5, upper: 2), .levels([0.1, 0.2])]
        let integer = [true, false, false]
        let first = try SweepDesign(kind: .latinHypercube(points: 12), domains: domains, integer: integer, seed: 7)
        let again = try SweepDesign(kind: .latinHypercube(points: 12), domains: domains, integer: integer, seed: 7)
        let other = try SweepDesign(kind: .latinHypercube(points: 12), domains: domains, integer: integer, seed: 8)
        #expect(first == again)
        #expect(first.points != other.points)
        // 12 points over the 4 whole numbers 1…4: each exactly 3 times; 2 levels: 6 times each.
        for value in [1.0, 2, 3, 4] { #expect(first.points.filter { $0[0] == value }.count == 3) }
        for value in [0.1, 0.2] { #expect(first.points.filter { $0[2] == value }.count == 6) }
        #expect(first.points.allSatisfy { $0[1] >= 0.5 && $0[1] < 2 })
    }

    /// GSL's Sobol sequence (Bratley & Fox): the first points in three dimensions, as printed
    /// by a C program calling gsl_qrng_get. The origin is not among them.
    @Test("Sobol: the first points are GSL's sequence")
    func sobolPoints() throws {
        let expected: [[Double]] = [
            [0.5, 0.5, 0.5], [0.75, 0.25, 0.75], [0.25, 0.75, 0.25], [0.375, 0.375, 0.625],
            [0.875, 0.875, 0.125], [0.625, 0.125, 0.375], [0.125, 0.625, 0.875], [0.1875, 0.3125, 0.3125],
        ]
        #expect(try SweepDesign.sobol(points: 8, dimensions: 3) == expected)
        let sequence = try QuasiRandomSequence(sobolDimension: 2)
        #expect(try sequence.next() == [0.5, 0.5])
        #expect(try sequence.next() == [0.75, 0.25])
        #expect(sequence.count == 2)
        let design = try SweepDesign(kind: .sobol(points: 4), domains: [.range(lower: 0, upper: 2), .range(lower: 1, upper: 4)],
                                     integer: [false, true], seed: 1)
        #expect(design.points == [[1, 3], [1.5, 2], [0.5, 4], [0.75, 2]])
    }

    @Test("Sobol: at most 40 dimensions")
    func sobolDimensions() throws {
        #expect(try QuasiRandomSequence(sobolDimension: 40).next().count == 40)
        #expect(throws: GSLError.self) { try QuasiRandomSequence(sobolDimension: 41) }
        #expect(throws: GSLError.self) { try QuasiRandomSequence(sobolDimension: 0) }
        #expect(throws: SweepDesignError.self) {
            try SweepDesign(kind: .sobol(points: 2), domains: Array(repeating: .range(lower: 0, upper: 1), count: 41),
                            integer: Array(repeating: false, count: 41), seed: 1)
        }
    }

    @Test("full factorial: every combination, the last factor fastest")
    func fullFactorial() throws {
        let design = try SweepDesign(kind: .fullFactorial, domains: [.levels([1, 2]), .levels([0.5, 1, 2]), .levels([7])],
                                     integer: [true, false, false], seed: 1)
        #expect(design.points == [[1, 0.5, 7], [1, 1, 7], [1, 2, 7], [2, 0.5, 7], [2, 1, 7], [2, 2, 7]])
        #expect(throws: SweepDesignError.self) {
            try SweepDesign(kind: .fullFactorial, domains: [.range(lower: 1, upper: 2)], integer: [false], seed: 1)
        }
    }

    @Test("unit coordinates become values: ranges linearly, integers and levels by equal shares")
    func values() {
        #expect(SweepDesign.value(0.25, in: .range(lower: 1, upper: 3), integer: false) == 1.5)
        let integers = (0..<8).map { SweepDesign.value((Double($0) + 0.5) / 8, in: .range(lower: 1, upper: 4), integer: true) }
        #expect(integers == [1, 1, 2, 2, 3, 3, 4, 4])
        #expect(SweepDesign.value(0.999_999, in: .range(lower: 1, upper: 4), integer: true) == 4)
        #expect(SweepDesign.value(0.5, in: .levels([10, 20, 40]), integer: false) == 20)
        #expect(SweepDesign.value(0, in: .levels([10, 20, 40]), integer: false) == 10)
    }
}
