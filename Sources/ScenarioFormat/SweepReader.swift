internal import ExerciseModel
internal import Stochastics
internal import Yams

/// Reads the sections of a sweep file into checked values; every problem becomes a located
/// diagnostic (through `NodeReader`, the one place that maps YAML nodes to positions).
struct SweepReader {
    let reader: NodeReader
    var sink: DiagnosticSink { reader.sink }

    /// The largest number of design points a sweep may have.
    static let maximumPoints = 1_000_000

    struct Header {
        var name: String?
        var scenario: Located<String>?
        var replications: Int?
        var seed: UInt64?
        var confidence: Double?
    }

    struct Design {
        var kind: SweepDesignKind?
        var kindNode: Node?
        var location: SourceLocation
    }

    struct Factor {
        var path: Located<String>
        var factor: SweepFactor?
        var domain: FactorDomain?
        /// The `range` or `levels` node, for design-level errors.
        var valuesNode: Node?
        var specification: FactorSpecification? {
            guard let factor, let domain else { return nil }
            return FactorSpecification(path: path.value, factor: factor, domain: domain)
        }
    }

    func header(_ node: Node) -> Header? {
        guard let fields = reader.fields(node, key: "sweep", what: "the sweep section",
                                         allowed: ["name", "scenario", "replications", "seed", "confidence"],
                                         required: ["name", "scenario"]) else { return nil }
        var header = Header()
        header.name = fields["name"].flatMap { reader.string($0, key: "name") }
        header.scenario = fields["scenario"].flatMap { reader.locatedString($0, key: "scenario") }
        header.replications = fields["replications"].flatMap { reader.integer($0, key: "replications", minimum: 1) }
        header.seed = fields["seed"].flatMap { reader.unsigned($0, key: "seed") }
        if let node = fields["confidence"], let value = reader.number(node, key: "confidence") {
            if value > 0 && value < 1 {
                header.confidence = value
            } else {
                sink.error("'confidence' must lie strictly between 0 and 1, found \(NodeReader.format(value))", at: reader.location(node),
                           hint: "e.g. confidence: 0.95")
            }
        }
        return header
    }

    func design(_ node: Node) -> Design? {
        guard let fields = reader.fields(node, key: "design", what: "the design", allowed: ["kind", "points"], required: ["kind"]) else { return nil }
        var design = Design(kind: nil, kindNode: fields["kind"], location: fields.location)
        guard let kindNode = fields["kind"],
              let kind = reader.choice(kindNode, key: "kind", what: "design kind",
                                       [("full-factorial", 0), ("latin-hypercube", 1), ("sobol", 2)]) else { return design }
        let points = fields["points"].flatMap { reader.integer($0, key: "points", minimum: 1) }
        if let node = fields["points"], let points, points > Self.maximumPoints {
            sink.error("'points' may be at most \(Self.maximumPoints), found \(points)", at: reader.location(node))
            return design
        }
        switch kind {
        case 0:
            if let node = fields["points"] {
                sink.error("'points' is not used by a full-factorial design", at: reader.location(node),
                           hint: "its points are every combination of the factors' levels; remove 'points'")
                return design
            }
            design.kind = .fullFactorial
        default:
            guard fields["points"] != nil else {
                sink.error("missing required key 'points' in the design", at: fields.location,
                           hint: "a \(kind == 1 ? "latin-hypercube" : "sobol") design needs its number of points, e.g. points: 20")
                return design
            }
            guard let points else { return design }
            design.kind = kind == 1 ? .latinHypercube(points: points) : .sobol(points: points)
        }
        return design
    }

