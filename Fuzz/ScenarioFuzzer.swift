// The libFuzzer target for the scenario reader: every input is read as a scenario (YAML text,
// composed, checked and compiled), as a sweep file and as a CSV MSEL. Built and run by
// scripts/fuzz.sh (`make fuzz`); not part of the package, so `swift build` never sees it.
//
// An input that is not UTF-8 is rejected before parsing by the loader (a located diagnostic),
// so only UTF-8 inputs go further. Anything other than returning is a bug: a crash, a trap
// (force unwrap, overflow, out-of-range index), an AddressSanitizer report, a timeout or
// running out of memory.
import Foundation
@testable import ScenarioFormat

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let text = String(validating: bytes, as: UTF8.self) else { return 0 }
    // A folder that does not exist: MSELs named by the input are refused or not found.
    _ = try? ScenarioLoader.load(text: text, path: "/nonexistent-jtx-fuzz/scenario.yaml")
    // The other readers only when the input looks like their kind of file (each parse costs).
    if text.contains("sweep") { _ = try? SweepLoader.load(text: text, path: "/nonexistent-jtx-fuzz/sweep.yaml") }
    if text.contains(",") && !text.contains("exercise") {
        _ = MSELImporter(sink: DiagnosticSink()).read(text: text, path: "msel.csv")
    }
    return 0
}
