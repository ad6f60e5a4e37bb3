import ArgumentParser
import ExerciseModel
import Experiments
import Foundation
import Reports
import ScenarioFormat

/// `jtx run`: simulate a scenario's replications and write the summary and per-replication rows.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Simulate a scenario and summarise its objectives, agencies and channels.",
        discussion: """
            Writes summary.json and replications.csv into the output folder (by default \
            results/<scenario>/<UTC time>/) and prints a summary.

            Example:
              jtx run scenarios/quickstart.yaml --replications 200 --seed 1

            Replications run in parallel (--jobs); results are identical for any number of jobs. \
            With --precision, replications run in batches of 50 until each objective's mean time \
            is known to within that fraction (at the --confidence level).

            An output folder that already holds a run is not overwritten: add --force to replace \
            it. Finished replications are checkpointed in the folder while the run goes on; an \
            interrupted run (killed, out of time) continues with --resume and the same --out, \
            with results byte-identical to an uninterrupted run.

            Exit codes: 0 success, 64 usage error (e.g. a used output folder without --force), \
            65 invalid scenario (or a replication that runs away), 74 results could not be \
            written, 70 internal failure.
            """
    )

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .shortAndLong, help: "Number of replications (default: the scenario's exercise.replications).")
    var replications: Int?

    @Option(name: .shortAndLong, help: "Master seed (default: the scenario's exercise.seed).")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "Output folder (default: results/<scenario>/<UTC time>).")
    var out: String?

    @Option(help: "What to print: a table for people or the summary JSON for programs.")
    var format: OutputFormat = .table

    @Option(help: "Write every event of the traced replications as JSON Lines to this file.")
    var trace: String?

    @Option(help: "Replications to trace, comma-separated indices (with --trace).")
    var traceReplications: String = "0"

    @Option(help: "Events one replication may process before it is stopped as a runaway.")
    var eventCap: Int = 50_000_000

    @Option(name: .shortAndLong, help: "Replications run in parallel (default: the number of cores). Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Confidence level of the intervals in the summary.")
    var confidence: Double = 0.95

    @Option(help: "Run batches of 50 replications until every objective's mean time has a confidence interval half-width at most this fraction of the mean (e.g. 0.05).")
    var precision: Double?

    @Option(help: "Upper bound on replications with --precision.")
    var maxReplications: Int = 10_000

    @Flag(help: "Print no progress display.")
    var quiet = false

    @Flag(help: "Replace the results of an earlier run in the --out folder.")
    var force = false

    @Flag(help: "Continue an interrupted run in its --out folder: keep the checkpointed replications, run the rest.")
    var resume = false

    @Flag(help: "Let the scenario name files (CSV MSELs) outside its own folder.")
    var allowOutsidePaths = false

    @Flag(help: "Also write report.html, the self-contained HTML report (see jtx report), into the output folder.")
    var report = false

    func validate() throws {
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1") }
        if eventCap < 1 { throw ValidationError("--event-cap must be at least 1") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if !(confidence > 0 && confidence < 1) { throw ValidationError("--confidence must lie strictly between 0 and 1, e.g. 0.95") }
        if let precision, !(precision > 0) { throw ValidationError("--precision must be a positive fraction, e.g. 0.05") }
        if maxReplications < 1 { throw ValidationError("--max-replications must be at least 1") }
        if precision != nil && replications != nil {
            throw ValidationError("--precision decides the number of replications: give --max-replications instead of --replications")
        }
        if force && resume { throw ValidationError("--force starts the run again and --resume continues it: give one of them") }
        if resume && out == nil { throw ValidationError("--resume needs the --out folder of the interrupted run") }
        if trace != nil && traceIndices == nil {
            throw ValidationError("--trace-replications must be comma-separated replication indices, e.g. 0,1,2")
        }
    }

    var traceIndices: [Int]? {
        let parts = traceReplications.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? -1) >= 0 }) else { return nil }
        return parts.compactMap { $0 }
    }

    func run() throws {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(path: scenario, options: ScenarioOptions(allowOutsidePaths: allowOutsidePaths))
        } catch {
            FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
            throw ExitCode(65)
        }
        let exercise = loaded.exercise
        let count = replications ?? exercise.defaultReplications
        let masterSeed = seed ?? exercise.defaultSeed
        if let indices = traceIndices, trace != nil, precision == nil, let beyond = indices.first(where: { $0 >= count }) {
            throw ValidationError("--trace-replications names replication \(beyond), but only \(count) run (0…\(count - 1))")
        }
        let runner = ExerciseRunner(exercise, eventCap: eventCap)
        let folder = out.map { URL(fileURLWithPath: $0) } ?? RunFolder.defaultFolder(scenarioPath: scenario, date: Date())
        let request = RunRequest(scenarioPath: scenario, scenarioText: loaded.text, replications: count, seed: masterSeed, jobs: jobs,
                                 confidence: confidence, precision: precision, maxReplications: maxReplications, folder: folder,
                                 jtxVersion: JTXVersion.current)
        let bar = ProgressBar(total: precision == nil ? count : maxReplications, unit: "replications",
                              enabled: !quiet && isatty(STDERR_FILENO) != 0)
        let result: RunPipeline.Result
        do {
            let runFolder = RunFolder(url: folder)
            if resume && runFolder.state == .complete {
                FileHandle.standardError.write(Data("\(folder.path): the run is already complete; nothing to resume\n".utf8))
                print("Results: \(folder.path)/ (summary.json, replications.csv)")
                return
            }
            try runFolder.prepare(force: force, resume: resume)
            result = try RunPipeline.execute(request, exercise: exercise, runner: runner, resume: resume) { done in bar.update(done: done) }
            bar.finish()
            if let trace { try writeTrace(to: URL(fileURLWithPath: trace), runner: runner, seed: masterSeed) }
        } catch let runaway as ReplicationRunaway {
            bar.finish()
            FileHandle.standardError.write(Data("\(scenario): error: \(runaway.description)\n".utf8))
            throw ExitCode(65)
        } catch let failure as AtomicFile.WriteError {
            bar.finish()
            FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
            throw ExitCode(74)
        } catch let failure as OutputFolderError {
            bar.finish()
            FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
            throw ExitCode(failure.exitCode)
        }
        switch format {
        case .table:
            print(SummaryTable.render(result.summary), terminator: "")
            if let reached = result.precisionReached {
                print(reached ? "\nPrecision \(precision ?? 0) reached after \(result.summary.replications) replications."
                              : "\nPrecision \(precision ?? 0) not reached within \(maxReplications) replications.")
            }
            print("\nResults: \(folder.path)/ (summary.json, replications.csv)")
        case .json:
            print(String(decoding: try result.document.json(), as: UTF8.self), terminator: "")
        }
        if report {
            do {
                let written = try ReportWriting.writeRun(folder: folder, to: nil, timeline: true, scenario: loaded)
                // Standard output carries only the JSON document in that format.
                if format == .json { FileHandle.standardError.write(Data("Report: \(written.path)\n".utf8)) } else { print("Report: \(written.path)") }
            } catch {
                FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                throw ExitCode(error.code)
            }
        }
    }

    /// Reruns the traced replications with a trace buffer: the same streams give the same events.
    func writeTrace(to url: URL, runner: ExerciseRunner, seed: UInt64) throws {
        let writer = TraceWriter(exercise: runner.exercise)
        var text = ""
        for replication in traceIndices ?? [0] {
            var buffer = TraceBuffer()
            _ = try runner.run(replication: replication, seed: seed, trace: &buffer)
            text += writer.lines(buffer.events, replication: replication)
        }
        try AtomicFile.write(text, to: url)
    }
}
