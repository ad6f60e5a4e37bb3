import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a built executable as a child process and measures it: exit status or signal, wall
/// time, and peak resident memory, with a time limit after which the child is killed. Standard
/// output is discarded; standard error is kept.
///
/// The measuring is done by a small Python helper that forks the executable and reads its
/// resource usage from `wait4`. Measuring from this (test) process directly would be wrong: a
/// child spawned from it inherits, in `ru_maxrss`, the test process's own resident size at the
/// moment of `exec` (Linux records the old address space's peak there), and under
/// AddressSanitizer that alone is close to 1 GB. The helper is small, so its children start
/// clean (a few MiB of the helper's size may be counted).
enum MeasuredProcess {
    struct Result {
        /// Exit status when the child exited, nil when a signal ended it.
        var status: Int32?
        /// The signal that ended the child (SIGKILL also when the time limit was reached).
        var signal: Int32?
        var timedOut: Bool
        var seconds: Double
        /// Peak resident set size in KiB.
        var maxRSSKiB: Int
        var stderr: String

        var summary: String {
            let end = timedOut ? "timed out" : status.map { "exit \($0)" } ?? "signal \(signal ?? 0)"
            return "\(end), \(String(format: "%.2f", seconds)) s, \(maxRSSKiB / 1024) MiB"
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let helper = """
        import json, os, signal, sys, time
        timeout = float(sys.argv[1]); argv = sys.argv[2:]
        start = time.monotonic()
        pid = os.fork()
        if pid == 0:
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, 0); os.dup2(null, 1)
            try:
                os.execv(argv[0], argv)
            finally:
                os._exit(127)
        timed_out = False
        while True:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done == pid:
                break
            if not timed_out and time.monotonic() - start > timeout:
                os.kill(pid, signal.SIGKILL); timed_out = True
            time.sleep(0.002)
        seconds = time.monotonic() - start
        result = {"seconds": seconds, "maxrss": usage.ru_maxrss, "timed_out": timed_out,
                  "status": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
                  "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None}
        print(json.dumps(result))
        """

    static func run(_ executable: URL, _ arguments: [String], timeout: Double = 60) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else { throw BuiltProducts.Failure.missing(executable) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", helper, String(timeout), executable.path] + arguments
        process.currentDirectoryURL = BuiltProducts.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard error can be large (diagnostics of a broken file): read it on another thread
        // while standard output (one line) is read here, so neither pipe fills up.
        let errorData = ErrorBuffer()
        let reader = Thread { errorData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let stderr = errorData.wait()
        guard let object = try? JSONSerialization.jsonObject(with: outData) as? [String: Any],
              let seconds = object["seconds"] as? Double, let maxRSS = object["maxrss"] as? Int else {
            throw Failure(description: "the measuring helper failed: \(String(decoding: outData, as: UTF8.self)) \(String(decoding: stderr.prefix(2000), as: UTF8.self))")
        }
        return Result(status: (object["status"] as? Int).map(Int32.init), signal: (object["signal"] as? Int).map(Int32.init),
                      timedOut: object["timed_out"] as? Bool ?? false, seconds: seconds, maxRSSKiB: maxRSS,
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Like `run`, without the helper and without measuring memory (`maxRSSKiB` is 0): for the
    /// many short runs of the malformed corpus, where starting Python each time would cost more
    /// than jtx.
    static func quick(_ executable: URL, _ arguments: [String], timeout: Double = 60) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else { throw BuiltProducts.Failure.missing(executable) }
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-measured-\(UUID().uuidString).err")
        defer { try? FileManager.default.removeItem(at: errorFile) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errorFile.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start \(executable.path): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var timedOut = false
        while true {
            let waited = waitpid(pid, &status, WNOHANG)
            if waited == pid { break }
            if waited < 0 && errno != EINTR { throw Failure(description: "waitpid: \(String(cString: strerror(errno)))") }
            if !timedOut && Date().timeIntervalSince(start) > timeout {
                kill(pid, SIGKILL)
                timedOut = true
            }
            usleep(2_000)
        }
        let seconds = Date().timeIntervalSince(start)
        let data = (try? Data(contentsOf: errorFile)) ?? Data()
        // WIFEXITED / WEXITSTATUS / WTERMSIG are macros Swift does not import.
        let signal = status & 0x7F
        return Result(status: signal == 0 ? (status >> 8) & 0xFF : nil, signal: signal == 0 ? nil : signal, timedOut: timedOut,
                      seconds: seconds, maxRSSKiB: 0, stderr: String(decoding: data, as: UTF8.self))
    }

    /// Standard error, read to its end on a thread of its own.
    final class ErrorBuffer: @unchecked Sendable {
        private let condition = NSCondition()
        private var data: Data?

        func set(_ value: Data) {
            condition.lock()
            data = value
            condition.broadcast()
            condition.unlock()
        }

        func wait() -> Data {
            condition.lock()
            defer { condition.unlock() }
            while data == nil { condition.wait() }
            return data ?? Data()
        }
    }
}
