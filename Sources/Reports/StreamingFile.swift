public import Foundation

/// A result file written as it grows, that appears at its final path only when complete: lines
/// are buffered and go to an unnamed file in the target's folder (see `AtomicFile`), and
/// `commit` flushes, syncs and renames it into place. Dropped without `commit` (or when the
/// process is killed) it leaves nothing behind.
public final class StreamingFile {
    public let url: URL
    let file: PendingFile
    var buffer = Data()
    static let flushSize = 1 << 16

    public init(url: URL) throws(AtomicFile.WriteError) {
        self.url = url
        file = try PendingFile(url: url)
    }

    /// Appends `text` (flushed to the file in 64 KiB blocks).
    public func append(_ text: String) throws(AtomicFile.WriteError) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func flush() throws(AtomicFile.WriteError) {
        guard !buffer.isEmpty else { return }
        try file.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, syncs and renames the file into place.
    public func commit() throws(AtomicFile.WriteError) {
        try flush()
        try file.commit()
    }
}
