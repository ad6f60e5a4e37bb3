internal import Foundation

/// Builds a sweep's three result files from its point files, in point order: whether the
/// points were computed in one run, resumed after an interruption, or in shards later merged,
/// the same point files give byte-identical results.
///
/// `replications.csv` is streamed (each point's rows are copied in blocks, so memory does not
/// grow with the number of replications); then `points.csv`; `sweep.json` comes last, so its
/// presence means the assembly finished.
public enum SweepAssembler {
    /// Assembles into `output` from the points folders: `source(point)` is the sweep (or shard)
    /// folder holding that point's files.
    @discardableResult
    public static func assemble(_ sweep: SweepDescription, jtxVersion: String, into output: SweepFolder,
                                source: (Int) -> SweepFolder) throws(OutputFolderError) -> SweepDocument {
        var records: [SweepPointRecord] = []
        records.reserveCapacity(sweep.points.count)
        for point in sweep.points.indices {
            guard let record = source(point).readRecord(point: point) else {
                throw OutputFolderError(.data, "point \(point) is missing from \(source(point).url.path)")
            }
            guard record.values == sweep.points[point].values else {
                throw OutputFolderError(.data, "\(source(point).recordURL(point: point).path) has other factor values than the design's point \(point)")
            }
            records.append(record)
        }
        guard let first = records.first else { throw OutputFolderError(.data, "the sweep has no design points") }
        do {
            let rows = try StreamingFile(url: output.replicationsURL)
            var header: String?
            for point in sweep.points.indices {
                try copyRows(from: source(point).rowsURL(point: point), into: rows, header: &header)
            }
            try rows.commit()
            var table = try CSVLine.encode(SweepPointsTable.header(sweep, first.summary))
            for record in records { table += try CSVLine.encode(SweepPointsTable.row(sweep, record)) }
            try AtomicFile.write(table, to: output.pointsTableURL)
            let document = SweepDocument(jtxVersion: jtxVersion, sweep: sweep, mainEffects: SweepDocument.mainEffects(sweep, records: records))
            try AtomicFile.write(try document.json(), to: output.documentURL)
            return document
        } catch let error as OutputFolderError {
            throw error
        } catch let error as AtomicFile.WriteError {
            throw OutputFolderError(.io, error.description)
        } catch {
            throw OutputFolderError(.io, "cannot assemble the sweep's results in \(output.url.path): \(error)")
        }
    }

    /// Appends the rows of a point's CSV file (without its header line) to `rows`. The first
    /// file's header is written once; every later file must have the same header.
    static func copyRows(from url: URL, into rows: StreamingFile, header: inout String?) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw OutputFolderError(.data, "cannot read \(url.path)")
        }
        defer { try? handle.close() }
        var pending = Data()
        var headerDone = false
        while true {
            let block = try handle.read(upToCount: 1 << 20) ?? Data()
            pending.append(block)
            if !headerDone, let newline = pending.firstIndex(of: 0x0A) {
                let line = String(decoding: pending[pending.startIndex...newline], as: UTF8.self)
                if let expected = header {
                    guard line == expected else { throw OutputFolderError(.data, "\(url.path) has other columns than the earlier points") }
                } else {
                    header = line
                    try rows.append(line)
                }
                pending = Data(pending[(newline + 1)...])
                headerDone = true
            }
            // Copy whole lines only: a newline never falls inside a UTF-8 sequence.
            if headerDone, let last = pending.lastIndex(of: 0x0A) {
                try rows.append(String(decoding: pending[pending.startIndex...last], as: UTF8.self))
                pending = Data(pending[(last + 1)...])
            }
            if block.isEmpty { break }
        }
        guard headerDone, pending.isEmpty else { throw OutputFolderError(.data, "\(url.path) is incomplete (its last line has no line break)") }
    }
}
