import ArgumentParser
import Foundation
import Regression
import Reports

/// `jtx compare`: compare a candidate run with a baseline, exactly or statistically.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare a run with a baseline: fingerprints (--exact) or outcome distributions.",
        discussion: """
            Each side is a result folder of `jtx run`, its summary.json, or a baseline file \
            (results/baselines/<scenario>.json, written by `jtx baseline`).

            Statistical check (the default): for each key metric a Welch t-test on the means and \
            a two-sample Kolmogorov-Smirnov test on the distributions; for each objective's \
            probability (and the threat's) a two-proportion test. The p-values are adjusted \
            together (Holm); a metric is flagged only when it is significant at --alpha and its \
            relative change exceeds --tolerance.

            Exact check (--exact): passes if and only if the fingerprints match; otherwise names \
            the first replication that differs and, when both sides hold a trace of it \
            (`jtx run --trace DIR/trace.jsonl`), the first diverging event in both versions.

            Examples:
              jtx compare results/baselines/quickstart.json results/quickstart/20260105T080000Z
              jtx compare before/ after/ --exact
              jtx compare before/ after/ --metrics 'objective.*,agency.*.utilisation' --junit compare.xml

            Exit codes: 0 nothing flagged, 1 a regression (a flagged metric, differing \
            fingerprints), 65 the sides cannot be compared (different structure, missing metrics, \
            another seed for --exact, an unreadable side: the message says what differs), 64 \
            usage error, 74 the JUnit file could not be written. See docs/regression.md.
            """
    )

    @Argument(help: "The baseline: a result folder or a baseline file.")
    var baseline: String

    @Argument(help: "The candidate: a result folder or a baseline file.")
    var candidate: String

    @Flag(help: "Compare fingerprints instead of distributions.")
    var exact = false

    @Option(help: "Family-wise significance level (Holm-adjusted).")
    var alpha: Double = ComparisonSettings.defaultAlpha

    @Option(help: "Flag a significant change only if the relative change of the mean exceeds this fraction.")
    var tolerance: Double = ComparisonSettings.defaultTolerance

    @Option(help: "Compare only these metrics: comma-separated names, * matches anything (e.g. 'objective.*').")
    var metrics: String?

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
        case table, markdown, json
        var render: ComparisonRender.Format { ComparisonRender.Format(rawValue: rawValue) ?? .table }
    }

    @Option(help: "table, markdown, or json.")
    var format: OutputFormat = .table

    @Option(help: "Also write a JUnit XML report to this file.")
    var junit: String?

    @Option(help: "The baseline's JSON Lines trace (default: trace.jsonl in a result folder).")
    var baselineTrace: String?

    @Option(help: "The candidate's JSON Lines trace (default: trace.jsonl in a result folder).")
    var candidateTrace: String?

    func validate() throws {
        if !(alpha > 0 && alpha < 1) { throw ValidationError("--alpha must lie strictly between 0 and 1, e.g. 0.01") }
        if !(tolerance >= 0) || !tolerance.isFinite { throw ValidationError("--tolerance must be a fraction ≥ 0, e.g. 0.05") }
        if let metrics, MetricPattern.list(metrics).isEmpty { throw ValidationError("--metrics must name at least one metric") }
    }

    func run() throws {
        let sides: [(side: RegressionSide, folder: URL?)]
        do {
            sides = [try RegressionInput.load(baseline), try RegressionInput.load(candidate)]
        } catch {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            throw ExitCode(65)
        }
        let settings = ComparisonSettings(alpha: alpha, tolerance: tolerance, metrics: metrics.map(MetricPattern.list))
        let name = URL(fileURLWithPath: sides[1].side.scenario).deletingPathExtension().lastPathComponent
        var result = ComparisonOutcome.compare(name: name, sides[0].side, sides[1].side, exact: exact, statistical: !exact, settings: settings)
        if exact {
            result.attachTraces(baseline: baselineTrace.map { URL(fileURLWithPath: $0) } ?? sides[0].folder.flatMap(RegressionInput.defaultTrace),
                                candidate: candidateTrace.map { URL(fileURLWithPath: $0) } ?? sides[1].folder.flatMap(RegressionInput.defaultTrace))
        }
        print(ComparisonRender.render([result], format: format.render), terminator: "")
        if let junit {
            do {
                try AtomicFile.write(JUnitReport.xml([result], name: "jtx compare"), to: URL(fileURLWithPath: junit))
            } catch {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(74)
            }
        }
        if result.exitCode != 0 { throw ExitCode(result.exitCode) }
    }
}
