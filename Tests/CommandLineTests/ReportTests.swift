import Foundation
import Testing

/// `jtx report` turns a run's (or a sweep's) result folder into a self-contained HTML page (every section,
/// an SVG per chart, nothing loaded from the network) or Markdown tables, and renders text
/// from the scenario as text, never as markup.
@Suite struct ReportTests {
    static var jtx: URL { BuiltProducts.debugDirectory.appendingPathComponent("jtx") }

    static let sections = ["report-header", "objectives", "distributions", "time-attribution", "critical-handoffs", "threat", "agencies",
                           "channels", "handoffs", "timeline"]
    static let charts = ["cdf-0", "cdf-1", "time-chart", "critical-handoffs-chart", "threat-chart", "threat-clock-chart", "utilisation-chart",
                         "queue-chart", "timeline-chart"]

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
        for chart in Self.charts { #expect(html.contains("<svg id=\"\(chart)\" data-chart=\"\(chart)\""), "missing chart \(chart)") }
        #expect(html.components(separatedBy: "data-chart=").count - 1 == Self.charts.count)
        #expect(!html.contains("http://") && !html.contains("https://"), "the page must load nothing from the network")
        #expect(!html.contains("<script") && !html.contains("<link"))
        #expect(html.contains("Quickstart") && html.contains("scenarios/quickstart.yaml") && html.contains("case-opened"))
        #expect(html.contains("<polyline"), "the distribution charts draw a curve")
        #expect(html.contains("deadline"))
        #expect(html.contains("agency closed") && html.contains("legal request"), "the timeline's key")
        #expect(html.contains("before the attack"), "each objective against the threat clock")
    }

    /// `jtx run --report` writes the page next to the results; the summary records the handoffs
    /// on each critical path and each objective's race against the attack.
    @Test func runReportFlagWritesThePageAndTheSummaryHasCriticalHandoffs() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try BuiltProducts.run(Self.jtx, ["run", "scenarios/quickstart.yaml", "-r", "20", "--out", folder.path, "--quiet", "--report"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("Report: \(folder.path)/report.html\n"))
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<svg id=\"critical-handoffs-chart\""))
        let document = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [String: Any])
        let objectives = try #require((document["summary"] as? [String: Any])?["objectives"] as? [[String: Any]])
        let handoffs = objectives.flatMap { ($0["critical_handoffs"] as? [[String: Any]]) ?? [] }
        #expect(!handoffs.isEmpty)
        for handoff in handoffs {
            #expect(["message", "request"].contains(handoff["kind"] as? String))
            #expect(handoff["from_agency"] as? String != handoff["to_agency"] as? String)
            let share = try #require(handoff["share"] as? Double)
            #expect(share > 0 && share <= 1)
        }
        #expect(objectives.allSatisfy { $0["probability_before_attack"] is Double })
        let json = try BuiltProducts.run(Self.jtx, ["run", "scenarios/chain.yaml", "--out", folder.appendingPathComponent("json").path,
                                                    "--format", "json", "--report"])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) is [String: Any], "standard output stays one JSON document")
        #expect(json.stderr.contains("Report: "))
    }

    /// `jtx sweep --report` and `jtx report` on a sweep folder: a main-effects chart and a heat
    /// map per key metric; the sweep's name is escaped; Markdown gives the main effects.
    @Test func sweepReportHasMainEffectsAndHeatMaps() throws {
        let folder = try SweepFixtures.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try SweepFixtures.quickstartSweep(in: folder, points: 6, replications: 5)
        try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "name: cli sweep", with: "name: \"<b>bold</b> sweep\"")
            .write(toFile: path, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out")
        let sweep = try BuiltProducts.run(Self.jtx, ["sweep", path, "--out", out.path, "--report"])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        #expect(sweep.stdout.hasSuffix("Report: \(out.path)/report.html\n"))
        let page = out.appendingPathComponent("report.html")
        let first = try String(contentsOf: page, encoding: .utf8)
        try FileManager.default.removeItem(at: page)
        let report = try BuiltProducts.run(Self.jtx, ["report", out.path])
        #expect(report.status == 0, "\(report.stderr)")
        let html = try String(contentsOf: page, encoding: .utf8)
        for section in ["sweep-header", "factors", "main-effects", "heat-maps"] { #expect(html.contains("id=\"\(section)\""), "missing \(section)") }
        for chart in ["main-effects-0", "main-effects-1", "main-effects-2", "heatmap-0", "heatmap-1", "heatmap-2"] {
            #expect(html.contains("<svg id=\"\(chart)\" data-chart=\"\(chart)\""), "missing chart \(chart)")
        }
        #expect(html.components(separatedBy: "data-chart=").count - 1 == 6)
        #expect(html.contains("<circle") && html.contains("linearGradient"))
        #expect(!html.contains("<b>bold</b>") && html.contains("&lt;b&gt;bold&lt;/b&gt; sweep"))
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(first.count == html.count, "the same page whichever command wrote it")
        let markdown = try BuiltProducts.run(Self.jtx, ["report", out.path, "--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        #expect(markdown.stdout.contains("## Main effects") && markdown.stdout.contains("| objective.funds-frozen.probability_met |"))
        #expect(markdown.stdout.contains("&lt;b&gt;bold&lt;/b&gt; sweep"))
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
