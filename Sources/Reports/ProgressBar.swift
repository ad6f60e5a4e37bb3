public import Foundation

/// A one-line progress display on standard error for long runs and sweeps: items done of the
/// total, the rate and the time left. It draws only when enabled (callers enable it on a
/// terminal and without `--quiet`), redraws at most five times a second, uses no colour (so
/// `NO_COLOR` is honoured trivially), and clears its line when finished.
public final class ProgressBar: @unchecked Sendable {
    // @unchecked: used from the thread that consumes results only; no shared mutation.
    public let total: Int
    public let unit: String
    public let enabled: Bool
    private var done = 0
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    public init(total: Int, unit: String, enabled: Bool) {
        self.total = max(1, total)
        self.unit = unit
        self.enabled = enabled
    }

    /// Adds `count` finished items.
    public func advance(by count: Int = 1) { update(done: done + count) }

    /// Sets the number of finished items.
    public func update(done: Int) {
        self.done = done
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.2 || done >= total else { return }
        lastDraw = now
        draw(now)
    }

    /// Clears the line.
    public func finish() {
        guard enabled, drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
    }

    private func draw(_ now: Date) {
        let elapsed = now.timeIntervalSince(started)
        let fraction = min(1, Double(done) / Double(total))
        let width = 24
        let filled = Int((fraction * Double(width)).rounded(.down))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let line = "\r[\(bar)] \(done)/\(total) \(unit)  \(Self.rate(rate))/s  ETA \(Self.clock(left))\u{1B}[K"
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    static func rate(_ value: Double) -> String {
        value >= 100 ? String(Int(value.rounded())) : String((value * 10).rounded() / 10)
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        let (h, m, s) = (whole / 3600, whole % 3600 / 60, whole % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }
}