    func factors(_ node: Node, exercise: Exercise?) -> [Factor]? {
        guard let items = reader.sequence(node, key: "factors") else { return nil }
        guard !items.isEmpty else {
            sink.error("'factors': expected at least one factor", at: reader.location(node), hint: "e.g. - {path: agencies.<id>.staff, range: [1, 4]}")
            return nil
        }
        var factors: [Factor] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let fields = reader.fields(item, key: "factors", what: "factor #\(index + 1)", allowed: ["path", "range", "levels"], required: ["path"]),
                  let pathNode = fields["path"], let path = reader.locatedString(pathNode, key: "path") else { continue }
            if let first = seen[path.value] {
                sink.error("factor '\(path.value)' is given twice (first at line \(first))", at: path.location, hint: "each path may appear once")
            }
            seen[path.value] = seen[path.value] ?? path.location.line
            var factor = Factor(path: path)
            if let exercise {
                switch SweepPaths.resolve(path.value, in: exercise) {
                case .success(let resolved): factor.factor = resolved
                case .failure(let problem): sink.error(problem.message, at: reader.location(pathNode, offset: problem.offset), hint: problem.hint)
                }
            }
            let kind = factor.factor?.valueKind
            switch (fields["range"], fields["levels"]) {
            case (nil, nil):
                sink.error("factor '\(path.value)' needs 'range' or 'levels'", at: fields.location, hint: "e.g. range: [0.5, 2] or levels: [1, 2, 4]")
            case (.some, .some):
                sink.error("factor '\(path.value)' takes 'range' or 'levels', not both", at: fields.source.fields["levels"] ?? fields.location)
            case (let range?, nil):
                factor.valuesNode = range
                factor.domain = self.range(range, kind: kind)
            case (nil, let levels?):
                factor.valuesNode = levels
                factor.domain = self.levels(levels, kind: kind)
            }
            factors.append(factor)
        }
        return factors
    }

    private func range(_ node: Node, kind: SweepFactor.ValueKind?) -> FactorDomain? {
        guard let items = reader.sequence(node, key: "range") else { return nil }
        guard items.count == 2 else {
            sink.error("'range': expected two values [lower, upper], found \(items.count)", at: reader.location(node), hint: "e.g. range: [0.5, 2]")
            return nil
        }
        guard let lower = value(items[0], key: "range", kind: kind), let upper = value(items[1], key: "range", kind: kind) else { return nil }
        guard lower < upper else {
            sink.error("'range': the lower bound must be less than the upper bound, found [\(NodeReader.format(lower)), \(NodeReader.format(upper))]",
                       at: reader.location(node), hint: "write the range as [lower, upper]; for a single value use levels: [\(NodeReader.format(lower))]")
            return nil
        }
        return .range(lower: lower, upper: upper)
    }

    private func levels(_ node: Node, kind: SweepFactor.ValueKind?) -> FactorDomain? {
        guard let items = reader.sequence(node, key: "levels") else { return nil }
        guard !items.isEmpty else {
            sink.error("'levels': expected at least one value", at: reader.location(node), hint: "e.g. levels: [1, 2, 4]")
            return nil
        }
        var values: [Double] = []
        var failed = false
        for item in items {
            guard let value = value(item, key: "levels", kind: kind) else { failed = true; continue }
            if values.contains(value) {
                sink.error("'levels': \(NodeReader.format(value)) is listed twice", at: reader.location(item), hint: "each level may appear once")
                failed = true
            }
            values.append(value)
        }
        return failed ? nil : .levels(values)
    }

    /// One value of a factor, checked against what the factor allows (when its path resolved).
    private func value(_ node: Node, key: String, kind: SweepFactor.ValueKind?) -> Double? {
        switch kind {
        case .integer(let minimum)?:
            return reader.integer(node, key: key, minimum: minimum).map(Double.init)
        case .scale?, .positive?:
            guard let value = reader.number(node, key: key) else { return nil }
            guard value > 0 else {
                let what = kind == .scale ? "a scale factor" : "a multiplier"
                sink.error("'\(key)': \(what) must be greater than 0, found \(NodeReader.format(value))", at: reader.location(node),
                           hint: kind == .scale ? "1 keeps the scenario's distribution; 0.5 halves every draw, 2 doubles it" : nil)
                return nil
            }
            return value
        case .probability?:
            guard let value = reader.number(node, key: key) else { return nil }
            guard value >= 0 && value <= 1 else {
                sink.error("'\(key)': a probability must lie between 0 and 1, found \(NodeReader.format(value))", at: reader.location(node))
                return nil
            }
            return value
        case nil:
            return reader.number(node, key: key)
        }
    }

    /// Checks that hold between the design and the factors.
    func check(design: Design, factors: [Factor]) {
        switch design.kind {
        case .fullFactorial?:
            var total = 1
            for factor in factors {
                guard let node = factor.valuesNode else { continue }
                if case .range? = factor.domain {
                    sink.error("a full-factorial design needs 'levels' for every factor; '\(factor.path.value)' has a range",
                               at: reader.location(node), hint: "list its values, e.g. levels: [1, 2, 4], or use a latin-hypercube or sobol design")
                } else if case .levels(let values)? = factor.domain {
                    total = total > Self.maximumPoints ? total : total * values.count
                }
            }
            if total > Self.maximumPoints {
                sink.error("the full-factorial design has more than \(Self.maximumPoints) points", at: design.location,
                           hint: "use fewer levels, or a latin-hypercube or sobol design")
            }
        case .sobol?:
            if factors.count > QuasiRandomSequence.maximumDimension {
                sink.error("a sobol design takes at most \(QuasiRandomSequence.maximumDimension) factors; this sweep has \(factors.count)",
                           at: design.kindNode.map(reader.location) ?? design.location, hint: "use a latin-hypercube design for more factors")
            }
        case .latinHypercube?, nil:
            break
        }
    }

    /// The key objectives (indices) named in `metrics`.
    func metrics(_ node: Node, exercise: Exercise?) -> [Int]? {
        guard let names = reader.references(node, key: "metrics") else { return nil }
        guard let exercise else { return nil }
        let ids = exercise.objectives.map(\.id)
        var indices: [Int] = []
        for name in names {
            guard let index = ids.firstIndex(of: name.value) else {
                sink.error("unknown objective '\(name.value)' in 'metrics'", at: name.location,
                           hint: Suggestions.hint(for: name.value, in: ids, fallback: Suggestions.list("objectives", ids)))
                continue
            }
            if !indices.contains(index) { indices.append(index) }
        }
        return indices
    }
}
