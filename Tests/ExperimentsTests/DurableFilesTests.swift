import ExerciseModel
import Experiments
import Foundation
@testable import Reports
import ScenarioFormat
import Testing

/// The pieces of "no corrupt results" in-process: atomic and streaming files leave nothing but
/// whole files, checkpointed records read back equal, and a resumed run folds the same records.
@Suite struct DurableFilesTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-durable-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func atomicFilesReplaceWholeAndLeaveNoTemporary() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("deep/er/file.json")
        try AtomicFile.write("{\"a\": 1}\n", to: target)
        try AtomicFile.write("{\"a\": 2}\n", to: target)
        #expect(try String(contentsOf: target, encoding: .utf8) == "{\"a\": 2}\n")
        #expect(Self.names(target.deletingLastPathComponent()) == ["file.json"])
        let attributes = try FileManager.default.attributesOfItem(atPath: target.path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o600 == 0o600 } == true, "readable and writable by the owner")
    }

    @Test func aStreamingFileAppearsOnlyWhenCommitted() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("rows.csv")
        do {
            let file = try StreamingFile(url: target)
            for row in 0..<20_000 { try file.append("\(row),x\n") }
            #expect(Self.names(folder).isEmpty, "nothing is visible while the file is written")
        }
        #expect(Self.names(folder).isEmpty, "a dropped file leaves nothing")
        let file = try StreamingFile(url: target)
        for row in 0..<20_000 { try file.append("\(row),x\n") }
        try file.commit()
        #expect(Self.names(folder) == ["rows.csv"])
        #expect(try String(contentsOf: target, encoding: .utf8).split(separator: "\n").count == 20_000)
    }

    @Test func checkpointFilesAreWholeEvenWithoutSyncing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("block.json")
        try AtomicFile.write("{\"a\": 1}\n", to: target, durable: false)
        #expect(try String(contentsOf: target, encoding: .utf8) == "{\"a\": 1}\n")
        #expect(Self.names(folder) == ["block.json"])
    }

    @Test func writingIntoAFileInsteadOfAFolderFails() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("blocker")
        try Data().write(to: blocker)
        #expect(throws: AtomicFile.WriteError.self) { try AtomicFile.write("x", to: blocker.appendingPathComponent("file.json")) }
    }

    /// Every record of the shipped scenarios (handoffs, threats, background load, attribution)
    /// survives the checkpoint encoding unchanged: a field added to `ReplicationOutcome` but not
    /// to `OutcomeCodec` fails here.
    @Test func checkpointedRecordsReadBackEqual() throws {
        let scenarios = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scenarios")
        let names = try FileManager.default.contentsOfDirectory(atPath: scenarios.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.count >= 5)
        for name in names {
            let exercise = try ScenarioLoader.load(path: scenarios.appendingPathComponent(name).path).exercise
            let runner = ExerciseRunner(exercise)
            let outcomes = try (0..<6).map { try runner.run(replication: $0, seed: 11) }
            let decoded = try OutcomeCodec.decode(OutcomeCodec.encode(outcomes))
            #expect(decoded == outcomes, "\(name)")
        }
    }

    @Test func nonFiniteValuesSurviveTheCheckpoint() throws {
        var outcome = ReplicationOutcome(replication: 3, taskCompletion: [nil, 1.5], injectFired: [0], objectives: [],
                                         threat: ThreatOutcome(attackAt: .infinity, disruptedAt: nil),
                                         agencies: [AgencyOutcome(utilisation: 0.25, meanQueueWait: 0.1 + 0.2, tasksStarted: 1, tasksCompleted: 1, maxQueueLength: 0)],
                                         channels: [ChannelOutcome(messages: 0, delivered: 0, failedAttempts: 0, lost: 0, meanLatency: -.infinity)],
                                         events: 7, backgroundCases: 0, endTime: 3600)
        outcome.handoffs.translations = 4
        outcome.fingerprint = .max
        outcome.criticalHandoffs = [[], [PathHandoff(fromTask: 1, toTask: 2, fromAgency: 0, toAgency: 3, isRequest: true)]]
        let decoded = try OutcomeCodec.decode(OutcomeCodec.encode([outcome]))
        #expect(decoded == [outcome])
        #expect(decoded[0].agencies[0].meanQueueWait.bitPattern == (0.1 + 0.2).bitPattern)
    }
}
