import Foundation
import Testing

/// The `jtx` executable answers `--version` and `--help`.
@Suite struct VersionTests {
    @Test func versionPrintsSemver() throws {
        let result = try BuiltProducts.run(BuiltProducts.debugDirectory.appendingPathComponent("jtx"), ["--version"])
        #expect(result.status == 0)
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }

    @Test func helpNamesTheTool() throws {
        let result = try BuiltProducts.run(BuiltProducts.debugDirectory.appendingPathComponent("jtx"), ["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("joint training exercise simulator"))
    }
}
