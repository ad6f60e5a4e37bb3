extension InvalidCase {
    /// Fixtures a–i (alphabetical): one error kind each, except three-errors.yaml.
    static let firstHalf: [InvalidCase] = [
        InvalidCase("background-mixing.yaml", [
            Expected(27, 14, "task 'assess' is triggered by inject 'tip' of the main case but belongs to the background case of inject 'noise'", hint: "a task may be triggered by injects of one case only"),
        ]),
        InvalidCase("connects-too-few.yaml", [
            Expected(13, 15, "'connects' needs at least 2 agencies, found 1"),
        ]),
        InvalidCase("csv-bad-row.yaml", [
            Expected(file: "csv-bad-row.csv", 3, 2, "unknown unit 'x' in duration '2x'", hint: "units are s, m, h, d, w (seconds, minutes, hours, days, weeks)"),
        ]),
        InvalidCase("csv-missing-column.yaml", [
            Expected(file: "csv-missing-column.csv", 1, 1, "the MSEL has no 'To' column", hint: "required columns: Number, Time, To"),
        ]),
        InvalidCase("cycle.yaml", [
            Expected(15, 12, "prerequisites form a cycle: assess → confirm → assess", hint: "a task cannot wait, directly or indirectly, for itself"),
        ]),
        InvalidCase("distribution-duplicate-parameter.yaml", [
            Expected(10, 36, "duplicate parameter 'max' for triangular"),
        ]),
        InvalidCase("distribution-in-flow.yaml", [
            Expected(15, 33, "uniform: parameter 'max' must be greater than min (3600.0 ≤ 10800.0)", hint: "the numbers are in seconds"),
        ]),
        InvalidCase("distribution-invalid-parameter.yaml", [
            Expected(10, 35, "lognormal: parameter 'p95' must be greater than the median (3600.0 ≤ 7200.0)", hint: "the numbers are in seconds"),
        ]),
        InvalidCase("distribution-missing-parameter.yaml", [
            Expected(10, 13, "normal needs the parameter 'sd'", hint: "e.g. normal(mean: 2h, sd: 30m)"),
        ]),
        InvalidCase("distribution-not-for-durations.yaml", [
            Expected(10, 13, "'poisson' is not a distribution of durations", hint: "time fields take constant, exponential, normal, lognormal, gamma, erlang, weibull, uniform, triangular, pert, empirical"),
        ]),
        InvalidCase("distribution-number-for-duration.yaml", [
            Expected(10, 31, "parameter 'mean' of exponential needs a duration, found the number 30", hint: "add a unit, e.g. 30h"),
        ]),
        InvalidCase("distribution-quoted.yaml", [
            Expected(17, 28, "parameter 'shape' of gamma is a plain number, found the duration 2h", hint: "remove the unit"),
        ]),
        InvalidCase("distribution-unknown-parameter.yaml", [
            Expected(10, 30, "unknown parameter 'sdd' for normal", hint: "did you mean 'sd'?"),
        ]),
        InvalidCase("distribution-unknown.yaml", [
            Expected(10, 13, "unknown distribution 'lognormla'", hint: "did you mean 'lognormal'?"),
        ]),
        InvalidCase("duplicate-agency-id.yaml", [
            Expected(11, 9, "duplicate agency id 'ARC-POL' (first declared at line 6)"),
        ]),
        InvalidCase("duplicate-key.yaml", [
            Expected(10, 5, "duplicate key 'staff' (first at line 9)", hint: "a key may appear only once in a mapping; remove or rename one"),
        ]),
        InvalidCase("duplicate-task-id.yaml", [
            Expected(15, 9, "duplicate task id 'assess' (first declared at line 12)"),
        ]),
        InvalidCase("duration-bare-number.yaml", [
            Expected(18, 13, "'5' is a number, not a duration", hint: "add a unit, e.g. 5h"),
        ]),
        InvalidCase("duration-negative.yaml", [
            Expected(4, 12, "durations cannot be negative ('-3d')"),
        ]),
        InvalidCase("duration-unknown-unit.yaml", [
            Expected(4, 14, "unknown unit 'days' in duration '30days'", hint: "write 'd'; units are s, m, h, d, w (seconds, minutes, hours, days, weeks)"),
        ]),
        InvalidCase("empty.yaml", [
            Expected(1, 1, "the scenario is empty", hint: "a scenario needs at least 'exercise' and 'agencies'"),
        ]),
        InvalidCase("inject-task-same-id.yaml", [
            Expected(16, 9, "'tip' is both an inject id (line 12) and a task id", hint: "ids of injects and tasks must be distinct"),
        ]),
        InvalidCase("inject-time-cycle.yaml", [
            Expected(13, 11, "inject times refer to each other in a cycle: first → second → first", hint: "anchor one of them to a fixed time"),
            Expected(16, 11, "inject times refer to each other in a cycle: second → first → second", hint: "anchor one of them to a fixed time"),
        ]),
        InvalidCase("invalid-agency-kind.yaml", [
            Expected(8, 11, "unknown agency kind 'polize'", hint: "did you mean 'police'?"),
        ]),
        InvalidCase("invalid-channel-kind.yaml", [
            Expected(16, 11, "unknown channel kind 'telegraph'", hint: "channel kinds are siena, i24-7, egmont, sirene, budapest-24-7, liaison, jit, diplomatic, direct, other"),
        ]),
        InvalidCase("invalid-classification.yaml", [
            Expected(15, 21, "unknown classification 'public'", hint: "classifications are unclassified, restricted, confidential, secret, top-secret"),
        ]),
    ]

    /// Fixtures i–z.
    static let secondHalf: [InvalidCase] = [
        InvalidCase("invalid-core-capability.yaml", [
            Expected(19, 17, "unknown core capability 'interdiction'", hint: "did you mean 'interdiction-and-disruption'?"),
        ]),
        InvalidCase("lead-missing.yaml", [
            Expected(14, 16, "performer 'lead' needs a lead agency", hint: "name it under exercise: lead: <agency id>"),
        ]),
        InvalidCase("missing-capability.yaml", [
            Expected(19, 16, "agency 'ARC-POL' lacks the capability 'analyse-str' that task 'analyse' needs", hint: "agencies with it: BOR-FIU"),
        ]),
        InvalidCase("missing-channel.yaml", [
            Expected(29, 12, "the output of 'assess' must travel from 'ARC-POL' to 'BOR-POL' at secret, but no channel connects them at that classification", hint: "channels connecting them carry at most restricted"),
        ]),
        InvalidCase("missing-required-agency.yaml", [
            Expected(6, 5, "missing required key 'kind' in agency 'ARC-POL'"),
        ]),
        InvalidCase("missing-required-exercise.yaml", [
            Expected(2, 3, "missing required key 'horizon' in exercise"),
        ]),
        InvalidCase("msel-missing-file.yaml", [
            Expected(11, 7, "cannot read the MSEL '$DIR/nowhere.csv': No such file or directory"),
        ]),
        InvalidCase("ratings-order.yaml", [
            Expected(20, 24, "'m' must be at least 's' (2), found 1.5"),
        ]),
        InvalidCase("root-sequence.yaml", [
            Expected(1, 1, "a scenario must be a mapping with keys such as 'exercise' and 'agencies', found a sequence"),
        ]),
        InvalidCase("selector-no-capability.yaml", [
            Expected(17, 16, "no agency of kind 'fiu' in jurisdiction 'BOR' has the capability 'work'", hint: "agencies of that kind: BOR-FIU; add 'work' to the capabilities of one of them"),
        ]),
        InvalidCase("start-bad-day.yaml", [
            Expected(3, 18, "'2026-02-30T08:00:00Z' is not an ISO-8601 date-time with a zone: day 30 is out of range", hint: "write e.g. 2026-03-02T08:00:00Z or 2026-03-02T09:00:00+01:00"),
        ]),
        InvalidCase("start-no-zone.yaml", [
            Expected(3, 29, "'2026-03-02T08:00:00' is not an ISO-8601 date-time with a zone: missing the zone (Z or ±hh:mm)", hint: "write e.g. 2026-03-02T08:00:00Z or 2026-03-02T09:00:00+01:00"),
        ]),
        InvalidCase("task-as-trigger.yaml", [
            Expected(18, 14, "'assess' is a task, not an inject", hint: "list prerequisite tasks under 'after'"),
        ]),
        InvalidCase("three-errors.yaml", [
            Expected(5, 3, "unknown key 'replication' in exercise", hint: "did you mean 'replications'?"),
            Expected(9, 11, "unknown agency kind 'army'", hint: "agency kinds are police, intelligence, fiu, prosecutor, central-authority, military, border, bank, telecom, igo, other"),
            Expected(11, 31, "parameter 'mean' of exponential needs a duration, found the number 30", hint: "add a unit, e.g. 30h"),
        ]),
        InvalidCase("unknown-agency.yaml", [
            Expected(17, 9, "unknown agency 'BOR-FUI'", hint: "did you mean 'BOR-FIU'?"),
        ]),
        InvalidCase("unknown-capability.yaml", [
            Expected(13, 17, "no agency has the capability 'wrok' that task 'assess' needs", hint: "did you mean 'work'?"),
        ]),
        InvalidCase("unknown-inject.yaml", [
            Expected(19, 14, "unknown inject 'STR-2'", hint: "did you mean 'STR-1'?"),
        ]),
        InvalidCase("unknown-key-agency.yaml", [
            Expected(9, 5, "unknown key 'capabilites' in agency 'ARC-POL'", hint: "did you mean 'capabilities'?"),
        ]),
        InvalidCase("unknown-key-no-suggestion.yaml", [
            Expected(18, 5, "unknown key 'colour' in channel 'siena'", hint: "allowed keys: id, name, kind, connects, latency, handling, failure, max-classification, hours, time-zone, hub, opened-by, carries-requests"),
        ]),
        InvalidCase("unknown-key-root.yaml", [
            Expected(11, 1, "unknown key 'injetcs' in the scenario", hint: "did you mean 'injects'?"),
        ]),
        InvalidCase("unknown-key-suggestion.yaml", [
            Expected(2, 3, "unknown key 'nmae' in exercise", hint: "did you mean 'name'?"),
        ]),
        InvalidCase("unknown-task.yaml", [
            Expected(18, 13, "unknown task 'asess'", hint: "did you mean 'assess'?"),
        ]),
        InvalidCase("wrong-type-integer.yaml", [
            Expected(9, 12, "'staff': expected an integer, found a sequence"),
        ]),
        InvalidCase("wrong-type-sequence.yaml", [
            Expected(5, 11, "'agencies': expected a sequence, found a string"),
        ]),
        InvalidCase("yaml-syntax.yaml", [
            Expected(3, 9, "invalid YAML: mapping values are not allowed in this context", hint: "check this line's indentation; text containing ': ' must be quoted, e.g. description: \"phase 1: detection\""),
        ]),
        InvalidCase("yaml-tab.yaml", [
            Expected(3, 1, "invalid YAML: found a tab character that violates indentation (while scanning a plain scalar at line 2, column 9)", hint: "YAML does not allow tabs for indentation; use spaces"),
        ]),
        InvalidCase("yaml-unclosed-quote.yaml", [
            Expected(2, 9, "invalid YAML: found unexpected end of stream (while scanning a quoted scalar that starts here)", hint: "close the quotes"),
        ]),
    ]
}
