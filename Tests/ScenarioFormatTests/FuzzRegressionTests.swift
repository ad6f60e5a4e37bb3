import Foundation
import Testing
@testable import ScenarioFormat

/// Every input in Tests/Fixtures/fuzz-regressions (found by `make fuzz`, see its README) loads as
/// a scenario, a sweep file and a CSV MSEL without crashing: the loaders return a value or
/// diagnostics with a position.
@Suite struct FuzzRegressionTests {
    static var inputs: [URL] {
        let folder = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/fuzz-regressions")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0 != "README.md" }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func regressionInputsFailCleanly() throws {
        for input in Self.inputs {
            let data = try Data(contentsOf: input)
            do {
                _ = try ScenarioLoader.load(path: input.path)
            } catch {
                #expect(!error.diagnostics.isEmpty && error.diagnostics.allSatisfy { $0.line >= 1 && $0.column >= 1 }, "\(input.lastPathComponent)")
            }
            guard let text = String(validating: data, as: UTF8.self) else { continue }
            do {
                _ = try SweepLoader.load(text: text, path: input.path)
            } catch {
                #expect(!error.diagnostics.isEmpty, "\(input.lastPathComponent) as a sweep file")
            }
            _ = MSELImporter(sink: DiagnosticSink()).read(text: text, path: input.path)
        }
    }
}
