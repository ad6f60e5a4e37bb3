public import ExerciseModel
internal import Experiments
public import Foundation

/// The files of one run in its output folder: `summary.json` and `replications.csv` (and a trace
/// when asked). Each file is written atomically.
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

    /// Writes `replications.csv` and `summary.json`.
    public func write(document: SummaryDocument, outcomes: [ReplicationOutcome], exercise: Exercise) throws {
        let csv = try ReplicationTable(exercise: exercise).csv(outcomes)
        try AtomicFile.write(csv, to: replicationsURL)
        try AtomicFile.write(document.json(), to: summaryURL)
    }
}
