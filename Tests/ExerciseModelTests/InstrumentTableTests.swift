@testable import ExerciseModel
import Foundation
import ScenarioFormat
import Testing

/// The compiled plan answers "which instrument for a request of this kind between these two
/// jurisdictions" from a table built once; it must give what searching every instrument gives.
@Suite("Best-instrument table")
struct InstrumentTableTests {
    @Test(arguments: ShippedAttributionTests.scenarios)
    func tableAgreesWithTheSearch(path: String) throws {
        let plan = CompiledPlan(try ScenarioLoader.load(path: path).exercise)
        let places = plan.exercise.jurisdictions.count
        var cellsWithAnInstrument = 0
        for from in 0..<places {
            for to in 0..<places {
                for kind in RequestKind.allCases {
                    let searched = plan.searchBestInstrument(from: from, to: to, kind: kind)
                    #expect(plan.bestInstrument(from: from, to: to, kind: kind) == searched, "\(from) → \(to) \(kind)")
                    if searched != nil { cellsWithAnInstrument += 1 }
                }
            }
        }
        // Scenarios with instruments between two jurisdictions exercise the table, not only its empty cells.
        if plan.exercise.instruments.contains(where: { Set($0.parties).count > 1 }) { #expect(cellsWithAnInstrument > 0) }
    }
}
