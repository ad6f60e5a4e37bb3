import Foundation

/// Runs the built executables (`jtx`, `jtx-bench`) the way a user does, and captures the result.
enum BuiltProducts {
    /// The package's root folder, found from this source file's location.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The debug build folder (`JTX_BUILD_DIR` when set, as `make test` does).
    static var debugDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["JTX_BUILD_DIR"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".build/debug")
    }

    /// The release build folder (`make test` builds `jtx-bench` there for the allocation test).
    static var releaseDirectory: URL {
        if let path = ProcessInfo.processInfo.environment["JTX_RELEASE_DIR"] { return URL(fileURLWithPath: path) }
        return packageRoot.appendingPathComponent(".build/release")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    enum Failure: Error, CustomStringConvertible {
        case missing(URL)
        var description: String {
            switch self {
            case .missing(let url): return "\(url.path) does not exist: build it first (make test does)"
            }
        }
    }

    /// Runs `executable` with `arguments` and `environment` additions; waits for it to finish.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else { throw Failure.missing(executable) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a chatty child cannot block on a full pipe.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}
