/// Why a run's or a sweep's output folder cannot be used (or a Slurm job around one cannot be
/// submitted); `kind` decides the exit code.
public struct OutputFolderError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The command was asked for something it will not do (e.g. replace results without --force).
        case usage
        /// Folders or checkpoints that do not belong together, or that lack points.
        case data
        /// A file could not be read, written or removed.
        case io
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// 64 (EX_USAGE), 65 (EX_DATAERR) or 74 (EX_IOERR).
    public var exitCode: Int32 {
        switch kind {
        case .usage: return 64
        case .data: return 65
        case .io: return 74
        }
    }
}
