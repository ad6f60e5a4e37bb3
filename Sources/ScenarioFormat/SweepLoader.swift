public import ExerciseModel
internal import Stochastics
internal import Yams

/// A sweep file read and checked, with the scenario it names.
public struct LoadedSweep: Sendable {
    public let specification: SweepSpecification
    /// The sweep file as named by the user, and its text.
    public let path: String
    public let text: String
    /// The base scenario (its path resolved relative to the sweep file).
    public let scenario: LoadedScenario

    /// FNV-1a 64, in hex, of the sweep file's text, a NUL character and the scenario file's
    /// text: tells whether two shard folders (or an output folder to resume) belong to the
    /// same sweep.
    public var digest: String {
        String(StreamDerivation.fnv1a64(text + "\u{0}" + scenario.text), radix: 16)
    }
}

/// Reads a sweep file (YAML; see docs/sweeps.md) and the scenario it names, and checks every
/// factor path and value against that scenario, all before anything runs. Errors are located
/// diagnostics, as for scenarios; the scenario's own errors follow the sweep file's.
public enum SweepLoader {
    public static func load(path: String, options: ScenarioOptions = .standard) throws(ScenarioError) -> LoadedSweep {
        try load(text: ScenarioLoader.readText(path, what: "the sweep file", limits: options.limits), path: path, options: options)
    }

    /// Checks sweep `text`; `path` names it in diagnostics and anchors the scenario's path.
    /// The sweep file's `scenario` may lie anywhere (a sweep is written by whoever runs it);
    /// `options` apply to the scenario and the files it names.
    public static func load(text: String, path: String, options: ScenarioOptions = .standard) throws(ScenarioError) -> LoadedSweep {
        let sink = DiagnosticSink(limit: options.limits.maxDiagnostics)
        sink.register(path: path, text: text)
        var composer = YAMLComposer(path: path, sink: sink, limits: options.limits)
        let (root, failed) = composer.compose(text)
        if failed { throw ScenarioError(diagnostics: sink.sorted()) }
        guard let root else {
            sink.error("the sweep file is empty", at: SourceLocation(path: path, line: 1, column: 1),
                       hint: "a sweep file has the sections sweep, design and factors (see docs/sweeps.md)")
            throw ScenarioError(diagnostics: sink.sorted())
        }
        let reader = SweepReader(reader: NodeReader(path: path, text: text, sink: sink, placeholders: composer.placeholders))
        guard let top = reader.reader.fields(root, key: "sweep file", what: "the sweep file",
                                             allowed: ["sweep", "design", "factors", "metrics"], required: ["sweep", "design", "factors"]) else {
            throw ScenarioError(diagnostics: sink.sorted())
        }
        let header = top["sweep"].flatMap(reader.header)
        var scenario: LoadedScenario?
        var scenarioDiagnostics: [Diagnostic] = []
        if let named = header?.scenario {
            let resolved = ScenarioLoader.resolve(named.value, from: path)
            switch ScenarioLoader.readFile(resolved, limit: options.limits.maxFileBytes) {
            case .failure(let reason):
                sink.error("cannot read the scenario '\(resolved)': \(reason.message)", at: named.location,
                           hint: "the scenario's path is relative to the sweep file's folder")
            case .success(let scenarioText):
                do {
                    scenario = try ScenarioLoader.load(text: scenarioText, path: resolved, options: options)
                } catch {
                    sink.error("the scenario '\(resolved)' is not valid (its errors follow)", at: named.location)
                    scenarioDiagnostics = error.diagnostics
                }
            }
        }
        let exercise = scenario?.exercise
        let design = top["design"].flatMap(reader.design)
        let factors = top["factors"].flatMap { reader.factors($0, exercise: exercise) }
        if let design, let factors { reader.check(design: design, factors: factors) }
        let metrics = top["metrics"].flatMap { reader.metrics($0, exercise: exercise) }
        guard !sink.hasErrors, scenarioDiagnostics.isEmpty, let header, let scenario, let name = header.name,
              let design, let kind = design.kind, let factors else {
            throw ScenarioError(diagnostics: sink.sorted() + scenarioDiagnostics)
        }
        let specification = SweepSpecification(
            name: name, scenario: header.scenario?.value ?? "",
            replications: header.replications ?? scenario.exercise.defaultReplications,
            seed: header.seed ?? scenario.exercise.defaultSeed, confidence: header.confidence ?? 0.95,
            design: kind, factors: factors.compactMap(\.specification),
            keyObjectives: metrics ?? Array(scenario.exercise.objectives.indices))
        return LoadedSweep(specification: specification, path: path, text: text, scenario: scenario)
    }
}
