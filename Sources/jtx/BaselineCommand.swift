import ArgumentParser
import ExerciseModel
import Foundation
import Regression
import Reports
import ScenarioFormat

/// `jtx baseline`: write a baseline file for later comparisons.
struct BaselineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baseline",
        abstract: "Write a baseline (fingerprints and key metrics) from a scenario or a result folder.",
        discussion: """
            With a scenario file, runs it and writes the baseline; the seed and the number of \
            replications come from the options, else from the baseline file being replaced, else \
            from the scenario (at most 100 replications: enough for the tests, and the file stays \
            small). With a result folder of `jtx run`, converts it.

            A baseline holds the jtx version, scenario, seed and replications, the run's and \
            each replication's fingerprint, and for each key metric its mean, sd, p50, p90 and \
            per-replication values (6 significant digits). Regenerating one is a deliberate act: \
            review the diff and commit it with the change that explains it (docs/regression.md).

            Examples:
              jtx baseline scenarios/quickstart.yaml --out results/baselines/quickstart.json
              jtx baseline results/quickstart/20260105T080000Z --out quickstart-baseline.json

            Exit codes: 0 written, 64 usage error, 65 invalid scenario or unreadable results, \
            74 the file could not be written.
            """
    )

    @Argument(help: "A scenario file (run it) or a result folder of `jtx run` (convert it).")
    var source: String

    @Option(name: .shortAndLong, help: "The baseline file (default: results/baselines/<scenario>.json).")
    var out: String?

    @Option(name: .shortAndLong, help: "Replications (default: the replaced baseline's, else the scenario's, at most 100).")
    var replications: Int?

    @Option(name: .shortAndLong, help: "Master seed (default: the replaced baseline's, else the scenario's).")
    var seed: UInt64?

    @Option(name: .shortAndLong, help: "Replications run in parallel. Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        if let replications, replications < 1 { throw ValidationError("--replications must be at least 1") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory) else {
            FileHandle.standardError.write(Data("error: \(source): no such file or folder\n".utf8))
            throw ExitCode(65)
        }
        let name = URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
        let target = URL(fileURLWithPath: out ?? "results/baselines/\(name).json")
        let side: RegressionSide
        if isDirectory.boolValue {
            side = try readSide(URL(fileURLWithPath: source))
        } else {
            let previous = try? BaselineDocument.read(target)
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-baseline-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: scratch) }
            let run = try ScenarioRun.execute(scenario: source, seed: seed ?? previous?.seed, replications: replications ?? previous?.replications,
                                              defaultCap: Self.defaultReplicationCap, jobs: jobs, folder: scratch)
            if let failure = run.failure {
                FileHandle.standardError.write(Data((failure + "\n").utf8))
                throw ExitCode(65)
            }
            side = try readSide(scratch)
        }
        let document: BaselineDocument
        do {
            document = try BaselineDocument(side)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(65)
        }
        let text = document.json()
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(text, to: target)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(74)
        }
        print("Wrote \(target.path): \(document.replications) replications, seed \(document.seed), fingerprint \(document.fingerprint), "
              + "\(document.metrics.count) metrics, \(text.utf8.count / 1024) KiB (jtx \(document.jtxVersion)).")
    }

    /// A new baseline takes at most this many replications unless told otherwise.
    static let defaultReplicationCap = 100

    func readSide(_ folder: URL) throws -> RegressionSide {
        do {
            return try RegressionInput.folderSide(folder, source: folder.path)
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(65)
        }
    }
}

