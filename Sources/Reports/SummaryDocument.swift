public import Experiments
public import Foundation
internal import Stochastics

/// `summary.json`: the run's metadata and its `RunSummary`, with sorted keys so that the same
/// scenario, seed and version always give the same bytes. It holds no timestamp (the output
/// folder's name carries the time), so two runs with one seed are byte-identical.
public struct SummaryDocument: Codable, Sendable, Equatable {
    /// Always "jtx-run-summary".
    public var format = "jtx-run-summary"
    /// Version of this document's layout.
    public var formatVersion = 1
    public var jtxVersion: String
    /// The scenario file as given on the command line.
    public var scenario: String
    /// FNV-1a 64 of the scenario file's bytes, in hex: tells whether two results share a scenario.
    public var scenarioDigest: String
    public var summary: RunSummary

    public init(jtxVersion: String, scenario: String, scenarioText: String, summary: RunSummary) {
        self.jtxVersion = jtxVersion
        self.scenario = scenario
        scenarioDigest = String(StreamDerivation.fnv1a64(scenarioText), radix: 16)
        self.summary = summary
    }

    /// Pretty-printed JSON with sorted keys and snake_case names, ending with a newline.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }
}
