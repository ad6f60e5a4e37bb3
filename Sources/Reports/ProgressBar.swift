public import Foundation

/// A one-line progress display on standard error for long runs and sweeps: a bar, items done
/// of the total, the rate, the time left and an optional note (e.g. `point 4/16`).
///
/// It draws only when `enabled`: callers pass `ProgressBar.shouldDraw(quiet:)`, true on a
/// terminal (standard error is a tty) without `--quiet`, so piped or redirected runs print
/// nothing but their results. It redraws at most five times a second (and on the last item),
/// rewrites its line with a carriage return and spaces (no escape sequences, no colour at
/// all, so `NO_COLOR` and dumb terminals are honoured), and blanks the line on `finish()`.
///
///     let bar = ProgressBar(total: 1000, unit: "replications", enabled: ProgressBar.shouldDraw(quiet: quiet))
///     for … { …; bar.advance() }
///     bar.finish()
///
/// Safe to call from several threads (a lock guards its state).
public final class ProgressBar: @unchecked Sendable {
    public let total: Int
    public let unit: String
    public let enabled: Bool
    private let interval: Double
    private let write: (String) -> Void
    private let lock = NSLock()
    private var done = 0
    private var note = ""
    private let started = ProcessInfo.processInfo.systemUptime
    private var lastDraw = -Double.infinity
    private var width = 0

    /// A display of `total` items named `unit` (plural). `write` receives the text to print
    /// (standard error by default); `interval` is the least time between redraws, in seconds.
    public init(total: Int, unit: String, enabled: Bool, interval: Double = 0.2,
                write: @escaping (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.total = max(1, total)
        self.unit = unit
        self.enabled = enabled
        self.interval = interval
        self.write = write
    }

    /// True when a progress display belongs on standard error: it is a terminal and the user
    /// did not ask for quiet.
    public static func shouldDraw(quiet: Bool) -> Bool {
        !quiet && isatty(STDERR_FILENO) != 0
    }

    /// Adds `count` finished items.
    public func advance(by count: Int = 1) {
        lock.lock()
        defer { lock.unlock() }
        set(done: done + count)
    }

    /// Sets the number of finished items.
    public func update(done: Int) {
        lock.lock()
        defer { lock.unlock() }
        set(done: done)
    }

    /// Sets the note shown after the figures (e.g. `point 4/16`), drawn with the next update.
    public func update(note: String) {
        lock.lock()
        defer { lock.unlock() }
        self.note = note
    }

    /// Blanks the line, leaving the cursor at its start.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard enabled, width > 0 else { return }
        write("\r" + String(repeating: " ", count: width) + "\r")
        width = 0
    }

    private func set(done: Int) {
        self.done = done
        guard enabled else { return }
        let now = ProcessInfo.processInfo.systemUptime
        guard now - lastDraw >= interval || done >= total else { return }
        lastDraw = now
        let text = line(elapsed: now - started)
        let padding = String(repeating: " ", count: max(0, width - text.count))
        write("\r" + text + padding)
        width = text.count
    }

    /// The display's text after `elapsed` seconds.
    func line(elapsed: Double) -> String {
        let fraction = min(1, Double(done) / Double(total))
        let cells = 20
        let filled = Int((fraction * Double(cells)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: cells - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Self.clock(Double(max(0, total - done)) / rate) : "--:--"
        var text = "[\(bar)] \(done)/\(total) \(unit)  \(Self.rate(rate))/s  ETA \(eta)"
        if !note.isEmpty { text += "  " + note }
        return text
    }

    static func rate(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
    }

    /// `m:ss` or `h:mm:ss` (capped at 99:59:59).
    public static func clock(_ seconds: Double) -> String {
        let whole = seconds.isFinite ? Int(min(seconds, 359_999).rounded()) : 0
        let (h, m, s) = (whole / 3600, whole % 3600 / 60, whole % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
