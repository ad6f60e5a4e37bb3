public import ExerciseModel
internal import Experiments
public import Foundation

/// The files of one run in its output folder: `summary.json` and `replications.csv`, and while
/// the run is in progress `checkpoint/` (see `RunCheckpoint`). Each file is written atomically.
public struct RunFolder {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// The default folder for a run of `scenarioPath` started at `date`:
    /// `results/<scenario file name without extension>/<UTC time as yyyyMMdd'T'HHmmss'Z'>`,
    /// with `-2`, `-3`, … appended if that folder already exists.
    public static func defaultFolder(scenarioPath: String, date: Date, root: URL = URL(fileURLWithPath: "results")) -> URL {
        let name = URL(fileURLWithPath: scenarioPath).deletingPathExtension().lastPathComponent
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { let text = String(value ?? 0); return text.count < 2 ? "0" + text : text }
        let stamp = "\(parts.year ?? 0)\(two(parts.month))\(two(parts.day))T\(two(parts.hour))\(two(parts.minute))\(two(parts.second))Z"
        let base = root.appendingPathComponent(name).appendingPathComponent(stamp)
        var candidate = base
        var suffix = 2
        while FileManager.default.fileExists(atPath: candidate.path) {
            candidate = URL(fileURLWithPath: base.path + "-\(suffix)")
            suffix += 1
        }
        return candidate
    }

    public var summaryURL: URL { url.appendingPathComponent("summary.json") }
    public var replicationsURL: URL { url.appendingPathComponent("replications.csv") }
    public var checkpointURL: URL { url.appendingPathComponent("checkpoint") }

    /// What the folder holds, as far as runs are concerned (other files are ignored).
    public enum State: Sendable, Equatable {
        /// No run's files: a new run may start here.
        case empty
        /// A finished run (`summary.json`, no checkpoint).
        case complete
        /// A run that was interrupted (a checkpoint, with or without result files).
        case interrupted
        /// `replications.csv` without a checkpoint or summary: not resumable.
        case partial
    }

    public var state: State {
        let manager = FileManager.default
        if manager.fileExists(atPath: checkpointURL.appendingPathComponent("run.json").path) { return .interrupted }
        if manager.fileExists(atPath: summaryURL.path) { return .complete }
        // A checkpoint folder without its manifest is one that was being created (the manifest
        // is its first file): nothing was computed yet.
        if manager.fileExists(atPath: replicationsURL.path) { return .partial }
        return .empty
    }

    /// Makes the folder ready for a run: refuses one that holds results unless `force` (which
    /// removes them) or `resume` (which continues an interrupted run there).
    public func prepare(force: Bool, resume: Bool) throws(OutputFolderError) {
        let state = self.state
        if force {
            for file in [summaryURL, replicationsURL, checkpointURL] where FileManager.default.fileExists(atPath: file.path) {
                do {
                    try FileManager.default.removeItem(at: file)
                } catch {
                    throw OutputFolderError(.io, "cannot remove \(file.path): \(error.localizedDescription)")
                }
            }
        } else if resume {
            if state == .partial {
                throw OutputFolderError(.usage, "the output folder \(url.path) holds results but no checkpoint to resume from; "
                                     + "add --force to replace them, or choose another --out")
            }
        } else if state != .empty {
            let what = state == .interrupted ? "an interrupted run" : "the results of a run"
            throw OutputFolderError(.usage, "the output folder \(url.path) already holds \(what); add --force to replace it, "
                                 + (state == .interrupted ? "--resume to finish it, " : "") + "or choose another --out")
        }
        removeStaleTemporaries()
    }

    /// Removes what killed writers left: hidden `.…tmp` files and a half-removed checkpoint.
    func removeStaleTemporaries() {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        for name in entries where AtomicFile.isTemporary(name) || (name.hasPrefix(".checkpoint.") && name.hasSuffix(".removed")) {
            try? FileManager.default.removeItem(at: url.appendingPathComponent(name))
        }
        let inside = (try? FileManager.default.contentsOfDirectory(atPath: checkpointURL.path)) ?? []
        for name in inside where AtomicFile.isTemporary(name) {
            try? FileManager.default.removeItem(at: checkpointURL.appendingPathComponent(name))
        }
    }

    /// Writes `replications.csv` and `summary.json`.
    public func write(document: SummaryDocument, outcomes: [ReplicationOutcome], exercise: Exercise) throws {
        let csv = try ReplicationTable(exercise: exercise).csv(outcomes)
        try AtomicFile.write(csv, to: replicationsURL)
        try AtomicFile.write(document.json(), to: summaryURL)
    }
}
