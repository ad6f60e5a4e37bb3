// The scenario templates of `jtx init`, embedded in the binary as string literals (no resource
// bundle to install beside it). Placeholders: {{NAME}} the exercise name, {{FILE}} the scenario
// file's name, {{MSEL}} the MSEL CSV's name. The grey-heron template is the shipped reference
// scenario, byte for byte (a test compares them): keep it in step with scenarios/grey-heron.yaml.

extension ScenarioTemplate {
    static let quickstartScenario = ##"""
# {{NAME}}: a scenario made by `jtx init` from the quickstart template.
#
# A bank in Borealis reports a suspicious transfer to a charity; the money is meant for a cell
# in Arcadia. Can the two financial intelligence units (FIUs), Arcadia's police and its
# prosecutor freeze the funds and arrest the financier before the cell strikes?
#
# The MSEL (the injects) is kept in a spreadsheet beside this file: {{MSEL}}.
#
#   jtx validate {{FILE}}       check it (every error with its line, a caret and a hint)
#   jtx explain {{FILE}}        read back, in plain words, what this file says
#   jtx run {{FILE}}            simulate it (200 replications) and print the summary
#
# Every field is documented in docs/scenario-format.md. Times are written as 90s, 15m, 2h, 3d, 1w;
# work times are distributions such as triangular(min, mode, max) or lognormal(median=…, p95=…).

exercise:
  name: {{NAME}}
  description: Two states, five agencies, one suspicious transaction report.
  start: 2026-03-02T08:00:00Z      # when day 0 begins (a label for reports)
  horizon: 60d                     # nothing happens after this; unreached milestones are missed
  seed: 1                          # default master seed (jtx run --seed overrides it)
  replications: 200                # default number of replications (--replications overrides)
  lead: ARC-CT                     # the lead agency, for tasks whose performer is `lead`

# Agencies: who works, with how many staff, and how long each kind of work takes them.
# `staff` is the number of tasks an agency works on at once; further tasks queue by priority.
agencies:
  - id: BOR-BANK
    name: Borealis commercial bank (compliance desk)
    jurisdiction: BOR
    kind: bank
    staff: 2
    capabilities:
      file-str: lognormal(median=8h, p95=2d)   # compliance review before the report is filed

  - id: BOR-FIU
    name: Borealis financial intelligence unit
    jurisdiction: BOR
    kind: fiu
    staff: 2
    capabilities:
      analyse-str: triangular(2h, 6h, 2d)
      triage-str: triangular(30m, 2h, 6h)     # routine reports: a quicker look

  - id: ARC-FIU
    name: Arcadia financial intelligence unit
    jurisdiction: ARC
    kind: fiu
    staff: 2
    capabilities:
      assess-disclosure: triangular(1h, 4h, 1d)

  - id: ARC-CT
    name: Arcadia counter-terrorism police
    jurisdiction: ARC
    kind: police
    staff: 3
    capabilities:
      open-case: pert(30m, 2h, 8h)
      arrest: pert(4h, 12h, 3d)

  - id: ARC-PROS
    name: Arcadia prosecutor's office
    jurisdiction: ARC
    kind: prosecutor
    staff: 1
    capabilities:
      freeze-order: lognormal(median=1d, p95=4d)

# Channels: how information moves between agencies. Between two agencies jtx uses, among the
# channels connecting both that may carry the information's classification, the one with the
# lowest expected delay (mean latency + mean handling).
channels:
  - id: str-portal
    name: STR reporting portal
    kind: direct
    connects: [BOR-BANK, BOR-FIU]
    latency: 5m
    handling: exponential(mean=4h)        # the FIU's registry triages incoming reports
    max-classification: restricted

  - id: egmont
    name: Egmont Secure Web
    kind: egmont
    connects: {kinds: [fiu]}               # every FIU of the exercise
    latency: exponential(mean=10m)
    handling: lognormal(median=2d, p95=7d)
    failure: {probability: 0.02, retry-after: 1d, max-attempts: 3}
    max-classification: confidential

