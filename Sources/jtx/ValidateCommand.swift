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
            """
    )

    @Argument(help: "Scenario files (YAML).")
    var files: [String] = []

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one scenario file") }
    }

    func run() throws {
        var failed = false
        for file in files {
            do {
                _ = try ScenarioLoader.load(path: file)
                print("\(file): ok")
            } catch {
                FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
                failed = true
            }
        }
        if failed { throw ExitCode(65) }
    }
}
