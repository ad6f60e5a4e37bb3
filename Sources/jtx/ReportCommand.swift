import ArgumentParser
import Foundation
import Reports

/// `jtx report`: turn a run's or a sweep's result folder into a self-contained HTML page or
/// Markdown tables.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report (or Markdown tables) of a run's or a sweep's results.",
        discussion: """
            Reads summary.json and replications.csv from RESULT_DIR (the output folder of `jtx run`), \
            or sweep.json and points.csv from the output folder of `jtx sweep` or `jtx merge`. The \
            HTML page has inline CSS and SVG charts, no scripts, and loads nothing from the network \
            (see docs/report.md for what each chart shows). For a run, when the scenario file named \
            in summary.json is still there with the same digest, the replication closest to the \
            median time of the first objective is rerun to draw its timeline.

            Examples:
              jtx report results/quickstart/20260105T080000Z --out quickstart.html
              jtx report results/sweeps/grey-heron-what-buys-time/20261129T072800Z

            Exit codes: 0 success, 64 usage error, 65 no readable summary.json or sweep.json, \
            74 report could not be written.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, markdown
    }

    @Argument(help: "The result folder of `jtx run` (summary.json, replications.csv) or of `jtx sweep` (sweep.json, points.csv).")
    var resultDir: String

    @Option(name: .shortAndLong, help: "The HTML file to write (default: RESULT_DIR/report.html).")
    var out: String?

    @Option(help: "html writes a page; markdown prints the tables to standard output.")
    var format: Format = .html

    @Flag(help: "Do not rerun a replication for the timeline.")
    var noTimeline = false

    func run() throws {
        let folder = URL(fileURLWithPath: resultDir)
        let sweep = ReportWriting.isSweep(folder)
        if !sweep && FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.json").path)
            && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path) {
            FileHandle.standardError.write(Data("error: \(folder.path) holds a sweep's points but no sweep.json: merge its shards (jtx merge) or finish it (jtx sweep --resume) first\n".utf8))
            throw ExitCode(65)
        }
        do {
            if format == .markdown {
                print(try markdown(folder, sweep: sweep), terminator: "")
                return
            }
            let target = out.map { URL(fileURLWithPath: $0) }
            let written = sweep ? try ReportWriting.writeSweep(folder: folder, to: target)
                                : try ReportWriting.writeRun(folder: folder, to: target, timeline: !noTimeline)
            print("Report: \(written.path)")
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(error.code)
        }
    }

    func markdown(_ folder: URL, sweep: Bool) throws(ReportWriting.Failure) -> String {
        do {
            if sweep { return try SweepReport.load(folder: folder).markdown() }
            return MarkdownReport(document: try ReportInput.load(folder: folder).document).render()
        } catch {
            throw ReportWriting.Failure(code: 65, message: error.description)
        }
    }
}
