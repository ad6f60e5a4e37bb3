import ArgumentParser
import Foundation
import Reports
import ScenarioFormat

/// `jtx explain FILE`: the scenario in plain words, a planner's check that the file says what they meant.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Describe a scenario in plain language: who, which channels and instruments, which objectives.",
        discussion: """
            Reads the scenario (it must validate) and says, section by section: who is involved in \
            each jurisdiction; which channels connect whom; which legal instruments apply between \
            which states, and which one each cross-border request of the plan would use; \
            cooperation and tracked subjects; what the MSEL delivers and when; the plan; which \
            objectives are measured, from what trigger and by when; and the threat clock.

            Examples:
              jtx explain scenarios/grey-heron.yaml
              jtx explain scenarios/quickstart.yaml --format json > quickstart-explained.json

            Exit codes: 0 success, 64 usage error, 65 invalid scenario.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "text for people; json for programs.")
    var format: OutputFormat = .text

    func run() throws {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(path: scenario)
        } catch {
            FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
            throw ExitCode(65)
        }
        let explanation = ScenarioExplanation(loaded.exercise)
        switch format {
        case .text: print(explanation.text(), terminator: "")
        case .json: print(try explanation.json(), terminator: "")
        }
    }
}
