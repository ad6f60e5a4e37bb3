public import ExerciseModel
internal import Foundation
internal import Stochastics

/// The finished replications of a run in progress, kept so that `jtx run --resume` can continue
/// an interrupted run instead of starting again:
///
///     <run folder>/checkpoint/run.json                    what the run is (written first)
///     <run folder>/checkpoint/replications-0000000.json   records 0 … k−1
///     <run folder>/checkpoint/replications-0000050.json   records k …
///
/// Each block holds the complete records (`OutcomeCodec`, one JSON array per line) of
/// consecutive replications, in order, and is written atomically after at least `interval`
/// seconds since the last one (or when `maxBlock` records are waiting), so a killed run loses at
/// most that much work. Blocks are not synced to disk (a sync per second stalled runs on a busy
/// disk); a block lost or damaged by a power cut fails its checks when read back, and replay
/// stops there. Records are what a replication produced, not a summary, so the resumed run folds
/// exactly the records an uninterrupted one would (same order, same bytes out). When the run's
/// result files are in place the folder is removed.
final class RunCheckpoint {
    struct Manifest: Codable, Equatable {
        var format = "jtx-run-checkpoint/1"
        var jtxVersion: String
        var scenario: String
        /// FNV-1a 64 (hex) of the scenario's text.
        var scenarioDigest: String
        var seed: UInt64
        var replications: Int
        var precision: Double?
        var maxReplications: Int
        var confidence: Double
        var eventCap: Int

        init(_ request: RunRequest, eventCap: Int) {
            jtxVersion = request.jtxVersion
            scenario = request.scenarioPath
            scenarioDigest = String(StreamDerivation.fnv1a64(request.scenarioText), radix: 16)
            seed = request.seed
            replications = request.precision == nil ? request.replications : 0
            precision = request.precision
            maxReplications = request.precision == nil ? 0 : request.maxReplications
            confidence = request.confidence
            self.eventCap = eventCap
        }

        /// What differs between this run and the checkpoint's, as phrases; empty when they match.
        func differences(from other: Manifest) -> [String] {
            var result: [String] = []
            func compare<Value: Equatable>(_ name: String, _ mine: Value, _ theirs: Value) {
                if mine != theirs { result.append("\(name) is \(theirs) there, \(mine) here") }
            }
            compare("the checkpoint format", format, other.format)
            compare("the jtx version", jtxVersion, other.jtxVersion)
            compare("the scenario's digest", scenarioDigest, other.scenarioDigest)
            compare("the seed", seed, other.seed)
            compare("the number of replications", replications, other.replications)
            compare("--precision", precision.map { "\($0)" } ?? "none", other.precision.map { "\($0)" } ?? "none")
            compare("--max-replications", maxReplications, other.maxReplications)
            compare("--confidence", confidence, other.confidence)
            compare("--event-cap", eventCap, other.eventCap)
            return result
        }
    }

    static let blockFormat = "jtx-run-checkpoint-block/1"

    let url: URL
    /// Seconds between blocks (the environment variable `JTX_CHECKPOINT_SECONDS` overrides it).
    let interval: Double
    let maxBlock = 10_000
    /// A block is also written once its records reach this many bytes, so that the records
    /// held in memory between blocks stay small however fast replications finish (at several
    /// thousand replications a second, a second's worth of records was tens of megabytes).
    let maxBlockBytes = 1 << 20
    /// Records waiting for the next block: their first replication, their lines and their size.
    private var pendingFirst: Int?
    private var pending: [String] = []
    private var pendingBytes = 0
    private var lastWrite = Date()

    init(url: URL, interval: Double = RunCheckpoint.defaultInterval) {
        self.url = url
        self.interval = interval
    }

    static var defaultInterval: Double {
        ProcessInfo.processInfo.environment["JTX_CHECKPOINT_SECONDS"].flatMap(Double.init).map { max(0, $0) } ?? 1
    }

    var manifestURL: URL { url.appendingPathComponent("run.json") }

