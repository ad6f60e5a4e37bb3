public import Foundation

/// A result file written as it grows, that appears at its final path only when complete: lines
/// go to a temporary file beside it, buffered, and `commit` flushes, syncs and renames it.
/// Dropped without `commit`, it removes its temporary file.
public final class StreamingFile {
    public let url: URL
    let temporary: URL
    let handle: FileHandle
    var buffer = Data()
    var committed = false
    static let flushSize = 1 << 16

    public init(url: URL) throws(AtomicFile.WriteError) {
        self.url = url
        let folder = url.deletingLastPathComponent()
        temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw AtomicFile.WriteError(path: temporary.path, reason: "cannot create the file")
            }
            handle = try FileHandle(forWritingTo: temporary)
        } catch let error as AtomicFile.WriteError {
            throw error
        } catch {
            throw AtomicFile.WriteError(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Appends `text` (flushed to the temporary file in 64 KiB blocks).
    public func append(_ text: String) throws(AtomicFile.WriteError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func flush() throws(AtomicFile.WriteError) {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw AtomicFile.WriteError(path: temporary.path, reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, syncs, closes and renames the file into place.
    public func commit() throws(AtomicFile.WriteError) {
        try flush()
        do {
            try handle.synchronize()
            try handle.close()
        } catch {
            throw AtomicFile.WriteError(path: temporary.path, reason: error.localizedDescription)
        }
        if rename(temporary.path, url.path) != 0 {
            throw AtomicFile.WriteError(path: url.path, reason: String(cString: strerror(errno)))
        }
        committed = true
    }

    deinit {
        if !committed {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}
