import ExerciseModel
import Experiments
import Foundation
import Reports
import ScenarioFormat
import Stochastics

/// Writes the HTML reports of `jtx report`, `jtx run --report` and `jtx sweep --report`: one
/// place that reads a result folder, reruns the timeline's replication and writes the page.
enum ReportWriting {
    /// Why no report was written; `code` is the exit code (65 unreadable results, 74 not written).
    struct Failure: Error {
        var code: Int32
        var message: String
    }

    /// True when `folder` holds a sweep's results (`sweep.json`) rather than a run's.
    static func isSweep(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("sweep.json").path)
            && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("summary.json").path)
    }

    /// The time the report is made, for its header (UTC, to the second).
    static func stamp() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// Writes the report of the run in `folder` to `target` (default `folder/report.html`) and
    /// returns where. `scenario`, when the caller has just run it, is used for the timeline
    /// instead of loading the file named in `summary.json` again.
    static func writeRun(folder: URL, to target: URL?, timeline: Bool, scenario: LoadedScenario? = nil) throws(Failure) -> URL {
        let input: (document: SummaryDocument, rows: ReplicationRows)
        do {
            input = try ReportInput.load(folder: folder)
        } catch {
            throw Failure(code: 65, message: error.description)
        }
        let trace = timeline ? representativeTimeline(input.document, rows: input.rows, scenario: scenario) : nil
        let html = HTMLReport(document: input.document, rows: input.rows, timeline: trace, generated: stamp()).render()
        return try write(html, to: target ?? folder.appendingPathComponent("report.html"))
    }

    /// Writes the report of the sweep in `folder` to `target` (default `folder/report.html`).
    static func writeSweep(folder: URL, to target: URL?) throws(Failure) -> URL {
        let report: SweepReport
        do {
            report = try SweepReport.load(folder: folder)
        } catch {
            throw Failure(code: 65, message: error.description)
        }
        return try write(report.made(stamp()).render(), to: target ?? folder.appendingPathComponent("report.html"))
    }

    static func write(_ html: String, to target: URL) throws(Failure) -> URL {
        do {
            try AtomicFile.write(html, to: target)
        } catch {
            throw Failure(code: 74, message: error.description)
        }
        return target
    }

    /// Reruns the replication closest to the median of the first objective's elapsed time with a
    /// trace, when the scenario can be loaded and still has the digest the results were made
    /// from. Says on standard error why there is no timeline otherwise.
    static func representativeTimeline(_ document: SummaryDocument, rows: ReplicationRows, scenario: LoadedScenario?) -> TimelineInput? {
        func skip(_ reason: String) -> TimelineInput? {
            FileHandle.standardError.write(Data("note: no timeline: \(reason)\n".utf8))
            return nil
        }
        guard let objective = document.summary.objectives.first else { return skip("the exercise has no objectives") }
        guard let chosen = TimelineInput.medianReplication(rows, column: "objective.\(objective.id).elapsed_hours") else {
            return skip("no replication reached the milestone of \(objective.id)")
        }
        let loaded: LoadedScenario
        if let scenario {
            loaded = scenario
        } else {
            do {
                loaded = try ScenarioLoader.load(path: document.scenario)
            } catch {
                return skip("the scenario \(document.scenario) cannot be loaded")
            }
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
