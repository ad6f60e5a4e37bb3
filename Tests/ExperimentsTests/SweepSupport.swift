import ExerciseModel
import Foundation
import ScenarioFormat
import Testing

/// Scenarios and files shared by the sweep tests.
enum SweepSupport {
    /// Two jurisdictions, a request through an instrument, a cooperation pair, fixed, drawn and
    /// relative inject times, and a threat: something for every kind of factor path.
    static let scenario = """
        exercise:
          name: factors
          start: 2026-03-02T08:00:00Z
          horizon: 30d
          lead: A-POL
        jurisdictions:
          - id: ARC
          - id: CAL
          - id: DEL
        agencies:
          - id: A-POL
            jurisdiction: ARC
            kind: police
            staff: 2
            capabilities:
              work: exponential(mean=2h)
              other: 1h
          - id: C-POL
            jurisdiction: CAL
            kind: police
            capabilities:
              work: exponential(mean=3h)
          - id: C-CA
            jurisdiction: CAL
            kind: central-authority
          - id: D-POL
            jurisdiction: DEL
            kind: police
        channels:
          - id: net
            connects: all
            latency: exponential(mean=10m)
            handling: 1h
            failure: {probability: 0.1, retry-after: 30m}
        instruments:
          - id: mla
            kind: mla
            parties: [ARC, CAL]
            serves: [information]
            dual-criminality: not-required
            draft: 1d
            transmission: 2d
            review: lognormal(median=5d, p95=20d)
            refusal: 0.1
        cooperation:
          - between: [ARC, CAL]
            willingness: 0.7
        injects:
          - id: START
            time: 2h
            to: A-POL
            triggers: [first]
          - id: LATER
            time: uniform(1d, 2d)
            to: A-POL
          - id: AFTER
            time: {after: START, delay: 1h}
            to: A-POL
        plan:
          - id: first
            capability: work
            performer: A-POL
          - id: ask
            capability: work
            performer: C-POL
            request: information
            requester: A-POL
            after: [first]
        objectives:
          - id: asked
            milestone: ask
            within: 10d
            capability: other
        threat:
          time: 20d
          disrupted-by: ask

        """

    static func exercise() throws -> Exercise {
        try ScenarioLoader.load(text: scenario, path: "factors.yaml").exercise
    }

    /// A fresh folder under the temporary directory, holding `factors.yaml`.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try scenario.write(to: url.appendingPathComponent("factors.yaml"), atomically: true, encoding: .utf8)
        return url
    }

    /// A sweep file over `factors.yaml` with the given design and factors sections.
    static func sweep(design: String = "{kind: latin-hypercube, points: 4}", factors: String, extra: String = "") -> String {
        """
        sweep:
          name: test sweep
          scenario: factors.yaml
          replications: 5
          seed: 3
        design: \(design)
        factors:
        \(factors)
        \(extra)
        """
    }

    /// The rendered diagnostics of loading `text` as a sweep file in `folder`.
    static func errors(_ text: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("sweep.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try SweepLoader.load(path: path)
            return ""
        } catch {
            return error.rendered.replacingOccurrences(of: folder.path + "/", with: "")
        }
    }
}