  - id: arc-secure
    name: Arcadia national secure network
    kind: direct
    connects: {jurisdictions: [ARC]}       # every agency in Arcadia
    latency: 2m
    handling: exponential(mean=1h)
    max-classification: secret

# Injects (the MSEL) come from the spreadsheet: one row per inject, with the columns Number,
# Time, From, To, Method, Subject, Message, Expected Action, Triggers, Classification,
# Repeat Every. Add rows there, or write injects here under `injects:`.
msel: {{MSEL}}

# The response plan: tasks, who performs them, and what each waits for.
plan:
  - id: file-str
    capability: file-str
    performer: BOR-BANK
    classification: restricted

  - id: analyse-str
    capability: analyse-str
    performer: BOR-FIU
    after: [file-str]
    priority: 0                 # the case outranks routine work (lower is served first)
    classification: confidential

  - id: routine-analysis
    capability: triage-str
    performer: BOR-FIU
    priority: 1

  - id: assess-disclosure
    capability: assess-disclosure
    performer: ARC-FIU
    after: [analyse-str]
    classification: confidential

  - id: open-case
    capability: open-case
    performer: lead
    after: [assess-disclosure]
    classification: secret

  - id: freeze
    capability: freeze-order
    performer: ARC-PROS
    after: [open-case]

  - id: arrest
    capability: arrest
    performer: lead
    after: [freeze]

# Objectives: "within (deadline) of (trigger), (milestone)", rated P/S/M/U.
objectives:
  - id: case-opened
    description: Arcadia opens a case within 5 days of the bank's alert.
    milestone: open-case
    from: STR
    within: 5d
    capability: intelligence-and-information-sharing