/// `jtx regress`: rerun the scenarios of baselines and compare, exactly and statistically.
struct RegressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Rerun each baseline's scenario with its seed and replications, and compare.",
        discussion: """
            For each baseline file (default: results/baselines/*.json), loads the scenario it \
            names (relative to the current folder), runs it with the baseline's seed and \
            replications into OUT/<name>/, and compares the run with the baseline exactly \
            (fingerprints) and statistically (as `jtx compare`). Writes a JUnit XML report with one \
            test suite per scenario.

            Fingerprints change with any change to the model or the scenario; when the change is \
            intended, regenerate the baselines (`make baselines`) and commit them with it.

            Examples:
              jtx regress
              jtx regress results/baselines/quickstart.json --junit quickstart.xml
              jtx regress --statistical-only --alpha 0.001

            Exit codes: 0 every scenario passes, 1 a regression, 65 a scenario cannot be compared \
            (its baseline or scenario is missing or unreadable, or its structure changed), 64 usage \
            error, 74 the JUnit report could not be written.
            """
    )

    @Argument(help: "Baseline files, or folders of them (default: every results/baselines/*.json).")
    var baselines: [String] = []

    @Option(name: .shortAndLong, help: "Folder for the reruns.")
    var out: String = "results/regress"

    @Option(help: "The JUnit XML report (default: OUT/junit.xml).")
    var junit: String?

    @Option(help: "Family-wise significance level (Holm-adjusted).")
    var alpha: Double = ComparisonSettings.defaultAlpha

    @Option(help: "Flag a significant change only if the relative change of the mean exceeds this fraction.")
    var tolerance: Double = ComparisonSettings.defaultTolerance

    @Flag(help: "Skip the exact check (while a deliberate model change awaits new baselines).")
    var statisticalOnly = false

    @Option(name: .shortAndLong, help: "Replications run in parallel. Results do not depend on it.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "How to print failing comparisons: table, markdown, or json (json prints every comparison).")
    var format: CompareCommand.OutputFormat = .table

    func validate() throws {
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must lie strictly between 0 and 1, e.g. 0.01") }
        if !(tolerance >= 0) || !tolerance.isFinite { throw ValidationError("--tolerance must be a fraction ≥ 0, e.g. 0.05") }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var files: [String] = []
        for path in baselines.isEmpty ? ["results/baselines"] : baselines {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                files.append(path)  // a missing file is reported as not comparable
                continue
            }
            let found = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
            if found.isEmpty {
                FileHandle.standardError.write(Data("error: no baselines in \(path)/: write them with `make baselines` (or `jtx baseline`)\n".utf8))
                throw ExitCode(65)
            }
            files += found.map { (path.hasSuffix("/") ? path : path + "/") + $0 }
        }
        let settings = ComparisonSettings(alpha: alpha, tolerance: tolerance)
        var results: [ComparisonOutcome] = []
        for file in files {
            let result = compare(file, settings: settings)
            results.append(result)
            switch (format, result.exitCode) {
            case (.json, _): break
            case (_, 0):
                let metrics = result.statistical.map { "\($0.metrics.count) metrics unchanged" } ?? ""
                let exact = result.exact.map { _ in "fingerprints match" }
                print("PASS \(result.name): " + [exact, metrics].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
                      + String(format: " (%.1f s)", result.seconds))
            default:
                print((result.exitCode == 1 ? "FAIL " : "NOT COMPARABLE ") + "\(result.name):")
                print(ComparisonRender.render([result], format: format.render))
            }
        }
        if format == .json { print(ComparisonRender.render(results, format: .json), terminator: "") }
        let report = URL(fileURLWithPath: junit ?? "\(out)/junit.xml")
        do {
            try FileManager.default.createDirectory(at: report.deletingLastPathComponent(), withIntermediateDirectories: true)
            try AtomicFile.write(JUnitReport.xml(results, name: "jtx regress"), to: report)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(74)
        }
        let passing = results.filter { $0.exitCode == 0 }.count
        let summary = "jtx regress: \(passing) of \(results.count) scenarios pass; JUnit report \(report.path)"
        if format == .json { FileHandle.standardError.write(Data((summary + "\n").utf8)) } else { print(summary) }
        let code = results.map(\.exitCode).max() ?? 0
        if code != 0 {
            FileHandle.standardError.write(Data(("""
                If the change is intended, regenerate the baselines (make baselines), review the diff and commit them with the change; \
                see docs/regression.md.\n
                """).utf8))
            throw ExitCode(code)
        }
    }

    /// Reruns one baseline's scenario into OUT/<name>/ and compares it with the baseline.
    func compare(_ file: String, settings: ComparisonSettings) -> ComparisonOutcome {
        let name = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        func unusable(_ reason: String, baseline: RegressionSide? = nil) -> ComparisonOutcome {
            func empty(_ source: String) -> RegressionSide {
                RegressionSide(source: source, jtxVersion: "-", scenario: "-", scenarioDigest: "-", exercise: "-", seed: 0, replications: 0,
                               fingerprint: nil, replicationFingerprints: nil, metrics: [])
            }
            let trimmed = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            return ComparisonOutcome(name: name, baseline: baseline ?? empty(file), candidate: empty("\(out)/\(name)"),
                                     notComparable: NotComparable([trimmed]))
        }
        let baseline: RegressionSide
        do {
            baseline = try BaselineDocument.read(URL(fileURLWithPath: file)).side(source: file)
        } catch {
            return unusable(error.description)
        }
        let folder = URL(fileURLWithPath: out).appendingPathComponent(name)
        let started = Date()
        let run: ScenarioRun
        do {
            run = try ScenarioRun.execute(scenario: baseline.scenario, seed: baseline.seed, replications: baseline.replications, jobs: jobs, folder: folder)
        } catch {
            return unusable("the rerun of \(baseline.scenario) failed: \(error)", baseline: baseline)
        }
        if let failure = run.failure {
            return unusable("the scenario \(baseline.scenario) named by the baseline cannot be run:\n\(failure)", baseline: baseline)
        }
        let candidate: RegressionSide
        do {
            candidate = try RegressionInput.folderSide(folder, source: folder.path)
        } catch {
            return unusable(error.description, baseline: baseline)
        }
        var result = ComparisonOutcome.compare(name: name, baseline, candidate, exact: !statisticalOnly, statistical: true, settings: settings)
        result.seconds = Date().timeIntervalSince(started)
        result.attachTraces(baseline: nil, candidate: nil)
        return result
    }
}

/// One run of a scenario into a folder, as `jtx run` does it (without printing).
struct ScenarioRun {
    /// The rendered diagnostics when the scenario could not be loaded or a replication ran away.
    var failure: String?

    /// `replications` nil: the scenario's own number, at most `defaultCap`.
    static func execute(scenario: String, seed: UInt64?, replications: Int?, defaultCap: Int = .max, jobs: Int,
                        folder: URL) throws -> ScenarioRun {
        let loaded: LoadedScenario
        do {
            loaded = try ScenarioLoader.load(path: scenario)
        } catch {
            return ScenarioRun(failure: error.rendered)
        }
        let exercise = loaded.exercise
        let runner = ExerciseRunner(exercise)
        let request = RunRequest(scenarioPath: scenario, scenarioText: loaded.text, replications: replications ?? min(exercise.defaultReplications, defaultCap),
                                 seed: seed ?? exercise.defaultSeed, jobs: jobs, confidence: 0.95, precision: nil, maxReplications: 1,
                                 folder: folder, jtxVersion: JTXVersion.current)
        do {
            _ = try RunPipeline.execute(request, exercise: exercise, runner: runner)
        } catch let runaway as ReplicationRunaway {
            return ScenarioRun(failure: "\(scenario): error: \(runaway.description)")
        }
        return ScenarioRun(failure: nil)
    }
}
