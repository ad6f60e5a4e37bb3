extension InvalidCase {
    /// Fixtures of the jurisdictional sections (jurisdictions, hours, offences, instruments,
    /// cooperation, subjects, effects, originator control, requests), alphabetical.
    static let handoffs: [InvalidCase] = [
        InvalidCase("cooperation-invalid.yaml", [
            Expected(13, 14, "'between' needs exactly 2 jurisdictions, found 1"),
            Expected(14, 20, "'between' names 'ARC' twice", hint: "name two different jurisdictions"),
            Expected(16, 23, "'delay-multiplier' must be greater than 0, found 0"),
            Expected(19, 14, "cooperation between 'ARC' and 'CAL' is declared twice (first at line 17)"),
        ]),
        InvalidCase("effect-invalid.yaml", [
            Expected(21, 9, "an effect has exactly one of cooperation, outage, staffing, subject-moves, found 2", hint: "write each effect as its own list item"),
            Expected(23, 22, "a cooperation effect needs 'willingness' or 'delay-multiplier'"),
            Expected(24, 44, "'staff' must be at least 0, found -1"),
            Expected(25, 9, "unknown key 'outtage' in an effect", hint: "did you mean 'outage'?"),
            Expected(26, 9, "an effect has exactly one of cooperation, outage, staffing, subject-moves, found 0"),
        ]),
        InvalidCase("handoff-references.yaml", [
            Expected(24, 15, "unknown instrument 'diplomatc'", hint: "did you mean 'diplomatic'?"),
            Expected(29, 15, "instrument 'diplomatic' cannot be its own fallback", hint: "name another instrument, e.g. a diplomatic note, or remove 'fallback'"),
            Expected(32, 16, "unknown jurisdiction 'ARK'", hint: "did you mean 'ARC'?"),
            Expected(38, 27, "unknown channel 'sienna'", hint: "did you mean 'siena'?"),
            Expected(39, 28, "unknown agency 'BOR-PLO'", hint: "did you mean 'BOR-POL'?"),
            Expected(40, 34, "unknown subject 'S2'", hint: "did you mean 'S1'?"),
            Expected(44, 38, "unknown subject 'S0'", hint: "did you mean 'S1'?"),
        ]),
        InvalidCase("holiday-invalid.yaml", [
            Expected(7, 24, "'2026-04-31' is not a date YYYY-MM-DD: day 31 is out of range", hint: "write e.g. 2026-04-03"),
            Expected(7, 33, "'2026-4-6' is not a date YYYY-MM-DD: expected a two-digit month", hint: "write e.g. 2026-04-03"),
        ]),
        InvalidCase("hours-invalid.yaml", [
            Expected(9, 12, "unknown hours 'ofice'", hint: "did you mean 'office'?"),
            Expected(13, 47, "'to' (09:00) must be later than 'from' (17:00)", hint: "hours cannot span midnight; 24:00 is allowed as the closing time"),
            Expected(17, 25, "unknown weekday 'tuesday'", hint: "did you mean 'tue'?"),
            Expected(17, 58, "'to': minute 60 is out of range in '17:60'", hint: "minutes run from 00 to 59"),
            Expected(22, 23, "unknown weekday 'fir'", hint: "did you mean 'fri'?"),
            Expected(22, 34, "'from': hour 25 is out of range in '25:00'", hint: "hours run from 00 to 23"),
        ]),
        InvalidCase("instrument-invalid-values.yaml", [
            Expected(14, 11, "unknown instrument kind 'treaty'", hint: "instrument kinds are mla, eio, eaw, extradition, preservation, fiu-exchange, asset-freeze, jit, police-exchange, diplomatic-note, other"),
            Expected(16, 13, "'serves' needs at least one request kind", hint: "request kinds are evidence, arrest, surrender, financial-information, preservation, freeze, joint-investigation, information"),
            Expected(17, 23, "unknown 'dual-criminality' value 'yes'", hint: "'dual-criminality' values are required, not-required"),
            Expected(18, 15, "unknown reviewer kind 'ministry'", hint: "reviewer kinds are police, intelligence, fiu, prosecutor, central-authority, military, border, bank, telecom, igo, other, none"),
            Expected(22, 24, "unknown request kind 'fraeze'", hint: "did you mean 'freeze'?"),
        ]),
        InvalidCase("instrument-too-few-parties.yaml", [
            Expected(17, 14, "'parties' needs at least 2 jurisdictions, found 1 ('ARC')", hint: "a request goes from one party to another"),
            Expected(21, 14, "'parties' needs at least 2 jurisdictions, found 1 ('ARC')", hint: "a request goes from one party to another"),
            Expected(25, 44, "no jurisdiction is a member of 'schengen'", hint: "memberships: eu, egmont"),
        ]),
        InvalidCase("jurisdiction-undeclared.yaml", [
            Expected(13, 19, "unknown jurisdiction 'BRO'", hint: "did you mean 'BOR'?"),
        ]),
        InvalidCase("offence-no-vocabulary.yaml", [
            Expected(25, 14, "unknown offence 'terrorism'", hint: "list the offence ids under the top-level 'offences'"),
        ]),
        InvalidCase("offence-unknown.yaml", [
            Expected(5, 12, "unknown offence 'financing'", hint: "offences: terrorist-act-financing, money-laundering"),
            Expected(9, 20, "unknown offence 'terorist-act-financing'", hint: "did you mean 'terrorist-act-financing'?"),
        ]),
        InvalidCase("originator-control-invalid.yaml", [
            Expected(13, 25, "missing required key 'decision' in 'originator-control'"),
            Expected(17, 38, "unknown agency 'PARTNER'", hint: "agencies: ARC-CT"),
        ]),
        InvalidCase("performer-where-invalid.yaml", [
            Expected(17, 57, "a performer rule takes 'jurisdiction' or 'where', not both", hint: "'where: <subject>' picks the jurisdiction where the subject is"),
            Expected(20, 16, "task 'follow' performed where 'S1' is needs a 'requester' or an exercise 'lead'", hint: "name the agency that hands the task to the subject's jurisdiction: requester: <agency id>, or set exercise: lead"),
        ]),
        InvalidCase("probability-out-of-range.yaml", [
            Expected(17, 14, "'refusal' must be between 0 and 1, found 1.5"),
            Expected(20, 18, "'willingness' must be between 0 and 1, found -0.2"),
            Expected(26, 57, "'willingness' must be between 0 and 1, found 2"),
        ]),
        InvalidCase("reframing-invalid.yaml", [
            Expected(12, 9, "a re-framing must change the offence, but 'from' and 'to' are both 'individual-terrorist-financing'"),
            Expected(14, 9, "unknown offence 'laundering'", hint: "offences: individual-terrorist-financing, money-laundering"),
        ]),
        InvalidCase("request-fields-misplaced.yaml", [
            Expected(16, 16, "'requester' applies only to a request task or one performed where a subject is", hint: "add 'request: <kind>' to make the task a cross-border request, or remove 'requester'"),
            Expected(17, 14, "'offence' applies only to a request task", hint: "add 'request: <kind>' to make the task a cross-border request, or remove 'offence'"),
        ]),
        InvalidCase("request-kind-invalid.yaml", [
            Expected(19, 14, "unknown request kind 'evidense'", hint: "did you mean 'evidence'?"),
        ]),
        InvalidCase("request-no-instrument.yaml", [
            Expected(24, 14, "no instrument serves an evidence request from ARC to CAL for task 'search', and no fallback applies", hint: "instruments between them (mla) do not serve 'evidence'"),
        ]),
        InvalidCase("request-without-requester.yaml", [
            Expected(23, 14, "request task 'search' needs a 'requester' or an exercise 'lead'", hint: "name the agency that drafts the request: requester: <agency id>, or set exercise: lead"),
        ]),
        InvalidCase("subject-itinerary-and-moves.yaml", [
            Expected(17, 12, "subject 'S1' has both 'itinerary' and 'moves'", hint: "give either a fixed itinerary or random moves"),
            Expected(20, 32, "'among' needs at least 2 jurisdictions, found 1", hint: "a subject moves from one of them to another"),
        ]),
        InvalidCase("timezone-unknown.yaml", [
            Expected(7, 16, "unknown time zone 'Europe/Berln'", hint: "did you mean 'Europe/Berlin'?"),
            Expected(9, 16, "unknown time zone 'Mars/Olympus'", hint: "write an IANA time zone name such as Europe/Berlin or UTC"),
            Expected(21, 16, "unknown time zone 'utc'", hint: "did you mean 'UTC'?"),
        ]),
    ]
}
