import ArgumentParser
import Foundation

/// The `jtx` command: parses arguments and calls the library; nothing else lives here.
@main
struct JTX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jtx",
        abstract: "jtx — a joint training exercise simulator for multinational counter-terrorism cooperation.",
        discussion: """
            jtx simulates agencies, the channels between them and the legal handoffs a case needs \
            when it crosses a border, and measures how fast a coordinated response happens.

            Examples:
              jtx init red-kite                    # a new, commented scenario and its MSEL CSV
              jtx explain red-kite.yaml            # what the file says, in plain words
              jtx run red-kite.yaml -r 200         # simulate and summarise
              jtx --generate-completion-script bash > /etc/bash_completion.d/jtx

            Results go to standard output, diagnostics and progress to standard error. Exit codes: \
            0 success, 1 a difference flagged (compare, regress), 64 usage error, 65 invalid input \
            (scenario, sweep, results), 70 internal \
            failure, 73 a file exists (init without --force), 74 output could not be written \
            (docs/cli.md).
            """,
        version: JTXVersion.withRevision,
        subcommands: [InitCommand.self, ValidateCommand.self, ExplainCommand.self, RunCommand.self, SchemaCommand.self, SweepCommand.self, MergeCommand.self, SlurmCommand.self, ReportCommand.self,
                      CompareCommand.self, BaselineCommand.self, RegressCommand.self]
    )

    /// Suggests the right command for a mistyped one (`jtx rnu` → "did you mean 'run'?"), then
    /// parses and runs as usual.
    static func main() {
        if let typed = CommandLine.arguments.dropFirst().first, let message = CommandSuggestion.message(for: typed, root: JTX.self) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(64)
        }
        main(nil)
    }
}
