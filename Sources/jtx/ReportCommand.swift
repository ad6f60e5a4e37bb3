import ArgumentParser
import ExerciseModel
import Experiments
import Foundation
import Reports
import ScenarioFormat
import Stochastics

/// `jtx report`: turn a run's result folder into a self-contained HTML page or Markdown tables.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report (or Markdown tables) of a run's results.",
        discussion: """
            Reads summary.json and replications.csv from RESULT_DIR (the output folder of `jtx run`). \
            The HTML page has inline CSS and SVG charts and loads nothing from the network. When the \
            scenario file named in summary.json is still there with the same digest, the replication \
            closest to the median time of the first objective is rerun to draw its timeline.

            Example:
              jtx report results/quickstart/20260105T080000Z --out quickstart.html

            Exit codes: 0 success, 64 usage error, 65 no readable summary.json, 74 report could not be written.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, markdown
    }

    @Argument(help: "The result folder of `jtx run` (holding summary.json and replications.csv).")
    var resultDir: String

    @Option(name: .shortAndLong, help: "The HTML file to write (default: RESULT_DIR/report.html).")
    var out: String?

    @Option(help: "html writes a page; markdown prints the tables to standard output.")
    var format: Format = .html

    @Flag(help: "Do not rerun a replication for the timeline.")
    var noTimeline = false

    func run() throws {
        let folder = URL(fileURLWithPath: resultDir)
        let input: (document: SummaryDocument, rows: ReplicationRows)
        do {
            input = try ReportInput.load(folder: folder)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(65)
        }
        if format == .markdown {
            print(MarkdownReport(document: input.document).render(), terminator: "")
            return
        }
        let timeline = noTimeline ? nil : representativeTimeline(input.document, rows: input.rows)
        let stamp = ISO8601DateFormatter().string(from: Date())
        let html = HTMLReport(document: input.document, rows: input.rows, timeline: timeline, generated: stamp).render()
        let target = out.map { URL(fileURLWithPath: $0) } ?? folder.appendingPathComponent("report.html")
        do {
            try AtomicFile.write(html, to: target)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(74)
        }
        print("Report: \(target.path)")
    }

    /// Reruns the replication closest to the median of the first objective's elapsed time with a
    /// trace, when the scenario can be loaded and still has the digest the results were made from.
    func representativeTimeline(_ document: SummaryDocument, rows: ReplicationRows) -> TimelineInput? {
        func skip(_ reason: String) -> TimelineInput? {
            FileHandle.standardError.write(Data("note: no timeline: \(reason)\n".utf8))
            return nil
        }
        guard let objective = document.summary.objectives.first else { return skip("the exercise has no objectives") }
        guard let chosen = TimelineInput.medianReplication(rows, column: "objective.\(objective.id).elapsed_hours") else {
            return skip("no replication reached the milestone of \(objective.id)")
        }
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(path: document.scenario)
        } catch {
            return skip("the scenario \(document.scenario) cannot be loaded")
        }
        guard String(StreamDerivation.fnv1a64(loaded.text), radix: 16) == document.scenarioDigest else {
            return skip("\(document.scenario) has changed since the run")
        }
        let runner = ExerciseRunner(loaded.exercise)
        var buffer = TraceBuffer()
        do {
            _ = try runner.run(replication: chosen.replication, seed: document.summary.seed, trace: &buffer)
        } catch {
            return skip(error.description)
        }
        let note = "the replication closest to the median time of \(objective.id) (\(ReportNumber.hoursText(chosen.value)))."
        return TimelineInput(exercise: loaded.exercise, replication: chosen.replication, events: buffer.events, note: note)
    }
}
