import ArgumentParser
import Foundation
import Reports

/// A scenario `jtx init` can write: a commented YAML file and, when its injects live in a
/// spreadsheet, a sample MSEL CSV beside it.
struct ScenarioTemplate {
    var id: String
    var summary: String
    var scenario: String
    var msel: String?

    static let all: [ScenarioTemplate] = [
        ScenarioTemplate(id: "quickstart", summary: "two states, five agencies, a terrorist-financing case; MSEL in a CSV",
                         scenario: quickstartScenario, msel: quickstartMSEL),
        ScenarioTemplate(id: "grey-heron", summary: "the reference exercise: four states, two international organisations, legal instruments",
                         scenario: greyHeronScenario, msel: nil),
        ScenarioTemplate(id: "blank", summary: "the smallest exercise that runs: two agencies, one channel, one objective; MSEL in a CSV",
                         scenario: blankScenario, msel: blankMSEL),
    ]

    static func named(_ id: String) -> ScenarioTemplate? { all.first { $0.id == id } }

    /// The template's files with their placeholders filled in.
    func render(name: String, file: String, mselFile: String) -> (scenario: String, msel: String?) {
        func fill(_ text: String) -> String {
            text.replacingOccurrences(of: "{{NAME}}", with: name)
                .replacingOccurrences(of: "{{FILE}}", with: file)
                .replacingOccurrences(of: "{{MSEL}}", with: mselFile) + "\n"
        }
        return (fill(scenario), msel.map(fill))
    }
}

/// `jtx init [NAME]`: write a new, commented scenario (and its sample MSEL CSV) from a template.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a new, commented scenario file (and a sample MSEL CSV) that validates and runs as is.",
        discussion: """
            Writes NAME.yaml and, for templates whose injects live in a spreadsheet, NAME-msel.csv \
            beside it, then prints the next command to run. NAME may include a folder (created when \
            missing); a trailing .yaml is optional. Existing files are never overwritten without --force.

            Templates:
              quickstart   two states, five agencies, a terrorist-financing case; MSEL in a CSV (default)
              grey-heron   the reference exercise: four states, two international organisations
              blank        the smallest exercise that runs: two agencies, one channel, one objective

            Examples:
              jtx init red-kite
              jtx init exercises/grey-copy --template grey-heron
              jtx init scratch --template blank --force

            Exit codes: 0 success, 64 usage error (e.g. an unknown template or a bad name), \
            73 a file exists (use --force), 74 a file could not be written.
            """
    )

    enum Template: String, ExpressibleByArgument, CaseIterable {
        case quickstart
        case greyHeron = "grey-heron"
        case blank
    }

    @Argument(help: "The scenario to create: NAME.yaml (and NAME-msel.csv).")
    var name: String = "exercise"

    @Option(name: .shortAndLong, help: "The template to start from.")
    var template: Template = .quickstart

    @Flag(help: "Overwrite existing files.")
    var force = false

    /// The scenario path, the CSV path and the exercise name NAME stands for.
    var paths: (scenario: String, msel: String, base: String) {
        var stem = name
        for suffix in [".yaml", ".yml"] where stem.hasSuffix(suffix) { stem.removeLast(suffix.count) }
        let base = stem.split(separator: "/").last.map(String.init) ?? stem
        return (stem + ".yaml", stem + "-msel.csv", base)
    }

    func validate() throws {
        let base = paths.base
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        guard let first = base.unicodeScalars.first, CharacterSet.alphanumerics.contains(first),
              base.unicodeScalars.allSatisfy({ allowed.contains($0) }), !name.hasSuffix("/") else {
            throw ValidationError("NAME must end in a file name of letters, digits, '-', '_' and '.', starting with a letter or digit (e.g. red-kite or exercises/red-kite); got '\(name)'")
        }
    }

    func run() throws {
        guard let chosen = ScenarioTemplate.named(template.rawValue) else { throw ExitCode(70) }
        let (scenarioPath, mselPath, base) = paths
        let mselName = (mselPath as NSString).lastPathComponent
        let scenarioName = (scenarioPath as NSString).lastPathComponent
        let files = chosen.render(name: base, file: scenarioPath, mselFile: mselName)
        var outputs = [(path: scenarioPath, text: files.scenario, what: "the scenario")]
        if let msel = files.msel { outputs.append((mselPath, msel, "its MSEL, imported by msel: \(mselName)")) }

        let manager = FileManager.default
        if !force, let existing = outputs.first(where: { manager.fileExists(atPath: $0.path) }) {
            FileHandle.standardError.write(Data("error: \(existing.path) already exists; pass --force to overwrite it, or choose another name (jtx init NAME)\n".utf8))
            throw ExitCode(73)
        }
        do {
            let folder = (scenarioPath as NSString).deletingLastPathComponent
            if !folder.isEmpty { try manager.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            // Atomically and durably, like every file jtx writes (docs/reliability.md).
            for output in outputs { try AtomicFile.write(output.text, to: URL(fileURLWithPath: output.path)) }
        } catch let failure as AtomicFile.WriteError {
            FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
            throw ExitCode(74)
        } catch {
            FileHandle.standardError.write(Data("error: cannot write \(scenarioName): \(error.localizedDescription)\n".utf8))
            throw ExitCode(74)
        }
        for output in outputs { print("Created \(output.path) (\(output.what))") }
        print("""

            Next: jtx run \(Self.shellQuoted(scenarioPath)) --replications 20
              (check it first with `jtx validate \(Self.shellQuoted(scenarioPath))`, read it back with `jtx explain \(Self.shellQuoted(scenarioPath))`)
            """)
    }

    static func shellQuoted(_ path: String) -> String {
        let safe = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_./"))
        return path.unicodeScalars.allSatisfy { safe.contains($0) } ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
