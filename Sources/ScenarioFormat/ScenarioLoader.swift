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
    /// Reads and compiles the scenario at `path`. A file that cannot be read is reported as a
    /// diagnostic at 1:1 with the operating system's reason.
    public static func load(path: String) throws(ScenarioError) -> LoadedScenario {
        try load(text: readText(path, what: "the scenario"), path: path)
    }

    /// The text of the file at `path`, or a `ScenarioError` at 1:1 saying why `what` (e.g.
    /// "the scenario") cannot be read.
    static func readText(_ path: String, what: String) throws(ScenarioError) -> String {
        switch readFile(path) {
        case .success(let text):
            return text
        case .failure(let reason):
            let diagnostic = Diagnostic(path: path, line: 1, column: 1, message: "cannot read \(what): \(reason.message)", sourceLine: "")
            throw ScenarioError(diagnostics: [diagnostic])
        }
    }

    /// Compiles scenario `text`; `path` names it in diagnostics and anchors relative MSEL paths.
    public static func load(text: String, path: String) throws(ScenarioError) -> LoadedScenario {
        let sink = DiagnosticSink()
        sink.register(path: path, text: text)
        var composer = YAMLComposer(path: path, sink: sink)
        let (root, failed) = composer.compose(text)
        if failed { throw ScenarioError(diagnostics: sink.sorted()) }
        let reader = NodeReader(path: path, text: text, sink: sink, placeholders: composer.placeholders)
        var draft = ScenarioReader(reader: reader).read(root)
        for file in draft.msel {
            let resolved = resolve(file.value, from: path)
            switch readFile(resolved) {
            case .success(let csv):
                draft.injects += MSELImporter(sink: sink).read(text: csv, path: resolved)
            case .failure(let reason):
                sink.error("cannot read the MSEL '\(resolved)': \(reason.message)", at: file.location)
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
    }

    /// The file's text (UTF-8), or the operating system's reason it cannot be read.
    static func readFile(_ path: String) -> Result<String, ReadFailure> {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return .failure(ReadFailure(message: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { return .failure(ReadFailure(message: String(cString: strerror(errno)))) }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ReadFailure(message: "the file is not valid UTF-8 text"))
        }
        return .success(text)
    }
}
