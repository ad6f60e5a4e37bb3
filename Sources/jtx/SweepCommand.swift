import ArgumentParser
import ExerciseModel
import Experiments
import Foundation
import Reports
import ScenarioFormat

/// `jtx sweep`: run a parameter sweep (a design of factor values over a scenario) and write
/// points.csv, replications.csv and sweep.json.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a parameter sweep over a scenario and estimate the factors' main effects.",
        discussion: """
            The sweep file names the scenario, the factors and the design (see docs/sweeps.md). \
            Every design point runs the same replications with the same seed (common random \
            numbers). Writes points.csv, replications.csv and sweep.json into the output folder \
            (by default results/sweeps/<sweep name>/<UTC time>/), with each finished point kept \
            under points/ so that an interrupted sweep can be resumed.

            Examples:
              jtx sweep scenarios/sweeps/grey-heron-sweep.yaml --jobs 2
              jtx sweep sweep.yaml --shard 3/10 --out results/sweeps/s/shard-3
              jtx merge results/sweeps/s/shard-* --out results/sweeps/s/merged

            Exit codes: 0 success, 64 usage error (e.g. a used output folder without --resume \
            or --force), \
            65 invalid sweep or scenario, or a folder of another sweep, 74 results could not be \
            written, 70 internal failure.
            """
    )

    @Argument(help: "The sweep file (YAML).")
    var file: String

    @Option(name: .shortAndLong, help: "Replications run in parallel (default: the number of cores). Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .shortAndLong, help: "Output folder (default: results/sweeps/<sweep name>/<UTC time>, or …/shard-K-of-N with --shard).")
    var out: String?

    @Option(help: "Run only shard K of N (1-based): the design points whose index modulo N is K - 1.")
    var shard: String?

    @Flag(help: "Continue an interrupted sweep in its output folder: compute only the missing points.")
    var resume = false

    @Flag(help: "Replace the results of an earlier sweep in the --out folder.")
    var force = false

    @Flag(help: "Let the scenario name files (CSV MSELs) outside its own folder.")
    var allowOutsidePaths = false

    @Flag(help: "Print no progress display.")
    var quiet = false

    @Flag(help: "Also write report.html, the self-contained HTML report (see jtx report), into the output folder (not for a shard).")
    var report = false

    @Option(help: "What to print: the main-effects table for people, or sweep.json for programs.")
    var format: SweepOutputFormat = .table

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if force && resume { throw ValidationError("--force starts the sweep again and --resume continues it: give one of them") }
        if let shard, SweepShard(parsing: shard) == nil {
            throw ValidationError("--shard must be K/N with 1 ≤ K ≤ N, e.g. 2/8")
        }
    }

    func run() throws {
        let loaded: LoadedSweep
        do {
            loaded = try SweepLoader.load(path: file, options: ScenarioOptions(allowOutsidePaths: allowOutsidePaths))
        } catch {
            FileHandle.standardError.write(Data((error.rendered + "\n").utf8))
            throw ExitCode(65)
        }
        let specification = loaded.specification
        let runner: SweepRunner
        do {
            let design = try SweepDesign(specification)
            runner = SweepRunner(base: loaded.scenario.exercise, specification: specification, design: design, jobs: jobs)
            try runner.checkPoints()
        } catch {
            FileHandle.standardError.write(Data("\(file): error: \(error)\n".utf8))
            throw ExitCode(65)
        }
        let part = shard.flatMap(SweepShard.init(parsing:)) ?? .whole
        let sweep = SweepDescription(specification: specification, exercise: loaded.scenario.exercise, scenarioText: loaded.scenario.text,
                                     sweepDigest: loaded.digest, design: runner.design)
        let folder = SweepFolder(url: out.map { URL(fileURLWithPath: $0) }
            ?? SweepFolder.defaultFolder(name: specification.name, shard: part, date: Date()))
        let inShard = sweep.points.indices.filter { part.contains(point: $0) }.count
        let bar = ProgressBar(total: max(1, inShard * specification.replications), unit: "replications",
                              enabled: ProgressBar.shouldDraw(quiet: quiet))
        let result: SweepPipeline.Result
        do {
            defer { bar.finish() }
            result = try SweepPipeline.execute(runner, sweep: sweep, folder: folder, shard: part, resume: resume, force: force,
                                               jtxVersion: JTXVersion.current) { status in
                bar.update(note: "\(status.pointsDone)/\(status.pointsTotal) points done")
                bar.update(done: status.replicationsDone)
            }
        } catch let failure as OutputFolderError {
            FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
            throw ExitCode(failure.exitCode)
        } catch let runaway as ReplicationRunaway {
            FileHandle.standardError.write(Data("\(file): error: \(runaway.description)\n".utf8))
            throw ExitCode(65)
        } catch let failure as AtomicFile.WriteError {
            FileHandle.standardError.write(Data("error: \(failure.description)\n".utf8))
            throw ExitCode(74)
        }
        if let document = result.document {
            try SweepOutputFormat.print(document, format: format, folder: folder.url)
            if report {
                do {
                    let written = try ReportWriting.writeSweep(folder: folder.url, to: nil)
                    // Standard output carries only the JSON document in that format.
                    if format == .json { FileHandle.standardError.write(Data("Report: \(written.path)\n".utf8)) } else { print("Report: \(written.path)") }
                } catch {
                    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
                    throw ExitCode(error.code)
                }
            }
        } else {
            if report { FileHandle.standardError.write(Data("note: no report for a shard: run jtx report on the merged folder\n".utf8)) }
            print("Shard \(part): \(result.pointsInShard) of \(sweep.points.count) points in \(folder.url.path)/ "
                  + "(\(result.pointsRun) computed now); combine the shards with: jtx merge <shard folders> --out DIR")
        }
    }
}

