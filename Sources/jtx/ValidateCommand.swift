import ArgumentParser
import Foundation
import ScenarioFormat

/// `jtx validate FILE...`: checks scenario files and reports every error with its location.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check scenario files and report every error with its file, line and column.",
        discussion: """
            Prints '<path>: ok' for each valid file. Errors go to standard error as \
            '<path>:<line>:<column>: error: <message>' with the source line, a caret and a hint. \
            Exits with 0 when every file is valid, 65 otherwise.

            Examples:
              jtx validate scenarios/quickstart.yaml
              jtx validate scenarios/*.yaml
              jtx validate scenarios/*.yaml --format json   # one object per file, for programs
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "text: '<path>: ok' lines and located errors on standard error; json: an array of {path, ok, diagnostics} on standard output.")
    var format: OutputFormat = .text

    @Argument(help: "Scenario files (YAML).")
    var files: [String] = []

    @Flag(help: "Let a scenario name files (CSV MSELs) outside its own folder.")
    var allowOutsidePaths = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        var failed = false
        var reports: [[String: Any]] = []
        for file in files {
            do {
                _ = try ScenarioLoader.load(path: file, options: ScenarioOptions(allowOutsidePaths: allowOutsidePaths))
                if format == .text { print("\(file): ok") }
                reports.append(["path": file, "ok": true, "diagnostics": [Any]()])
            } catch {
                if format == .text { FileHandle.standardError.write(Data((error.rendered + "\n").utf8)) }
                reports.append(["path": file, "ok": false, "diagnostics": error.diagnostics.map(Self.object)])
                failed = true
            }
        }
        if format == .json {
            let data = try JSONSerialization.data(withJSONObject: reports, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
        if failed { throw ExitCode(65) }
    }

    /// A diagnostic as a JSON object: path, line, column, severity, message and hint.
    static func object(_ diagnostic: Diagnostic) -> [String: Any] {
        var object: [String: Any] = ["path": diagnostic.path, "line": diagnostic.line, "column": diagnostic.column,
                                     "severity": diagnostic.severity.rawValue, "message": diagnostic.message]
        if let hint = diagnostic.hint { object["hint"] = hint }
        return object
    }
}
