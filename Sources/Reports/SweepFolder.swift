public import Foundation

/// The layout of a sweep output (or shard) folder:
///
///     manifest.json              written first
///     points/point-00000.csv     replication rows of point 0 (with the header row)
///     points/point-00000.json    summary of point 0, written after its rows
///     …
///     points.csv, replications.csv, sweep.json   assembled from the point files
public struct SweepFolder: Sendable {
    public let url: URL

    public init(url: URL) { self.url = url }

    public var manifestURL: URL { url.appendingPathComponent("manifest.json") }
    public var pointsFolder: URL { url.appendingPathComponent("points") }
    public var pointsTableURL: URL { url.appendingPathComponent("points.csv") }
    public var replicationsURL: URL { url.appendingPathComponent("replications.csv") }
    public var documentURL: URL { url.appendingPathComponent("sweep.json") }

    /// `point-NNNNN` (at least five digits).
    static func stem(_ point: Int) -> String {
        let digits = String(point)
        return "point-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    public func rowsURL(point: Int) -> URL { pointsFolder.appendingPathComponent(Self.stem(point) + ".csv") }
    public func recordURL(point: Int) -> URL { pointsFolder.appendingPathComponent(Self.stem(point) + ".json") }

    /// The default folder of a sweep named `name`: `results/sweeps/<slug>/<UTC time>` for a
    /// whole sweep, `results/sweeps/<slug>/shard-K-of-N` for a shard (no time, so that the jobs
    /// of an array land side by side).
    public static func defaultFolder(name: String, shard: SweepShard, date: Date, root: URL = URL(fileURLWithPath: "results/sweeps")) -> URL {
        let base = root.appendingPathComponent(slug(name))
        if shard.count > 1 { return base.appendingPathComponent("shard-\(shard.index)-of-\(shard.count)") }
        return RunFolder.defaultFolder(scenarioPath: slug(name), date: date, root: root)
    }

    /// Lower-case letters and digits, other runs of characters replaced by one '-'.
    public static func slug(_ name: String) -> String {
        var result = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)) {
                result.unicodeScalars.append(scalar)
            } else if !result.isEmpty && !result.hasSuffix("-") {
                result += "-"
            }
        }
        while result.hasSuffix("-") { result.removeLast() }
        return result.isEmpty ? "sweep" : result
    }

    /// True when the folder does not exist or holds nothing but temporary files (a run killed
    /// while writing its manifest leaves only such a file).
    public var isEmpty: Bool {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return entries.allSatisfy(Self.isTemporary)
    }

    /// The hidden `.…tmp` names of `AtomicFile`'s and `StreamingFile`'s files in progress.
    static func isTemporary(_ name: String) -> Bool { AtomicFile.isTemporary(name) }

    public func readManifest() throws(OutputFolderError) -> SweepManifest {
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw OutputFolderError(.data, "\(url.path) has no manifest.json: it is not a sweep folder")
        }
        do {
            return try SweepJSON.decode(SweepManifest.self, from: data, snakeCase: true)
        } catch {
            throw OutputFolderError(.data, "\(manifestURL.path) cannot be read as a sweep manifest: \(error)")
        }
    }

    func writeManifest(_ manifest: SweepManifest) throws(OutputFolderError) {
        do {
            try AtomicFile.write(try SweepJSON.encode(manifest, snakeCase: true), to: manifestURL)
        } catch let error as AtomicFile.WriteError {
            throw OutputFolderError(.io, error.description)
        } catch {
            throw OutputFolderError(.io, "cannot encode \(manifestURL.path): \(error)")
        }
    }

    /// The point's record, or nil when it is missing or unreadable (the point is then not done).
    func readRecord(point: Int) -> SweepPointRecord? {
        guard FileManager.default.fileExists(atPath: rowsURL(point: point).path),
              let data = FileManager.default.contents(atPath: recordURL(point: point).path),
              let record = try? SweepJSON.decode(SweepPointRecord.self, from: data, snakeCase: false),
              record.point == point else { return nil }
        return record
    }

    /// True when both files of `point` are in place and its record reads back.
    public func isComplete(point: Int) -> Bool { readRecord(point: point) != nil }

    /// Removes the files a sweep writes (for `--force`): the manifest, `points/`, the result files
    /// and temporaries. Other files are left alone.
    public func removeResults() throws(OutputFolderError) {
        removeStaleTemporaries()
        for file in [manifestURL, pointsFolder, pointsTableURL, replicationsURL, documentURL]
        where FileManager.default.fileExists(atPath: file.path) {
            do {
                try FileManager.default.removeItem(at: file)
            } catch {
                throw OutputFolderError(.io, "cannot remove \(file.path): \(error.localizedDescription)")
            }
        }
    }

    /// Removes temporary files left in the folder and in `points/` by an interrupted run
    /// (finished files never have that form).
    func removeStaleTemporaries() {
        for folder in [url, pointsFolder] {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in entries where Self.isTemporary(name) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }
}