/// `jtx merge`: combine the shard folders of a sweep into its result files.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the shard folders of a sweep into points.csv, replications.csv and sweep.json.",
        discussion: """
            Every folder must come from the same sweep file, scenario and jtx version (their \
            manifests are compared), and together they must hold every shard and every point; \
            otherwise nothing is written and the differences or the missing shards and points \
            are named. The result is byte-identical to an unsharded run.

            Example:
              jtx merge results/sweeps/s/shard-1 results/sweeps/s/shard-2 --out results/sweeps/s/merged

            Exit codes: 0 success, 64 usage error, 65 shards that differ or are incomplete, \
            74 results could not be written.
            """
    )

    @Argument(help: "The shard folders written by jtx sweep --shard K/N.")
    var folders: [String] = []

    @Option(help: "What to print: the main-effects table for people, or sweep.json for programs.")
    var format: SweepOutputFormat = .table

    @Option(name: .shortAndLong, help: "Folder for the merged results.")
    var out: String

    func validate() throws {
        if folders.isEmpty { throw ValidationError("give at least one shard folder") }
    }

    func run() throws {
        let output = SweepFolder(url: URL(fileURLWithPath: out))
        let document: SweepDocument
        do {
            document = try SweepMerge.merge(folders.map { SweepFolder(url: URL(fileURLWithPath: $0)) }, into: output)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
        try SweepOutputFormat.print(document, format: format, folder: output.url)
    }
}

/// The output of `jtx sweep` and `jtx merge`: the main-effects table and the result folder, or
/// the sweep.json document itself.
enum SweepOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json

    static func print(_ document: SweepDocument, format: SweepOutputFormat, folder: URL) throws {
        switch format {
        case .table:
            Swift.print(MainEffectsTable.render(document), terminator: "")
            Swift.print("\nResults: \(folder.path)/ (points.csv, replications.csv, sweep.json)")
        case .json:
            let text = String(decoding: try document.json(), as: UTF8.self)
            Swift.print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }
}
