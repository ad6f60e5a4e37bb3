import Foundation
import Testing

/// `jtx report` turns a run's result folder into a self-contained HTML page (every section,
/// an SVG per chart, nothing loaded from the network) or Markdown tables, and renders text
/// from the scenario as text, never as markup.
@Suite struct ReportTests {
    static var jtx: URL { BuiltProducts.debugDirectory.appendingPathComponent("jtx") }

    static let sections = ["report-header", "objectives", "distributions", "time-attribution", "threat", "agencies", "channels", "handoffs", "timeline"]
    static let charts = ["cdf-0", "cdf-1", "time-chart", "threat-chart", "utilisation-chart", "queue-chart", "timeline-chart"]

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-report-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `scenario` into `folder` and returns the status of `jtx report` on it.
    func runAndReport(_ scenario: String, into folder: URL, replications: Int) throws -> BuiltProducts.Result {
        let run = try BuiltProducts.run(Self.jtx, ["run", scenario, "-r", String(replications), "--out", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        return try BuiltProducts.run(Self.jtx, ["report", folder.path])
    }

    @Test func quickstartReportHasEverySectionAndChartAndNoExternalLoads() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try runAndReport("scenarios/quickstart.yaml", into: folder, replications: 50)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for section in Self.sections { #expect(html.contains("<section id=\"\(section)\"") || html.contains("<header id=\"\(section)\""), "missing \(section)") }
        for chart in Self.charts { #expect(html.contains("<svg id=\"\(chart)\""), "missing chart \(chart)") }
        #expect(html.components(separatedBy: "<svg id=").count - 1 == Self.charts.count)
        #expect(!html.contains("http://") && !html.contains("https://"), "the page must load nothing from the network")
        #expect(!html.contains("<script") && !html.contains("<link"))
        #expect(html.contains("Quickstart") && html.contains("scenarios/quickstart.yaml") && html.contains("case-opened"))
        #expect(html.contains("<polyline"), "the distribution charts draw a curve")
        #expect(html.contains("deadline"))
    }

    @Test func markdownFormatPrintsTheTables() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BuiltProducts.run(Self.jtx, ["run", "scenarios/quickstart.yaml", "-r", "20", "--out", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let markdown = try BuiltProducts.run(Self.jtx, ["report", folder.path, "--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        for heading in ["## Objectives", "## Where the time goes", "## Threat", "## Agencies", "## Channels"] {
            #expect(markdown.stdout.contains(heading), "missing \(heading)")
        }
        #expect(markdown.stdout.contains("| Objective | Core capability | Deadline | P(met) |"))
        #expect(markdown.stdout.contains("| case-opened |") && markdown.stdout.contains("| funds-frozen |"))
        #expect(markdown.stdout.contains("| --- |"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
    }

    @Test func outOptionWritesThere() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BuiltProducts.run(Self.jtx, ["run", "scenarios/chain.yaml", "--out", folder.path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let target = folder.appendingPathComponent("elsewhere/page.html")
        let report = try BuiltProducts.run(Self.jtx, ["report", folder.path, "--out", target.path])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(FileManager.default.fileExists(atPath: target.path))
        #expect(report.stdout.contains(target.path))
    }

    @Test func missingOrBrokenSummaryExits65() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try BuiltProducts.run(Self.jtx, ["report", folder.path])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("no summary.json"))
        try Data("{ not json".utf8).write(to: folder.appendingPathComponent("summary.json"))
        let broken = try BuiltProducts.run(Self.jtx, ["report", folder.path])
        #expect(broken.status == 65)
        #expect(broken.stderr.contains("is not a jtx run summary"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("report.html").path))
    }

    /// An agency named, and an objective described, as a script tag render as text.
    @Test func scenarioTextIsEscaped() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let attack = "<script>alert(1)</script>"
        var text = try String(contentsOf: BuiltProducts.packageRoot.appendingPathComponent("scenarios/chain.yaml"), encoding: .utf8)
        text = text.replacingOccurrences(of: "  - id: INTEL\n", with: "  - id: INTEL\n    name: \"\(attack)\"\n")
        text = text.replacingOccurrences(of: "description: The suspect is arrested within 24 hours of the tip.",
                                         with: "description: \"\(attack)\"")
        #expect(text.contains("name: \"\(attack)\"") && text.contains("description: \"\(attack)\""))
        let scenario = folder.appendingPathComponent("hostile.yaml")
        try Data(text.utf8).write(to: scenario)
        let out = folder.appendingPathComponent("out")
        let report = try runAndReport(scenario.path, into: out, replications: 3)
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(!html.contains(attack))
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        let markdown = try BuiltProducts.run(Self.jtx, ["report", out.path, "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(!markdown.stdout.contains(attack))
        #expect(markdown.stdout.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }
}
