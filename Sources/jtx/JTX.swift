import ArgumentParser

/// The `jtx` command: parses arguments and calls the library; nothing else lives here.
@main
struct JTX: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jtx",
        abstract: "jtx — a joint training exercise simulator for multinational counter-terrorism cooperation.",
        discussion: """
            jtx simulates agencies, the channels between them and the legal handoffs a case needs \
            when it crosses a border, and measures how fast a coordinated response happens.
            """,
        version: JTXVersion.current,
        subcommands: [RunCommand.self, ValidateCommand.self, SchemaCommand.self, SweepCommand.self, MergeCommand.self, ReportCommand.self]
    )
}
