import Foundation
import Testing

/// The HTML reports of every shipped scenario and of the example sweep, loaded in headless
/// Chromium: every expected chart is in the rendered DOM and draws something, the page has no
/// script and logs nothing to the console, and a screenshot of each lands in `results/browser/`
/// for a person to look at.
///
/// Skipped when no Chromium is installed, unless `JTX_REQUIRE_BROWSER` is set (`make test` sets
/// it, and `make deps` installs Debian's `chromium`), so CI cannot skip it silently.
@Suite(.serialized, .enabled(if: Browser.shouldRun, "no chromium on PATH: install Debian's chromium (make deps does), or set JTX_REQUIRE_BROWSER=1 to fail instead"))
struct BrowserReportTests {
    static var jtx: URL { BuiltProducts.debugDirectory.appendingPathComponent("jtx") }
    static var screenshots: URL { BuiltProducts.packageRoot.appendingPathComponent("results/browser") }

    static var shippedScenarios: [String] {
        let folder = BuiltProducts.packageRoot.appendingPathComponent("scenarios")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { "scenarios/" + $0 }
    }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-browser-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The charts a run's report must have, from its summary: a distribution per objective, the
    /// time attribution, agency load, the critical-path handoffs when any were recorded, the
    /// threat charts with a threat, and the timeline when the first objective was ever reached.
    static func expectedCharts(summary url: URL) throws -> Set<String> {
        let document = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let summary = try #require(document["summary"] as? [String: Any])
        let objectives = try #require(summary["objectives"] as? [[String: Any]])
        var charts: Set<String> = ["time-chart", "utilisation-chart", "queue-chart"]
        charts.formUnion(objectives.indices.map { "cdf-\($0)" })
        if objectives.contains(where: { !(($0["critical_handoffs"] as? [Any]) ?? []).isEmpty }) { charts.insert("critical-handoffs-chart") }
        if summary["threat"] is [String: Any] { charts.formUnion(["threat-chart", "threat-clock-chart"]) }
        if let first = objectives.first, let spread = first["elapsed_hours"] as? [String: Any], (spread["count"] as? Int ?? 0) > 0 {
            charts.insert("timeline-chart")
        }
        return charts
    }

    @Test func everyShippedScenarioReportRendersEveryChart() throws {
        let chromium = try #require(Browser.executable, "JTX_REQUIRE_BROWSER is set but no chromium was found on PATH")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let scenarios = Self.shippedScenarios
        #expect(scenarios.count >= 4)
        for scenario in scenarios {
            let name = URL(fileURLWithPath: scenario).deletingPathExtension().lastPathComponent
            let out = folder.appendingPathComponent(name)
            let run = try BuiltProducts.run(Self.jtx, ["run", scenario, "-r", "30", "--out", out.path, "--quiet", "--report"])
            #expect(run.status == 0, "\(scenario): \(run.stderr)")
            #expect(run.stdout.contains("Report: \(out.path)/report.html"))
            let expected = try Self.expectedCharts(summary: out.appendingPathComponent("summary.json"))
            try check(out.appendingPathComponent("report.html"), expected: expected, chromium: chromium, screenshot: name)
        }
    }

    /// The example sweep with fewer replications per point (same design, factors and metrics).
    @Test func exampleSweepReportRendersEveryChart() throws {
        let chromium = try #require(Browser.executable, "JTX_REQUIRE_BROWSER is set but no chromium was found on PATH")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let root = BuiltProducts.packageRoot
        let text = try String(contentsOf: root.appendingPathComponent("scenarios/sweeps/grey-heron-sweep.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "replications: 500", with: "replications: 8")
            .replacingOccurrences(of: "scenario: ../grey-heron.yaml", with: "scenario: \(root.appendingPathComponent("scenarios/grey-heron.yaml").path)")
        #expect(text.contains("replications: 8"))
        let file = folder.appendingPathComponent("sweep.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let sweep = try BuiltProducts.run(Self.jtx, ["sweep", file.path, "--out", out.path, "--jobs", "2", "--report"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.contains("Report: \(out.path)/report.html"))
        let document = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("sweep.json"))) as? [String: Any])
        let metrics = try #require(document["main_effects"] as? [Any]).count
        #expect(metrics == 7)
        let expected = Set((0..<metrics).flatMap { ["main-effects-\($0)", "heatmap-\($0)"] })
        try check(out.appendingPathComponent("report.html"), expected: expected, chromium: chromium, screenshot: "sweep-grey-heron")
    }

