import Foundation
import Testing

/// The habits of a command-line tool: shell completions, a man page, a version with the git
/// revision, suggestions for mistyped commands and options, an example in every command's help.
@Suite struct CommandLineHabitsTests {
    static var jtx: URL { BuiltProducts.debugDirectory.appendingPathComponent("jtx") }

    /// Every command path (`[]` is jtx itself, `["sweep"]`, `["slurm", "submit"]`, …), read from
    /// argument-parser's own description of the command tree, so new commands are covered.
    static func commandPaths() throws -> [[String]] {
        let dump = try BuiltProducts.run(jtx, ["--experimental-dump-help"])
        guard dump.status == 0,
              let object = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any],
              let root = object["command"] as? [String: Any] else { return [] }
        var paths: [[String]] = []
        func visit(_ command: [String: Any], _ path: [String]) {
            paths.append(path)
            for sub in (command["subcommands"] as? [[String: Any]]) ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                if (sub["shouldDisplay"] as? Bool) == false { continue }
                visit(sub, path + [name])
            }
        }
        visit(root, [])
        return paths
    }

    static func topLevelCommands() throws -> [String] {
        try commandPaths().filter { $0.count == 1 }.map { $0[0] }
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsNameEveryCommand(shell: String) throws {
        let result = try BuiltProducts.run(Self.jtx, ["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.count > 500)
        let commands = try Self.topLevelCommands()
        #expect(commands.contains("init") && commands.contains("explain") && commands.contains("run"))
        for command in commands { #expect(result.stdout.contains(command), "\(shell) completions lack \(command)") }
    }

    /// The man page `make man` generates with swift-argument-parser's generate-manual plugin
    /// (`JTX_MAN_PAGE`, else the plugin's output folder in the build folder next to the products).
    @Test func manPageHasNameSynopsisAndEveryCommand() throws {
        let page: URL
        if let path = ProcessInfo.processInfo.environment["JTX_MAN_PAGE"] {
            page = URL(fileURLWithPath: path)
        } else {
            page = BuiltProducts.debugDirectory.deletingLastPathComponent().appendingPathComponent("plugins/GenerateManual/outputs/jtx/jtx.1")
        }
        guard FileManager.default.fileExists(atPath: page.path) else {
            Issue.record("\(page.path) does not exist: run `make man` first (make test does)")
            return
        }
        let text = try String(contentsOf: page, encoding: .utf8)
        #expect(text.contains(".Sh NAME"))
        #expect(text.contains(".Sh SYNOPSIS"))
        #expect(text.contains(".Nm jtx"))
        for command in try Self.topLevelCommands() {
            let listed = text.contains(".It Em \(command)\n") || text.contains(".It Em \"\(command),")
            #expect(listed, "the man page lacks \(command): run make man again")
        }
    }

    @Test func versionNamesTheGitRevision() throws {
        let result = try BuiltProducts.run(Self.jtx, ["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        // "0.5.0 (git 0123456789ab)", "(git 0123456789ab-dirty)" or "(git unknown)" outside a checkout.
        let revision = try #require(line.split(separator: " ").last).dropFirst(0)
        #expect(line.contains(" (git "))
        #expect(revision.hasSuffix(")"))
        let hex = revision.dropLast().replacingOccurrences(of: "-dirty", with: "")
        #expect(hex == "unknown" || (hex.count == 12 && hex.allSatisfy(\.isHexDigit)), "\(line)")
    }

    @Test(arguments: [("rnu", "run"), ("vaildate", "validate"), ("explian", "explain"), ("swep", "sweep"), ("reprot", "report")])
    func mistypedCommandSuggestsTheRightOne(typed: String, meant: String) throws {
        let result = try BuiltProducts.run(Self.jtx, [typed, "scenarios/quickstart.yaml"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Did you mean '\(meant)'?"), "\(result.stderr)")
    }

    @Test func unknownCommandListsTheCommands() throws {
        let result = try BuiltProducts.run(Self.jtx, ["frobnicate"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("'frobnicate' is not a jtx command"))
        #expect(result.stderr.contains("init") && result.stderr.contains("run"))
    }

    @Test func mistypedOptionSuggestsTheRightOne() throws {
        let result = try BuiltProducts.run(Self.jtx, ["run", "scenarios/quickstart.yaml", "--replicatons", "5"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--replications"), "\(result.stderr)")
    }

    /// Every command's help shows at least one example that starts with `jtx`.
    @Test func everyHelpHasAnExample() throws {
        for path in try Self.commandPaths() {
            let result = try BuiltProducts.run(Self.jtx, path + ["--help"], environment: ["COLUMNS": "100"])
            #expect(result.status == 0)
            let hasExample = result.stdout.contains("Example") && result.stdout.contains("  jtx ")
            #expect(hasExample, "jtx \(path.joined(separator: " ")) --help has no example")
        }
    }
}