    func blockURL(first: Int) -> URL {
        let digits = String(first)
        return url.appendingPathComponent("replications-" + String(repeating: "0", count: max(0, 7 - digits.count)) + digits + ".json")
    }

    var exists: Bool { FileManager.default.fileExists(atPath: manifestURL.path) }

    /// Starts an empty checkpoint for `manifest` (replacing any other).
    func start(_ manifest: Manifest) throws {
        try? FileManager.default.removeItem(at: url)
        try AtomicFile.write(try SweepJSON.encode(manifest, snakeCase: true), to: manifestURL)
    }

    /// The checkpoint's manifest; throws a `OutputFolderError` when it cannot be read.
    func readManifest() throws(OutputFolderError) -> Manifest {
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw OutputFolderError(.data, "\(manifestURL.path) is missing")
        }
        do {
            return try SweepJSON.decode(Manifest.self, from: data, snakeCase: true)
        } catch {
            throw OutputFolderError(.data, "\(manifestURL.path) cannot be read as a run checkpoint: \(error)")
        }
    }

    /// Calls `body` with the checkpointed records in replication order, from 0 up to the first
    /// gap or unreadable block; removes the blocks after that. Returns how many there were.
    @discardableResult
    func replay(_ body: (ReplicationOutcome) throws -> Bool) throws -> Int {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [])
            .filter { $0.hasPrefix("replications-") && $0.hasSuffix(".json") }.sorted()
        var next = 0
        var stopped = false
        for name in names {
            let file = url.appendingPathComponent(name)
            if !stopped, let records = Self.readBlock(file, first: next) {
                for record in records {
                    guard try body(record) else { stopped = true; break }
                    next += 1
                }
                if !stopped { continue }
            }
            stopped = true
            try? FileManager.default.removeItem(at: file)
        }
        return next
    }

    struct Block: Decodable {
        var count: Int
        var first: Int
        var format: String
        var records: [OutcomeCodec.Line]
    }

    /// The records of the block at `file` when it is whole and starts at replication `first`.
    static func readBlock(_ file: URL, first: Int) -> [ReplicationOutcome]? {
        guard let data = FileManager.default.contents(atPath: file.path),
              let block = try? OutcomeCodec.decoder().decode(Block.self, from: data),
              block.format == blockFormat, block.first == first, block.records.count == block.count else { return nil }
        let records = block.records.map(\.outcome)
        guard records.enumerated().allSatisfy({ $0.element.replication == first + $0.offset }) else { return nil }
        return records
    }

    /// Adds a finished record, already encoded as `line` (`OutcomeCodec.line`, on a worker
    /// thread); writes a block when it is time.
    func add(_ outcome: ReplicationOutcome, line: String) throws {
        if pendingFirst == nil { pendingFirst = outcome.replication }
        pending.append(line)
        pendingBytes += line.utf8.count
        if pending.count >= maxBlock || pendingBytes >= maxBlockBytes || Date().timeIntervalSince(lastWrite) >= interval {
            try flush()
        }
    }

    /// Writes the waiting records as one block.
    func flush() throws {
        guard let first = pendingFirst, !pending.isEmpty else { return }
        let text = "{\"count\":\(pending.count),\"first\":\(first),\"format\":\"\(Self.blockFormat)\",\"records\":[\n"
            + pending.joined(separator: ",\n") + "]}\n"
        try AtomicFile.write(text, to: blockURL(first: first), durable: false)
        pending.removeAll(keepingCapacity: true)
        pendingBytes = 0
        pendingFirst = nil
        lastWrite = Date()
    }

    /// Removes the checkpoint: renamed away first (one atomic step), then deleted.
    func remove() {
        let doomed = url.deletingLastPathComponent().appendingPathComponent(".checkpoint.\(getpid()).removed")
        if rename(url.path, doomed.path) == 0 {
            try? FileManager.default.removeItem(at: doomed)
        } else {
            try? FileManager.default.removeItem(at: url)
        }
    }
}
