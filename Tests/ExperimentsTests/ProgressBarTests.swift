import Foundation
import Reports
import Testing

/// The progress display: nothing when disabled, one rewritten line when enabled, at most one
/// redraw per interval (and always the last), blanked at the end, no escape sequences.
@Suite("Progress display")
struct ProgressBarTests {
    final class Capture: @unchecked Sendable {
        var text = ""
    }

    @Test("disabled, it writes nothing")
    func disabled() {
        let capture = Capture()
        let bar = ProgressBar(total: 10, unit: "replications", enabled: false) { capture.text += $0 }
        for _ in 0..<10 { bar.advance() }
        bar.finish()
        #expect(capture.text.isEmpty)
    }

    @Test("enabled, it redraws one line at most once per interval, then blanks it")
    func enabled() {
        let capture = Capture()
        let bar = ProgressBar(total: 4, unit: "replications", enabled: true, interval: 3600) { capture.text += $0 }
        bar.update(note: "0/2 points done")
        bar.advance()
        bar.advance(by: 2)
        bar.update(done: 4)
        let draws = capture.text.split(separator: "\r", omittingEmptySubsequences: true)
        #expect(draws.count == 2, "the first update and the last item: \(draws)")
        #expect(draws.first?.hasPrefix("[#####---------------] 1/4 replications  ") == true)
        #expect(draws.first?.hasSuffix("  0/2 points done") == true)
        #expect(draws.last?.hasPrefix("[####################] 4/4 replications  ") == true)
        #expect(!capture.text.contains("\u{1B}"))
        let before = capture.text.count
        bar.finish()
        let blank = String(capture.text.dropFirst(before))
        #expect(blank.hasPrefix("\r") && blank.hasSuffix("\r"))
        #expect(blank.dropFirst().dropLast().allSatisfy { $0 == " " })
        bar.finish()
        #expect(capture.text.count == before + blank.count, "finishing twice blanks once")
    }

    @Test("times left read as m:ss or h:mm:ss")
    func clock() {
        #expect(ProgressBar.clock(75) == "1:15")
        #expect(ProgressBar.clock(3725) == "1:02:05")
        #expect(ProgressBar.clock(.infinity) == "0:00")
    }
}
