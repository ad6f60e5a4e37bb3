extension InvalidCase {
    /// Fixtures of the cooperation mechanisms (docs/mechanisms.md): agreements, familiarity,
    /// obligations, hub channels, channels opened by a task, listings, forced instruments, claims.
    static let mechanisms: [InvalidCase] = [
        InvalidCase("mechanism-fields-invalid.yaml", [
            Expected(12, 22, "agency 'ARC-POL' has no capability 'asess' to be obliged for", hint: "did you mean 'assess'?"),
            Expected(13, 9, "an obligation needs a 'deadline' or a 'voluntary-disclosure'",
                     hint: "e.g. {capability: file-str, deadline: 30d, compliance: 0.9}"),
            Expected(22, 19, "unknown agency 'ARC-PLO'", hint: "did you mean 'ARC-POL'?"),
            Expected(23, 16, "unknown task 'asses'", hint: "did you mean 'assess'?"),
            Expected(24, 23, "'carries-requests': expected true or false, found a string"),
            Expected(29, 17, "unknown instrument 'mla'", hint: "declare it under 'instruments'"),
            Expected(29, 17, "'instrument' applies only to a request task", hint: "add 'request: <kind>', or remove 'instrument'"),
            Expected(33, 12, "a claim needs a performer rule such as {kind: prosecutor}: the claim decides the jurisdiction",
                     hint: "write performer: {kind: <agency kind>}"),
            Expected(33, 35, "rule 'custody' needs a 'subject': the claim goes to where the subject is", hint: "add subject: <subject id>"),
        ]),
        InvalidCase("mechanism-sections-invalid.yaml", [
            Expected(19, 16, "unknown channel 'lnie'", hint: "did you mean 'line'?"),
            Expected(20, 20, "'review-factor' must be greater than 0, found 0"),
            Expected(21, 15, "'in-force': expected true or false, found a string"),
            Expected(22, 9, "duplicate agreement id 'A1' (first declared at line 17)"),
            Expected(23, 20, "unknown jurisdiction 'CAK'", hint: "did you mean 'CAL'?"),
            Expected(25, 22, "'gain-per-exercise' must be between 0 and 1, found 1.5"),
            Expected(27, 26, "'agencies' needs at least 2 agencies, found 1", hint: "a joint exercise brings two or more agencies together"),
            Expected(28, 36, "unknown agency 'CAL-PLO'", hint: "did you mean 'CAL-POL'?"),
            Expected(28, 56, "'per-year' must be at least 0, found -1"),
            Expected(34, 15, "unknown key 'delist' in 'listing'", hint: "did you mean 'delisting'?"),
        ]),
    ]
}
