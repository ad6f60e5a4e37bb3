public import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Writes files so that they appear whole or not at all, and survive a crash once written.
///
/// The bytes go to a file without a name (Linux `O_TMPFILE`) in the target's folder, are
/// flushed to disk (`fsync`), given a hidden temporary name (`.<name>.<pid>.tmp`) and renamed
/// over the target; then the folder itself is synced so the rename is durable. A process killed
/// at any moment (even with SIGKILL) therefore leaves either the old file, or the new one whole:
/// a file being written has no name, and the temporary name only ever holds complete bytes.
/// Where `O_TMPFILE` is not available (another OS, a file system without it) the bytes go
/// straight to the hidden temporary name, which may then be left incomplete by a kill; readers
/// skip `.…tmp` names and the next run in the folder removes them.
public enum AtomicFile {
    public struct WriteError: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// Writes `data` to `url` atomically, creating missing parent folders. With `durable` false
    /// the file and folder are not synced: the file still appears whole or not at all to every
    /// reader, but a power cut may lose it (for checkpoints, which are checked when read back and
    /// whose syncing would stall a run on a busy disk).
    public static func write(_ data: Data, to url: URL, durable: Bool = true) throws(WriteError) {
        let file = try PendingFile(url: url)
        try file.write(data)
        try file.commit(durable: durable)
    }

    /// Writes `text` as UTF-8.
    public static func write(_ text: String, to url: URL, durable: Bool = true) throws(WriteError) {
        try write(Data(text.utf8), to: url, durable: durable)
    }

    /// The hidden temporary name beside `url` used by this process.
    static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
    }

    /// True for the names `temporaryURL` gives.
    public static func isTemporary(_ name: String) -> Bool { name.hasPrefix(".") && name.hasSuffix(".tmp") }
}

/// A file being written for `AtomicFile` and `StreamingFile`: an open descriptor that becomes
/// the file at `url` on `commit`, and vanishes if dropped (or the process dies) before it.
final class PendingFile {
    let url: URL
    let temporary: URL
    private var descriptor: Int32
    /// True when the descriptor is an unnamed `O_TMPFILE` file, false when it is `temporary`.
    private let anonymous: Bool
    private var committed = false

    init(url: URL) throws(AtomicFile.WriteError) {
        self.url = url
        temporary = AtomicFile.temporaryURL(for: url)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AtomicFile.WriteError(path: folder.path, reason: error.localizedDescription)
        }
        #if os(Linux)
        // O_TMPFILE is __O_TMPFILE | O_DIRECTORY, a macro Swift does not import.
        let tmpfile: Int32 = 0o20_000_000 | O_DIRECTORY
        let unnamed = open(folder.path, tmpfile | O_WRONLY | O_CLOEXEC, 0o666)
        #else
        let unnamed: Int32 = -1
        #endif
        if unnamed >= 0 {
            descriptor = unnamed
            anonymous = true
        } else {
            descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
            anonymous = false
            guard descriptor >= 0 else { throw AtomicFile.WriteError(path: temporary.path, reason: Self.reason()) }
        }
    }

    static func reason() -> String { String(cString: strerror(errno)) }

    func write(_ data: Data) throws(AtomicFile.WriteError) {
        let descriptor = self.descriptor
        let failure: Int32? = data.withUnsafeBytes { bytes -> Int32? in
            guard let base = bytes.baseAddress else { return nil }
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw AtomicFile.WriteError(path: url.path, reason: String(cString: strerror(failure))) }
    }

    /// Syncs the bytes, names the file `temporary`, renames it to `url` and syncs the folder
    /// (without the syncs when not `durable`).
    func commit(durable: Bool = true) throws(AtomicFile.WriteError) {
        if durable {
            guard fsync(descriptor) == 0 else { throw AtomicFile.WriteError(path: url.path, reason: Self.reason()) }
        }
        if anonymous {
            // A stale temporary of a killed process with the same id would make linkat fail.
            unlink(temporary.path)
            let source = "/proc/self/fd/\(descriptor)"
            guard linkat(AT_FDCWD, source, AT_FDCWD, temporary.path, AT_SYMLINK_FOLLOW) == 0 else {
                throw AtomicFile.WriteError(path: url.path, reason: Self.reason())
            }
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporary.path, url.path) == 0 else {
            let reason = Self.reason()
            unlink(temporary.path)
            throw AtomicFile.WriteError(path: url.path, reason: reason)
        }
        committed = true
        guard durable else { return }
        let folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            _ = fsync(folder)
            close(folder)
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
        if !committed && !anonymous { unlink(temporary.path) }
    }
}
