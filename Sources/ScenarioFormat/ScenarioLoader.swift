public import ExerciseModel
internal import Foundation
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// A scenario file compiled into an `Exercise`, with the text it came from.
public struct LoadedScenario: Sendable {
    public let exercise: Exercise
    public let path: String
    public let text: String

    public init(exercise: Exercise, path: String, text: String) {
        self.exercise = exercise
        self.path = path
        self.text = text
    }
}

/// Turns a YAML scenario file (and the CSV MSELs it names) into an `Exercise`.
///
/// All errors are collected in one pass and thrown together, sorted by position: YAML syntax,
/// unknown keys, types, values (durations, distributions, enums, dates), duplicate ids,
/// dangling references and, when all of that is clean, the exercise's own `problems()`.
public struct ScenarioLoader {
    /// Reads and compiles the scenario at `path`. A file that cannot be read (or is larger than
    /// `options.limits.maxFileBytes`) is reported as a diagnostic at 1:1 with the reason.
    public static func load(path: String, options: ScenarioOptions = .standard) throws(ScenarioError) -> LoadedScenario {
        try load(text: readText(path, what: "the scenario", limits: options.limits), path: path, options: options)
    }

    /// The text of the file at `path`, or a `ScenarioError` at 1:1 saying why `what` (e.g.
    /// "the scenario") cannot be read.
    static func readText(_ path: String, what: String, limits: ScenarioLimits = .standard) throws(ScenarioError) -> String {
        switch readFile(path, limit: limits.maxFileBytes) {
        case .success(let text):
            return text
        case .failure(let reason):
            let diagnostic = Diagnostic(path: path, line: reason.line, column: reason.column, message: "cannot read \(what): \(reason.message)",
                                        hint: reason.hint, sourceLine: "")
            throw ScenarioError(diagnostics: [diagnostic])
        }
    }

    /// Compiles scenario `text`; `path` names it in diagnostics and anchors relative MSEL paths.
    public static func load(text: String, path: String, options: ScenarioOptions = .standard) throws(ScenarioError) -> LoadedScenario {
        let sink = DiagnosticSink(limit: options.limits.maxDiagnostics)
        sink.register(path: path, text: text)
        if text.utf8.count > options.limits.maxFileBytes {
            sink.error("the scenario is \(ScenarioLimits.size(text.utf8.count)), more than the limit of \(ScenarioLimits.size(options.limits.maxFileBytes))",
                       at: SourceLocation(path: path, line: 1, column: 1))
            throw ScenarioError(diagnostics: sink.sorted())
        }
        var composer = YAMLComposer(path: path, sink: sink, limits: options.limits)
        let (root, failed) = composer.compose(text)
        if failed { throw ScenarioError(diagnostics: sink.sorted()) }
        let reader = NodeReader(path: path, text: text, sink: sink, placeholders: composer.placeholders)
        var draft = ScenarioReader(reader: reader).read(root)
        for file in draft.msel {
            let resolved: String
            switch ReferencedFile.resolve(file.value, from: path, allowOutside: options.allowOutsidePaths) {
            case .failure(let refusal):
                sink.error(refusal.message, at: file.location, hint: refusal.hint)
                continue
            case .success(let path):
                resolved = path
            }
            switch readFile(resolved, limit: options.limits.maxFileBytes) {
            case .success(let csv):
                draft.injects += MSELImporter(sink: sink).read(text: csv, path: resolved)
            case .failure(let reason):
                sink.error("cannot read the MSEL '\(resolved)': \(reason.message)", at: file.location, hint: reason.hint)
            }
        }
        let exercise = ScenarioCompiler(draft: draft, sink: sink).compile()
        guard let exercise, !sink.hasErrors else { throw ScenarioError(diagnostics: sink.sorted()) }
        return LoadedScenario(exercise: exercise, path: path, text: text)
    }

    /// `relative` resolved against the folder of `scenarioPath` (absolute paths unchanged).
    static func resolve(_ relative: String, from scenarioPath: String) -> String {
        if relative.hasPrefix("/") { return relative }
        guard let slash = scenarioPath.lastIndex(of: "/") else { return relative }
        return String(scenarioPath[...slash]) + relative
    }

    struct ReadFailure: Error {
        var message: String
        var hint: String?
        /// Where in the file the problem is (invalid UTF-8), else 1:1.
        var line = 1
        var column = 1
    }

    /// The file's text (UTF-8), or the reason it cannot be read: the operating system's, a file
    /// larger than `limit` bytes (reading stops there, so /dev/zero or a huge file costs at most
    /// `limit` bytes of memory), or text that is not UTF-8.
    static func readFile(_ path: String, limit: Int = ScenarioLimits.standard.maxFileBytes) -> Result<String, ReadFailure> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { return .failure(ReadFailure(message: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var status = stat()
        if fstat(descriptor, &status) == 0 {
            let kind = status.st_mode & S_IFMT
            if kind == S_IFDIR { return .failure(ReadFailure(message: "it is a folder, not a file")) }
            if kind == S_IFREG && Int(status.st_size) > limit { return .failure(tooLarge(Int(status.st_size), limit: limit)) }
            // Opened without blocking (a FIFO with no writer would wait for ever); read blocking.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(message: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            if data.count + count > limit { return .failure(tooLarge(nil, limit: limit)) }
            data.append(contentsOf: buffer[0..<count])
        }
        guard let text = String(data: data, encoding: .utf8) else { return .failure(invalidUTF8(data)) }
        return .success(text)
    }

    /// Where the first byte that is not UTF-8 is (line and column in scalars).
    private static func invalidUTF8(_ data: Data) -> ReadFailure {
        var line = 1, column = 1, offset = 0
        var decoder = UTF8()
        var counting = CountingIterator(base: data.makeIterator())
        decode: while true {
            switch decoder.decode(&counting) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
                offset = counting.count
            case .emptyInput, .error:
                break decode
            }
        }
        return ReadFailure(message: "the file is not UTF-8 text (byte \(offset + 1) is not valid UTF-8)",
                           hint: "save the file as UTF-8", line: line, column: column)
    }

    private struct CountingIterator: IteratorProtocol {
        var base: Data.Iterator
        var count = 0
        mutating func next() -> UInt8? {
            guard let byte = base.next() else { return nil }
            count += 1
            return byte
        }
    }

    private static func tooLarge(_ size: Int?, limit: Int) -> ReadFailure {
        let what = size.map { "it is \(ScenarioLimits.size($0)), more than" } ?? "it is larger than"
        return ReadFailure(message: "\(what) the limit of \(ScenarioLimits.size(limit))",
                           hint: "scenario files are small (the largest shipped one is under 30 KB); is this the right file?")
    }
}
