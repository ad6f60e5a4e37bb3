import Foundation
import Testing

/// `jtx-bench` honours the contract outside checks rely on, and the kernel allocates nothing per
/// event in steady state (measured with the malloc interposer on the release build).
@Suite struct BenchContractTests {
    static let requiredKeys = ["model", "events", "seconds", "events_per_second", "wq"]

    func decode(_ text: String) throws -> [String: Any] {
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1, "jtx-bench must print exactly one line, printed \(lines.count)")
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test("mmc prints one JSON line with the contract's keys")
    func mmcContract() throws {
        let bench = BuiltProducts.debugDirectory.appendingPathComponent("jtx-bench")
        let result = try BuiltProducts.run(bench, ["mmc", "--customers", "20000", "--seed", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try decode(result.stdout)
        for key in Self.requiredKeys { #expect(json[key] != nil, "missing key \(key)") }
        #expect(json["model"] as? String == "mmc")
        #expect(json["events"] as? Int == 60_000)
    }

    @Test("relay prints one JSON line with the contract's keys, e2e included")
    func relayContract() throws {
        let bench = BuiltProducts.debugDirectory.appendingPathComponent("jtx-bench")
        let result = try BuiltProducts.run(bench, ["relay", "--messages", "8000", "--seed", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try decode(result.stdout)
        for key in Self.requiredKeys + ["e2e"] { #expect(json[key] != nil, "missing key \(key)") }
        #expect(json["model"] as? String == "relay")
    }

    @Test("the same seed gives the same estimates")
    func sameSeedSameResult() throws {
        let bench = BuiltProducts.debugDirectory.appendingPathComponent("jtx-bench")
        let first = try decode(BuiltProducts.run(bench, ["relay", "--messages", "6000", "--seed", "9"]).stdout)
        let second = try decode(BuiltProducts.run(bench, ["relay", "--messages", "6000", "--seed", "9"]).stdout)
        #expect(first["wq"] as? Double == second["wq"] as? Double)
        #expect(first["e2e"] as? Double == second["e2e"] as? Double)
        #expect(first["events"] as? Int == second["events"] as? Int)
    }

    @Test("a warm-up-sized run is refused as a usage error")
    func tooFewCustomers() throws {
        let bench = BuiltProducts.debugDirectory.appendingPathComponent("jtx-bench")
        let result = try BuiltProducts.run(bench, ["mmc", "--customers", "100"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--customers must exceed the 10000-customer warm-up"))
    }

    /// Steady state: the middle half of each run (hundreds of thousands of events) is measured
    /// with the malloc interposer. One allocation per event would count ≥ `events_measured`.
    /// What may legitimately appear is storage growth: the calendar's heap, its slot arrays and
    /// the queues double when a new peak of pending events or waiting clients is reached, so each
    /// of those (at most 4 per pool-using model) reallocates at most log2(events) times however
    /// long the run. The bound asserted is therefore 4·log2(events_measured), about 80 here.
    @Test("the event loop allocates nothing per event in steady state", arguments: [
        ["mmc", "--customers", "400000"],
        ["relay", "--messages", "100000"],
    ])
    func noAllocationsPerEvent(arguments: [String]) throws {
        let release = BuiltProducts.releaseDirectory
        let result = try BuiltProducts.run(
            release.appendingPathComponent("jtx-bench"), arguments + ["--count-allocations"],
            environment: ["LD_PRELOAD": release.appendingPathComponent("libMallocInterposerSwift.so").path])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try decode(result.stdout)
        let measuredEvents = try #require(json["events_measured"] as? Int)
        #expect(measuredEvents > 100_000)
        let allocations = try #require(json["allocations_measured"] as? Int)
        let growthBound = 4 * Int(log2(Double(measuredEvents)).rounded(.up))
        #expect(allocations <= growthBound, "\(allocations) allocations over \(measuredEvents) events")
    }
}
