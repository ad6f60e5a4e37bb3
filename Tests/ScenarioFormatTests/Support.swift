import Foundation
@testable import ScenarioFormat

/// Fixture paths and the built `jtx` binary, found from this source file's location.
enum Fixtures {
    /// The package root (three levels above this file).
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let invalid = packageRoot.appendingPathComponent("Tests/Fixtures/scenarios-invalid")
    static let valid = packageRoot.appendingPathComponent("Tests/Fixtures/scenarios-valid")

    /// `jtx` in `$JTX_BUILD_DIR` (as `make test` sets it), else `<root>/.build/debug`.
    static var jtx: URL {
        let directory = ProcessInfo.processInfo.environment["JTX_BUILD_DIR"].map { URL(fileURLWithPath: $0) }
            ?? packageRoot.appendingPathComponent(".build/debug")
        return directory.appendingPathComponent("jtx")
    }

    /// The YAML files of a fixture folder, sorted.
    static func yamlFiles(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Loads a valid fixture, or fails the test with the rendered diagnostics.
    static func load(valid name: String) throws -> LoadedScenario {
        do {
            return try ScenarioLoader.load(path: valid.appendingPathComponent(name).path)
        } catch {
            throw FixtureFailure(description: error.rendered)
        }
    }
}

struct FixtureFailure: Error, CustomStringConvertible {
    var description: String
}

/// Runs a built executable and captures its output.
enum Command {
    struct Result {
        var status: Int32
        var reason: Process.TerminationReason
        var stdout: String
        var stderr: String
    }

    static func run(_ executable: URL, _ arguments: [String]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw FixtureFailure(description: "\(executable.path) does not exist: build it first (swift build --build-tests; set JTX_BUILD_DIR for a scratch path)")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = Fixtures.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, reason: process.terminationReason,
                      stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
