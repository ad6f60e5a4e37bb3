import ArgumentParser
import ScenarioFormat

/// `jtx schema`: prints the JSON Schema of the scenario format (for editors' YAML support).
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of the scenario format.",
        discussion: """
            Point an editor's YAML language server at it for completion and checks, e.g. with \
            '# yaml-language-server: $schema=jtx-scenario.schema.json' on the first line. \
            The output is always JSON.

            Example:
              jtx schema > jtx-scenario.schema.json
            """
    )

    func run() throws {
        print(try ScenarioSchema.json())
    }
}
