public import Experiments
public import Foundation

/// `sweep.json`: the sweep's description (name, scenario and sweep digests, seed, replications,
/// confidence, design kind, factors and every design point's values), the jtx version, and the
/// main effects of the factors on the key metrics. Sorted keys and no timestamp, so equal
/// sweeps give equal bytes.
public struct SweepDocument: Codable, Sendable, Equatable {
    /// Always "jtx-sweep".
    public var format = "jtx-sweep"
    public var formatVersion = 1
    public var jtxVersion: String
    public var sweep: SweepDescription
    public var mainEffects: [MainEffects]

    public init(jtxVersion: String, sweep: SweepDescription, mainEffects: [MainEffects]) {
        self.jtxVersion = jtxVersion
        self.sweep = sweep
        self.mainEffects = mainEffects
    }

    /// Pretty-printed JSON with sorted keys and snake_case names, ending with a newline.
    public func json() throws -> Data { try SweepJSON.encode(self, snakeCase: true) }

    /// The main effects of `records` (one per design point, in point order) on the key
    /// metrics: each key objective's probability met and mean elapsed hours, then the threat's
    /// probability of disruption.
    static func mainEffects(_ sweep: SweepDescription, records: [SweepPointRecord]) -> [MainEffects] {
        guard let first = records.first else { return [] }
        let paths = sweep.factors.map(\.path), domains = sweep.domains, points = records.map(\.values)
        func fit(_ metric: String, _ values: [Double?]) -> MainEffects {
            MainEffects.fit(metric: metric, paths: paths, domains: domains, points: points, values: values)
        }
        var result: [MainEffects] = []
        for id in sweep.keyObjectives {
            guard let index = first.summary.objectives.firstIndex(where: { $0.id == id }) else { continue }
            let probability = records.map { record -> Double? in
                record.summary.objectives.indices.contains(index) ? record.summary.objectives[index].probabilityMet : nil
            }
            let elapsed = records.map { record -> Double? in
                record.summary.objectives.indices.contains(index) ? record.summary.objectives[index].elapsedHours.mean : nil
            }
            result.append(fit("objective.\(id).probability_met", probability))
            result.append(fit("objective.\(id).elapsed_mean_hours", elapsed))
        }
        if first.summary.threat != nil {
            let disrupted = records.map { $0.summary.threat?.probabilityDisrupted }
            result.append(fit("threat.probability_disrupted", disrupted))
        }
        return result
    }
}

/// `points.csv`: one row per design point: `point`, the factor values (columns named by the
/// factor paths), then for each objective `objective.<id>.elapsed_mean_hours` with its t
/// interval (`…elapsed_mean_lower_hours`, `…elapsed_mean_upper_hours`), the quantiles
/// `…elapsed_p50_hours`, `…elapsed_p90_hours`, `…elapsed_p95_hours`, `…probability_met` with
/// its Wilson interval (`…probability_met_lower`, `…probability_met_upper`); with a threat,
/// `threat.probability_disrupted` and its Wilson interval. Empty cells: undefined (no
/// replication reached the milestone, or too few for an interval).
enum SweepPointsTable {
    static func header(_ sweep: SweepDescription, _ summary: RunSummary) -> [String] {
        var columns = ["point"] + sweep.factors.map(\.path)
        for objective in summary.objectives {
            let prefix = "objective.\(objective.id)."
            columns += ["elapsed_mean_hours", "elapsed_mean_lower_hours", "elapsed_mean_upper_hours",
                        "elapsed_p50_hours", "elapsed_p90_hours", "elapsed_p95_hours",
                        "probability_met", "probability_met_lower", "probability_met_upper"].map { prefix + $0 }
        }
        if summary.threat != nil {
            columns += ["threat.probability_disrupted", "threat.probability_disrupted_lower", "threat.probability_disrupted_upper"]
        }
        return columns
    }

    static func row(_ sweep: SweepDescription, _ record: SweepPointRecord) -> [String] {
        var cells = [String(record.point)] + factorCells(sweep, record.values)
        for objective in record.summary.objectives {
            let spread = objective.elapsedHours
            cells += [spread.mean, objective.elapsedMeanInterval?.lower, objective.elapsedMeanInterval?.upper,
                      spread.p50, spread.p90, spread.p95,
                      objective.probabilityMet, objective.probabilityMetInterval?.lower, objective.probabilityMetInterval?.upper].map(NumberFormat.cell)
        }
        if let threat = record.summary.threat {
            cells += [threat.probabilityDisrupted, threat.probabilityDisruptedInterval?.lower, threat.probabilityDisruptedInterval?.upper].map(NumberFormat.cell)
        }
        return cells
    }

    /// Factor values as cells: integers without a decimal point, others in the shortest exact form.
    static func factorCells(_ sweep: SweepDescription, _ values: [Double]) -> [String] {
        zip(sweep.factors, values).map { factor, value in
            if factor.kind == "integer", let whole = Int(exactly: value) { return String(whole) }
            return NumberFormat.cell(value)
        }
    }
}
