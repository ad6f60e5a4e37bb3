import Foundation
import Testing

/// docs/tutorial.md works as written: its ```sh blocks run in order, as one shell script, in an
/// empty temporary folder, with the built jtx first on PATH; every command must succeed.
@Suite struct TutorialTests {
    /// The bodies of the ```sh blocks of a Markdown text, in order.
    static func shellBlocks(_ markdown: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line.trimmingCharacters(in: .whitespaces) == "```sh" {
                current = []
            } else if current != nil, line.trimmingCharacters(in: .whitespaces) == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    @Test func tutorialCommandsRunAsWritten() throws {
        let tutorial = BuiltProducts.packageRoot.appendingPathComponent("docs/tutorial.md")
        let blocks = Self.shellBlocks(try String(contentsOf: tutorial, encoding: .utf8))
        #expect(blocks.count >= 8)
        let commands = blocks.joined(separator: "\n")
        for command in ["jtx init", "jtx validate", "jtx explain", "jtx run", "jtx report", "jtx sweep", "jtx compare"] {
            #expect(commands.contains(command), "the tutorial never runs \(command)")
        }
        var script = "set -euo pipefail\n"
        for (index, block) in blocks.enumerated() {
            script += "echo '>>> tutorial block \(index + 1)' >&2\n" + block + "\n"
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-tutorial-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = BuiltProducts.debugDirectory.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the tutorial failed:\n\(stderr.suffix(3000))\n--- stdout:\n\(stdout.suffix(2000))")
        let results = folder.appendingPathComponent("harbour-tutorial/results")
        #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("harbour/report.html").path))
        #expect(FileManager.default.fileExists(atPath: results.appendingPathComponent("harbour-sweep/sweep.json").path))
    }
}
