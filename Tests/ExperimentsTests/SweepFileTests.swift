import ExerciseModel
import Experiments
import Foundation
import ScenarioFormat
import Testing

/// Sweep files: every problem is reported with its position (pointing into the factor path at
/// the wrong part), a message and a hint, all before anything runs.
@Suite("Sweep files")
struct SweepFileTests {
    @Test("wrong paths, values, ranges, designs and metrics: located, with did-you-mean")
    func errors() throws {
        let folder = try SweepSupport.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            sweep:
              name: bad
              scenario: factors.yaml
            design: {kind: latin-hypercub, points: 4}
            factors:
              - path: agencies.A-PLO.staff
                range: [1, 3]
              - path: agencies.A-POL.staf
                range: [1, 3]
              - path: agencies.A-POL.staff
                range: [1.5, 3]
              - path: channels.net.latency
                range: [2, 0.5]
              - path: agencie.A-POL.staff
                levels: [1]
              - path: injects.AFTER.time
                range: [1, 2]
              - path: agencies.A-POL.work.othr
                range: [1, 2]
              - path: cooperation.ARC.ARC.willingness
                range: [0, 1]
              - path: channels.net.failure-probability
                levels: [0.5, 1.5]
            metrics: [askd]
            """
        let expected = """
            sweep.yaml:4:16: error: unknown design kind 'latin-hypercub'
            design: {kind: latin-hypercub, points: 4}
                           ^
            hint: did you mean 'latin-hypercube'?
            sweep.yaml:6:20: error: unknown agency 'A-PLO'
              - path: agencies.A-PLO.staff
                               ^
            hint: did you mean 'A-POL'?
            sweep.yaml:8:26: error: unknown agency factor 'staf'
              - path: agencies.A-POL.staf
                                     ^
            hint: did you mean 'staff'?
            sweep.yaml:11:13: error: 'range': expected an integer, found a number
                range: [1.5, 3]
                        ^
            sweep.yaml:13:12: error: 'range': the lower bound must be less than the upper bound, found [2, 0.5]
                range: [2, 0.5]
                       ^
            hint: write the range as [lower, upper]; for a single value use levels: [2]
            sweep.yaml:14:11: error: unknown factor path section 'agencie'
              - path: agencie.A-POL.staff
                      ^
            hint: did you mean 'agencies'?
            sweep.yaml:16:25: error: inject 'AFTER' is timed after 'START'; only fixed or drawn times can be scaled
              - path: injects.AFTER.time
                                    ^
            hint: scale 'START''s time instead, or give 'AFTER' a time of its own
            sweep.yaml:18:31: error: agency 'A-POL' has no capability 'othr'
              - path: agencies.A-POL.work.othr
                                          ^
            hint: did you mean 'other'?
            sweep.yaml:20:27: error: a jurisdiction cannot cooperate with itself ('ARC')
              - path: cooperation.ARC.ARC.willingness
                                      ^
            hint: name two different jurisdictions
            sweep.yaml:23:19: error: 'levels': a probability must lie between 0 and 1, found 1.5
                levels: [0.5, 1.5]
                              ^
            sweep.yaml:24:11: error: unknown objective 'askd' in 'metrics'
            metrics: [askd]
                      ^
            hint: did you mean 'asked'?
            """
        #expect(try SweepSupport.errors(text, in: folder) == expected)
    }

    @Test("design rules: levels for full factorials, points for the others, at most 40 Sobol factors")
    func designRules() throws {
        let folder = try SweepSupport.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let factorial = try SweepSupport.errors(SweepSupport.sweep(design: "{kind: full-factorial, points: 3}",
                                                                   factors: "  - {path: threat.time, range: [1, 2]}"), in: folder)
        #expect(factorial == """
            sweep.yaml:6:40: error: 'points' is not used by a full-factorial design
            design: {kind: full-factorial, points: 3}
                                                   ^
            hint: its points are every combination of the factors' levels; remove 'points'
            """)
        let ranged = try SweepSupport.errors(SweepSupport.sweep(design: "{kind: full-factorial}",
                                                                factors: "  - {path: threat.time, range: [1, 2]}"), in: folder)
        #expect(ranged.hasPrefix("sweep.yaml:8:32: error: a full-factorial design needs 'levels' for every factor; 'threat.time' has a range"))
        let pointless = try SweepSupport.errors(SweepSupport.sweep(design: "{kind: sobol}", factors: "  - {path: threat.time, range: [1, 2]}"), in: folder)
        #expect(pointless.hasPrefix("sweep.yaml:6:9: error: missing required key 'points' in the design"))
        let many = (0..<41).map { "  - {path: agencies.A-POL.work, levels: [\($0 + 1)]}" }.joined(separator: "\n")
        let sobol = try SweepSupport.errors(SweepSupport.sweep(design: "{kind: sobol, points: 8}", factors: many), in: folder)
        #expect(sobol.contains("sweep.yaml:6:16: error: a sobol design takes at most 40 factors; this sweep has 41"))
        #expect(sobol.contains("error: factor 'agencies.A-POL.work' is given twice (first at line 8)"))
    }

    @Test("a missing scenario is reported at its path, a broken one with its own errors")
    func scenarioProblems() throws {
        let folder = try SweepSupport.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = SweepSupport.sweep(factors: "  - {path: threat.time, range: [1, 2]}").replacingOccurrences(of: "factors.yaml", with: "nowhere.yaml")
        #expect(try SweepSupport.errors(missing, in: folder) == """
            sweep.yaml:3:13: error: cannot read the scenario 'nowhere.yaml': No such file or directory
              scenario: nowhere.yaml
                        ^
            hint: the scenario's path is relative to the sweep file's folder
            """)
        try "exercise: {name: broken}\n".write(to: folder.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let broken = SweepSupport.sweep(factors: "  - {path: threat.time, range: [1, 2]}").replacingOccurrences(of: "factors.yaml", with: "broken.yaml")
        let rendered = try SweepSupport.errors(broken, in: folder)
        #expect(rendered.hasPrefix("sweep.yaml:3:13: error: the scenario 'broken.yaml' is not valid (its errors follow)"))
        #expect(rendered.contains("broken.yaml:1:11: error: missing required key 'start'"))
    }

    @Test("defaults come from the scenario; the digest covers both files")
    func defaults() throws {
        let folder = try SweepSupport.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = """
            sweep: {name: defaults, scenario: factors.yaml}
            design: {kind: sobol, points: 3}
            factors:
              - {path: channels.net.failure-probability, levels: [0, 0.5]}
            """
        let path = folder.appendingPathComponent("sweep.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try SweepLoader.load(path: path)
        #expect(loaded.specification.replications == 100 && loaded.specification.seed == 1)
        #expect(loaded.specification.keyObjectives == [0])
        #expect(loaded.specification.factors[0].domain == .levels([0, 0.5]))
        let other = try SweepLoader.load(text: text + "\n", path: path)
        #expect(other.digest != loaded.digest)
    }
}

/// The shipped example sweep loads, with the design documented in its header.
@Suite("The shipped example sweep")
struct ShippedSweepTests {
    @Test("grey-heron-sweep.yaml: six factors, a 32-point Latin hypercube, balanced staff levels")
    func example() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let loaded = try SweepLoader.load(path: root.appendingPathComponent("scenarios/sweeps/grey-heron-sweep.yaml").path)
        #expect(loaded.specification.factors.count == 6)
        #expect(loaded.specification.design == .latinHypercube(points: 32))
        #expect(loaded.specification.replications == 500 && loaded.specification.seed == 7)
        #expect(loaded.scenario.exercise.name == "GREY HERON")
        let design = try Experiments.SweepDesign(loaded.specification)
        for staff in [1.0, 2, 3, 4] { #expect(design.points.filter { $0[0] == staff }.count == 8) }
    }
}
