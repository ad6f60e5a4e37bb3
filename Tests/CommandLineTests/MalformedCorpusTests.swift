import Foundation
import Testing

/// The malformed-scenario corpus: `scripts/make-malformed-corpus.py` mutates the shipped
/// scenarios into 600+ broken files (fixed seed, so always the same files), and `jtx validate`
/// must end every one with exit 65 and at least one `file:line:column: error:` line, or with 0
/// when the mutation happens to be valid; never a signal, never 70, each within 10 s. The valid
/// ones are then run (2 replications, a small event cap): exit 0 or 65, never a crash.
///
/// The corpus is generated at test time rather than committed: it is about 30 MB (long strings
/// and deep nesting are part of it) and a pure function of the script and the seed.
@Suite struct MalformedCorpusTests {
    static let validateLimit = 10.0
    static let runLimit = 60.0

    struct Outcome: Sendable {
        var name: String
        var kind: String
        var result: MeasuredProcess.Result
    }

    /// Runs `work` for every index on `workers` threads.
    static func parallel(_ count: Int, workers: Int, _ work: @escaping @Sendable (Int) -> Void) {
        let next = Counter()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = next.take(below: count) { work(index) }
        }
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func take(below limit: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard value < limit else { return nil }
            defer { value += 1 }
            return value
        }
    }

    final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [Int: Outcome] = [:]
        func set(_ index: Int, _ outcome: Outcome) {
            lock.lock()
            items[index] = outcome
            lock.unlock()
        }
        var sorted: [Outcome] {
            lock.lock()
            defer { lock.unlock() }
            return items.keys.sorted().compactMap { items[$0] }
        }
    }

    @Test func everyMalformedScenarioFailsCleanly() throws {
        let folder = try ReliabilityTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = folder.appendingPathComponent("corpus")
        let script = BuiltProducts.packageRoot.appendingPathComponent("scripts/make-malformed-corpus.py").path
        let generated = try BuiltProducts.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script, "--out", corpus.path, "--seed", "9"])
        #expect(generated.status == 0, "\(generated.stderr)")
        let rows = try String(contentsOf: corpus.appendingPathComponent("cases.tsv"), encoding: .utf8)
            .split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(rows.count >= 500, "only \(rows.count) cases")
        let jtx = ReliabilityTests.fastJTX
        let results = Results()
        let start = Date()
        Self.parallel(rows.count, workers: 3) { index in
            let row = rows[index]
            do {
                let result = try MeasuredProcess.quick(jtx, ["validate", corpus.appendingPathComponent(row[0]).path], timeout: Self.validateLimit + 5)
                results.set(index, Outcome(name: row[0], kind: row[1], result: result))
            } catch {
                Issue.record("\(row[0]): \(error)")
            }
        }
        let outcomes = results.sorted
        #expect(outcomes.count == rows.count)
        for outcome in outcomes {
            let result = outcome.result
            #expect(result.signal == nil, "\(outcome.name): \(result.summary)")
            #expect(result.status == 0 || result.status == 65, "\(outcome.name): \(result.summary)\n\(result.stderr.prefix(1000))")
            #expect(result.seconds < Self.validateLimit, "\(outcome.name): \(result.summary)")
            if result.status == 65 {
                #expect(ReliabilityTests.hasLocatedError(result.stderr), "\(outcome.name): no file:line:column: error: line\n\(result.stderr.prefix(1000))")
            }
        }
        // The mutations that happen to be valid must also run without crashing.
        let valid = outcomes.filter { $0.result.status == 0 }
        let runs = Results()
        Self.parallel(valid.count, workers: 3) { index in
            let out = folder.appendingPathComponent("run-\(index)").path
            do {
                let result = try MeasuredProcess.quick(jtx, ["run", corpus.appendingPathComponent(valid[index].name).path, "-r", "2",
                                                           "--event-cap", "200000", "--jobs", "1", "--out", out, "--quiet"],
                                                     timeout: Self.runLimit + 5)
                runs.set(index, Outcome(name: valid[index].name, kind: valid[index].kind, result: result))
            } catch {
                Issue.record("\(valid[index].name): \(error)")
            }
        }
        for outcome in runs.sorted {
            let result = outcome.result
            #expect(result.signal == nil, "run \(outcome.name): \(result.summary)")
            #expect(result.status == 0 || result.status == 65, "run \(outcome.name): \(result.summary)\n\(result.stderr.prefix(1000))")
            #expect(result.seconds < Self.runLimit, "run \(outcome.name): \(result.summary)")
        }
        let byStatus = Dictionary(grouping: outcomes) { $0.result.status.map(String.init) ?? "signal" }.mapValues(\.count)
        let slowest = outcomes.max { $0.result.seconds < $1.result.seconds }
        let runStatus = Dictionary(grouping: runs.sorted) { $0.result.status.map(String.init) ?? "signal" }.mapValues(\.count)
        print("malformed corpus: \(outcomes.count) cases in \(String(format: "%.1f", Date().timeIntervalSince(start))) s; validate exit codes "
              + byStatus.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
              + "; slowest \(slowest?.name ?? "-") \(slowest.map { String(format: "%.2f s", $0.result.seconds) } ?? "-"); runs of the valid ones: "
              + runStatus.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", "))
    }
}