    /// Loads `page` in headless Chromium: the rendered DOM has exactly the `expected` charts
    /// (`data-chart`), each with something drawn, and no script; nothing is logged to the
    /// console; the screenshot goes to `results/browser/<screenshot>.png`.
    func check(_ page: URL, expected: Set<String>, chromium: URL, screenshot: String) throws {
        let raw = try String(contentsOf: page, encoding: .utf8)
        #expect(!raw.contains("<script") && !raw.contains("http://") && !raw.contains("https://"), "\(screenshot): scripts or network addresses")
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        let image = Self.screenshots.appendingPathComponent(screenshot + ".png")
        try? FileManager.default.removeItem(at: image)
        let result = try Browser.render(page, chromium: chromium, screenshot: image)
        #expect(result.status == 0, "\(screenshot): chromium exited with \(result.status): \(result.stderr.suffix(2000))")
        let dom = result.stdout
        #expect(dom.contains("</html>"), "\(screenshot): no DOM dumped")
        #expect(!dom.contains("<script"))
        let console = result.stderr.split(separator: "\n").filter { $0.contains(":CONSOLE") }
        #expect(console.isEmpty, "\(screenshot): console messages: \(console)")
        let charts = Browser.charts(in: dom)
        #expect(Set(charts.keys) == expected, "\(screenshot): charts \(charts.keys.sorted()) instead of \(expected.sorted())")
        for (chart, marks) in charts.sorted(by: { $0.key < $1.key }) {
            #expect(marks > 0, "\(screenshot): chart \(chart) draws nothing")
        }
        #expect(FileManager.default.fileExists(atPath: image.path), "\(screenshot): no screenshot")
    }
}

/// Finding and driving headless Chromium.
enum Browser {
    static var required: Bool { ProcessInfo.processInfo.environment["JTX_REQUIRE_BROWSER"].map { !$0.isEmpty && $0 != "0" } ?? false }

    /// `JTX_CHROMIUM`, else the first of chromium, chromium-browser, google-chrome on PATH.
    static var executable: URL? {
        if let path = ProcessInfo.processInfo.environment["JTX_CHROMIUM"], FileManager.default.isExecutableFile(atPath: path) {
            return URL(fileURLWithPath: path)
        }
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) {
                return URL(fileURLWithPath: folder + "/" + name)
            }
        }
        return nil
    }

    static var shouldRun: Bool { required || executable != nil }

    /// Renders `page` once: the DOM on standard output, console messages in the log on
    /// standard error, and a 1200 px wide screenshot. A fresh profile folder each time, so
    /// that runs side by side do not share one; stopped after two minutes.
    static func render(_ page: URL, chromium: URL, screenshot: URL) throws -> BuiltProducts.Result {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = chromium
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                             "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0", "--window-size=1200,10000",
                             "--screenshot=\(screenshot.path)", "--dump-dom", page.absoluteString]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let deadline = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: deadline)
        // Both pipes are read to the end before waiting, so a chatty browser cannot block.
        let errData = LockedData()
        let errReader = Thread { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        errReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        deadline.cancel()
        while !errData.done { Thread.sleep(forTimeInterval: 0.01) }
        return BuiltProducts.Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                    stderr: String(decoding: errData.value, as: UTF8.self))
    }

    /// Each `<svg>` with a `data-chart` attribute in `dom`, with the number of marks it draws
    /// (rect, path, line, polyline and circle elements before its `</svg>`).
    static func charts(in dom: String) -> [String: Int] {
        var result: [String: Int] = [:]
        var rest = dom[...]
        while let open = rest.range(of: "<svg ") {
            guard let tagEnd = rest[open.upperBound...].firstIndex(of: ">"),
                  let close = rest[tagEnd...].range(of: "</svg>") else { break }
            let tag = rest[open.lowerBound..<tagEnd], body = rest[tagEnd..<close.lowerBound]
            if let attribute = tag.range(of: "data-chart=\"") , let quote = tag[attribute.upperBound...].firstIndex(of: "\"") {
                let name = String(tag[attribute.upperBound..<quote])
                result[name] = ["<rect", "<path", "<line", "<polyline", "<circle"].reduce(0) { $0 + body.components(separatedBy: $1).count - 1 }
            }
            rest = rest[close.upperBound...]
        }
        return result
    }
}

/// Bytes handed from a reader thread to the waiting one.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var finished = false

    func set(_ value: Data) { lock.lock(); data = value; finished = true; lock.unlock() }
    var done: Bool { lock.lock(); defer { lock.unlock() }; return finished }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
