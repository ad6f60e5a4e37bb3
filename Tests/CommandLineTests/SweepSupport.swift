import Foundation

/// Sweep files and output comparisons for the `jtx sweep` / `jtx merge` tests.
enum SweepFixtures {
    static var jtx: URL { BuiltProducts.debugDirectory.appendingPathComponent("jtx") }

    /// A fresh temporary folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jtx-sweep-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A Latin hypercube over the quickstart scenario, written to `folder/sweep.yaml`.
    static func quickstartSweep(in folder: URL, points: Int, replications: Int) throws -> String {
        let scenario = BuiltProducts.packageRoot.appendingPathComponent("scenarios/quickstart.yaml").path
        let text = """
            sweep:
              name: cli sweep
              scenario: \(scenario)
              replications: \(replications)
              seed: 5
            design: {kind: latin-hypercube, points: \(points)}
            factors:
              - {path: agencies.BOR-FIU.staff, range: [1, 3]}
              - {path: channels.egmont.handling, range: [0.5, 2]}
              - {path: agencies.ARC-PROS.work, range: [0.5, 2]}
            metrics: [funds-frozen]

            """
        let path = folder.appendingPathComponent("sweep.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let resultFiles = ["points.csv", "replications.csv", "sweep.json"]

    /// The three result files of an output folder.
    static func results(_ folder: URL) throws -> [Data] {
        try resultFiles.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
    }
}
