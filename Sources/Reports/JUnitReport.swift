internal import Regression

/// JUnit XML for comparisons, so CI systems show each check natively: one `<testsuite>` per
/// comparison, with a test case `fingerprint` for the exact check and one per metric (each
/// objective's probability is a metric, `objective.<id>.met`) for the statistical check. A
/// flagged metric or differing fingerprint is a `<failure>`, sides that cannot be compared an
/// `<error>`, a metric without enough data `<skipped>`.
///
/// The layout follows the common JUnit schema (Jenkins' junit-10.xsd, which GitLab, GitHub
/// reporters and Python's junitparser also read): `testsuites` > `testsuite` (`name`, `tests`,
/// `failures`, `errors`, `skipped`, `time`) > `properties`, then `testcase` (`name`,
/// `classname`, `time`) with at most one `failure`/`error`/`skipped` (`message`, `type`, text).
public enum JUnitReport {
    public static func xml(_ results: [ComparisonOutcome], name: String = "jtx") -> String {
        let suites = results.map(suite)
        let tests = suites.reduce(0) { $0 + $1.tests }, failures = suites.reduce(0) { $0 + $1.failures }
        let errors = suites.reduce(0) { $0 + $1.errors }
        let time = results.reduce(0) { $0 + $1.seconds }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(escape(name))\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\" time=\"\(seconds(time))\">\n"
        for suite in suites { out += suite.text }
        out += "</testsuites>\n"
        return out
    }

    struct Suite {
        var text: String
        var tests: Int
        var failures: Int
        var errors: Int
    }

    struct Case {
        enum Outcome {
            case passed
            case failure(message: String, type: String, detail: String)
            case error(message: String, type: String, detail: String)
            case skipped(message: String)
        }
        var name: String
        var classname: String
        var outcome: Outcome
    }

    static func suite(_ result: ComparisonOutcome) -> Suite {
        var cases: [Case] = []
        let prefix = "jtx." + result.name
        if let problem = result.notComparable {
            cases.append(Case(name: "comparable", classname: prefix,
                              outcome: .error(message: "not comparable: " + problem.reasons.joined(separator: "; "), type: "NotComparable",
                                              detail: problem.reasons.map { "- " + $0 }.joined(separator: "\n"))))
        }
        if let exact = result.exact {
            let outcome: Case.Outcome
            if exact.identical {
                outcome = .passed
            } else {
                let message = "fingerprints differ" + (exact.firstDifferingReplication.map { ": first differing replication \($0)" } ?? "")
                    + (exact.trace.map { ", first diverging event \($0.event)" } ?? "")
                outcome = .failure(message: message, type: "FingerprintMismatch", detail: ComparisonRender.exactText(exact, markdown: false))
            }
            cases.append(Case(name: "fingerprint", classname: prefix + ".exact", outcome: outcome))
        }
        if let report = result.statistical {
            for metric in report.metrics {
                let outcome: Case.Outcome
                let summary = "baseline \(ComparisonRender.number(metric.baseline.count > 0 ? metric.baseline.mean : nil)), "
                    + "candidate \(ComparisonRender.number(metric.candidate.count > 0 ? metric.candidate.mean : nil)), "
                    + "change \(ComparisonRender.change(metric)), p (Holm) \(metric.p.map(ComparisonRender.pValue) ?? "-")"
                    + (metric.decisiveCheck.map { " (\($0.test))" } ?? "")
                switch metric.verdict {
                case .ok, .withinTolerance: outcome = .passed
                case .noData: outcome = .skipped(message: "too few values to test (baseline \(metric.baseline.count), candidate \(metric.candidate.count))")
                case .changed:
                    let detail = metric.checks.map {
                        "\($0.test): statistic \(ComparisonRender.number($0.statistic)), p \(ComparisonRender.pValue($0.p)), "
                            + "Holm-adjusted \(ComparisonRender.pValue($0.adjustedP))"
                    }.joined(separator: "\n")
                    outcome = .failure(message: "\(metric.name) changed: " + summary, type: "StatisticalRegression",
                                       detail: "alpha \(report.settings.alpha), tolerance \(ComparisonRender.percent(report.settings.tolerance))\n" + detail)
                }
                cases.append(Case(name: metric.name, classname: prefix + "." + (metric.name.split(separator: ".").first.map(String.init) ?? "metric"),
                                  outcome: outcome))
            }
        }
        var failures = 0, errors = 0, skipped = 0
        var body = ""
        for item in cases {
            body += "    <testcase name=\"\(escape(item.name))\" classname=\"\(escape(item.classname))\" time=\"0\""
            switch item.outcome {
            case .passed:
                body += "/>\n"
            case .failure(let message, let type, let detail):
                failures += 1
                body += ">\n      <failure message=\"\(escape(message))\" type=\"\(type)\">\(escape(detail))</failure>\n    </testcase>\n"
            case .error(let message, let type, let detail):
                errors += 1
                body += ">\n      <error message=\"\(escape(message))\" type=\"\(type)\">\(escape(detail))</error>\n    </testcase>\n"
            case .skipped(let message):
                skipped += 1
                body += ">\n      <skipped message=\"\(escape(message))\"/>\n    </testcase>\n"
            }
        }
        var text = "  <testsuite name=\"\(escape(prefix))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" "
            + "skipped=\"\(skipped)\" time=\"\(seconds(result.seconds))\">\n"
        text += "    <properties>\n"
        let properties: [(String, String)] = [
            ("baseline", result.baseline.source), ("candidate", result.candidate.source), ("scenario", result.candidate.scenario),
            ("seed", String(result.candidate.seed)), ("replications", String(result.candidate.replications)),
            ("baseline_jtx_version", result.baseline.jtxVersion), ("candidate_jtx_version", result.candidate.jtxVersion),
        ] + (result.statistical.map { [("alpha", String($0.settings.alpha)), ("tolerance", String($0.settings.tolerance))] } ?? [])
        for (key, value) in properties { text += "      <property name=\"\(key)\" value=\"\(escape(value))\"/>\n" }
        text += "    </properties>\n" + body + "  </testsuite>\n"
        return Suite(text: text, tests: cases.count, failures: failures, errors: errors)
    }

    static func seconds(_ value: Double) -> String {
        let millis = Int((value * 1000).rounded())
        let fraction = String(millis % 1000)
        return "\(millis / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    /// XML text for attributes and content: the five special characters escaped, characters XML
    /// 1.0 forbids (control characters other than tab, newline and return) dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