  - id: funds-frozen
    description: Funds frozen before the second wire, due on day 8.
    milestone: freeze
    from: STR
    within: 8d
    capability: interdiction-and-disruption
    ratings: {s: 1.25, m: 1.5}

# The threat clock: the attack date is unknown to the players.
threat:
  description: The cell attacks around day 21.
  time: lognormal(median=21d, p95=28d)
  disrupted-by: arrest
"""##

    static let quickstartMSEL = ##"""
Number,Time,From,To,Method,Subject,Message,Expected Action,Triggers,Classification,Repeat Every
STR,0h,Bank transaction monitoring,BOR-BANK,internal alert,Suspicious transfer,"A transfer of 48,000 EUR to a charity with links to Arcadia is flagged.",File a suspicious transaction report.,file-str,restricted,
ROUTINE-STR,exponential(mean=4h),Reporting entities,BOR-FIU,STR portal,Routine suspicious transaction reports,Background load: about six a day.,Triage the report.,routine-analysis,,exponential(mean=4h)
"""##

    static let blankScenario = ##"""
# {{NAME}}: a scenario made by `jtx init` from the blank template: the smallest exercise that
# runs, to grow into your own. Replace the ids, names and times with yours.
#
# The MSEL (the injects) is kept in a spreadsheet beside this file: {{MSEL}}.
#
#   jtx validate {{FILE}}       check it (every error with its line, a caret and a hint)
#   jtx explain {{FILE}}        read back, in plain words, what this file says
#   jtx run {{FILE}}            simulate it and print the summary
#
# Every field is documented in docs/scenario-format.md. Times are written as 90s, 15m, 2h, 3d, 1w.

exercise:
  name: {{NAME}}
  description: One tip, two agencies, one objective.
  start: 2026-01-05T08:00:00Z      # when day 0 begins
  horizon: 14d                     # nothing happens after this
  seed: 1
  replications: 100

# Agencies: id, jurisdiction (a state's label), kind (police, intelligence, fiu, prosecutor,
# central-authority, military, border, bank, telecom, igo, other), staff, and the work they can
# do with its duration (a distribution: constant, uniform, triangular, pert, exponential,
# lognormal, …).
agencies:
  - id: INTEL
    name: Intelligence service
    jurisdiction: ARC
    kind: intelligence
    staff: 1
    capabilities:
      assess: triangular(1h, 3h, 8h)
  - id: POLICE
    name: Police
    jurisdiction: ARC
    kind: police
    staff: 2
    capabilities:
      arrest: pert(2h, 6h, 1d)

# Channels: who can talk to whom, how long a message takes, the highest classification it carries.
channels:
  - id: liaison
    name: Liaison officer
    kind: liaison
    connects: [INTEL, POLICE]
    latency: exponential(mean=30m)
    handling: 1h
    max-classification: secret

# Injects (the MSEL) come from the spreadsheet beside this file.
msel: {{MSEL}}

# The plan: tasks, who performs them, and what each waits for (`after`).
plan:
  - id: assess
    capability: assess
    performer: INTEL
    classification: secret       # its output may only travel over channels cleared for secret
  - id: arrest
    capability: arrest
    performer: POLICE
    after: [assess]

# Objectives: "within (deadline) of (trigger), (milestone)".
objectives:
  - id: arrest-within-24h
    description: The suspect is arrested within 24 hours of the tip.
    milestone: arrest
    from: TIP
    within: 24h
    capability: interdiction-and-disruption
"""##

    static let blankMSEL = ##"""
Number,Time,From,To,Method,Subject,Message,Expected Action,Triggers,Classification
TIP,0h,Partner service,INTEL,liaison officer,Tip,A partner service reports a suspect's travel plans.,Assess the tip.,assess,secret
"""##

    static let greyHeronScenario = ##"""
# GREY HERON — the reference exercise: a terrorist-financing cell across four states.
#
# A cell in Arcadia (EU) will attack a transport hub around day 21; the players do not know the
# date. Financier S1 buys crypto through an exchange in Delmar (offshore, Egmont member, no MLA
# treaty with Arcadia), moves it to a front charity's account at a bank in Borealis (EU), and
# wires it on to Arcadia. On day 4 S1 crosses into Borealis (Schengen, no border check); on day 6
# S1 flies to Caldera (non-EU, Budapest Convention party, MLA treaty with Arcadia). Caldera
# criminalises financing terrorist *acts* but not financing an individual terrorist, so requests
# framed that way are refused and must be re-framed as money laundering (+10–30 days).
#
# Parameters cite their source and a confidence (high / medium / low) from the project's domain
# notes; "assumed" marks a planning assumption to revisit with the exercise's players. Drafting
# and review times are working time of the agency's staff (see docs/model-semantics.md): legal
# deadlines quoted beside them are calendar time, which office hours and queues stretch.
#
#   jtx run scenarios/grey-heron.yaml --replications 1000

exercise:
  name: GREY HERON
  description: Four states and two international organisations against a terrorist-financing cell.
  start: 2026-03-02T08:00:00+01:00   # a Monday morning in Arcadia
  horizon: 200d                      # long enough for the 180-day evidence objective
  seed: 2026
  replications: 500
  lead: ARC-CT
  offence: individual-terrorist-financing   # how Arcadia frames the case at first

offences:
  - terrorist-act-financing          # financing a terrorist act
  - individual-terrorist-financing   # financing an individual terrorist (not an offence in Caldera)
  - money-laundering
  - terrorism                        # participation in a terrorist group (a listed EAW offence)

jurisdictions:
  - id: ARC
    name: Arcadia
    time-zone: Europe/Paris
    languages: [fr, en]
    holidays: [2026-04-03, 2026-04-06]          # Good Friday, Easter Monday
    criminalises: [terrorist-act-financing, individual-terrorist-financing, money-laundering, terrorism]
    member-of: [eu, schengen, egmont, interpol, budapest, un]
  - id: BOR
    name: Borealis
    time-zone: Europe/Brussels
    languages: [nl, en]
    holidays: [2026-04-06]
    criminalises: [terrorist-act-financing, individual-terrorist-financing, money-laundering, terrorism]
    member-of: [eu, schengen, egmont, interpol, budapest, un]
  - id: CAL
    name: Caldera
    time-zone: Europe/Istanbul
    languages: [tr]
    criminalises: [terrorist-act-financing, money-laundering, terrorism]
    member-of: [egmont, interpol, budapest, un]
  - id: DEL
    name: Delmar
    time-zone: America/Cayman                    # ten hours behind Caldera
    languages: [en]
    criminalises: [terrorist-act-financing, money-laundering]
    member-of: [egmont, interpol, un]
  - id: EU
    name: European Union agencies
    time-zone: Europe/Amsterdam
    languages: [en, fr, nl]
    member-of: [eu]
  - id: INT
    name: INTERPOL
    time-zone: Europe/Paris
    languages: [en, fr, es, ar]
    member-of: [interpol]

agencies:
  # Arcadia
  - id: ARC-CT
    name: Arcadia counter-terrorism police (lead)
    jurisdiction: ARC
    kind: police
    staff: 6
    capabilities:
      open-case: pert(1h, 4h, 12h)                       # assumed
      issue-alert: pert(2h, 6h, 24h)                      # SIS alert and INTERPOL diffusion drafted; assumed
      arrest: pert(4h, 12h, 2d)                          # assumed
      execute-freeze: pert(1h, 4h, 1d)                   # assumed
  - id: ARC-INT
    name: Arcadia intelligence service
    jurisdiction: ARC
    kind: intelligence
    staff: 3
    capabilities:
      assess-tip: lognormal(median=8h, p95=2d)           # assumed
      identify-cell: lognormal(median=2d, p95=6d)        # assumed
  - id: ARC-FIU
    name: Arcadia financial intelligence unit
    jurisdiction: ARC
    kind: fiu
    staff: 3
    hours: office
    capabilities:
      assess-disclosure: triangular(1h, 4h, 1d)          # working time; assumed
      freeze-account: triangular(2h, 8h, 2d)             # once the funds are back in Arcadia; assumed
  - id: ARC-PROS
    name: Arcadia prosecutor and central authority
    jurisdiction: ARC
    kind: prosecutor
    staff: 2
    hours: office
    capabilities:
      prepare-case: triangular(2h, 6h, 1d)               # working time; assumed
  - id: ARC-EOD
    name: Arcadia military EOD/CBRN team
    jurisdiction: ARC
    kind: military
    staff: 2
    capabilities:
      render-safe: pert(2h, 6h, 1d)                      # assumed
  # Borealis
  - id: BOR-POL
    name: Borealis police (SIRENE bureau)
    jurisdiction: BOR
    kind: police
    staff: 4
    capabilities:
      arrest: pert(4h, 12h, 2d)                          # assumed
  - id: BOR-INT
    name: Borealis security service (the tip's originator)
    jurisdiction: BOR
    kind: intelligence
    staff: 2
    capabilities:
      pass-tip: constant(1h)
  - id: BOR-FIU
    name: Borealis financial intelligence unit
    jurisdiction: BOR
    kind: fiu
    staff: 2
    hours: office
    capabilities:
      analyse-str: triangular(2h, 6h, 2d)                # working time; assumed
      freeze-account: triangular(2h, 8h, 2d)             # FIU postponement, then judicial freeze; assumed
      triage-str: triangular(30m, 2h, 6h)                # routine reports; assumed
  - id: BOR-BANK
    name: Borealis bank (compliance)
    jurisdiction: BOR
    kind: bank
    staff: 2
    hours: office
    capabilities:
      file-str: lognormal(median=4h, p95=2d)             # working time; a fast filer (US rule: 30 days, FinCEN, high)
  # Caldera
  - id: CAL-POL
    name: Caldera police (INTERPOL NCB, 24/7 cyber contact)
    jurisdiction: CAL
    kind: police
    staff: 3
    capabilities:
      arrest: pert(6h, 1d, 4d)                           # assumed
  - id: CAL-MOJ
    name: Caldera Ministry of Justice (central authority)
    jurisdiction: CAL
    kind: central-authority
    staff: 1
    hours: office
    capabilities:
      process-request: triangular(2h, 6h, 16h)           # other countries' requests: its backlog (70 % busy); assumed
  - id: CAL-TEL
    name: Caldera telecom operator
    jurisdiction: CAL
    kind: telecom
    staff: 1
    hours: office
    capabilities:
      preserve-data: pert(1h, 4h, 1d)                    # assumed
      produce-records: lognormal(median=3d, p95=10d)     # assumed
  # Delmar
  - id: DEL-FIU
    name: Delmar financial intelligence unit (one analyst)
    jurisdiction: DEL
    kind: fiu
    staff: 1
    hours: office
    capabilities:
      answer-egmont: lognormal(median=2d, p95=10d)       # assumed
  - id: DEL-EXCH
    name: Delmar crypto exchange
    jurisdiction: DEL
    kind: bank
    staff: 1
    hours: office
    capabilities:
      produce-records: lognormal(median=5d, p95=20d)     # assumed
  # International organisations
  - id: EUROPOL
    name: Europol
    jurisdiction: EU
    kind: igo
    staff: 4
    capabilities:
      cross-match: lognormal(median=6h, p95=2d)          # assumed
  - id: IPSG
    name: INTERPOL General Secretariat
    jurisdiction: INT
    kind: igo
    staff: 3
    capabilities:
      review-diffusion: lognormal(median=1d, p95=5d)     # notice review median ~20 d (law-firm sample, low); diffusions faster; assumed

channels:
  - id: arc-net
    name: Arcadia national secure network
    kind: direct
    connects: {jurisdictions: [ARC]}
    latency: 5m
    handling: exponential(mean=1h)
    max-classification: secret
  - id: bor-net
    name: Borealis national network
    kind: direct
    connects: {jurisdictions: [BOR]}
    latency: 5m
    handling: exponential(mean=2h)
    max-classification: secret
  - id: cal-net
    name: Caldera national network
    kind: direct
    connects: {jurisdictions: [CAL]}
    latency: 10m
    handling: exponential(mean=4h)
    max-classification: confidential
  - id: del-net
    name: Delmar national network
    kind: direct
    connects: {jurisdictions: [DEL]}
    latency: 30m
    handling: exponential(mean=1d)
    max-classification: restricted
  - id: siena
    name: Europol SIENA
    kind: siena
    connects: [ARC-CT, BOR-POL, EUROPOL, ARC-FIU, BOR-FIU]
    latency: exponential(mean=10m)                       # 24/7; latency not published (Europol, medium)
    handling: lognormal(median=4h, p95=1d)              # assumed
    failure: {probability: 0.01, retry-after: 2h, max-attempts: 3}
    max-classification: confidential
  - id: sirene
    name: SIRENE (SIS)
    kind: sirene
    connects: [ARC-CT, BOR-POL]
    latency: 5m
    handling: lognormal(median=4h, p95=12h)             # reply within 12 h (SIRENE Manual, high)
    max-classification: restricted
  - id: i24-7
    name: INTERPOL I-24/7
    kind: i24-7
    connects: [ARC-CT, BOR-POL, CAL-POL, IPSG]
    latency: 2m                                          # near-instant (INTERPOL, medium)
    handling: lognormal(median=6h, p95=24h)             # bureau handling 2–24 h (assumed, low)
    failure: {probability: 0.02, retry-after: 1h, max-attempts: 5}
    max-classification: restricted
  - id: egmont
    name: Egmont Secure Web
    kind: egmont
    connects: {kinds: [fiu]}
    latency: exponential(mean=10m)
    handling: lognormal(median=2d, p95=7d)              # about a week when data is at hand (Egmont, medium)
    max-classification: confidential
  - id: liaison
    name: Intelligence liaison
    kind: liaison
    connects: [ARC-INT, BOR-INT, ARC-CT]
    latency: 30m
    handling: exponential(mean=2h)
    max-classification: secret
  - id: diplomatic
    name: Diplomatic bag
    kind: diplomatic
    connects: all
    latency: lognormal(median=3d, p95=10d)              # the slow fallback; assumed
    handling: lognormal(median=2d, p95=7d)
    max-classification: confidential

instruments:
  - id: eaw
    name: European Arrest Warrant
    kind: eaw
    parties: {member-of: eu}
    serves: [arrest, surrender]
    dual-criminality: required
    waived-for: [terrorism, terrorist-act-financing, individual-terrorist-financing, money-laundering]   # listed offences (FD 2002/584/JHA art. 2(2))
    draft: pert(4h, 1d, 2d)
    transmission: 2h                                     # through SIS
    review: lognormal(median=12h, p95=3d)               # working time; arrest to decision 15 d with consent (Commission 2017, high)
    reviewer: police
  - id: eu-freeze
    name: EU freezing order
    kind: asset-freeze
    parties: {member-of: eu}
    serves: [freeze]
    dual-criminality: required
    waived-for: [terrorism, terrorist-act-financing, individual-terrorist-financing, money-laundering]
    draft: pert(4h, 1d, 3d)
    transmission: 1h
    review: lognormal(median=4h, p95=1d)                # working time; recognition "without delay" (Reg. (EU) 2018/1805; assumed)
    reviewer: fiu
  - id: eio
    name: European Investigation Order
    kind: eio
    parties: {member-of: eu}
    serves: [evidence, financial-information]
    dual-criminality: not-required
    draft: pert(1d, 3d, 7d)
    transmission: 1d
    review: lognormal(median=20d, p95=45d)              # 30 days to recognise (Dir. 2014/41/EU art. 12, high)
  - id: egmont-exchange
    name: Egmont FIU-to-FIU request
    kind: fiu-exchange
    parties: {member-of: egmont}
    serves: [financial-information]
    dual-criminality: not-required
    draft: pert(2h, 4h, 1d)
    transmission: 10m
    review: lognormal(median=4h, p95=2d)                # working time; about a week end to end (Egmont, medium)
    reviewer: fiu
  - id: interpol-diffusion
    name: INTERPOL diffusion for provisional arrest
    kind: police-exchange
    parties: {member-of: interpol}
    serves: [arrest]
    dual-criminality: required
    draft: pert(4h, 1d, 2d)
    transmission: 1h
    review: lognormal(median=1d, p95=5d)                # working time at the central authority; assumed
    reviewer: central-authority
    fallback: diplomatic-note
  - id: mla-arc-cal
    name: Arcadia–Caldera MLA treaty
    kind: mla
    parties: [ARC, CAL]
    serves: [evidence, financial-information, freeze]
    dual-criminality: required
    draft: pert(1d, 2d, 5d)                             # working time
    transmission: lognormal(median=5d, p95=15d)
    review: lognormal(median=5d, p95=20d)               # working time; simple MLA 9–12 months end to end (practitioners, low)
    reviewer: central-authority
    fallback: diplomatic-note
  - id: budapest-preservation
    name: Budapest Convention art. 29 preservation
    kind: preservation
    parties: {member-of: budapest}
    serves: [preservation]
    dual-criminality: not-required                      # not required for preservation (Budapest art. 29, high)
    draft: 2h
    transmission: 1h
    review: lognormal(median=6h, p95=2d)
    reviewer: police
  - id: diplomatic-note
    name: Diplomatic note (letters rogatory)
    kind: diplomatic-note
    parties: {member-of: un}
    serves: [evidence, financial-information, freeze, arrest, surrender, preservation]
    dual-criminality: required
    draft: pert(1d, 3d, 7d)                             # working time
    transmission: lognormal(median=10d, p95=30d)
    review: lognormal(median=10d, p95=40d)              # working time where a central authority reviews; ~10 months end to end (PRG 2013, medium)
    reviewer: central-authority

reframing:
  - from: individual-terrorist-financing
    to: money-laundering
    delay: uniform(10d, 30d)                            # re-drafting as money laundering (domain notes)

cooperation:
  - between: [ARC, CAL]
    willingness: 0.7
  - between: [ARC, DEL]
    willingness: 0.5
    delay-multiplier: 1.5

translation:
  default: lognormal(median=2d, p95=6d)                 # assumed
  pairs:
    - between: [fr, tr]
      time: lognormal(median=3d, p95=8d)

subjects:
  - id: S1
    description: the financier
    starts-in: ARC
    itinerary:
      - {at: 4d, to: BOR}                               # crosses into Borealis (Schengen, no check)
      - {at: 6d, to: CAL}                               # flies to Caldera
  - id: FUNDS
    description: the charity account's balance
    starts-in: BOR
    itinerary:
      - {at: 8d, to: ARC}                               # the second wire is due on day 8

injects:
  - id: STR
    time: 0h
    to: BOR-BANK
    from: transaction monitoring
    description: A transfer to a front charity is flagged; the bank must report it.
    triggers: [file-str]
  - id: TIP
    time: 2d
    to: ARC-INT
    from: Borealis security service
    method: liaison
    description: A partner tip on a cell planning an attack, marked H2 (no onward sharing without consent).
    classification: secret
    originator-control:
      originator: BOR-INT
      decision: lognormal(median=12h, p95=2d)
      refusal: 0.05
    triggers: [assess-tip]
  - id: SIENA-DOWN
    time: 5d
    to: EUROPOL
    description: SIENA is unavailable for maintenance overrun.
    effects:
      - outage: {channel: siena, for: 12h}
  - id: DISPUTE
    time: 9d
    to: ARC-PROS
    description: A diplomatic dispute between Arcadia and Caldera.
    effects:
      - cooperation: {between: [ARC, CAL], willingness: 0.4}
  - id: PRECURSOR
    time: 14d
    to: ARC-CT
    description: A precursor purchase reveals the cell's safe house.
    classification: confidential
    triggers: [identify-cell]
  - id: CAL-BACKLOG
    time: exponential(mean=2d)
    to: CAL-MOJ
    description: Other countries' requests keep Caldera's central authority busy.
    repeat: {every: exponential(mean=2d)}
    triggers: [process-other-request]
  - id: ROUTINE-STR
    time: exponential(mean=12h)
    to: BOR-FIU
    description: Routine suspicious transaction reports.
    repeat: {every: exponential(mean=12h)}
    triggers: [triage-str]

plan:
  # Financial track
  - id: file-str
    capability: file-str
    performer: BOR-BANK
    classification: restricted
  - id: analyse-str
    capability: analyse-str
    performer: BOR-FIU
    after: [file-str]
    classification: confidential
  - id: assess-disclosure
    capability: assess-disclosure
    performer: ARC-FIU
    after: [analyse-str]
    classification: confidential
  - id: trace-crypto
    description: Ask Delmar's FIU about the exchange account.
    capability: answer-egmont
    performer: DEL-FIU
    request: financial-information
    requester: ARC-FIU
    after: [assess-disclosure]
    classification: restricted
  - id: freeze-funds
    description: Freeze the charity's account wherever the funds are.
    capability: freeze-account
    performer: {kind: fiu, where: FUNDS}
    request: freeze
    requester: ARC-PROS
    after: [prepare-case]
  # Intelligence track
  - id: assess-tip
    capability: assess-tip
    performer: ARC-INT
    classification: secret
  - id: open-case
    capability: open-case
    performer: lead
    after: [assess-disclosure, assess-tip]
    classification: confidential
  - id: prepare-case
    capability: prepare-case
    performer: ARC-PROS
    after: [open-case]
    classification: confidential
  - id: issue-alert
    capability: issue-alert
    performer: lead
    after: [open-case]
    classification: restricted
  - id: cross-match
    capability: cross-match
    performer: EUROPOL
    after: [issue-alert]
    classification: restricted
  - id: arrest-s1
    description: Arrest the financier wherever he is.
    capability: arrest
    performer: {kind: police, where: S1}
    request: arrest
    requester: ARC-PROS
    after: [prepare-case, issue-alert]
    classification: restricted
  - id: identify-cell
    capability: identify-cell
    performer: ARC-INT
    after: [assess-tip]
    classification: secret
  - id: arrest-cell
    capability: arrest
    performer: lead
    after: [identify-cell, open-case]
    classification: confidential
  - id: render-safe
    capability: render-safe
    performer: ARC-EOD
    after: [arrest-cell]
  # Evidence track
  - id: preserve-phone
    capability: preserve-data
    performer: CAL-TEL
    request: preservation
    requester: ARC-CT
    after: [issue-alert]
    classification: restricted
  - id: phone-records
    capability: produce-records
    performer: CAL-TEL
    request: evidence
    requester: ARC-PROS
    after: [preserve-phone]
    classification: restricted
  - id: exchange-records
    capability: produce-records
    performer: DEL-EXCH
    request: evidence
    requester: ARC-PROS
    after: [prepare-case]
    classification: restricted
  # Background work
  - id: process-other-request
    capability: process-request
    performer: CAL-MOJ
    priority: 1
  - id: triage-str
    capability: triage-str
    performer: BOR-FIU
    priority: 1

objectives:
  - id: freeze-before-wire
    description: Funds frozen before the second wire, due on day 8.
    milestone: freeze-funds
    from: STR
    within: 8d
    capability: interdiction-and-disruption
  - id: alert-72h
    description: Schengen/INTERPOL alert on S1 within 72 hours of the case opening.
    milestone: issue-alert
    from: open-case
    within: 72h
    capability: intelligence-and-information-sharing
  - id: arrest-s1-30d
    description: S1 arrested within 30 days of the case opening.
    milestone: arrest-s1
    from: open-case
    within: 30d
    capability: interdiction-and-disruption
  - id: evidence-180d
    description: Admissible evidence from Delmar and Caldera within 180 days of the case opening.
    milestone: {all: [exchange-records, phone-records]}
    from: open-case
    within: 180d
    capability: forensics-and-attribution
  - id: disrupt-cell
    description: The cell arrested within 21 days of the first report.
    milestone: arrest-cell
    from: STR
    within: 21d
    capability: operational-coordination

threat:
  description: The cell attacks the transport hub.
  time: lognormal(median=21d, p95=28d)
  disrupted-by: arrest-cell
"""##
}
